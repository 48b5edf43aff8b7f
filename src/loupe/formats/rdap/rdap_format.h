// The "rdap" format: RDAP responses (RFC 9083, https://www.rfc-editor.org/rfc/rfc9083)
// for domains and IP networks, as registries and RIRs answer them (Verisign for .com,
// ccTLD registries, registrars, ARIN, RIPE NCC...). A document format; the input is one
// of
//   - one response: an object with "objectClassName" "domain" or "ip network";
//   - a JSON array of responses (what a tool that fetched many names writes);
//   - a search result (RFC 9083 section 8): "domainSearchResults" or "ipSearchResults"
//     (RFC 9910) holding such objects.
// Each object is one record (set_position names its 1-based index across the input).
//
// WHOIS is context, not a verdict: the format emits attributes only, no evidence.
//   domain     -> SetAttribute(domain, kDomainWhois, "", DomainWhois): ldhName (else
//                 unicodeName) as the canonical domain; events "registration" ->
//                 created, "last changed" -> updated, "expiration" -> expires ("last
//                 update of RDAP database" is about the server, not the domain);
//                 nameservers[].ldhName; "status"; the "registrar" entity's fn ->
//                 registrar_info, its publicIds "IANA Registrar ID" ->
//                 registrar_iana_id, its email or else its nested abuse contact's email
//                 -> registrar_email; the first registrant's organization ->
//                 registration_organization; every other entity (nested ones too) ->
//                 one WhoisContact per role, vCard fields per ParseJCard (jcard.h),
//                 organization_id = the entity handle. Redacted contacts (fields removed
//                 or replaced by "REDACTED FOR PRIVACY", RFC 9537) keep what is left;
//                 a contact left with nothing but its role is dropped.
//   ip network -> SetAttribute(network, kNetworkWhois, "", NetworkWhois) on each CIDR
//                 network covering [startAddress, endAddress]: the "cidr0_cidrs"
//                 extension's networks when every one lies inside the range, else the
//                 minimal cover (CoverRange, ip_range.h), at most 64 networks. The value
//                 (the same for each network) holds the whole range, name, country,
//                 the remarks without a title (RIPE's "descr" lines, joined with "; ")
//                 as description, events "registration" -> created and "last changed"
//                 -> changed, and the entities as contacts, as for domains.
// No confidence or category: attributes carry none.
//
// Skipped (Skip()): objects of the other classes ("autnum", "nameserver", "entity"),
// also inside search results. Not read: handle, parentHandle, type, secureDNS, links,
// notices, port43 and unknown members (RDAP is extensible); name servers that are not
// host names and event dates that are not times (the field stays unknown: the rest is
// still good context). Limits: 32 contacts, 32 name servers, entities nested 4 deep.
//
// Rejected (one record each, with the reason): invalid JSON, an empty input, RDAP error
// responses ("errorCode"), objects without or with an unknown objectClassName, an
// invalid domain name, a missing or invalid address, ends of different families or out
// of order, an ipVersion that contradicts the addresses, a range that needs more than 64
// networks, and members of the wrong JSON type (an "entities" that is not an array, a
// vcardArray that is not a jCard...).
//
// Not thread-safe (the parser reuses one JSON buffer); make one parser per thread.
#ifndef LOUPE_FORMATS_RDAP_RDAP_FORMAT_H_
#define LOUPE_FORMATS_RDAP_RDAP_FORMAT_H_

#include <memory>

#include "loupe/feed/feed_parser.h"

namespace loupe {

std::unique_ptr<FeedParser> MakeRdapParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_RDAP_RDAP_FORMAT_H_
