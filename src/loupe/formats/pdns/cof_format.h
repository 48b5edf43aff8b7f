// The "cof" format: Passive DNS - Common Output Format, one JSON object a line.
// Layout: https://datatracker.ietf.org/doc/draft-dulaunoy-dnsop-passive-dns-cof/
// (rrname, rrtype, rdata, time_first, time_last mandatory; count, bailiwick, sensor_id,
// zone_time_first, zone_time_last, origin optional), as CIRCL pDNS, DNSDB and other pDNS
// servers answer queries. DNSDB API v2 "SAF" lines ({"obj": {...}} with {"cond": ...}
// control lines) are read too: the object inside "obj" is a COF record.
//
// Maps each record, with stats {time_first, time_last, count}:
//   A/AAAA   rrname -> each rdata address   relation resolves_to
//   CNAME    rrname -> each rdata name      relation cname
//   Observe(rrname, count, time_last) once per record that gave a relation.
// rdata is a string or an array (an RRset): one relation per element. rrtype is a name
// ("A", any case, or RFC 3597 "TYPE28") or a number (28). Names lose their trailing dot and
// case (canonical domains); IPv6 is canonical RFC 5952. Times are epoch seconds, numbers
// or digit strings (older servers quote them); zone_time_* stand in when time_* are absent
// (records known from zone files only); one time alone serves as both, none at all is 0
// (unknown). count is 1 when absent or 0; counts above 2^50 are clamped there, so that sums
// of merged observations cannot overflow. No indicators, categories or confidence: passive
// DNS is observation, not verdict.
//
// Skipped: other rrtypes (NS, MX, TXT, PTR, SOA, SRV, ...), SAF control lines, blank lines.
// Rejected, with the reason: lines that are not a JSON object; records without rrname,
// rrtype or rdata; an rrname or CNAME target that is not a valid domain (no public suffix:
// "localhost", "printer.corp.local"); a bad address; a time or count that is not a
// non-negative integer; time_last before time_first. A record with some bad rdata values
// still yields its good ones; the one rejection names the first problem.
//
// JSON is read with simdjson's DOM parser into a reused padded buffer (see eve_dns_format.h
// for why not On-Demand). Not thread-safe.
#ifndef LOUPE_FORMATS_PDNS_COF_FORMAT_H_
#define LOUPE_FORMATS_PDNS_COF_FORMAT_H_

#include <cstdint>
#include <memory>

#include "loupe/feed/feed_parser.h"

namespace loupe {

// Counts are clamped to this (2^50, about 10^15: above any real pDNS counter).
inline constexpr uint64_t kMaxCofCount = uint64_t{1} << 50;

std::unique_ptr<FeedParser> MakeCofParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_PDNS_COF_FORMAT_H_
