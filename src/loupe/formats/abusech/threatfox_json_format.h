// The "threatfox-json" format: ThreatFox's JSON exports (full, recent; a document), layout
// published at https://threatfox.abuse.ch/export/ : an object keyed by IOC id, each value an
// array of IOC objects:
//   {"1346512": [{"ioc_value": "45.61.136.82:443", "ioc_type": "ip:port",
//     "threat_type": "botnet_cc", "malware": "win.cobalt_strike",
//     "malware_alias": "Agentemis,BEACON,CobaltStrike", "malware_printable": "Cobalt Strike",
//     "first_seen_utc": "2024-11-20 10:05:12", "last_seen_utc": null,
//     "confidence_level": 100, "reference": null, "tags": "c2", "anonymous": "0",
//     "reporter": "abuse_ch"}], ...}
//
// Each IOC object is one indicator, mapped exactly as the CSV export (threatfox_ioc.h).
// Positions are the 1-based index of the IOC object in the document. Fields may be null
// or missing (no value); numbers are read as their text (confidence_level is a number);
// tags may also be an array of strings, as ThreatFox's API writes them.
// Skipped: an empty document, IOC types loupe does not keep. Rejected: a document that is
// not JSON or not an object (one rejection), an id whose value is not an array, an IOC that
// is not an object or whose fields have the wrong JSON type, and everything the CSV format
// rejects. Not thread-safe (it reuses one JSON parser's buffers).
#ifndef LOUPE_FORMATS_ABUSECH_THREATFOX_JSON_FORMAT_H_
#define LOUPE_FORMATS_ABUSECH_THREATFOX_JSON_FORMAT_H_

#include <memory>

#include "loupe/feed/feed_parser.h"

namespace loupe {

std::unique_ptr<FeedParser> MakeThreatFoxJsonParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_ABUSECH_THREATFOX_JSON_FORMAT_H_
