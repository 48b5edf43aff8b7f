// jCard (RFC 7095), the vCard-in-JSON that RDAP entities carry in "vcardArray", read
// into a WhoisContact. Thread-safe, pure.
#ifndef LOUPE_FORMATS_RDAP_JCARD_H_
#define LOUPE_FORMATS_RDAP_JCARD_H_

#include <string_view>

#include "absl/status/status.h"
#include "loupe/model/attributes.h"
#include "simdjson.h"

namespace loupe {

// Fills the vCard fields of `contact` from a jCard: ["vcard", [[name, params, type,
// value], ...]].
//   fn    -> name (for "kind" org without an "org" property: organization instead)
//   org   -> organization (structured units joined with ", ")
//   adr   -> address (P.O. box, extension, street), city, state, postal_code and
//            country_code (the RFC 8605 "cc" parameter, else a two-letter country
//            component; a country written as a name stays in `address`); when every
//            component is empty, the "label" parameter (ARIN writes addresses so) is the
//            address, its lines joined with ", "
//   tel   -> phone, or fax when its "type" includes "fax" ("tel:" prefix dropped)
//   email -> email ("mailto:" prefix dropped)
// The first property of each name wins; unknown properties are ignored. Redaction
// placeholders ("REDACTED FOR PRIVACY", "Data Redacted", "Non-Public Data"...) count as
// empty. Values are cut to 1 KiB. Role and organization_id are the caller's (they come
// from the RDAP entity, not the card).
//
// InvalidArgument (reason naming the property) when `vcard_array` is not a jCard or a
// property used above has the wrong shape; `contact` may then be partly filled.
absl::Status ParseJCard(simdjson::dom::element vcard_array, WhoisContact& contact);

// True for the placeholders servers put where privacy law hides a value.
bool IsRedactionPlaceholder(std::string_view text);

}  // namespace loupe

#endif  // LOUPE_FORMATS_RDAP_JCARD_H_
