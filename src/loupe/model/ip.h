// IP addresses and networks in binary form. Thread-safe, value types.
#ifndef LOUPE_MODEL_IP_H_
#define LOUPE_MODEL_IP_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace loupe {

struct IpAddress {
  bool v6 = false;
  // Network byte order. For IPv4 only the first 4 bytes are used (the rest are zero).
  std::array<uint8_t, 16> bytes{};

  size_t size() const { return v6 ? 16 : 4; }
  std::string_view view() const { return {reinterpret_cast<const char*>(bytes.data()), size()}; }
  friend bool operator==(const IpAddress&, const IpAddress&) = default;
  friend auto operator<=>(const IpAddress&, const IpAddress&) = default;
};

// Strict forms only: IPv4 dotted quad with decimal octets (no leading zeros, no shorthand
// like "1.2.3" or "0x7f.1"); IPv6 per RFC 4291 (no zone ids). IPv4-mapped IPv6 addresses
// become the IPv4 address. InvalidArgument with the reason otherwise.
absl::StatusOr<IpAddress> ParseIp(std::string_view text);
absl::StatusOr<IpAddress> ParseIpv4(std::string_view text);
absl::StatusOr<IpAddress> ParseIpv6(std::string_view text);

// IPv4 dotted quad; IPv6 RFC 5952 (lower-case, longest zero run compressed).
std::string FormatIp(const IpAddress& ip);
// From the binary form (4 or 16 bytes); InvalidArgument for any other length.
absl::StatusOr<IpAddress> IpFromBytes(std::string_view bytes);

// True for addresses that are not routable on the internet (RFC 1918, loopback,
// link-local, CGNAT, documentation, multicast, unique-local, unspecified...).
bool IsReservedIp(const IpAddress& ip);

struct IpNetwork {
  IpAddress base;  // host bits cleared
  int prefix_len = 0;

  IpAddress Last() const;  // the highest address in the network
  bool Contains(const IpAddress& ip) const;
  friend bool operator==(const IpNetwork&, const IpNetwork&) = default;
};

// "10.0.0.0/8", "2001:db8::/32". Host bits set in the base are cleared ("10.1.2.3/8" is
// "10.0.0.0/8"). InvalidArgument for a bad address or prefix length.
absl::StatusOr<IpNetwork> ParseNetwork(std::string_view text);
std::string FormatNetwork(const IpNetwork& net);

}  // namespace loupe

#endif  // LOUPE_MODEL_IP_H_
