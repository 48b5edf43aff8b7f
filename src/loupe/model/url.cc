#include "loupe/model/url.h"

#include <algorithm>
#include <array>
#include <boost/url/parse_path.hpp>
#include <boost/url/parse_query.hpp>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "loupe/base/status_macros.h"
#include "loupe/model/domain.h"
#include "loupe/model/ip.h"

// Boost.URL 1.81 checks the path and query grammar here, and nothing more, because:
// - parse_uri() takes a leading dotted quad as an IPv4 host without backtracking:
//   "http://1.2.3.4.example.com/x" comes back as host "1.2.3.4" and path ".example.com/x"
//   (parse_authority() rejects that authority). It also ends the authority early instead of
//   failing: "http://a.com:8a/" is port "8" and path "a/", "http://u:p@ss@a.com/" is host
//   "ss". So the authority is split here.
// - url::normalize() is unfit for canonical keys: it decodes every octet allowed in the
//   component ("%2F" becomes "/", "%26" in a query "&"), keeps "/../x" and default ports.
// - url_view::port_number() wraps: port 99999 reads as 34463.
// What follows is RFC 3986 section 6.2.2 normalization with browser-compatible edges.

namespace loupe {
namespace {

constexpr size_t kMaxUrlBytes = 65536;

absl::Status UrlError(std::string_view reason) {
  return absl::InvalidArgumentError(absl::StrFormat("not a valid URL: %s", reason));
}

// A set of bytes, built at compile time.
class CharSet {
 public:
  constexpr explicit CharSet(std::string_view chars) {
    for (char c : chars) bits_[static_cast<unsigned char>(c)] = true;
  }
  constexpr CharSet operator+(const CharSet& other) const {
    CharSet sum = *this;
    for (size_t i = 0; i < bits_.size(); ++i) sum.bits_[i] = bits_[i] || other.bits_[i];
    return sum;
  }
  constexpr bool Contains(char c) const { return bits_[static_cast<unsigned char>(c)]; }

 private:
  std::array<bool, 256> bits_{};
};

constexpr CharSet kUnreserved("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~");
constexpr CharSet kSubDelims("!$&'()*+,;=");
constexpr CharSet kUserinfoChars = kUnreserved + kSubDelims + CharSet(":");
constexpr CharSet kPathChars = kUnreserved + kSubDelims + CharSet(":@/");
constexpr CharSet kQueryChars = kPathChars + CharSet("?");
// What may appear unencoded somewhere in a URI ('%' aside).
constexpr CharSet kUriChars = kUnreserved + kSubDelims + CharSet(":/?#[]@");

struct Scheme {
  std::string_view name;
  uint16_t default_port;
};

constexpr Scheme kSchemes[] = {
    {"http", 80}, {"https", 443}, {"ftp", 21}, {"ws", 80}, {"wss", 443},
};

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
char ToUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendEscaped(std::string& out, char c) {
  constexpr char kHex[] = "0123456789ABCDEF";
  auto u = static_cast<unsigned char>(c);
  out += '%';
  out += kHex[u >> 4];
  out += kHex[u & 0xf];
}

// The ':' that ends a scheme at the start of `text`, or npos. In "example.com:8080/x" what
// follows the colon is a port, so there is no scheme.
size_t SchemeColon(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || !IsAlpha(text[0])) {
    return std::string_view::npos;
  }
  for (char c : text.substr(0, colon)) {
    if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '-' && c != '.') {
      return std::string_view::npos;
    }
  }
  std::string_view rest = text.substr(colon + 1);
  if (rest.starts_with("//")) return colon;
  size_t digits = 0;
  while (digits < rest.size() && IsDigit(rest[digits])) ++digits;
  bool port = digits == rest.size() ||
              (digits > 0 && (rest[digits] == '/' || rest[digits] == '?' || rest[digits] == '#'));
  return port ? std::string_view::npos : colon;
}

absl::StatusOr<Scheme> LookUpScheme(std::string_view name) {
  for (const Scheme& s : kSchemes) {
    if (name.size() == s.name.size() &&
        std::equal(name.begin(), name.end(), s.name.begin(),
                   [](char a, char b) { return ToLower(a) == b; })) {
      return s;
    }
  }
  return UrlError(absl::StrFormat("unsupported scheme '%s'", name.substr(0, 32)));
}

absl::Status CheckBytes(std::string_view text) {
  if (text.size() > kMaxUrlBytes) {
    return absl::InvalidArgumentError("URL longer than 65536 bytes");
  }
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      return UrlError(absl::StrFormat("contains whitespace or control character 0x%02x", u));
    }
  }
  return absl::OkStatus();
}

// Makes `url` fit the RFC 3986 grammar: drops the fragment, percent-encodes bytes that may
// not appear raw (non-ASCII, '"', '<', '|', stray '%'...) and brackets outside the
// authority. A backslash before the query is a '/', as in browsers (WHATWG URL, which
// applies to every scheme we accept): "http://evil.com\@good.com" goes to evil.com.
std::string Sanitize(std::string_view url, size_t authority_start) {
  url = url.substr(0, url.find('#'));
  size_t query = std::min(url.find('?'), url.size());
  size_t authority_end = std::min(url.find_first_of("/?\\", authority_start), url.size());
  std::string out;
  out.reserve(url.size() + 16);
  for (size_t i = 0; i < url.size(); ++i) {
    char c = url[i];
    if (c == '%' && i + 2 < url.size() && HexValue(url[i + 1]) >= 0 && HexValue(url[i + 2]) >= 0) {
      out.append(url.substr(i, 3));
      i += 2;
    } else if (c == '\\' && i < query) {
      out += '/';
    } else if (c != '%' && kUriChars.Contains(c) &&
               !((c == '[' || c == ']') && i >= authority_end)) {
      out += c;
    } else {
      AppendEscaped(out, c);
    }
  }
  return out;
}

// RFC 3986 6.2.2.1-2: upper-case hex in escapes, decode unreserved octets, keep every other
// escape (decoding "%2F" or "%26" would change what the URL means), and escape raw bytes
// that `allowed` does not admit.
void AppendNormalized(std::string& out, std::string_view s, const CharSet& allowed) {
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      auto decoded = static_cast<char>(HexValue(s[i + 1]) << 4 | HexValue(s[i + 2]));
      if (kUnreserved.Contains(decoded)) {
        out += decoded;
      } else {
        out += '%';
        out += ToUpper(s[i + 1]);
        out += ToUpper(s[i + 2]);
      }
      i += 2;
    } else if (c != '%' && allowed.Contains(c)) {
      out += c;
    } else {
      AppendEscaped(out, c);
    }
  }
}

void PopLastSegment(std::string& out) {
  size_t slash = out.rfind('/');
  out.resize(slash == std::string::npos ? 0 : slash);
}

// RFC 3986 5.2.4, step by step. Each output byte is written once and each ".." pops only
// the segment it cancels, so this stays linear on hostile paths.
std::string RemoveDotSegments(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./") || in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../")) {
      in.remove_prefix(3);
      PopLastSegment(out);
    } else if (in == "/..") {
      in = "/";
      PopLastSegment(out);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      size_t next = std::min(in.find('/', 1), in.size());
      out.append(in.substr(0, next));
      in.remove_prefix(next);
    }
  }
  return out;
}

absl::Status BadHost(const absl::Status& why) {
  return UrlError(absl::StrFormat("bad host (%s)", why.message()));
}

struct Authority {
  std::string_view userinfo;  // without the '@'; empty when absent
  std::string_view host;      // as written, brackets included
  std::string_view port;      // digits, possibly empty
};

// "user:pass@host:port" -> parts. The last '@' ends the userinfo, as in browsers; an '@'
// before it belongs to the userinfo and comes out percent-encoded.
absl::StatusOr<Authority> SplitAuthority(std::string_view a) {
  Authority out;
  if (size_t at = a.rfind('@'); at != std::string_view::npos) {
    out.userinfo = a.substr(0, at);
    a.remove_prefix(at + 1);
  }
  size_t host_end = a.find(':');
  if (a.starts_with('[')) {
    size_t close = a.find(']');
    if (close == std::string_view::npos) return UrlError("bad host (missing ']')");
    host_end = close + 1;
    if (host_end < a.size() && a[host_end] != ':') {
      return UrlError("bad authority (stray text after the host)");
    }
  }
  host_end = std::min(host_end, a.size());
  out.host = a.substr(0, host_end);
  if (host_end < a.size()) out.port = a.substr(host_end + 1);
  if (!std::all_of(out.port.begin(), out.port.end(), IsDigit)) {
    return UrlError(absl::StrFormat("bad port '%s'", out.port.substr(0, 16)));
  }
  return out;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) << 4 | HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Fills host and host_is_ip; returns the host as written in the canonical URL.
absl::StatusOr<std::string> CanonicalHost(std::string_view host, UrlParts& parts) {
  if (host.empty()) return UrlError("no host");
  if (host.front() == '[') {
    std::string_view literal = host.substr(1, host.size() - 2);
    if (literal.starts_with('v') || literal.starts_with('V')) {
      return UrlError("IPvFuture hosts are not supported");
    }
    absl::StatusOr<IpAddress> ip = ParseIpv6(literal);
    if (!ip.ok()) return BadHost(ip.status());
    parts.host = FormatIp(*ip);
    parts.host_is_ip = true;
    return ip->v6 ? absl::StrCat("[", parts.host, "]") : parts.host;  // v4-mapped is IPv4
  }
  // Percent-decoded, the name may hold UTF-8 (an IDN) or even an IP address.
  std::string name = PercentDecode(host);
  if (std::all_of(name.begin(), name.end(), [](char c) { return IsDigit(c) || c == '.'; })) {
    absl::StatusOr<IpAddress> ip = ParseIpv4(name);
    if (!ip.ok()) return BadHost(ip.status());
    parts.host = FormatIp(*ip);
    parts.host_is_ip = true;
    return parts.host;
  }
  absl::StatusOr<std::string> domain = CanonicalizeDomain(name);
  if (!domain.ok()) return BadHost(domain.status());
  parts.host = *std::move(domain);
  return parts.host;
}

// The port to write, or 0 when the URL has none or the scheme's default.
absl::StatusOr<uint16_t> CanonicalPort(std::string_view port, const Scheme& scheme) {
  while (port.size() > 1 && port[0] == '0') port.remove_prefix(1);
  if (port.empty()) return 0;
  uint32_t n = 0;
  for (char c : port.substr(0, 6)) n = n * 10 + (c - '0');
  if (port.size() > 5 || n == 0 || n > 65535) {
    return UrlError(absl::StrFormat("port %s is out of range", port.substr(0, 16)));
  }
  return n == scheme.default_port ? 0 : static_cast<uint16_t>(n);
}

// Canonical text must not look defanged, or ParseIndicator would read "(.)" back as a dot:
// such a dot stays encoded.
void KeepDefangLookalikesEncoded(std::string& s) {
  for (size_t pos = s.find("(.)"); pos != std::string::npos; pos = s.find("(.)", pos + 5)) {
    s.replace(pos + 1, 1, "%2E");
  }
}

// Path and query, each checked against the RFC 3986 grammar and normalized; dot-segments
// removed from the path.
absl::Status AppendPathAndQuery(std::string_view rest, std::string& out) {
  size_t q = std::min(rest.find('?'), rest.size());
  std::string_view path = rest.substr(0, q);
  if (!boost::urls::parse_path({path.data(), path.size()})) return UrlError("bad path");
  std::string normalized;
  AppendNormalized(normalized, path, kPathChars);
  std::string resolved = RemoveDotSegments(normalized);
  out += resolved.empty() ? "/" : resolved;
  std::string_view query = rest.substr(std::min(q + 1, rest.size()));
  if (query.empty()) return absl::OkStatus();  // a lone "?" is dropped
  if (!boost::urls::parse_query({query.data(), query.size()})) return UrlError("bad query");
  out += '?';
  AppendNormalized(out, query, kQueryChars);
  return absl::OkStatus();
}

// `rest` is the sanitized URL after "scheme://".
absl::StatusOr<UrlParts> Canonicalize(const Scheme& scheme, std::string_view rest) {
  size_t authority_end = std::min(rest.find_first_of("/?"), rest.size());
  ASSIGN_OR_RETURN(Authority authority, SplitAuthority(rest.substr(0, authority_end)));
  UrlParts parts;
  std::string& out = parts.canonical;
  out.reserve(rest.size() + 16);
  out.append(scheme.name).append("://");
  if (!authority.userinfo.empty()) {
    AppendNormalized(out, authority.userinfo, kUserinfoChars);
    out += '@';
  }
  ASSIGN_OR_RETURN(std::string host, CanonicalHost(authority.host, parts));
  out += host;
  ASSIGN_OR_RETURN(uint16_t port, CanonicalPort(authority.port, scheme));
  if (port != 0) absl::StrAppend(&out, ":", port);
  RETURN_IF_ERROR(AppendPathAndQuery(rest.substr(authority_end), out));
  KeepDefangLookalikesEncoded(out);
  if (!parts.host_is_ip) parts.registrable_domain = RegistrableDomain(parts.host);
  return parts;
}

}  // namespace

absl::StatusOr<UrlParts> ParseUrl(std::string_view text) {
  RETURN_IF_ERROR(CheckBytes(text));
  if (text.empty()) return UrlError("empty");
  size_t colon = SchemeColon(text);
  std::string full =
      colon == std::string_view::npos ? absl::StrFormat("http://%s", text) : std::string(text);
  if (colon == std::string_view::npos) colon = 4;
  ASSIGN_OR_RETURN(Scheme scheme, LookUpScheme(std::string_view(full).substr(0, colon)));
  if (full.compare(colon + 1, 2, "//") != 0) return UrlError("no '//' and host after the scheme");
  std::string sanitized = Sanitize(full, colon + 3);
  return Canonicalize(scheme, std::string_view(sanitized).substr(colon + 3));
}

}  // namespace loupe
