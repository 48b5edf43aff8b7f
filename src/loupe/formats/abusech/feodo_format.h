// The "feodo" format: Feodo Tracker's botnet C2 IP blocklist as CSV (ipblocklist.csv,
// ipblocklist_recommended.csv), layout published at https://feodotracker.abuse.ch/blocklist/ :
//   # first_seen_utc,dst_ip,dst_port,c2_status,last_online,malware
//   "2021-01-17 07:44:46","51.38.124.206","443","online","2024-03-21","Heodo"
//
// Each row is one IP indicator with its C2 port (dst_port; none when empty):
// - categories c2 + botnet; label = the malware family ("Heodo", "QakBot", "Dridex", ...);
// - first_seen = first_seen_utc, last_seen = last_online (a date: midnight UTC, raised to
//   first_seen when earlier), or first_seen when never seen online;
// - confidence: a C2 whose status is "offline" gets kOfflineConfidence (60), others the
//   run's confidence: offline C2s sit mostly on rented servers whose addresses are soon
//   handed to someone else, so the listing weakens once the C2 is gone;
// - no reference (Feodo Tracker has no per-entry page in this export).
// Skipped: the '#' comment block, the header (commented or not), blank lines. Rejected: rows
// with fewer than 6 columns, an IP or port that does not parse, a bad time. Thread-safe, pure.
#ifndef LOUPE_FORMATS_ABUSECH_FEODO_FORMAT_H_
#define LOUPE_FORMATS_ABUSECH_FEODO_FORMAT_H_

#include <memory>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "loupe/feed/feed_parser.h"
#include "loupe/feed/record.h"

namespace loupe {

// nullopt for a line to skip; InvalidArgument (the reason names the column) for a bad row.
absl::StatusOr<std::optional<IndicatorRecord>> ParseFeodoLine(std::string_view line);

std::unique_ptr<FeedParser> MakeFeodoParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_ABUSECH_FEODO_FORMAT_H_
