// The "eve-dns" format: Suricata EVE JSON, one event a line, read for its DNS answers.
// Layout: https://docs.suricata.io/en/suricata-7.0.0/output/eve/eve-json-format.html#event-type-dns
// (DNS logging version 2 of Suricata 5-7; version 1; version 3 of Suricata 8).
//
// Maps each answer set (the answers of one response, event_type "dns", dns.type "answer" or
// "response", rcode NOERROR):
//   CNAME owner -> target     relation cname
//   A/AAAA owner -> address   relation resolves_to
//   query -> address          relation resolves_to, when the query reaches the owner through
//                             the set's CNAME chain (www.x.com CNAME x.cdn.net A 192.0.2.1:
//                             www.x.com resolves to 192.0.2.1 too)
//   Observe(query name, 1, timestamp) once per answer set that gave a relation.
// Every relation carries first = last = the event's "timestamp", count 1. No indicators,
// categories or confidence: passive DNS is observation, not verdict.
//
// Where the answers are:
//   version 2 / 3   dns.answers[] {rrname, rrtype, ttl, rdata}; the query is dns.rrname
//                   (v2) or dns.queries[0].rrname (v3), else the first answer's owner.
//   "grouped" only  dns.grouped {"CNAME": [...], "A": [...], "AAAA": [...]} (no owners: the
//                   CNAMEs are taken as the chain from the query, in order, and addresses
//                   as belonging to its end).
//   version 1       one answer per event at dns.{rrname, rrtype, rdata}; consecutive events
//                   with the same flow_id, dns.id and timestamp form one answer set (so the
//                   chain and the single Observe work as for version 2).
//
// Skipped: other event types (alert, flow, http, ... even when they carry a dns object),
// queries (dns.type "query"/"request"), non-NOERROR answers (NXDOMAIN, SERVFAIL, ...),
// answers without A/AAAA/CNAME records (MX, TXT, NS, PTR, SOA, NODATA), blank lines.
// Other events and queries are recognized from Suricata's compact text ("event_type":"flow",
// "dns":{"type":"query") without a JSON parse, so such a line is skipped even if damaged.
// Rejected, with the reason: lines that are not a JSON object, EVE lines without
// event_type, DNS answers without a usable timestamp, and answer sets with a bad name or
// address (a name without a public suffix such as "printer.corp.local", "1.2.3.256"). A
// rejected set still yields its good relations; the one rejection names the first problem.
//
// JSON is read with simdjson's DOM parser into a reused padded buffer: Debian's simdjson
// builds On-Demand for its portable "fallback" kernel only, while DOM dispatches at run time
// to the CPU's best kernel and is faster on EVE lines. Names and addresses are canonicalized
// once per distinct value (pdns::NameCache). Not thread-safe.
#ifndef LOUPE_FORMATS_PDNS_EVE_DNS_FORMAT_H_
#define LOUPE_FORMATS_PDNS_EVE_DNS_FORMAT_H_

#include <memory>

#include "loupe/feed/feed_parser.h"

namespace loupe {

std::unique_ptr<FeedParser> MakeEveDnsParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_PDNS_EVE_DNS_FORMAT_H_
