#include "loupe/ingest/ingester.h"

#include <filesystem>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/ingest/evidence_writer.h"
#include "loupe/ingest/line_reader.h"
#include "loupe/ingest/list_format.h"

namespace loupe {
namespace {

constexpr uint64_t kProgressEveryLines = 1 << 16;

uint64_t TotalBytes(const std::vector<std::string>& files) {
  uint64_t total = 0;
  for (const auto& f : files) {
    std::error_code ec;
    auto size = std::filesystem::file_size(f, ec);
    if (!ec) total += size;
  }
  return total;
}

class FileIngest {
 public:
  FileIngest(const IngestOptions& options, EvidenceWriter& writer, IngestReport& report)
      : options_(options), writer_(writer), report_(report) {}

  absl::Status Run(const std::string& path, uint64_t& bytes_before, uint64_t total_bytes) {
    ASSIGN_OR_RETURN(auto reader, LineReader::Open(path));
    CsvFormat csv(options_.csv);
    std::string_view line;
    bool too_long;
    while (reader->Next(line, too_long)) {
      ++report_.lines;
      if (too_long) {
        Reject(path, reader->line_number(), "line longer than 1 MiB");
      } else {
        auto record =
            options_.format == FeedFormat::kCsv ? csv.ParseLine(line) : ParseListLine(line);
        if (record.status().code() == absl::StatusCode::kFailedPrecondition) {
          return record.status();
        }
        if (!record.ok()) {
          Reject(path, reader->line_number(), std::string(record.status().message()));
        } else if (!record->has_value()) {
          ++report_.skipped;
        } else {
          ++report_.accepted;
          RETURN_IF_ERROR(writer_.Add(**record, reader->line_number()));
        }
      }
      if (options_.on_progress && reader->line_number() % kProgressEveryLines == 0) {
        options_.on_progress(bytes_before + reader->bytes_read(), total_bytes);
      }
    }
    RETURN_IF_ERROR(reader->status());
    // Each file ends its own changeset so that commit positions name one file.
    RETURN_IF_ERROR(writer_.Flush());
    bytes_before += reader->bytes_read();
    if (options_.on_progress) options_.on_progress(bytes_before, total_bytes);
    return absl::OkStatus();
  }

 private:
  void Reject(const std::string& path, uint64_t line, std::string reason) {
    ++report_.rejected;
    if (report_.errors.size() < options_.max_errors_kept) {
      report_.errors.push_back({path, line, std::move(reason)});
    }
  }

  const IngestOptions& options_;
  EvidenceWriter& writer_;
  IngestReport& report_;
};

absl::StatusOr<EvidenceDefaults> Defaults(ObjectStore& store, const IngestOptions& options) {
  if (options.now == 0) return absl::InvalidArgumentError("ingest needs the run's time");
  if (options.reliability > 100 || options.confidence > 100) {
    return absl::InvalidArgumentError("reliability and confidence are 0-100");
  }
  EvidenceDefaults defaults;
  ASSIGN_OR_RETURN(defaults.source, store.EnsureSource(options.source, options.reliability));
  for (const auto& word : options.categories) {
    auto category = CategoryFromName(word);
    if (!category) return absl::InvalidArgumentError(fmt::format("unknown category \"{}\"", word));
    defaults.categories |= CategoryBit(*category);
  }
  defaults.confidence = options.confidence;
  defaults.now = options.now;
  return defaults;
}

}  // namespace

absl::StatusOr<FeedFormat> FeedFormatFromName(std::string_view name) {
  if (name == "list") return FeedFormat::kList;
  if (name == "csv") return FeedFormat::kCsv;
  return absl::InvalidArgumentError(fmt::format("unknown format \"{}\" (list, csv)", name));
}

absl::StatusOr<IngestReport> IngestFiles(ObjectStore& store, const std::vector<std::string>& files,
                                         const IngestOptions& options) {
  ASSIGN_OR_RETURN(EvidenceDefaults defaults, Defaults(store, options));
  IngestReport report;
  std::string current_file;
  EvidenceWriter writer(store, defaults, fmt::format("ingest:{}", options.source),
                        options.batch_ops, [&](uint64_t seq, uint64_t line) {
                          if (options.on_commit) options.on_commit(seq, current_file, line);
                        });
  FileIngest ingest(options, writer, report);
  uint64_t bytes = 0, total = TotalBytes(files);
  for (const auto& file : files) {
    current_file = file;
    RETURN_IF_ERROR(ingest.Run(file, bytes, total));
  }
  report.changesets = writer.commits();
  return report;
}

}  // namespace loupe
