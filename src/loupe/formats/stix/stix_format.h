// The "stix" format: STIX 2.0 and 2.1 documents, as threat-intelligence vendors publish
// them (Unit 42 reports, MITRE ATT&CK, TAXII collections saved to a file).
//
// Layout: STIX 2.0 (https://docs.oasis-open.org/cti/stix/v2.0/stix-v2.0-part1-stix-core.html)
// and STIX 2.1 (https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html). The input is
// a bundle ({"type": "bundle", "objects": [...]}), a single STIX object, or a JSON array of
// objects. The spec version is not consulted: 2.0 (spec_version on the bundle, `labels` on
// indicators, observables inside observed-data) and 2.1 (spec_version on each object,
// `indicator_types`, observables as top-level objects) are read by the same rules. Positions
// are the 1-based index of the object in the list (1 for a single object); every object
// ends as at least one emitted record, one or more rejections, or one skip.
//
// The objects are read in two passes: the first indexes them by id (when an id occurs more
// than once, the version with the latest `modified` is current and the others are skipped)
// and works out what each indicator and observable names, the names that relationships lend
// to indicators and the report each indicator belongs to; the second emits, in document
// order.
//
// What maps to what:
// - indicator: its pattern (stix_pattern.h) yields one IndicatorRecord per distinct value
//   that an '=' comparison names on ipv4-addr/ipv6-addr/domain-name/url value,
//   file:hashes MD5/SHA-1/SHA-256 or network-traffic:dst_ref/src_ref.value; other
//   comparisons yield nothing, and an indicator that yields nothing is skipped. first_seen = valid_from (else created),
//   last_seen = modified. valid_until is ignored, even when past: expiry is the source
//   registry's job. Categories come from the words of `labels` and `indicator_types`:
//   malicious-activity and compromised -> malicious, anomalous-activity -> suspicious,
//   benign -> benign, attribution -> apt, anything CategoryFromName knows -> that; other
//   words stay labels; no category word -> malicious. confidence = `confidence` (2.1,
//   0-100). reference = the first external_references url, else the name of the first
//   report listing the indicator. name and description are not stored. Skipped: revoked
//   indicators, and pattern_type other than "stix" (snort, yara, sigma ...). Rejected: a
//   missing or unparsable pattern, a bad valid_from/created/modified, a confidence outside
//   0-100 (the whole indicator); a value not valid for its path (that value only, e.g.
//   "ipv4-addr:value: not a valid IPv4: ...").
// - relationship indicates (indicator -> malware, threat-actor, intrusion-set, campaign):
//   the target's name becomes a label of the indicator's records; malware adds category
//   malware (and the categories its `labels`/`malware_types` words map to, e.g.
//   ransomware), intrusion-set and threat-actor add apt. attributed-to (malware, campaign,
//   intrusion-set -> intrusion-set, threat-actor) is followed one hop from an indicates
//   target, adding the actor's name and apt. These relationships are skipped as records.
// - relationship between observables, or indicators of exactly one value, where loupe has
//   the relation: domain resolves-to IP -> resolves_to; domain resolves-to domain -> cname;
//   file communicates-with url -> accessed_url, with domain -> contacted_domain; url
//   downloads file -> downloaded_file; IP downloads file -> served_file. Stats: start_time
//   (else created) to stop_time (else modified), count 1. Every other relationship
//   (related-to, uses, file downloads file, domain downloads file ...) is skipped.
// - observables (2.1 top-level ipv4-addr, ipv6-addr, domain-name, url, file) are not
//   evidence: they anchor relations. A file stands for its strongest hash (SHA-256, else
//   SHA-1, else MD5); a file with two hashes or a size gets FileInfo under each hash, and its
//   name a file_name attribute on the strongest. domain-name resolves_to_refs give
//   resolves_to (cname for a domain). A bad value is rejected.
// - observed-data: Observe(value, number_observed, last_observed (else first_observed)) for
//   each observable in its 2.0 `objects` or its 2.1 `object_refs`, plus the file and
//   resolves_to_refs mappings above (relations with first_observed..last_observed).
// - sighting: Observe(each value of the sighted indicator, count (default 1), last_seen
//   (else first_seen)).
// - report: for each object_ref that is an indicator or observable with values,
//   SetAttribute(value, kAptReport, item = report id, AptReportRef{id, title = name}) when
//   the report names an intrusion set or threat actor among its object_refs, or has the
//   type/label threat-actor, attribution or apt; kReport (membership only) otherwise.
// - everything else (malware, threat-actor, intrusion-set, campaign, attack-pattern,
//   course-of-action, identity, marking-definition, custom objects) is skipped; the first
//   four lend their names through relationships.
//
// Limits, so that no input costs more than its size: objects beyond the first 4,194,304
// of a bundle are not read (one rejection says how many); patterns are limited as
// stix_pattern.h says; an indicator keeps at most 32 labels; at most 16 actors are
// followed from one object; a document yields at most 1,048,576 report attributes (later
// reports are rejected).
//
// Not thread-safe (one parser per input stream); the parser keeps its JSON buffers
// between inputs.
#ifndef LOUPE_FORMATS_STIX_STIX_FORMAT_H_
#define LOUPE_FORMATS_STIX_STIX_FORMAT_H_

#include <memory>

#include "loupe/feed/feed_parser.h"

namespace loupe {

std::unique_ptr<FeedParser> MakeStixParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_STIX_STIX_FORMAT_H_
