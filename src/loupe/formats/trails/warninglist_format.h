// MISP warning lists (https://github.com/MISP/misp-warninglists, lists/<name>/list.json):
// one JSON document per list of values known to be benign or false-positive-prone,
//
//   {"name": "...", "description": "...", "version": 20240101, "type": "string",
//    "matching_attributes": ["ip-src", "domain", ...], "list": ["8.8.8.8", ...]}
//
// "type" says how MISP matches the entries (README "Format of a warning list"); absent, it
// is "string":
//   string     exact values: each entry through ParseIndicator (IPs, networks, domains,
//              URLs, hashes); evidence with category benign.
//   hostname   domains that also cover their subdomains: domains get category benign and
//              the extra label "warninglist-hostname" so that the verdict engine can match
//              subdomains; IP entries are plain benign IPs; other values are rejected.
//   cidr       networks ("a.b.c.d/n" -> network) and single IPs -> benign; others rejected.
//   substring, regex
//              patterns, not values: every entry is skipped (counted). They are matched
//              against values at verdict time (a later issue), not stored as evidence.
// A leading dot (".google.com", as several string and hostname lists write suffixes) is
// dropped and the domain gets the "warninglist-hostname" label in any list type.
//
// Every indicator carries the list's name as its label ("List of known IPv4 public DNS
// resolvers") and the reference "misp-warninglist:<folder>" (the folder holding list.json,
// or the name when the input is not a list.json). Categories besides benign:
//   popular    top-sites lists: the name or description says "top <number>" (Cisco
//              Umbrella, Cloudflare Radar, Moz, Alexa and Tranco top lists), or names
//              Tranco, Alexa, Majestic or Cloudflare Radar;
//   sinkhole   the name or description says "sinkhole"; cdn: the name or description says
//              "CDN"; proxy: "VPN" or "Private Relay" (context only: neutral categories).
// Confidence is left to the run. "matching_attributes", when present, bound the indicator
// types a list may hold (ip-src/ip-dst/ip: IPs and networks; domain, hostname: domains;
// url, uri, link: URLs; md5, sha1, sha256; each part of pairs such as "domain|ip" or
// "filename|sha1" counts): an entry of another type is rejected (empty-hashes' ssdeep entry
// "3::" is not the IPv6 address it looks like), and a list whose attributes hold no
// indicator type (azure-application-id, phone-number) is skipped entry by entry. Entries
// that do not parse are rejected with the reason; the position of an entry is its 1-based
// index in "list". A document that is not a JSON object with a "list" array, or names an
// unknown type, is one rejection.
//
// Not thread-safe; one parser per ingest run.
#ifndef LOUPE_FORMATS_TRAILS_WARNINGLIST_FORMAT_H_
#define LOUPE_FORMATS_TRAILS_WARNINGLIST_FORMAT_H_

#include <memory>
#include <string_view>

#include "loupe/feed/feed_parser.h"

namespace loupe {

// True when a list with this name and description is a top-sites list (category popular).
bool IsTopSitesWarninglist(std::string_view name, std::string_view description);

// The "warninglist" format.
std::unique_ptr<FeedParser> MakeWarninglistParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_TRAILS_WARNINGLIST_FORMAT_H_
