// Reads feed files in any registered format into the store, streaming: line formats in
// constant memory, document formats one document at a time. Bad records are counted and
// reported with their positions; they never stop a run. Environment failures (unreadable
// file, store errors) do.
#ifndef LOUPE_INGEST_INGESTER_H_
#define LOUPE_INGEST_INGESTER_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/formats/registry.h"
#include "loupe/store/object_store.h"

namespace loupe {

struct IngestOptions {
  std::string format;  // a registry name; empty: detected per file
  FormatOptions format_options;
  std::string source = "manual";
  uint8_t reliability = 50;
  std::vector<std::string> categories;  // category words added to every record
  uint8_t confidence = 100;
  UnixSeconds now = 0;           // required: the run's time
  size_t batch_ops = 1 << 19;    // ops per changeset; SIZE_MAX: one changeset for the run
  size_t max_errors_kept = 100;  // errors beyond this are counted, not kept
  // Where a changeset larger than EvidenceWriter::kChangesetSpillBytes spills (an existing
  // directory); empty: changesets stay in memory.
  std::string spill_dir;
  // When set, receives the encoded key of every object the run gave evidence for
  // (snapshot sources use it to expire what left the feed).
  std::function<void(std::string_view key)> on_indicator;
  // Called with the pending changeset just before the run's last commit, to add ops that
  // must land atomically with it (expiries). An error fails the run before that commit.
  std::function<absl::Status(Changeset&)> before_last_commit;
  // Progress: bytes read so far and total bytes (0 when unknown), across all files.
  std::function<void(uint64_t, uint64_t)> on_progress;
  // After every commit: sequence number, file, position of the last record in it.
  std::function<void(uint64_t, const std::string&, uint64_t)> on_commit;
};

struct IngestError {
  std::string file;
  uint64_t position = 0;  // line number, or record index in a document
  std::string reason;
};

struct IngestReport {
  uint64_t records = 0;  // accepted + rejected + skipped
  uint64_t accepted = 0;
  uint64_t rejected = 0;
  uint64_t skipped = 0;  // blank lines, comments, headers, records of no interest
  uint64_t indicators = 0, relations = 0, attributes = 0, observations = 0;
  uint64_t changesets = 0;
  std::vector<std::string> formats;  // per file, as used (detected or given)
  std::vector<IngestError> errors;   // the first max_errors_kept rejections
};

// InvalidArgument for a bad option, an unknown format or one that cannot be detected;
// FailedPrecondition for a CSV mapping that does not fit the file.
absl::StatusOr<IngestReport> IngestFiles(ObjectStore& store, const std::vector<std::string>& files,
                                         const IngestOptions& options);

}  // namespace loupe

#endif  // LOUPE_INGEST_INGESTER_H_
