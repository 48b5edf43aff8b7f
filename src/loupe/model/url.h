// URLs: canonical form and the parts reports need (Boost.URL). Thread-safe.
#ifndef LOUPE_MODEL_URL_H_
#define LOUPE_MODEL_URL_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace loupe {

struct UrlParts {
  std::string canonical;  // see CanonicalizeUrl
  std::string host;       // canonical domain or IP text (IPv6 without brackets)
  bool host_is_ip = false;
  std::string registrable_domain;  // empty when the host is an IP
};

// Canonical form: scheme and host lower-cased; host IDN to punycode; default port dropped
// (80 for http, 443 for https, 21 for ftp); dot-segments resolved; an empty path becomes
// "/"; percent-encoding normalized (upper-case hex, unreserved characters decoded,
// characters that must be encoded encoded); fragment dropped; query kept; userinfo kept.
// A URL without a scheme ("example.com/path") is taken as http. Only http, https, ftp,
// ws and wss are accepted. InvalidArgument with the reason otherwise.
absl::StatusOr<UrlParts> ParseUrl(std::string_view text);

}  // namespace loupe

#endif  // LOUPE_MODEL_URL_H_
