// IPsum (https://github.com/stamparm/ipsum): suspicious and malicious IP addresses with the
// number of public blocklists naming each.
//
//   ipsum.txt        "IP<TAB>count" a line, '#' comment lines (update time, column names)
//   levels/N.txt     bare IPs named by at least N lists, one a line
//
// Each IP becomes an indicator with category malicious, label "ipsum", and a confidence
// that grows with the number of lists:
//   confidence = min(100, 30 + 10 * (count - 1))   1 list -> 30, 2 -> 40, ..., 8+ -> 100
// A line without a count takes N from a file named "N.txt" (levels/3.txt: count 3), or 1
// elsewhere. Blank and '#' lines are skipped; anything but an IPv4/IPv6 address, and a count
// that is not a positive number, is rejected with the reason.
//
// Not thread-safe (per-input state); one parser per ingest run.
#ifndef LOUPE_FORMATS_TRAILS_IPSUM_FORMAT_H_
#define LOUPE_FORMATS_TRAILS_IPSUM_FORMAT_H_

#include <cstdint>
#include <memory>

#include "loupe/feed/feed_parser.h"

namespace loupe {

// The confidence of an IP named by `lists` blocklists (lists >= 1), as above.
uint8_t IpsumConfidence(uint64_t lists);

// The "ipsum" format.
std::unique_ptr<FeedParser> MakeIpsumParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_TRAILS_IPSUM_FORMAT_H_
