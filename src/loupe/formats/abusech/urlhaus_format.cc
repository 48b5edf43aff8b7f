#include "loupe/formats/abusech/urlhaus_format.h"

#include <algorithm>

#include "loupe/base/status_macros.h"
#include "loupe/formats/abusech/abusech_csv.h"
#include "loupe/model/category.h"

namespace loupe {
namespace {

enum Column {
  kId,
  kDateAdded,
  kUrl,
  kUrlStatus,
  kLastOnline,
  kThreat,
  kTags,
  kLink,
  kReporter,
  kColumns
};

CategorySet ThreatCategories(std::string_view threat, std::vector<std::string>& labels) {
  CategorySet set = CategoryBit(Category::kMalware);
  if (threat == "malware_download") return set | CategoryBit(Category::kPayloadDelivery);
  if (abusech::IsNoValue(threat)) return set;
  if (auto c = CategoryFromName(threat)) return set | CategoryBit(*c);
  abusech::AddLabel(threat, labels);
  return set;
}

class UrlhausParser : public FeedParser {
 public:
  bool line_oriented() const override { return true; }
  absl::Status ParseLine(std::string_view line, RecordSink& sink) override {
    return EmitLineResult(ParseUrlhausLine(line), sink);
  }
};

}  // namespace

absl::StatusOr<std::optional<IndicatorRecord>> ParseUrlhausLine(std::string_view line) {
  ASSIGN_OR_RETURN(auto row, abusech::SplitRow(line, "id", kColumns));
  if (!row) return std::nullopt;
  const std::vector<std::string>& f = *row;
  IndicatorRecord record;
  ASSIGN_OR_RETURN(record.indicator,
                   abusech::ParseIndicatorColumn("url", IndicatorType::kUrl, f[kUrl]));
  ASSIGN_OR_RETURN(record.first_seen, abusech::ParseTimeColumn("dateadded", f[kDateAdded]));
  ASSIGN_OR_RETURN(record.last_seen, abusech::ParseTimeColumn("last_online", f[kLastOnline]));
  record.last_seen = std::max(record.last_seen, record.first_seen);
  record.categories = ThreatCategories(f[kThreat], record.labels);
  abusech::AddLabels(f[kTags], record.labels);
  if (!abusech::IsNoValue(f[kLink])) record.reference = f[kLink];
  record.confidence = abusech::ConfidenceForStatus(f[kUrlStatus]);
  return record;
}

std::unique_ptr<FeedParser> MakeUrlhausParser() { return std::make_unique<UrlhausParser>(); }

}  // namespace loupe
