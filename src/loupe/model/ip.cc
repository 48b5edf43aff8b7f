#include "loupe/model/ip.h"

#include <algorithm>
#include <charconv>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace loupe {
namespace {

// The parsers sit on the ingest hot path: they work on the text in place, build no strings
// and allocate only when they report an error.

absl::Status Ipv4Error(std::string_view reason) {
  return absl::InvalidArgumentError(absl::StrFormat("not a valid IPv4: %s", reason));
}

absl::Status Ipv6Error(std::string_view reason) {
  return absl::InvalidArgumentError(absl::StrFormat("not a valid IPv6: %s", reason));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One decimal octet: 1-3 digits, no leading zero (a leading zero means octal to inet_aton and
// to many browsers, so "010" would name a different host than it seems to).
absl::Status ParseOctet(std::string_view s, uint8_t& out) {
  if (s.empty()) return Ipv4Error("empty octet");
  if (!std::all_of(s.begin(), s.end(), IsDigit)) {
    return Ipv4Error(absl::StrFormat("octet '%s' is not decimal", s));
  }
  if (s.size() > 1 && s[0] == '0') {
    return Ipv4Error(absl::StrFormat("octet '%s' has a leading zero", s));
  }
  if (s.size() > 3) return Ipv4Error(absl::StrFormat("octet %s is out of range", s));
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  if (v > 255) return Ipv4Error(absl::StrCat("octet ", v, " is out of range"));
  out = static_cast<uint8_t>(v);
  return absl::OkStatus();
}

// One pass for well-formed input; false sends the caller to the slower pass that names the
// problem.
bool ParseDottedQuadFast(std::string_view text, uint8_t* out) {
  int part = 0, digits = 0;
  unsigned v = 0;
  for (char c : text) {
    if (IsDigit(c)) {
      if (digits == 1 && v == 0) return false;  // leading zero
      v = v * 10 + static_cast<unsigned>(c - '0');
      if (++digits > 3 || v > 255) return false;
    } else if (c == '.' && digits > 0 && part < 3) {
      out[part++] = static_cast<uint8_t>(v);
      v = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  if (part != 3 || digits == 0) return false;
  out[3] = static_cast<uint8_t>(v);
  return true;
}

absl::Status ParseDottedQuad(std::string_view text, uint8_t* out) {
  if (ParseDottedQuadFast(text, out)) return absl::OkStatus();
  if (text.empty()) return Ipv4Error("empty");
  size_t dots = std::count(text.begin(), text.end(), '.');
  if (dots != 3) return Ipv4Error(absl::StrCat("expected 4 octets, got ", dots + 1));
  for (int i = 0; i < 4; ++i) {
    size_t end = std::min(text.find('.'), text.size());
    absl::Status s = ParseOctet(text.substr(0, end), out[i]);
    if (!s.ok()) return s;
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return absl::OkStatus();
}

// Parses colon-separated hex groups ("1:2:abcd") into `groups`; the last piece may be an
// embedded dotted quad when `allow_v4` (it then fills two groups). Returns the group count.
absl::StatusOr<int> ParseGroups(std::string_view s, bool allow_v4, uint16_t* groups, int max) {
  int n = 0;
  while (!s.empty()) {
    size_t end = std::min(s.find(':'), s.size());
    std::string_view piece = s.substr(0, end);
    bool last = end == s.size();
    if (last && allow_v4 && piece.find('.') != std::string_view::npos) {
      if (n + 2 > max) return Ipv6Error("too many groups");
      uint8_t v4[4];
      absl::Status st = ParseDottedQuad(piece, v4);
      if (!st.ok()) return Ipv6Error(absl::StrCat("bad embedded IPv4 (", st.message(), ")"));
      groups[n++] = static_cast<uint16_t>(v4[0] << 8 | v4[1]);
      groups[n++] = static_cast<uint16_t>(v4[2] << 8 | v4[3]);
      return n;
    }
    if (piece.empty()) return Ipv6Error("empty group");
    if (piece.size() > 4) return Ipv6Error(absl::StrFormat("group '%s' is too long", piece));
    if (n == max) return Ipv6Error("too many groups");
    uint16_t g = 0;
    for (char c : piece) {
      int h = HexValue(c);
      if (h < 0) return Ipv6Error(absl::StrFormat("group '%s' is not hex", piece));
      g = static_cast<uint16_t>(g << 4 | h);
    }
    groups[n++] = g;
    if (last) break;
    s.remove_prefix(end + 1);
    if (s.empty()) return Ipv6Error("trailing ':'");
  }
  return n;
}

// RFC 4291 text form to 16 bytes, without folding IPv4-mapped addresses.
absl::StatusOr<IpAddress> ParseIpv6Raw(std::string_view text) {
  if (text.empty()) return Ipv6Error("empty");
  if (text.find('%') != std::string_view::npos) return Ipv6Error("zone ids are not supported");
  size_t gap = text.find("::");
  if (gap != std::string_view::npos && text.find("::", gap + 1) != std::string_view::npos) {
    return Ipv6Error("more than one '::'");
  }
  uint16_t head[8] = {}, tail[8] = {};
  int nhead = 0, ntail = 0;
  if (gap == std::string_view::npos) {
    auto n = ParseGroups(text, /*allow_v4=*/true, head, 8);
    if (!n.ok()) return n.status();
    nhead = *n;
    if (nhead != 8) return Ipv6Error(absl::StrCat("expected 8 groups, got ", nhead));
  } else {
    auto h = ParseGroups(text.substr(0, gap), /*allow_v4=*/false, head, 7);
    if (!h.ok()) return h.status();
    nhead = *h;
    auto t = ParseGroups(text.substr(gap + 2), /*allow_v4=*/true, tail, 7 - nhead);
    if (!t.ok()) return t.status();
    ntail = *t;
  }
  IpAddress ip;
  ip.v6 = true;
  auto put = [&ip](size_t group, uint16_t value) {
    ip.bytes[2 * group] = static_cast<uint8_t>(value >> 8);
    ip.bytes[2 * group + 1] = static_cast<uint8_t>(value);
  };
  for (int i = 0; i < nhead; ++i) put(i, head[i]);
  for (int i = 0; i < ntail; ++i) put(8 - ntail + i, tail[i]);
  return ip;
}

// ::ffff:0:0/96.
bool IsV4Mapped(const IpAddress& ip) {
  if (!ip.v6) return false;
  for (int i = 0; i < 10; ++i) {
    if (ip.bytes[i] != 0) return false;
  }
  return ip.bytes[10] == 0xff && ip.bytes[11] == 0xff;
}

IpAddress V4FromMapped(const IpAddress& ip) {
  IpAddress v4;
  std::copy(ip.bytes.begin() + 12, ip.bytes.end(), v4.bytes.begin());
  return v4;
}

IpAddress FoldMapped(const IpAddress& ip) { return IsV4Mapped(ip) ? V4FromMapped(ip) : ip; }

char* FormatV4(const uint8_t* b, char* p) {
  for (int i = 0; i < 4; ++i) {
    if (i > 0) *p++ = '.';
    p = std::to_chars(p, p + 3, static_cast<unsigned>(b[i])).ptr;
  }
  return p;
}

char* FormatHexGroup(uint16_t g, char* p) {
  return std::to_chars(p, p + 4, static_cast<unsigned>(g), 16).ptr;  // lower-case, no leading zeros
}

// RFC 5952 section 4.2: the longest run of two or more zero groups (the first on a tie).
void LongestZeroRun(const uint16_t* g, int& start, int& len) {
  start = -1;
  len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > len && j - i >= 2) {
      start = i;
      len = j - i;
    }
    i = j;
  }
}

char* FormatV6(const IpAddress& ip, char* p) {
  if (IsV4Mapped(ip)) {  // RFC 5952 section 5: mixed notation
    p = std::copy_n("::ffff:", 7, p);
    return FormatV4(ip.bytes.data() + 12, p);
  }
  uint16_t g[8];
  for (size_t i = 0; i < 8; ++i) {
    g[i] = static_cast<uint16_t>(ip.bytes[2 * i] << 8 | ip.bytes[2 * i + 1]);
  }
  int zstart, zlen;
  LongestZeroRun(g, zstart, zlen);
  for (int i = 0; i < 8; ++i) {
    if (i == zstart) {
      p = std::copy_n("::", 2, p);
      i += zlen - 1;
      continue;
    }
    if (i > 0 && i != zstart + zlen) *p++ = ':';
    p = FormatHexGroup(g[i], p);
  }
  return p;
}

bool PrefixMatches(const IpAddress& a, const IpAddress& b, int len) {
  int full = len / 8;
  if (!std::equal(a.bytes.begin(), a.bytes.begin() + full, b.bytes.begin())) return false;
  int rest = len % 8;
  if (rest == 0) return true;
  uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (a.bytes[full] & mask) == (b.bytes[full] & mask);
}

void ClearHostBits(IpAddress& ip, int len) {
  for (size_t i = 0; i < ip.size(); ++i) {
    int keep = std::clamp(len - static_cast<int>(i) * 8, 0, 8);
    ip.bytes[i] &= static_cast<uint8_t>(0xff00 >> keep);
  }
}

struct ReservedRange {
  bool v6;
  std::array<uint8_t, 16> bytes;
  int len;
};

// Not routable on the public internet (IANA special-purpose registries, RFC 6890).
constexpr ReservedRange kReserved[] = {
    {false, {0}, 8},              // "this network"
    {false, {10}, 8},             // RFC 1918
    {false, {100, 64}, 10},       // CGNAT, RFC 6598
    {false, {127}, 8},            // loopback
    {false, {169, 254}, 16},      // link-local
    {false, {172, 16}, 12},       // RFC 1918
    {false, {192, 0, 0}, 24},     // IETF protocol assignments
    {false, {192, 0, 2}, 24},     // TEST-NET-1
    {false, {192, 168}, 16},      // RFC 1918
    {false, {198, 18}, 15},       // benchmarking
    {false, {198, 51, 100}, 24},  // TEST-NET-2
    {false, {203, 0, 113}, 24},   // TEST-NET-3
    {false, {224}, 4},            // multicast
    {false, {240}, 4},            // reserved, includes broadcast 255.255.255.255
    {true, {}, 128},              // ::
    {true, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128},  // ::1
    {true, {0x01, 0x00}, 64},                                       // 100::/64 discard-only
    {true, {0x20, 0x01, 0x0d, 0xb8}, 32},                           // documentation
    {true, {0xfc}, 7},                                              // unique-local
    {true, {0xfe, 0x80}, 10},                                       // link-local
    {true, {0xfe, 0xc0}, 10},                                       // deprecated site-local
    {true, {0xff}, 8},                                              // multicast
};

}  // namespace

absl::StatusOr<IpAddress> ParseIpv4(std::string_view text) {
  IpAddress ip;
  absl::Status s = ParseDottedQuad(text, ip.bytes.data());
  if (!s.ok()) return s;
  return ip;
}

absl::StatusOr<IpAddress> ParseIpv6(std::string_view text) {
  absl::StatusOr<IpAddress> ip = ParseIpv6Raw(text);
  if (!ip.ok()) return ip;
  return FoldMapped(*ip);
}

absl::StatusOr<IpAddress> ParseIp(std::string_view text) {
  if (text.find(':') != std::string_view::npos) return ParseIpv6(text);
  return ParseIpv4(text);
}

std::string FormatIp(const IpAddress& ip) {
  char buf[48];
  char* end = ip.v6 ? FormatV6(ip, buf) : FormatV4(ip.bytes.data(), buf);
  return std::string(buf, end);
}

absl::StatusOr<IpAddress> IpFromBytes(std::string_view bytes) {
  if (bytes.size() != 4 && bytes.size() != 16) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a valid IP: ", bytes.size(), " bytes (want 4 or 16)"));
  }
  IpAddress ip;
  ip.v6 = bytes.size() == 16;
  std::copy(bytes.begin(), bytes.end(), ip.bytes.begin());
  return FoldMapped(ip);
}

bool IsReservedIp(const IpAddress& ip) {
  const IpAddress addr = FoldMapped(ip);
  for (const ReservedRange& r : kReserved) {
    if (r.v6 != addr.v6) continue;
    IpAddress base;
    base.v6 = r.v6;
    base.bytes = r.bytes;
    if (PrefixMatches(addr, base, r.len)) return true;
  }
  return false;
}

IpAddress IpNetwork::Last() const {
  IpAddress last = base;
  for (size_t i = 0; i < last.size(); ++i) {
    int keep = std::clamp(prefix_len - static_cast<int>(i) * 8, 0, 8);
    last.bytes[i] |= static_cast<uint8_t>(0xff >> keep);
  }
  return last;
}

bool IpNetwork::Contains(const IpAddress& ip) const {
  return ip.v6 == base.v6 && PrefixMatches(ip, base, prefix_len);
}

absl::StatusOr<IpNetwork> ParseNetwork(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    return absl::InvalidArgumentError("not a valid network: missing '/prefix'");
  }
  std::string_view addr = text.substr(0, slash), len_text = text.substr(slash + 1);
  bool v6_text = addr.find(':') != std::string_view::npos;
  absl::StatusOr<IpAddress> ip = v6_text ? ParseIpv6Raw(addr) : ParseIpv4(addr);
  if (!ip.ok()) return ip.status();
  if (len_text.empty() || !std::all_of(len_text.begin(), len_text.end(), IsDigit)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "not a valid network: prefix length '%s' is not a number", len_text.substr(0, 16)));
  }
  int len = 0;
  for (char c : len_text.substr(0, 4)) len = len * 10 + (c - '0');
  int max = ip->v6 ? 128 : 32;
  if (len_text.size() > 4 || len > max) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "not a valid network: prefix length %s exceeds %d", len_text.substr(0, 16), max));
  }
  IpNetwork net{*ip, len};
  // "::ffff:10.0.0.0/104" is the IPv4 network 10.0.0.0/8, as its addresses are IPv4.
  if (IsV4Mapped(net.base) && len >= 96) net = IpNetwork{V4FromMapped(net.base), len - 96};
  ClearHostBits(net.base, net.prefix_len);
  return net;
}

std::string FormatNetwork(const IpNetwork& net) {
  return absl::StrCat(FormatIp(net.base), "/", net.prefix_len);
}

}  // namespace loupe
