// One ThreatFox IOC as both ThreatFox exports (CSV and JSON) carry it, and its mapping to an
// indicator record. Shared by the "threatfox" and "threatfox-json" formats. Pure,
// thread-safe.
//
// Mapping (https://threatfox.abuse.ch/api/ documents the fields):
// - ioc_type "ip:port" -> IPv4/IPv6 with port, "domain", "url", "md5_hash", "sha1_hash",
//   "sha256_hash" -> that type; any other type is skipped (ThreatFox may add types);
// - threat_type "botnet_cc" -> c2 + botnet, "payload_delivery" -> payload_delivery,
//   "payload" -> malware; another word maps with CategoryFromName, or else to malicious
//   with the word kept as a label;
// - labels: malware_printable (not "Unknown malware", ThreatFox's name for malware
//   "unknown"), then each alias of malware_alias, then each tag, without duplicates;
// - confidence = confidence_level (0-100); absent: the run's confidence;
// - first_seen = first_seen_utc, last_seen = last_seen_utc or first_seen when null;
// - reference = the reference column, or https://threatfox.abuse.ch/ioc/<id>/ without one.
// Not kept: fk_malware (the Malpedia name), anonymous, reporter.
#ifndef LOUPE_FORMATS_ABUSECH_THREATFOX_IOC_H_
#define LOUPE_FORMATS_ABUSECH_THREATFOX_IOC_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "loupe/feed/record.h"

namespace loupe::abusech {

// Views into the caller's text; fields with no value are empty (or "None"/"n/a").
struct ThreatFoxIoc {
  std::string_view id, value, type, threat_type, malware, malware_alias, malware_printable;
  std::string_view first_seen, last_seen, confidence, reference, tags;
};

// nullopt for an IOC of a type loupe does not keep; InvalidArgument, the reason naming the
// field, for a bad value, time or confidence.
absl::StatusOr<std::optional<IndicatorRecord>> MapThreatFoxIoc(const ThreatFoxIoc& ioc);

}  // namespace loupe::abusech

#endif  // LOUPE_FORMATS_ABUSECH_THREATFOX_IOC_H_
