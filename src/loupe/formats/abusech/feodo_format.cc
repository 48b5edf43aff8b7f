#include "loupe/formats/abusech/feodo_format.h"

#include <algorithm>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/formats/abusech/abusech_csv.h"
#include "loupe/model/category.h"

namespace loupe {
namespace {

enum Column { kFirstSeen, kIp, kPort, kStatus, kLastOnline, kMalware, kColumns };

// The IP and port come in two columns; ParseIndicator takes them as one "ip:port" text so
// that the port is validated exactly as everywhere else. The IP is parsed alone first, so
// that a failure of the pair is the port's.
absl::StatusOr<Indicator> ParseEndpoint(std::string_view ip, std::string_view port) {
  const bool v6 = ip.find(':') != std::string_view::npos;
  const IndicatorType type = v6 ? IndicatorType::kIpv6 : IndicatorType::kIpv4;
  ASSIGN_OR_RETURN(Indicator address, abusech::ParseIndicatorColumn("dst_ip", type, ip));
  if (abusech::IsNoValue(port)) return address;
  std::string text =
      v6 ? fmt::format("[{}]:{}", address.value, port) : fmt::format("{}:{}", address.value, port);
  return abusech::ParseIndicatorColumn("dst_port", type, text);
}

class FeodoParser : public FeedParser {
 public:
  bool line_oriented() const override { return true; }
  absl::Status ParseLine(std::string_view line, RecordSink& sink) override {
    return EmitLineResult(ParseFeodoLine(line), sink);
  }
};

}  // namespace

absl::StatusOr<std::optional<IndicatorRecord>> ParseFeodoLine(std::string_view line) {
  ASSIGN_OR_RETURN(auto row, abusech::SplitRow(line, "first_seen_utc", kColumns));
  if (!row) return std::nullopt;
  const std::vector<std::string>& f = *row;
  IndicatorRecord record;
  ASSIGN_OR_RETURN(record.indicator, ParseEndpoint(f[kIp], f[kPort]));
  ASSIGN_OR_RETURN(record.first_seen, abusech::ParseTimeColumn("first_seen_utc", f[kFirstSeen]));
  ASSIGN_OR_RETURN(record.last_seen, abusech::ParseTimeColumn("last_online", f[kLastOnline]));
  record.last_seen = std::max(record.last_seen, record.first_seen);
  record.categories = CategoryBit(Category::kC2) | CategoryBit(Category::kBotnet);
  abusech::AddLabel(f[kMalware], record.labels);
  record.confidence = abusech::ConfidenceForStatus(f[kStatus]);
  return record;
}

std::unique_ptr<FeedParser> MakeFeodoParser() { return std::make_unique<FeodoParser>(); }

}  // namespace loupe
