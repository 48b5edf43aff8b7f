// Ingestion v0: plain lists and CSV files into the store, streaming with constant memory.
// Bad records are counted and reported with their line numbers; they never stop a run.
// Environment failures (unreadable file, store errors) do.
#ifndef LOUPE_INGEST_INGESTER_H_
#define LOUPE_INGEST_INGESTER_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/ingest/csv_format.h"
#include "loupe/store/object_store.h"

namespace loupe {

enum class FeedFormat { kList, kCsv };
absl::StatusOr<FeedFormat> FeedFormatFromName(std::string_view name);

struct IngestOptions {
  FeedFormat format = FeedFormat::kList;
  CsvMappingSpec csv;
  std::string source = "manual";
  uint8_t reliability = 50;
  std::vector<std::string> categories;  // words; unknown words become labels
  uint8_t confidence = 100;
  UnixSeconds now = 0;           // required: the run's time
  size_t batch_ops = 1 << 19;    // ops per changeset
  size_t max_errors_kept = 100;  // errors beyond this are counted, not kept
  // Progress: bytes read so far and total bytes (0 when unknown), across all files.
  std::function<void(uint64_t, uint64_t)> on_progress;
  // After every commit: sequence number, file, line of the last record in it.
  std::function<void(uint64_t, const std::string&, uint64_t)> on_commit;
};

struct IngestError {
  std::string file;
  uint64_t line = 0;
  std::string reason;
};

struct IngestReport {
  uint64_t lines = 0;
  uint64_t accepted = 0;
  uint64_t rejected = 0;
  uint64_t skipped = 0;  // blank lines, comments, headers
  uint64_t changesets = 0;
  std::vector<IngestError> errors;  // the first max_errors_kept rejections
};

// InvalidArgument for a bad option (unknown category handling is not an error);
// FailedPrecondition for a CSV mapping that does not fit the file.
absl::StatusOr<IngestReport> IngestFiles(ObjectStore& store, const std::vector<std::string>& files,
                                         const IngestOptions& options);

}  // namespace loupe

#endif  // LOUPE_INGEST_INGESTER_H_
