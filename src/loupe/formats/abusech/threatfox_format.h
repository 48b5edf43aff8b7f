// The "threatfox" format: ThreatFox's CSV exports (full, recent), layout published at
// https://threatfox.abuse.ch/export/ :
//   # "first_seen_utc","ioc_id","ioc_value","ioc_type","threat_type","fk_malware",
//   #   "malware_alias","malware_printable","last_seen_utc","confidence_level","reference",
//   #   "tags","anonymous","reporter"
//   "2024-11-20 10:05:12", "1346512", "45.61.136.82:443", "ip:port", "botnet_cc",
//     "win.cobalt_strike", "Agentemis,BEACON,CobaltStrike", "Cobalt Strike", "", "100",
//     "", "c2", "0", "abuse_ch"
// (fields are separated by ", ", with a space).
//
// Each row is one indicator, mapped as threatfox_ioc.h says: ip:port/domain/url/hashes;
// botnet_cc -> c2 + botnet, payload_delivery -> payload_delivery, payload -> malware;
// labels from malware_printable, malware_alias and tags; confidence = confidence_level;
// reference = the reference column or the IOC's ThreatFox page.
// Skipped: the '#' comment block and header (commented or not), blank lines, IOC types
// loupe does not keep. Rejected: rows with fewer than 14 columns, an unterminated quote, a
// value that does not parse as its ioc_type, a bad time or confidence. Thread-safe, pure.
#ifndef LOUPE_FORMATS_ABUSECH_THREATFOX_FORMAT_H_
#define LOUPE_FORMATS_ABUSECH_THREATFOX_FORMAT_H_

#include <memory>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "loupe/feed/feed_parser.h"
#include "loupe/feed/record.h"

namespace loupe {

// nullopt for a line to skip; InvalidArgument (the reason names the column) for a bad row.
absl::StatusOr<std::optional<IndicatorRecord>> ParseThreatFoxLine(std::string_view line);

std::unique_ptr<FeedParser> MakeThreatFoxParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_ABUSECH_THREATFOX_FORMAT_H_
