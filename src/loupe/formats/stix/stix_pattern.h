// The STIX patterning language as far as a feed reader needs it: the comparisons a
// pattern makes, and which of them name an indicator loupe keeps.
//
// Grammar: STIX 2.0 Part 5
// (https://docs.oasis-open.org/cti/stix/v2.0/stix-v2.0-part5-stix-patterning.html) and STIX 2.1
// section 9 (https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html#_e8slinrhxcc9).
// ParseStixPattern accepts the whole grammar of both versions so that it can tell a valid
// pattern from garbage, but keeps only the comparisons:
//   pattern      := obs ((AND | OR | FOLLOWEDBY) obs)*
//   obs          := ('[' comparisons ']' | '(' pattern ')') qualifier*
//   qualifier    := WITHIN number SECONDS | START literal STOP literal | REPEATS int TIMES
//   comparisons  := test ((AND | OR) test)*
//   test         := '(' comparisons ')' | EXISTS path
//                 | path NOT? (= | == | != | <> | < | <= | > | >=) literal
//                 | path NOT? IN '(' literal (',' literal)* ')'
//                 | path NOT? (LIKE | MATCHES | ISSUBSET | ISSUPERSET) string
//   path         := type ':' (name | string) ('.' (name | string) | '[' (int | '*') ']')*
//   literal      := string | t'..' | h'..' | b'..' | number | true | false
// Strings are single-quoted with \' and \\ as escapes (a backslash before any other
// character is kept, as producers write Windows paths carelessly). Keywords are matched
// in any case. Names may contain '-' anywhere after the first character, so the unquoted
// `file:hashes.SHA-256` that some producers write parses like `file:hashes.'SHA-256'`.
// The precedence of AND and OR does not matter here (no pattern is evaluated), only that
// the pattern is well formed.
//
// Limits (hostile input): patterns longer than kMaxStixPatternBytes and nesting of
// brackets and parentheses deeper than kMaxStixPatternDepth are rejected, so the
// recursive-descent parser's stack stays small whatever the input.
//
// All functions are pure and thread-safe.
#ifndef LOUPE_FORMATS_STIX_STIX_PATTERN_H_
#define LOUPE_FORMATS_STIX_STIX_PATTERN_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/model/indicator.h"

namespace loupe {

inline constexpr size_t kMaxStixPatternBytes = size_t{64} << 10;
inline constexpr int kMaxStixPatternDepth = 64;

enum class PatternOp : uint8_t {
  kEq,   // '=' or '=='
  kNeq,  // '!=' or '<>'
  kLt,
  kLe,
  kGt,
  kGe,
  kIn,
  kLike,
  kMatches,
  kIsSubset,
  kIsSuperset,
  kExists,
};

// One comparison of a pattern, in the order the pattern writes them.
struct PatternComparison {
  std::string object_type;        // "ipv4-addr", "file", "network-traffic"
  std::vector<std::string> path;  // {"hashes", "SHA-256"}; index steps as "[*]", "[0]"
  PatternOp op = PatternOp::kEq;
  bool negated = false;       // NOT before the operator
  bool string_value = false;  // the right side is one plain string literal ('...')
  std::string value;          // that string, unescaped; empty otherwise
};

// Every comparison of `pattern`. InvalidArgument with the reason and the byte offset
// ("expected ']' at offset 41") when the pattern is not well formed, longer than
// kMaxStixPatternBytes or nested deeper than kMaxStixPatternDepth.
absl::StatusOr<std::vector<PatternComparison>> ParseStixPattern(std::string_view pattern);

// "file:hashes.SHA-256" for messages.
std::string PatternPathText(const PatternComparison& comparison);

// The indicator one comparison names: an '=' (not negated) against a string on
//   ipv4-addr:value, ipv6-addr:value (a CIDR is a network, "/32" and "/128" a host),
//   domain-name:value, url:value,
//   file:hashes.<MD5|SHA-1|SHA-256> (key in any case, '-' and '_' ignored),
//   network-traffic:dst_ref.value, network-traffic:src_ref.value (an IP, network or domain).
// nullopt for every other comparison (other operators, other paths: email-addr, process,
// file:name, SHA-512 ...). InvalidArgument ("ipv4-addr:value: not a valid IPv4: ...") when
// the path is supported but the value is not valid for it.
absl::StatusOr<std::optional<Indicator>> IndicatorFromComparison(
    const PatternComparison& comparison);

// The value of an ipv4-addr or ipv6-addr object (`type` kIpv4 or kIpv6): an address, or a
// CIDR network of that family; a network of one address is that address.
absl::StatusOr<Indicator> ParseStixAddress(IndicatorType type, std::string_view text);

// A STIX hash algorithm name ("MD5", "SHA-1", "sha256", "SHA_256") as loupe's hash type;
// nullopt for the others (SHA-512, SSDEEP, TLSH ...).
std::optional<IndicatorType> HashTypeFromName(std::string_view name);

}  // namespace loupe

#endif  // LOUPE_FORMATS_STIX_STIX_PATTERN_H_
