#include "loupe/formats/abusech/threatfox_format.h"

#include "loupe/base/status_macros.h"
#include "loupe/formats/abusech/abusech_csv.h"
#include "loupe/formats/abusech/threatfox_ioc.h"

namespace loupe {
namespace {

enum Column {
  kFirstSeen,
  kIocId,
  kIocValue,
  kIocType,
  kThreatType,
  kFkMalware,
  kMalwareAlias,
  kMalwarePrintable,
  kLastSeen,
  kConfidence,
  kReference,
  kTags,
  kAnonymous,
  kReporter,
  kColumns
};

class ThreatFoxParser : public FeedParser {
 public:
  bool line_oriented() const override { return true; }
  absl::Status ParseLine(std::string_view line, RecordSink& sink) override {
    return EmitLineResult(ParseThreatFoxLine(line), sink);
  }
};

}  // namespace

absl::StatusOr<std::optional<IndicatorRecord>> ParseThreatFoxLine(std::string_view line) {
  ASSIGN_OR_RETURN(auto row, abusech::SplitRow(line, "first_seen_utc", kColumns));
  if (!row) return std::nullopt;
  const std::vector<std::string>& f = *row;
  abusech::ThreatFoxIoc ioc{.id = f[kIocId],
                            .value = f[kIocValue],
                            .type = f[kIocType],
                            .threat_type = f[kThreatType],
                            .malware = f[kFkMalware],
                            .malware_alias = f[kMalwareAlias],
                            .malware_printable = f[kMalwarePrintable],
                            .first_seen = f[kFirstSeen],
                            .last_seen = f[kLastSeen],
                            .confidence = f[kConfidence],
                            .reference = f[kReference],
                            .tags = f[kTags]};
  return abusech::MapThreatFoxIoc(ioc);
}

std::unique_ptr<FeedParser> MakeThreatFoxParser() { return std::make_unique<ThreatFoxParser>(); }

}  // namespace loupe
