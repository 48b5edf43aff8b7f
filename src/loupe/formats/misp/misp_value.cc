#include "loupe/formats/misp/misp_value.h"

#include <algorithm>
#include <charconv>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/formats/misp/misp_text.h"

namespace loupe {
namespace {

using misp_text::Trim;

enum class Shape {
  kSkip,
  kIp,          // ip-src, ip-dst: an address (a CIDR becomes a network)
  kIpPort,      // "1.2.3.4|443"
  kDomain,      // domain, hostname
  kDomainPort,  // "evil.com|8080"
  kDomainIp,    // "evil.com|1.2.3.4"
  kUrl,
  kUri,       // a URL only when it has a scheme; paths are skipped
  kHash,      // md5, sha1, sha256
  kFileHash,  // "name|hash"
};

struct TypeShape {
  std::string_view type;
  Shape shape;
  IndicatorType hash = IndicatorType::kMd5;
};

constexpr TypeShape kTypes[] = {
    {"ip-src", Shape::kIp},
    {"ip-dst", Shape::kIp},
    {"ip-src|port", Shape::kIpPort},
    {"ip-dst|port", Shape::kIpPort},
    {"domain", Shape::kDomain},
    {"hostname", Shape::kDomain},
    {"hostname|port", Shape::kDomainPort},
    {"domain|ip", Shape::kDomainIp},
    {"url", Shape::kUrl},
    {"uri", Shape::kUri},
    {"md5", Shape::kHash, IndicatorType::kMd5},
    {"sha1", Shape::kHash, IndicatorType::kSha1},
    {"sha256", Shape::kHash, IndicatorType::kSha256},
    {"filename|md5", Shape::kFileHash, IndicatorType::kMd5},
    {"filename|sha1", Shape::kFileHash, IndicatorType::kSha1},
    {"filename|sha256", Shape::kFileHash, IndicatorType::kSha256},
};

TypeShape ShapeOf(std::string_view type) {
  for (const TypeShape& t : kTypes) {
    if (t.type == type) return t;
  }
  return {type, Shape::kSkip};
}

// An IP attribute: an address, or a network when written as CIDR ("/32" and "/128" are the
// address itself). The family follows the text so the reason names the right one.
absl::StatusOr<Indicator> ParseIp(std::string_view text) {
  text = Trim(text);
  size_t slash = text.find('/');
  if (slash != std::string_view::npos) {
    std::string_view len = text.substr(slash + 1);
    if (len != "32" && len != "128") return ParseIndicatorAs(IndicatorType::kNetwork, text);
    text = text.substr(0, slash);
  }
  const bool v6 = text.starts_with('[') || std::count(text.begin(), text.end(), ':') >= 2;
  return ParseIndicatorAs(v6 ? IndicatorType::kIpv6 : IndicatorType::kIpv4, text);
}

absl::StatusOr<Indicator> ParseAddress(std::string_view text) {
  ASSIGN_OR_RETURN(Indicator ip, ParseIp(text));
  if (!IsIpType(ip.type)) {
    return absl::InvalidArgumentError(fmt::format("not a valid IP: '{}' is a network", ip.value));
  }
  return ip;
}

absl::StatusOr<uint16_t> ParsePort(std::string_view text) {
  text = Trim(text);
  unsigned n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n == 0 || n > 65535) {
    return absl::InvalidArgumentError(fmt::format("not a valid port: '{}'", text.substr(0, 32)));
  }
  return static_cast<uint16_t>(n);
}

absl::StatusOr<std::pair<std::string_view, std::string_view>> Split(std::string_view text,
                                                                    std::string_view what) {
  auto parts = SplitMispComposite(text);
  if (!parts) {
    return absl::InvalidArgumentError(
        fmt::format("expected {}, got '{}'", what, Trim(text).substr(0, 80)));
  }
  return *parts;
}

absl::StatusOr<MispValue> ParseShape(const TypeShape& t, std::string_view text) {
  MispValue out;
  switch (t.shape) {
    case Shape::kSkip:
      break;
    case Shape::kIp: {
      ASSIGN_OR_RETURN(Indicator ip, ParseIp(text));
      out.indicators.push_back(std::move(ip));
      break;
    }
    case Shape::kIpPort: {
      ASSIGN_OR_RETURN(auto parts, Split(text, "IP|port"));
      ASSIGN_OR_RETURN(Indicator ip, ParseAddress(parts.first));
      ASSIGN_OR_RETURN(ip.port, ParsePort(parts.second));
      out.indicators.push_back(std::move(ip));
      break;
    }
    case Shape::kDomain: {
      ASSIGN_OR_RETURN(Indicator domain, ParseIndicatorAs(IndicatorType::kDomain, text));
      out.indicators.push_back(std::move(domain));
      break;
    }
    case Shape::kDomainPort: {
      ASSIGN_OR_RETURN(auto parts, Split(text, "hostname|port"));
      ASSIGN_OR_RETURN(Indicator domain, ParseIndicatorAs(IndicatorType::kDomain, parts.first));
      ASSIGN_OR_RETURN(domain.port, ParsePort(parts.second));
      out.indicators.push_back(std::move(domain));
      break;
    }
    case Shape::kDomainIp: {
      ASSIGN_OR_RETURN(auto parts, Split(text, "domain|IP"));
      ASSIGN_OR_RETURN(Indicator domain, ParseIndicatorAs(IndicatorType::kDomain, parts.first));
      ASSIGN_OR_RETURN(Indicator ip, ParseAddress(parts.second));
      out.indicators.push_back(std::move(domain));
      out.indicators.push_back(std::move(ip));
      out.resolves = true;
      break;
    }
    case Shape::kUrl:
    case Shape::kUri: {
      // MISP keeps URLs as analysts pasted them, spaces in paths and all
      // ("http://45.124.132.127/DOVIDNIK - (2018).zip"): a space is what a client sends as
      // %20.
      std::string escaped;
      for (char c : Trim(text)) {
        if (c == ' ') {
          escaped += "%20";
        } else {
          escaped += c;
        }
      }
      ASSIGN_OR_RETURN(Indicator url, ParseIndicatorAs(IndicatorType::kUrl, escaped));
      out.indicators.push_back(std::move(url));
      break;
    }
    case Shape::kHash: {
      ASSIGN_OR_RETURN(Indicator hash, ParseIndicatorAs(t.hash, text));
      out.indicators.push_back(std::move(hash));
      break;
    }
    case Shape::kFileHash: {
      ASSIGN_OR_RETURN(auto parts, Split(text, "filename|hash"));
      ASSIGN_OR_RETURN(Indicator hash, ParseIndicatorAs(t.hash, parts.second));
      out.indicators.push_back(std::move(hash));
      out.file_name = std::string(Trim(parts.first));
      break;
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<std::optional<MispValue>> ParseMispValue(std::string_view type,
                                                        std::string_view category,
                                                        std::string_view value) {
  const TypeShape shape = ShapeOf(Trim(type));
  const bool is_url = shape.shape == Shape::kUrl || shape.shape == Shape::kUri;
  if (shape.shape == Shape::kSkip || (is_url && category == "External analysis") ||
      (shape.shape == Shape::kUri && value.find("://") == std::string_view::npos)) {
    return std::nullopt;
  }
  ASSIGN_OR_RETURN(MispValue parsed, ParseShape(shape, value));
  return parsed;
}

std::optional<std::pair<std::string_view, std::string_view>> SplitMispComposite(
    std::string_view value) {
  const size_t bar = value.rfind('|');
  if (bar == std::string_view::npos) return std::nullopt;
  return std::pair(value.substr(0, bar), value.substr(bar + 1));
}

}  // namespace loupe
