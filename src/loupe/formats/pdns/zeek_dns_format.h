// The "zeek-dns" format: Zeek's dns.log, as TSV (the ASCII writer's default) or as JSON
// lines (LogAscii::use_json=T); both may be mixed in one input.
// Layout: https://docs.zeek.org/en/current/scripts/base/protocols/dns/main.zeek.html#type-DNS::Info
// and https://docs.zeek.org/en/current/logs/dns.html; TSV framing per
// https://docs.zeek.org/en/current/log-formats.html (#separator, #set_separator,
// #empty_field, #unset_field, #fields header lines; \xNN escapes).
//
// TSV column order comes from the file's #fields line (without one, Zeek's default dns.log
// layout is assumed); "-" (#unset_field) is unset and "(empty)" (#empty_field) an empty
// set. JSON lines carry the same field names; "ts" is epoch seconds (a number) or ISO 8601
// (LogAscii::json_timestamps); unset fields are absent.
//
// Maps each answered query (rcode_name NOERROR, qtype_name A, AAAA or CNAME, not rejected):
//   answers in order, starting from the query name:
//     a name      relation cname from the previous name of the chain to it
//     an address  relation resolves_to from the chain's current name, and from the query
//                 name too when the chain has moved on (www.x.com -> x.cdn.net -> 192.0.2.1)
//   Observe(query, 1, ts) once per line that gave a relation.
// Every relation carries first = last = ts, count 1. No indicators or verdicts.
//
// Skipped: header and footer lines (#...), unanswered queries (no rcode or no answers),
// other rcodes (NXDOMAIN, SERVFAIL, ...) and qtypes (MX, TXT, NS, PTR, SOA, ...), rejected
// queries, blank lines; within answers, Zeek's renderings of other record types ("TXT 12
// ...", "<unknown type=65>"). Rejected, with the reason: rows when the #fields line lacks
// ts, query or answers (not a dns.log); rows with an unset query or a bad ts; JSON lines
// that are not an object; answered queries with a bad name or address (a name without a
// public suffix such as "intranet.corp.local"). A row with some bad answers still yields
// its good ones; the one rejection names the first problem. Not thread-safe.
#ifndef LOUPE_FORMATS_PDNS_ZEEK_DNS_FORMAT_H_
#define LOUPE_FORMATS_PDNS_ZEEK_DNS_FORMAT_H_

#include <memory>

#include "loupe/feed/feed_parser.h"

namespace loupe {

std::unique_ptr<FeedParser> MakeZeekDnsParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_PDNS_ZEEK_DNS_FORMAT_H_
