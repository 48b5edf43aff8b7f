// The "cape" format: one CAPE or Cuckoo sandbox report (report.json, a document), layout
// of CAPEv2's JSON reporting module (https://github.com/kevoreilly/CAPEv2,
// modules/reporting/jsondump.py; Cuckoo 2.0's report is much the same:
// https://cuckoo.sh/docs/usage/results.html).
// Read: target.file {name, size, type, md5, sha1, sha256}; info {started, ended, score};
// network {hosts, domains, dns, http, http_ex, https_ex}; malscore (0-10); detections
// (CAPE: a list of {family} objects, or a string in older versions); malfamily;
// signatures[].families. Everything else (behaviour, dropped files, CAPE payloads) is not.
//
// What a report maps to (the sample is the analysed file; relations start from its
// strongest hash, as a file's relations are listed over all its hashes):
// - FileInfo (size, format = the libmagic type, md5, sha1, sha256) on each hash; FileName
//   (item = the submitted name) on the strongest hash;
// - file -> URL (accessed_url) for each http uri, and each http_ex/https_ex request
//   (scheme://host[:port]uri), which is how CAPE records decrypted TLS traffic;
// - file -> domain (contacted_domain) for each domains[].domain and dns[].request;
// - domain -> IP (resolves_to) for domains[].ip, hosts[].hostname and DNS A/AAAA answers;
//   domain -> domain (cname) for DNS CNAME answers;
// - contacted hosts: loupe has no file -> IP relation, so each host is a sighting
//   (Observe, 1 hit at the analysis start) with no verdict, which lets IP reports show it;
//   its link to the file is kept through the domain it resolved from, when there is one.
// Relation times are the analysis start and end; each relation and sighting is reported
// once per report.
// - evidence (AddIndicator on each hash, category malware, labels = the family names)
//   only when the sandbox names a family or the score is at least 5: confidence =
//   score x 10, at least kFamilyConfidence (75) when a family is named (CAPE names one
//   from YARA or config extraction on the payload, which stands whatever the behavioural
//   score). The score is malscore, or Cuckoo's info.score, clamped to 0-10. Otherwise the
//   report yields relations and attributes only: a sandbox run is not a verdict.
//
// Sandbox noise is left out silently: reserved IPs (the sandbox LAN, its resolver,
// 0.0.0.0 sinkhole answers), names that are not registrable domains (WPAD, NetBIOS and
// local names), PTR requests and .arpa names, URLs on such hosts.
// Skipped: an empty document, a report of a URL analysis (target.category "url": no file).
// Rejected: input that is not a JSON object, a report without target.file or without a
// valid hash, a target hash that does not parse; and, one rejection each while the rest of
// the report is read, an http entry whose URL or a host/answer whose IP does not parse.
// All rejections are at position 1 (the report). Not thread-safe (reuses a JSON parser).
#ifndef LOUPE_FORMATS_CAPE_CAPE_FORMAT_H_
#define LOUPE_FORMATS_CAPE_CAPE_FORMAT_H_

#include <cstdint>
#include <memory>

#include "loupe/feed/feed_parser.h"

namespace loupe {

inline constexpr uint8_t kFamilyConfidence = 75;

std::unique_ptr<FeedParser> MakeCapeParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_CAPE_CAPE_FORMAT_H_
