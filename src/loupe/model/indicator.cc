#include "loupe/model/indicator.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "loupe/base/status_macros.h"
#include "loupe/model/domain.h"
#include "loupe/model/hash.h"
#include "loupe/model/ip.h"
#include "loupe/model/url.h"

namespace loupe {
namespace {

constexpr size_t kMaxInputBytes = 65536;

// Indexed by the enum value.
constexpr std::string_view kTypeNames[] = {
    "", "ipv4", "ipv6", "network", "domain", "url", "md5", "sha1", "sha256",
};

struct Defang {
  std::string_view from;  // lower-case; matched ignoring case
  std::string_view to;
};

constexpr Defang kDefangs[] = {
    {"[://]", "://"}, {"[:]", ":"},   {"[.]", "."}, {"(.)", "."},
    {"{.}", "."},     {"[dot]", "."}, {"[@]", "@"},
};

// Only at the very start, and only when a scheme separator follows ("hxxp.com" is a domain).
constexpr Defang kSchemeDefangs[] = {{"hxxps", "https"}, {"hxxp", "http"}, {"fxp", "ftp"}};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool IsDigitOrDot(char c) { return IsDigit(c) || c == '.'; }
bool IsV6Char(char c) { return IsHex(c) || c == ':' || c == '.'; }

template <typename Pred>
bool AllOf(std::string_view s, Pred pred) {
  return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}

bool StartsWithNoCase(std::string_view s, std::string_view lower_prefix) {
  return s.size() >= lower_prefix.size() &&
         std::equal(lower_prefix.begin(), lower_prefix.end(), s.begin(),
                    [](char p, char c) { return p == ToLower(c); });
}

const Defang* SchemeDefangAt(std::string_view text) {
  for (const Defang& d : kSchemeDefangs) {
    std::string_view rest = text.substr(std::min(d.from.size(), text.size()));
    if (StartsWithNoCase(text, d.from) && (rest.starts_with(':') || rest.starts_with("[:"))) {
      return &d;
    }
  }
  return nullptr;
}

const Defang* DefangAt(std::string_view text) {
  for (const Defang& d : kDefangs) {
    if (StartsWithNoCase(text, d.from)) return &d;
  }
  return nullptr;
}

bool IsOpening(char c) { return c == '[' || c == '(' || c == '{'; }

// Cheap pre-check so that clean input (nearly all of it) is not copied. (Not find_first_of:
// libstdc++ runs a memchr per input byte for it.)
bool MayBeDefanged(std::string_view text) {
  return std::any_of(text.begin(), text.end(), IsOpening) ||
         (((text[0] | 0x20) == 'h' || (text[0] | 0x20) == 'f') && SchemeDefangAt(text) != nullptr);
}

absl::StatusOr<std::string_view> CheckInput(std::string_view text) {
  if (text.size() > kMaxInputBytes) {
    return absl::InvalidArgumentError("input longer than 65536 bytes");
  }
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  if (text.empty()) return absl::InvalidArgumentError("empty input");
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u == 0) return absl::InvalidArgumentError("input contains a NUL byte");
    if (IsSpace(c)) return absl::InvalidArgumentError("input contains whitespace");
    if (u < 0x20 || u == 0x7f) {
      return absl::InvalidArgumentError(
          absl::StrFormat("input contains control character 0x%02x", u));
    }
  }
  return text;
}

absl::StatusOr<uint16_t> ParsePort(std::string_view s) {
  if (s.empty()) return absl::InvalidArgumentError("not a valid port: empty");
  if (s.size() > 5 || !AllOf(s, IsDigit)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("not a valid port: '%s' is not a number up to 65535", s.substr(0, 16)));
  }
  uint32_t n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  if (n == 0 || n > 65535) {
    return absl::InvalidArgumentError(absl::StrCat("not a valid port: ", n, " is out of range"));
  }
  return static_cast<uint16_t>(n);
}

// "1.2.3.4", "1.2.3.4:80", "::1", "[::1]", "[::1]:53".
absl::StatusOr<Indicator> ParseIpIndicator(std::string_view v) {
  IpAddress ip;
  std::optional<uint16_t> port;
  if (v.starts_with('[')) {
    size_t close = v.find(']');
    if (close == std::string_view::npos) {
      return absl::InvalidArgumentError("not a valid IPv6: missing ']'");
    }
    ASSIGN_OR_RETURN(ip, ParseIpv6(v.substr(1, close - 1)));
    std::string_view rest = v.substr(close + 1);
    if (!rest.empty() && rest[0] != ':') {
      return absl::InvalidArgumentError("not a valid IPv6: unexpected text after ']'");
    }
    if (!rest.empty()) {
      ASSIGN_OR_RETURN(port, ParsePort(rest.substr(1)));
    }
  } else if (std::count(v.begin(), v.end(), ':') == 1) {
    size_t colon = v.find(':');
    ASSIGN_OR_RETURN(ip, ParseIpv4(v.substr(0, colon)));
    ASSIGN_OR_RETURN(port, ParsePort(v.substr(colon + 1)));
  } else {
    ASSIGN_OR_RETURN(ip, ParseIp(v));
  }
  return Indicator{ip.v6 ? IndicatorType::kIpv6 : IndicatorType::kIpv4, FormatIp(ip), port};
}

absl::StatusOr<Indicator> ParseNetworkIndicator(std::string_view v) {
  ASSIGN_OR_RETURN(IpNetwork net, ParseNetwork(v));
  return Indicator{IndicatorType::kNetwork, FormatNetwork(net), std::nullopt};
}

absl::Status NotADomain(std::string_view reason) {
  return absl::InvalidArgumentError(absl::StrFormat("not a valid domain: %s", reason));
}

// A bare name counts as a domain only under a suffix the PSL lists: "invoice.pdf" and
// "host.local" are not domains. An ICANN public suffix itself ("co.uk") is not one either;
// a private-section one ("github.io") is. Usually two lookups whatever the depth of the
// name (libpsl takes 150-300 ns per lookup): the top-level label, then the name itself; a
// TLD the PSL lists only under second-level rules ("za": "co.za") costs two more.
absl::Status CheckRegistrable(const std::string& domain) {
  if (!HasKnownPublicSuffix(domain)) {
    std::string_view tld = std::string_view(domain).substr(domain.rfind('.') + 1);
    return NotADomain(absl::StrFormat("'%s' is not a known public suffix", tld));
  }
  if (IsIcannPublicSuffix(domain)) {
    return NotADomain(absl::StrFormat("'%s' is a public suffix", domain));
  }
  return absl::OkStatus();
}

// "example.com" or "example.com:443".
absl::StatusOr<Indicator> ParseDomainIndicator(std::string_view v) {
  std::optional<uint16_t> port;
  size_t colon = v.rfind(':');
  if (colon != std::string_view::npos) {
    ASSIGN_OR_RETURN(port, ParsePort(v.substr(colon + 1)));
    v = v.substr(0, colon);
  }
  ASSIGN_OR_RETURN(std::string domain, CanonicalizeDomain(v));
  RETURN_IF_ERROR(CheckRegistrable(domain));
  return Indicator{IndicatorType::kDomain, std::move(domain), port};
}

// Without a scheme, "setup.exe/x" is more likely a file path than a URL: its host must end
// in a listed TLD, as a bare domain must.
absl::StatusOr<Indicator> ParseUrlIndicator(std::string_view v, bool require_known_suffix) {
  ASSIGN_OR_RETURN(UrlParts parts, ParseUrl(v));
  if (require_known_suffix && !parts.host_is_ip && !HasKnownPublicSuffix(parts.host)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("not a valid URL: host '%s' has no known public suffix", parts.host));
  }
  return Indicator{IndicatorType::kUrl, std::move(parts.canonical), std::nullopt};
}

// What one pass over the text finds. Detection reads this rather than rescanning: it runs
// for every ingested value, and the IPv4 path must stay within a few dozen nanoseconds.
struct Shape {
  size_t colons = 0;
  bool has_digit = false;
  bool url_delim = false;      // '/', '?' or '#'
  bool only_digit_dot = true;  // [0-9.]
  bool only_hex = true;        // [0-9a-fA-F]
  bool only_alnum = true;      // [0-9a-zA-Z]
  bool only_v6 = true;         // [0-9a-fA-F:.] before any '%' (a zone id)
};

Shape Scan(std::string_view v) {
  Shape sh;
  bool in_zone = false;
  for (char c : v) {
    bool digit = IsDigit(c), hex = IsHex(c);
    sh.colons += c == ':';
    sh.has_digit |= digit;
    sh.url_delim |= c == '/' || c == '?' || c == '#';
    sh.only_digit_dot &= digit || c == '.';
    sh.only_hex &= hex;
    sh.only_alnum &= hex || IsAlpha(c);
    in_zone |= c == '%';
    sh.only_v6 &= in_zone || hex || c == ':' || c == '.';
  }
  return sh;
}

// 32/40/64 alphanumerics, or a long run of hex: reported as a (bad) hash, which is what it
// most likely is; neither can be anything else because there is no dot.
bool LooksLikeHash(std::string_view v, const Shape& sh) {
  if (v.size() == 32 || v.size() == 40 || v.size() == 64) return sh.only_alnum;
  return v.size() >= 16 && sh.only_hex;
}

// Dotted digits, or dotted hex-ish parts with a numeric last label ("1.2.3", "0x7f.0.0.1",
// "010.1.1.1"): a name cannot end in a numeric label, so IPv4's reason is the useful one.
bool LooksLikeIpv4(std::string_view v, const Shape& sh) {
  if (sh.only_digit_dot) return sh.has_digit;
  size_t dot = v.rfind('.');
  return dot != std::string_view::npos && AllOf(v.substr(dot + 1), IsDigit) &&
         AllOf(v, [](char c) { return IsHex(c) || c == '.' || c == 'x' || c == 'X'; });
}

bool LooksLikeIp(std::string_view v, const Shape& sh) {
  if (v.starts_with('[')) {  // "[v6]" or "[v6]:port", unless a path follows
    size_t close = v.find(']');
    return close == std::string_view::npos || std::none_of(v.begin() + close, v.end(), [](char c) {
             return c == '/' || c == '?' || c == '#';
           });
  }
  if (sh.url_delim) return false;
  if (sh.colons == 0) return LooksLikeIpv4(v, sh);
  if (sh.colons == 1) return AllOf(v.substr(0, v.find(':')), IsDigitOrDot);  // "v4:port"
  // Two colons never occur in a domain; IPv6's reason is the useful one.
  return v[0] == ':' || sh.only_v6;
}

bool LooksLikeIpText(std::string_view v) {
  if (AllOf(v, IsDigitOrDot)) return true;
  return std::count(v.begin(), v.end(), ':') >= 2 && AllOf(v.substr(0, v.find('%')), IsV6Char);
}

// "10.0.0.0/8", "2001:db8::/32", also "1.2.3.4/-1" (reported as a bad prefix length).
bool LooksLikeNetwork(std::string_view v, const Shape& sh) {
  size_t slash = sh.url_delim ? v.find('/') : std::string_view::npos;
  if (slash == std::string_view::npos) return false;
  std::string_view len = v.substr(slash + 1);
  if (len.starts_with('-')) len.remove_prefix(1);
  return AllOf(len, IsDigit) && LooksLikeIpText(v.substr(0, slash));
}

// "mailto:", "javascript:" but not the port in "example.com:8080". Mirrors ParseUrl's rule.
bool HasSchemePrefix(std::string_view v) {
  size_t colon = v.find(':');
  if (colon == std::string_view::npos || colon == 0 || !IsAlpha(v[0])) return false;
  if (!AllOf(v.substr(0, colon),
             [](char c) { return IsAlnum(c) || c == '+' || c == '-' || c == '.'; })) {
    return false;
  }
  std::string_view rest = v.substr(colon + 1);
  size_t digits = 0;
  while (digits < rest.size() && IsDigit(rest[digits])) ++digits;
  bool port = digits == rest.size() ||
              (digits > 0 && (rest[digits] == '/' || rest[digits] == '?' || rest[digits] == '#'));
  return rest.starts_with("//") || !port;
}

// The detection order of ParseIndicator's contract.
absl::StatusOr<Indicator> Detect(std::string_view v) {
  const Shape sh = Scan(v);
  if (LooksLikeHash(v, sh)) return ParseHash(v);
  if (LooksLikeIp(v, sh)) return ParseIpIndicator(v);
  if (LooksLikeNetwork(v, sh)) return ParseNetworkIndicator(v);
  bool scheme = sh.colons > 0 && HasSchemePrefix(v);
  if (sh.url_delim || scheme) return ParseUrlIndicator(v, /*require_known_suffix=*/!scheme);
  return ParseDomainIndicator(v);
}

absl::Status WrongType(IndicatorType want, const Indicator& got) {
  return absl::InvalidArgumentError(absl::StrFormat("not a valid %s: '%s' is %s",
                                                    IndicatorTypeName(want), got.value,
                                                    IndicatorTypeName(got.type)));
}

absl::StatusOr<Indicator> ParseAs(IndicatorType type, std::string_view v) {
  switch (type) {
    case IndicatorType::kMd5:
    case IndicatorType::kSha1:
    case IndicatorType::kSha256: {
      ASSIGN_OR_RETURN(Indicator ind, ParseHash(v));
      if (ind.type != type) return WrongType(type, ind);
      return ind;
    }
    case IndicatorType::kIpv4:
    case IndicatorType::kIpv6: {
      ASSIGN_OR_RETURN(Indicator ind, ParseIpIndicator(v));
      if (ind.type != type) return WrongType(type, ind);
      return ind;
    }
    case IndicatorType::kNetwork:
      return ParseNetworkIndicator(v);
    case IndicatorType::kDomain:
      return ParseDomainIndicator(v);
    case IndicatorType::kUrl:
      return ParseUrlIndicator(v, /*require_known_suffix=*/false);
  }
  return absl::InvalidArgumentError("unknown indicator type");
}

}  // namespace

std::string_view IndicatorTypeName(IndicatorType type) {
  auto i = static_cast<size_t>(type);
  return i < std::size(kTypeNames) ? kTypeNames[i] : "";
}

std::optional<IndicatorType> IndicatorTypeFromName(std::string_view name) {
  for (size_t i = 1; i < std::size(kTypeNames); ++i) {
    if (kTypeNames[i] == name) return static_cast<IndicatorType>(i);
  }
  return std::nullopt;
}

bool IsHashType(IndicatorType type) {
  return type == IndicatorType::kMd5 || type == IndicatorType::kSha1 ||
         type == IndicatorType::kSha256;
}

bool IsIpType(IndicatorType type) {
  return type == IndicatorType::kIpv4 || type == IndicatorType::kIpv6;
}

std::string Refang(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  if (const Defang* d = SchemeDefangAt(text)) {
    out += d->to;
    text.remove_prefix(d->from.size());
  }
  while (!text.empty()) {
    auto open = std::find_if(text.begin(), text.end(), IsOpening) - text.begin();
    out.append(text.substr(0, open));
    text.remove_prefix(open);
    if (text.empty()) break;
    const Defang* d = DefangAt(text);
    out += d != nullptr ? d->to : text.substr(0, 1);
    text.remove_prefix(d != nullptr ? d->from.size() : 1);
  }
  return out;
}

absl::StatusOr<Indicator> ParseIndicator(std::string_view text) {
  ASSIGN_OR_RETURN(std::string_view v, CheckInput(text));
  if (!MayBeDefanged(v)) return Detect(v);
  return Detect(Refang(v));
}

absl::StatusOr<Indicator> ParseIndicatorAs(IndicatorType type, std::string_view text) {
  ASSIGN_OR_RETURN(std::string_view v, CheckInput(text));
  if (!MayBeDefanged(v)) return ParseAs(type, v);
  return ParseAs(type, Refang(v));
}

}  // namespace loupe
