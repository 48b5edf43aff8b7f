// Top-sites lists: "rank,domain" CSV as Tranco (https://tranco-list.eu/), Cisco Umbrella
// (top-1m.csv) and Alexa published them, with or without a "rank,domain" header line, and
// the Majestic Million (https://majestic.com/reports/majestic-million), whose header
// "GlobalRank,TldRank,Domain,TLD,RefSubNets,RefIPs,..." names the columns. A header is
// recognized when the first record's first field is not a number; its "rank"/"globalrank"
// and "domain" columns are used (names ignore case; "site" and "host" also name the domain).
// Without a header, column 1 is the rank and column 2 the domain.
//
// Each row becomes a domain indicator with categories benign and popular, a label
// "rank:<N>", and a confidence falling with the rank:
//   rank <= 100: 95   <= 1,000: 90   <= 10,000: 80   <= 100,000: 65   <= 1,000,000: 50
//   beyond: 40
// (a long tail of a top list holds parked, abused and short-lived names; its head does
// not). Blank and '#' lines are skipped; a row with a missing or non-numeric rank (or rank
// 0) or a value that is not a domain is rejected with the reason, and so is a header that
// lacks a rank or a domain column (the default columns then apply). A list without ranks
// (Cloudflare Radar's bucketed CSV) is not a top list in this sense: use "list".
//
// Not thread-safe (per-input state); one parser per ingest run.
#ifndef LOUPE_FORMATS_TRAILS_TOPLIST_FORMAT_H_
#define LOUPE_FORMATS_TRAILS_TOPLIST_FORMAT_H_

#include <cstdint>
#include <memory>

#include "loupe/feed/feed_parser.h"

namespace loupe {

// The confidence of a domain at `rank` (1-based), as above.
uint8_t ToplistConfidence(uint64_t rank);

// The "toplist" format.
std::unique_ptr<FeedParser> MakeToplistParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_TRAILS_TOPLIST_FORMAT_H_
