#include "loupe/ingest/ingester.h"

#include <filesystem>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/ingest/evidence_writer.h"
#include "loupe/model/object_key.h"

namespace loupe {
namespace {

uint64_t TotalBytes(const std::vector<std::string>& files) {
  uint64_t total = 0;
  for (const auto& f : files) {
    std::error_code ec;
    auto size = std::filesystem::file_size(f, ec);
    if (!ec) total += size;
  }
  return total;
}

// Counts what parsers report and hands it to the writer.
class IngestSink : public RecordSink {
 public:
  IngestSink(const IngestOptions& options, EvidenceWriter& writer, IngestReport& report)
      : options_(options), writer_(writer), report_(report) {}

  void set_file(const std::string& file) { file_ = file; }

  absl::Status AddIndicator(const IndicatorRecord& record) override {
    Accept(report_.indicators);
    if (options_.on_indicator) {
      key_.clear();
      AppendObjectKey(key_, record.indicator);
      options_.on_indicator(key_);
    }
    return writer_.Add(record, position());
  }
  absl::Status AddRelation(const Indicator& from, RelationType type, const Indicator& to,
                           const RelationStats& stats) override {
    Accept(report_.relations);
    return writer_.AddRelation(from, type, to, stats, position());
  }
  absl::Status SetAttribute(const Indicator& object, AttributeKind kind, std::string_view item,
                            std::string_view value) override {
    Accept(report_.attributes);
    return writer_.SetAttribute(object, kind, item, value, position());
  }
  absl::Status Observe(const Indicator& object, uint64_t hits, UnixSeconds time) override {
    Accept(report_.observations);
    return writer_.Observe(object, hits, time, position());
  }
  void Reject(std::string_view reason) override {
    ++report_.rejected;
    ++report_.records;
    if (report_.errors.size() < options_.max_errors_kept) {
      report_.errors.push_back({file_, position(), std::string(reason)});
    }
  }
  void Skip() override {
    ++report_.skipped;
    ++report_.records;
  }

 private:
  // A record may yield several items (an indicator and its relations); it counts once.
  void Accept(uint64_t& kind) {
    ++kind;
    if (position() != last_accepted_ || file_ != last_file_) {
      ++report_.accepted;
      ++report_.records;
      last_accepted_ = position();
      last_file_ = file_;
    }
  }

  const IngestOptions& options_;
  EvidenceWriter& writer_;
  IngestReport& report_;
  std::string file_, last_file_, key_;
  uint64_t last_accepted_ = 0;
};

absl::StatusOr<EvidenceDefaults> Defaults(ObjectStore& store, const IngestOptions& options) {
  if (options.now == 0) return absl::InvalidArgumentError("ingest needs the run's time");
  if (options.reliability > 100 || options.confidence > 100) {
    return absl::InvalidArgumentError("reliability and confidence are 0-100");
  }
  EvidenceDefaults defaults;
  for (const auto& word : options.categories) {
    auto category = CategoryFromName(word);
    if (!category) return absl::InvalidArgumentError(fmt::format("unknown category \"{}\"", word));
    defaults.categories |= CategoryBit(*category);
  }
  ASSIGN_OR_RETURN(defaults.source, store.EnsureSource(options.source, options.reliability));
  defaults.confidence = options.confidence;
  defaults.now = options.now;
  return defaults;
}

absl::StatusOr<std::string> FormatOf(const std::string& file, const IngestOptions& options) {
  if (!options.format.empty()) return options.format;
  if (file == "-") return absl::InvalidArgumentError("reading stdin needs --format");
  return DetectFileFormat(file);
}

}  // namespace

absl::StatusOr<IngestReport> IngestFiles(ObjectStore& store, const std::vector<std::string>& files,
                                         const IngestOptions& options) {
  // Resolve every file's parser before writing anything: a bad format name fails the run
  // before it starts.
  std::vector<std::unique_ptr<FeedParser>> parsers;
  IngestReport report;
  for (const auto& file : files) {
    ASSIGN_OR_RETURN(std::string format, FormatOf(file, options));
    ASSIGN_OR_RETURN(auto parser, MakeParser(format, options.format_options));
    parsers.push_back(std::move(parser));
    report.formats.push_back(std::move(format));
  }
  ASSIGN_OR_RETURN(EvidenceDefaults defaults, Defaults(store, options));
  std::string current_file;
  EvidenceWriter writer(
      store, defaults, fmt::format("ingest:{}", options.source), options.batch_ops,
      [&](uint64_t seq, uint64_t position) {
        if (options.on_commit) options.on_commit(seq, current_file, position);
      },
      options.spill_dir);
  IngestSink sink(options, writer, report);
  uint64_t bytes = 0, total = TotalBytes(files);
  for (size_t i = 0; i < files.size(); ++i) {
    current_file = files[i];
    sink.set_file(files[i]);
    RETURN_IF_ERROR(ParseFile(*parsers[i], files[i], sink, [&](uint64_t done) {
      if (options.on_progress) options.on_progress(bytes + done, total);
    }));
    std::error_code ec;
    auto size = std::filesystem::file_size(files[i], ec);
    if (!ec) bytes += size;
    // Each file ends its own changeset so that commit positions name one file, unless
    // the run is one changeset.
    if (i + 1 < files.size() && options.batch_ops != SIZE_MAX) RETURN_IF_ERROR(writer.Flush());
  }
  if (options.before_last_commit) RETURN_IF_ERROR(options.before_last_commit(writer.pending()));
  RETURN_IF_ERROR(writer.Flush());
  report.changesets = writer.commits();
  return report;
}

}  // namespace loupe
