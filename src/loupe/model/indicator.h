// Indicators: the values analysts look up (IPs, networks, domains, URLs, file hashes).
// Parsing detects the type, refangs defanged text, validates, and produces the canonical
// text form that the store keys on. All functions are thread-safe.
//
// Error contract: every parser returns InvalidArgument with a human reason for bad input
// ("not a valid IPv4: octet 256"); nothing else.
#ifndef LOUPE_MODEL_INDICATOR_H_
#define LOUPE_MODEL_INDICATOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace loupe {

// Values are persisted in store keys: never renumber.
enum class IndicatorType : uint8_t {
  kIpv4 = 1,
  kIpv6 = 2,
  kNetwork = 3,  // CIDR, IPv4 or IPv6
  kDomain = 4,
  kUrl = 5,
  kMd5 = 6,
  kSha1 = 7,
  kSha256 = 8,
};

// "ipv4", "ipv6", "network", "domain", "url", "md5", "sha1", "sha256".
std::string_view IndicatorTypeName(IndicatorType type);
std::optional<IndicatorType> IndicatorTypeFromName(std::string_view name);
bool IsHashType(IndicatorType type);
bool IsIpType(IndicatorType type);

struct Indicator {
  IndicatorType type;
  // Canonical text: IPv4 dotted quad; IPv6 RFC 5952 compressed; network "base/len" with the
  // host bits cleared; domain lower-case punycode without trailing dot; URL per
  // CanonicalizeUrl; hashes lower-case hex.
  std::string value;
  // Set when the input carried a port ("1.2.3.4:8080", "[::1]:53"); not part of the identity.
  std::optional<uint16_t> port;

  friend bool operator==(const Indicator&, const Indicator&) = default;
};

// Detects the type of `text` and parses it. Leading/trailing whitespace is ignored and
// defanged forms are refanged first. An IPv4-mapped IPv6 address ("::ffff:1.2.3.4") is
// the IPv4 address it maps. "IP:port" yields the IP with `port` set. A bare hostname must
// have a registrable public suffix to count as a domain ("localhost" and "exe" do not).
absl::StatusOr<Indicator> ParseIndicator(std::string_view text);

// Parses `text` as exactly `type` (after refanging), with the same canonical output.
absl::StatusOr<Indicator> ParseIndicatorAs(IndicatorType type, std::string_view text);

// Undoes common defanging: hxxp/hxxps/fxp schemes, "[.]", "(.)", "{.}", "[dot]", "[:]",
// "[://]", "[@]". Text that is not defanged comes back unchanged.
std::string Refang(std::string_view text);

}  // namespace loupe

#endif  // LOUPE_MODEL_INDICATOR_H_
