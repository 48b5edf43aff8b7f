#include "loupe/formats/abusech/threatfox_ioc.h"

#include <algorithm>
#include <charconv>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/formats/abusech/abusech_csv.h"
#include "loupe/model/category.h"

namespace loupe::abusech {
namespace {

struct TypeName {
  std::string_view name;
  std::optional<IndicatorType> type;  // nullopt: an IP, v4 or v6
};

constexpr TypeName kTypes[] = {
    {"ip:port", std::nullopt},           {"domain", IndicatorType::kDomain},
    {"url", IndicatorType::kUrl},        {"md5_hash", IndicatorType::kMd5},
    {"sha1_hash", IndicatorType::kSha1}, {"sha256_hash", IndicatorType::kSha256},
};

// "ip:port" is IPv6 when bracketed or with several colons ("[2a0e::1]:3000"), else IPv4.
IndicatorType IpTypeOf(std::string_view value) {
  return value.starts_with('[') || std::count(value.begin(), value.end(), ':') > 1
             ? IndicatorType::kIpv6
             : IndicatorType::kIpv4;
}

// When the value is valid as another type ("http://a.com" under "domain"), saying so is
// clearer than the reason it fails as the declared one.
absl::StatusOr<Indicator> ParseValue(std::string_view ioc_type, std::optional<IndicatorType> type,
                                     std::string_view value) {
  const IndicatorType want = type ? *type : IpTypeOf(value);
  absl::StatusOr<Indicator> indicator = ParseIndicatorColumn("ioc_value", want, value);
  if (indicator.ok()) return indicator;
  absl::StatusOr<Indicator> other = ParseIndicator(value);
  if (other.ok() && other->type != want) {
    return absl::InvalidArgumentError(fmt::format("ioc_value: \"{}\" is a {}, but ioc_type is {}",
                                                  other->value, IndicatorTypeName(other->type),
                                                  ioc_type));
  }
  return indicator;
}

CategorySet ThreatCategories(std::string_view threat, std::vector<std::string>& labels) {
  if (threat == "botnet_cc") return CategoryBit(Category::kC2) | CategoryBit(Category::kBotnet);
  if (threat == "payload_delivery") return CategoryBit(Category::kPayloadDelivery);
  if (threat == "payload") return CategoryBit(Category::kMalware);
  if (IsNoValue(threat)) return CategoryBit(Category::kMalicious);
  if (auto c = CategoryFromName(threat)) return CategoryBit(*c);
  labels.emplace_back(threat);
  return CategoryBit(Category::kMalicious);
}

absl::StatusOr<std::optional<uint8_t>> ParseConfidence(std::string_view text) {
  if (IsNoValue(text)) return std::nullopt;
  int c = -1;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), c);
  if (ec != std::errc() || ptr != text.data() + text.size() || c < 0 || c > 100) {
    return absl::InvalidArgumentError(
        fmt::format("confidence_level: \"{}\" is not a number 0-100", text));
  }
  return static_cast<uint8_t>(c);
}

}  // namespace

absl::StatusOr<std::optional<IndicatorRecord>> MapThreatFoxIoc(const ThreatFoxIoc& ioc) {
  const TypeName* type = std::find_if(std::begin(kTypes), std::end(kTypes),
                                      [&](const TypeName& t) { return t.name == ioc.type; });
  if (type == std::end(kTypes)) return std::nullopt;
  IndicatorRecord record;
  ASSIGN_OR_RETURN(record.indicator, ParseValue(ioc.type, type->type, ioc.value));
  ASSIGN_OR_RETURN(record.first_seen, ParseTimeColumn("first_seen_utc", ioc.first_seen));
  ASSIGN_OR_RETURN(record.last_seen, ParseTimeColumn("last_seen_utc", ioc.last_seen));
  record.last_seen = std::max(record.last_seen, record.first_seen);
  ASSIGN_OR_RETURN(record.confidence, ParseConfidence(ioc.confidence));
  record.categories = ThreatCategories(ioc.threat_type, record.labels);
  if (ioc.malware != "unknown" && !IsNoValue(ioc.malware_printable) &&
      ioc.malware_printable != "Unknown malware") {
    AddLabel(ioc.malware_printable, record.labels);
  }
  AddLabels(ioc.malware_alias, record.labels);
  AddLabels(ioc.tags, record.labels);
  if (!IsNoValue(ioc.reference)) {
    record.reference = std::string(ioc.reference);
  } else if (!IsNoValue(ioc.id)) {
    record.reference = fmt::format("https://threatfox.abuse.ch/ioc/{}/", ioc.id);
  }
  return record;
}

}  // namespace loupe::abusech
