#include "loupe/formats/rdap/ip_range.h"

#include <algorithm>

#include "fmt/format.h"

namespace loupe {
namespace {

// Addresses as integers make the block arithmetic a few lines; both GCC and Clang have a
// 128-bit type on every target loupe builds for.
using U128 = unsigned __int128;

U128 ToInt(const IpAddress& ip) {
  U128 v = 0;
  for (size_t i = 0; i < ip.size(); ++i) v = (v << 8) | ip.bytes[i];
  return v;
}

IpAddress FromInt(U128 v, bool v6) {
  IpAddress ip;
  ip.v6 = v6;
  for (size_t i = ip.size(); i-- > 0;) {
    ip.bytes[i] = static_cast<uint8_t>(v & 0xff);
    v >>= 8;
  }
  return ip;
}

int TrailingZeros(U128 v, int width) {
  int n = 0;
  while (n < width && ((v >> n) & 1) == 0) ++n;
  return n;
}

// The largest s with 2^s - 1 <= span: the biggest block that fits in the rest of the range.
int FitBits(U128 span, int width) {
  int s = 0;
  while (s < width && (span >> s) != 0) ++s;  // s = bit length of span
  // span + 1 is a power of two exactly when span is all ones below bit s.
  const bool all_ones = s == 128 ? span == ~U128{0} : span == (U128{1} << s) - 1;
  return all_ones ? s : s - 1;
}

}  // namespace

absl::StatusOr<std::vector<IpNetwork>> CoverRange(const IpAddress& first, const IpAddress& last,
                                                  size_t max_networks) {
  if (first.v6 != last.v6) {
    return absl::InvalidArgumentError(
        fmt::format("range {} - {} mixes IPv4 and IPv6", FormatIp(first), FormatIp(last)));
  }
  if (last < first) {
    return absl::InvalidArgumentError(
        fmt::format("range {} - {} ends before it starts", FormatIp(first), FormatIp(last)));
  }
  const int width = first.v6 ? 128 : 32;
  const U128 end = ToInt(last);
  U128 cur = ToInt(first);
  std::vector<IpNetwork> out;
  while (true) {
    const int bits = std::min(TrailingZeros(cur, width), FitBits(end - cur, width));
    if (out.size() == max_networks) {
      return absl::InvalidArgumentError(
          fmt::format("range {} - {} needs more than {} CIDR networks", FormatIp(first),
                      FormatIp(last), max_networks));
    }
    out.push_back(IpNetwork{FromInt(cur, first.v6), width - bits});
    // The block's last address; stop there rather than step past the end (or wrap).
    const U128 block_last = bits == 128 ? ~U128{0} : cur + ((U128{1} << bits) - 1);
    if (block_last >= end) break;
    cur = block_last + 1;
  }
  return out;
}

}  // namespace loupe
