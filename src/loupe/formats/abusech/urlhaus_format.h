// The "urlhaus" format: URLhaus database dumps (csv.txt, csv_recent.txt, csv_online.txt),
// layout published at https://urlhaus.abuse.ch/api/ (database dumps):
//   # id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter
//   "3300013","2024-11-20 10:10:05","http://115.55.1.2:47123/i","online",
//     "2024-11-20 10:10:05","malware_download","32-bit,elf,mips,Mozi",
//     "https://urlhaus.abuse.ch/url/3300013/","geenensp"
//
// Each row is one URL indicator:
// - categories: threat "malware_download" gives payload_delivery + malware; any other threat
//   word is mapped with CategoryFromName (kept as a label when outside the vocabulary) and
//   malware is added, as everything on URLhaus distributes malware;
// - labels: the tags (comma-separated), in order, without duplicates or "None";
// - first_seen = dateadded, last_seen = last_online, or dateadded when never seen online;
// - reference = urlhaus_link;
// - confidence: a URL whose status is "offline" gets kOfflineConfidence (60), others the
//   run's confidence. URLhaus re-checks every URL: an offline URL no longer serves its
//   payload and its host may since have been cleaned (most are compromised sites or IoT
//   devices on dynamic addresses), yet many come back, so it is still evidence, weaker.
// The '#' comment block and header, blank lines and an uncommented header row are skipped.
// Rejected: rows with fewer than 9 columns, an unterminated quote, a URL that does not parse
// or a date that is not a time. The reporter is not kept. Thread-safe, pure.
#ifndef LOUPE_FORMATS_ABUSECH_URLHAUS_FORMAT_H_
#define LOUPE_FORMATS_ABUSECH_URLHAUS_FORMAT_H_

#include <memory>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "loupe/feed/feed_parser.h"
#include "loupe/feed/record.h"

namespace loupe {

// nullopt for a line to skip; InvalidArgument (the reason names the column) for a bad row.
absl::StatusOr<std::optional<IndicatorRecord>> ParseUrlhausLine(std::string_view line);

std::unique_ptr<FeedParser> MakeUrlhausParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_ABUSECH_URLHAUS_FORMAT_H_
