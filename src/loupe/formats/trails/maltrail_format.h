// Maltrail static trails (https://github.com/stamparm/maltrail/tree/master/trails/static):
// one trail a line, grouped into one file per family under a category folder:
//
//   trails/static/malware/<family>.txt      trails/static/mass_scanner.txt
//   trails/static/malicious/<name>.txt      trails/static/mass_scanner_cidr.txt
//   trails/static/suspicious/<name>.txt
//
// A trail is a domain, an IP, "IP:port", a CIDR network or a URL, usually without a scheme
// ("example.com/path/gate.php" is taken as http://example.com/path/gate.php, as maltrail
// does). Text after the trail ("1.2.3.4 # scanner.example.org") is a comment; leading dots
// of a domain are dropped (maltrail strips them too). Hashes are rejected: maltrail has none.
// Path-only trails ("/wp-includes/gate.php", which maltrail matches against any host) have
// no host to key on and are skipped (counted).
//
// Each trail becomes an indicator with:
//   labels      the family (the file name without ".txt", as written: "apt_lazarus"), then
//               every name of the "# Aliases: a, b" lines met so far in the file,
//               lower-cased and without duplicates (at most 256 labels);
//   reference   the first http(s) URL of the "# Reference: URL" lines above the trail: the
//               files group trails into blocks, each under one or more stacked Reference
//               lines, and the first of a stack names the block (a trail ends the stack);
//   categories  from the path (MaltrailCategories below); confidence is left to the run.
// Other comment lines and blank lines are skipped; a trail that does not parse is rejected
// with the reason.
//
// Not thread-safe (per-input state); one parser per ingest run.
#ifndef LOUPE_FORMATS_TRAILS_MALTRAIL_FORMAT_H_
#define LOUPE_FORMATS_TRAILS_MALTRAIL_FORMAT_H_

#include <memory>
#include <string_view>

#include "loupe/feed/feed_parser.h"
#include "loupe/model/category.h"

namespace loupe {

// The categories of every trail in the file at `path`, from its folder and file name:
//   mass_scanner*.txt (any folder)            scanner
//   *adware*.txt (any folder)                 adware
//   pua.txt, *_pua.txt (android_, osx_)       pua
//   malware/sinkhole_*.txt                    sinkhole (sinkhole operators' addresses and
//                                             sinkholed names: neutral, not malware)
//   malware/*.txt                             malware, plus apt for apt_*, ransomware for
//                                             *_ransomware*, miner for *_miner/coinminer*
//   malicious/*.txt                           malicious, plus c2 for *_c2*, exploit for ek_*,
//                                             proxy for *_proxy* (bad_proxy)
//   suspicious/*.txt                          suspicious, plus proxy for *_proxy*
//                                             (anonymous_web_proxy, port_proxy), tor for onion
//   anything else                             malicious (maltrail lists only bad trails)
// Name parts are the '_'-separated words of the file name.
CategorySet MaltrailCategories(std::string_view path);

// The "maltrail" format.
std::unique_ptr<FeedParser> MakeMaltrailParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_TRAILS_MALTRAIL_FORMAT_H_
