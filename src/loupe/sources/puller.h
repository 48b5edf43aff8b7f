// One pull of one source: fetch (or read) its location, unpack archives, pick the files,
// and ingest them as ONE changeset, so a pull lands whole or not at all. A snapshot
// source's changeset also expires the objects that left the list since the last pull
// (their evidence gets expired_at; objects and history stay).
//
// A pull changes nothing when the content is the same as last time: an HTTP 304 to the
// conditional request, or the same SHA-256 digest of the inputs. So running the same
// pull twice is idempotent.
//
// Memory: the pull's changeset is built in memory before its commit (about 60-100 bytes a
// record), the price of atomicity; `loupe ingest` streams in bounded batches instead.
#ifndef LOUPE_SOURCES_PULLER_H_
#define LOUPE_SOURCES_PULLER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/ingest/ingester.h"
#include "loupe/sources/fetcher.h"
#include "loupe/sources/source_registry.h"
#include "loupe/sources/source_state.h"
#include "loupe/store/object_store.h"

namespace loupe {

struct PullOptions {
  UnixSeconds now = 0;   // required
  bool force = false;    // ingest even when the content did not change
  std::string work_dir;  // downloads and unpacked archives (removed after the pull)
  FetchRequest http;     // timeouts, retries, size limit (url and validators are set per pull)
  std::function<void(uint64_t, uint64_t)> on_progress;
};

struct PullReport {
  std::string source;
  std::string outcome;  // "updated", "unchanged", "not-modified"
  std::vector<std::string> files;
  IngestReport ingest;
  uint64_t expired = 0;
  uint64_t sequence = 0;  // of the committed changeset (0 when nothing was committed)
};

// Pulls `config` (from `registry`, for relative locations). A failure is also recorded in
// the source's state (last_error, failures) before it is returned: NotFound for a missing
// location, the fetcher's errors for HTTP, InvalidArgument for a bad archive or format.
absl::StatusOr<PullReport> PullSource(ObjectStore& store, const SourceRegistry& registry,
                                      const SourceConfig& config, const SourceStateStore& states,
                                      Fetcher& fetcher, const PullOptions& options);

// The files a local location names: the file itself, or a directory's regular files
// (recursively, sorted) whose relative path matches one of `include` (fnmatch; every file
// when empty).
absl::StatusOr<std::vector<std::string>> ListInputs(const std::string& location,
                                                    const std::vector<std::string>& include);

}  // namespace loupe

#endif  // LOUPE_SOURCES_PULLER_H_
