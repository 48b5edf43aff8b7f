// Domain names: validation, IDN to punycode, and the public suffix relation (libpsl with
// Debian's publicsuffix data). Thread-safe: the suffix list is loaded once, read-only.
#ifndef LOUPE_MODEL_DOMAIN_H_
#define LOUPE_MODEL_DOMAIN_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace loupe {

// Lower-cases, strips one trailing dot, converts U-labels to A-labels (IDNA2008 with UTS#46
// non-transitional mapping via libidn2, transitional as a fallback) and validates: labels
// 1-63 octets of letters, digits, '-' and '_' (underscore is common in real DNS names such
// as "_dmarc"), not starting or ending with '-'; total <= 253 octets; at least two labels;
// the last label not all-numeric. InvalidArgument with the reason otherwise.
absl::StatusOr<std::string> CanonicalizeDomain(std::string_view text);

// The public suffix of a canonical domain ("co.uk" for "a.b.co.uk"), per the PSL with
// the "*" default rule.
std::string PublicSuffix(std::string_view domain);

// The registrable domain (eTLD+1: "b.co.uk" for "a.b.co.uk"); empty when `domain` is
// itself a public suffix.
std::string RegistrableDomain(std::string_view domain);

// True when `domain` is a public suffix listed in the PSL (not only by the "*" rule).
bool IsKnownPublicSuffix(std::string_view domain);
// True when `domain` ends in a suffix the PSL lists (its "*" default rule aside): the
// TLD itself, or a longer rule for TLDs that only register under second-level names
// ("a.co.za": the PSL lists co.za but not za).
bool HasKnownPublicSuffix(std::string_view domain);
// Whether `domain` is a public suffix by the PSL's ICANN section alone. Private-section
// suffixes ("github.io", "googleapis.com") are domains someone registered, and feeds list
// them as such.
bool IsIcannPublicSuffix(std::string_view domain);

// True when `child` is a proper subdomain of `parent` ("a.b.com" of "b.com", not of
// "b.com" itself and not "ab.com" of "b.com"). Both canonical.
bool IsSubdomainOf(std::string_view child, std::string_view parent);

}  // namespace loupe

#endif  // LOUPE_MODEL_DOMAIN_H_
