// The "misp" format: MISP event JSON, as MISP exports it and as MISP feeds carry it
// (layout: the MISP core format, https://www.misp-standard.org/rfc/misp-standard-core.html ;
// attribute types and categories: https://www.misp-project.org/datamodels/ ). A document
// is one of
//   {"Event": {...}}                                  an event export or feed event file
//   {...}                                             a bare event (has Attribute, Object,
//                                                     info or uuid)
//   {"response": [{"Event": {...}}, ...]}             a REST search result
//   [{"Event": {...}}, ...]  or  [{...}, ...]         a list of events
// Each event has uuid, info, date, Tag[], Galaxy[], Attribute[] and Object[] (each object:
// name, uuid, first_seen, last_seen, Attribute[], ObjectReference[]). Scalars are read as
// strings or numbers alike ("timestamp": "1539199734" or 1539199734; to_ids true or "1").
//
// Attributes (the event's and its objects', in document order; the position is the 1-based
// index of the attribute in the file) map by type:
//   ip-src, ip-dst          -> ipv4 / ipv6 (a CIDR value -> network)
//   ip-src|port, ip-dst|port-> the IP with its port ("1.2.3.4|443")
//   domain, hostname        -> domain;  hostname|port -> domain with its port
//   domain|ip               -> domain and IP, and domain resolves_to IP
//   url                     -> url (spaces in it sent as %20, as a client would);
//   uri                     -> url only when it has a scheme (paths skipped)
//   md5, sha1, sha256       -> the hash
//   filename|md5|sha1|sha256-> the hash, and FileName (item = the file name) on it
//   anything else (link, email-*, filename, text, comment, yara, AS, regkey, mutex, pdb,
//   port, btc, vulnerability, imphash, ssdeep, sha512...) -> Skip
// Also skipped: deleted attributes and objects; url/uri/link of category "External
// analysis" (the write-ups the event cites); category "Targeting data" and the objects
// victim, corporate-asset and target-system (they describe victims, not the adversary).
// Bad values (not a valid IP, hash, domain, URL, port; URLs of schemes loupe does not store,
// such as smb://) are rejected as "<type> <attribute uuid>: <reason>"; the rest of the
// event goes on. A document that is not JSON or not a MISP event is one rejection.
//
// Each indicator -> IndicatorRecord:
//   first_seen = the attribute's first_seen, else its object's, else the event date, else
//                the attribute timestamp;
//   last_seen  = the attribute's last_seen, else its object's, else the attribute
//                timestamp (when the source last asserted it); never before first_seen;
//   categories = from the MISP category: "Network activity" with to_ids -> malicious,
//                "Payload delivery" -> payload_delivery, "Artifacts dropped" and "Payload
//                installation" -> malware; plus those of the event's and the attribute's
//                tags and galaxies (below);
//   confidence = 40 when to_ids is false (context the source does not mean for
//                detection: alone it weighs under the verdict's Orange threshold of 50
//                whatever the source's reliability), else the run's;
//   labels     = the event's and the attribute's galaxy cluster names and plain tags, the
//                event's TLP as "tlp:<level>";
//   reference  = "misp:event/<event uuid>".
// Tags (ClassifyMispTag): tlp:white|green|amber|amber+strict|red|clear on the event ->
// label "tlp:<level>" (other tlp tags and tlp tags on attributes dropped);
// misp-galaxy:<type>="<name>" -> as a galaxy cluster of that type; other machine tags
// (anything with ':', e.g. type:OSINT, osint:*, workflow:*, pap:*) dropped; a plain tag that
// is a category word ("ransomware", "phishing") -> that category, any other plain tag
// ("Turla", "ESET") -> label. Galaxy clusters (Tag misp-galaxy:... and Galaxy[] with
// GalaxyCluster[] alike): label = the cluster value (unless it is a UUID); type
// *threat-actor / *intrusion-set -> apt; ransomware -> ransomware; malpedia, *malware,
// rat, banker, stealer, backdoor -> malware; botnet -> botnet; exploit-kit -> exploit;
// types naming ATT&CK techniques and mitigations (*attack-pattern, *course-of-action) or
// victims (sector, country, region, target-information) are dropped entirely.
// APT reports: when the event has a threat-actor / intrusion-set galaxy (tag or Galaxy[])
// or its info holds the word APT ("APT28", "APT 29", "APTs"), every indicator also gets
// SetAttribute(kAptReport, item = event uuid, value = AptReportRef{uuid, info}); other
// events give no report attribute.
//
// Objects:
//   file      -> its md5/sha1/sha256 attributes are indicators as above; FileInfo (the
//                hashes, size-in-bytes, mimetype as format) on each hash when the object
//                has more than one hash or a size or mimetype; FileName (each filename) on
//                its strongest hash (sha256, else sha1, else md5), which also stands for
//                the file in relations (reports merge a file's hashes through FileInfo);
//   domain-ip -> domain/hostname and ip attributes are indicators, each domain resolves_to
//                each IP;
//   url       -> its url (and domain, host, ip) attributes are indicators (the URL's host
//                relation is derived when it is stored);
//   others    -> their indicator-typed attributes as above, the rest skipped.
// ObjectReference[] (between objects of the event, or to a standalone attribute):
//   file  downloaded-from  url / ip        -> url downloaded_file file / ip served_file file
//   file  communicates-with, connected-to, connects-to, contacted, contacts, exfiltrates-to
//         url / domain                     -> file accessed_url url / contacted_domain domain
//   url / ip  drops, downloads, delivers  file -> url downloaded_file / ip served_file file
//   domain  resolves-to, resolved-to  ip   -> domain resolves_to ip
//   any other relationship (detected-as, includes, contains, used-by, dropped-by...) is
//   skipped. Relation times span both ends' record times; count 1. At most 1000 relations
//   come from one object or reference (a guard against hostile documents).
// Not thread-safe (the parser reuses its JSON buffers); one parser per input stream.
#ifndef LOUPE_FORMATS_MISP_MISP_FORMAT_H_
#define LOUPE_FORMATS_MISP_MISP_FORMAT_H_

#include <memory>

#include "loupe/feed/feed_parser.h"

namespace loupe {

std::unique_ptr<FeedParser> MakeMispParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_MISP_MISP_FORMAT_H_
