#include "loupe/model/domain.h"

#include <idn2.h>
#include <libpsl.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

// CMake passes the Debian publicsuffix path; the default serves builds outside CMake.
#ifndef LOUPE_PSL_FILE
#define LOUPE_PSL_FILE "/usr/share/publicsuffix/public_suffix_list.dafsa"
#endif

namespace loupe {
namespace {

constexpr size_t kMaxDomainOctets = 253;
constexpr size_t kMaxLabelOctets = 63;
// U-label input is longer than its A-label output; anything past this is not a domain and
// is not worth handing to libidn2.
constexpr size_t kMaxUnicodeInputBytes = 1024;

absl::Status DomainError(std::string_view reason) {
  return absl::InvalidArgumentError(absl::StrFormat("not a valid domain: %s", reason));
}

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string CharName(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u > 0x20 && u < 0x7f) return absl::StrFormat("'%c'", c);
  return absl::StrFormat("0x%02x", u);
}

absl::Status ValidateLabel(std::string_view label) {
  if (label.empty()) return DomainError("empty label");
  if (label.size() > kMaxLabelOctets) {
    return DomainError(absl::StrCat("label longer than 63 octets (", label.size(), ")"));
  }
  for (char c : label) {
    // Underscore is not a hostname character but real DNS names use it ("_dmarc").
    if (!IsLower(c) && !IsDigit(c) && c != '-' && c != '_') {
      return DomainError(absl::StrCat("invalid character ", CharName(c)));
    }
  }
  if (label.front() == '-' || label.back() == '-') {
    return DomainError(absl::StrFormat("label '%s' starts or ends with '-'", label));
  }
  return absl::OkStatus();
}

// Checks a lower-case ASCII name label by label.
absl::Status ValidateAsciiDomain(std::string_view domain) {
  if (domain.size() > kMaxDomainOctets) {
    return DomainError(absl::StrCat("longer than 253 octets (", domain.size(), ")"));
  }
  int labels = 0;
  std::string_view last;
  for (std::string_view rest = domain;;) {
    size_t dot = std::min(rest.find('.'), rest.size());
    last = rest.substr(0, dot);
    if (absl::Status s = ValidateLabel(last); !s.ok()) return s;
    ++labels;
    if (dot == rest.size()) break;
    rest.remove_prefix(dot + 1);
  }
  if (labels < 2) return DomainError("needs at least two labels");
  if (std::all_of(last.begin(), last.end(), IsDigit)) {
    return DomainError(absl::StrFormat("top-level label '%s' is numeric", last));
  }
  return absl::OkStatus();
}

bool HasNonAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// U-labels to A-labels. IDNA2008 non-transitional first (so "faß.de" keeps its sharp s as
// browsers do today); when that rejects the name, UTS#46 transitional processing, which is
// laxer (it admits emoji and maps ß to ss) and matches what older resolvers do.
absl::StatusOr<std::string> IdnToAscii(std::string_view text) {
  if (text.size() > kMaxUnicodeInputBytes) return DomainError("too long");
  const std::string input(text);  // libidn2 wants NUL-terminated input
  char* out = nullptr;
  int rc = idn2_to_ascii_8z(input.c_str(), &out, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
  if (rc != IDN2_OK) rc = idn2_to_ascii_8z(input.c_str(), &out, IDN2_TRANSITIONAL);
  if (rc != IDN2_OK) {
    return DomainError(absl::StrCat("IDNA conversion failed (", idn2_strerror(rc), ")"));
  }
  std::string ascii(out);
  idn2_free(out);
  std::transform(ascii.begin(), ascii.end(), ascii.begin(), ToLower);
  // A trailing ideographic full stop ("例え.jp。") maps to a trailing dot.
  if (!ascii.empty() && ascii.back() == '.') ascii.pop_back();
  return ascii;
}

const psl_ctx_t* LoadPsl() {
  if (const psl_ctx_t* psl = psl_load_file(LOUPE_PSL_FILE)) return psl;
  if (const psl_ctx_t* psl = psl_latest(nullptr)) return psl;
  return psl_builtin();  // may be null when libpsl was built without data
}

// Loaded on first use and never freed: lookups only read it, from any thread.
const psl_ctx_t* Psl() {
  static const psl_ctx_t* const psl = LoadPsl();
  return psl;
}

// libpsl takes NUL-terminated strings; canonical names fit on the stack.
class TerminatedCopy {
 public:
  explicit TerminatedCopy(std::string_view s) {
    if (s.size() < sizeof(buf_)) {
      std::memcpy(buf_, s.data(), s.size());
      buf_[s.size()] = '\0';
      ptr_ = buf_;
    } else {
      big_.assign(s);
      ptr_ = big_.c_str();
    }
  }
  const char* Get() const { return ptr_; }

 private:
  char buf_[kMaxDomainOctets + 3];
  std::string big_;
  const char* ptr_;
};

std::string_view AfterLastDot(std::string_view s) {
  size_t dot = s.rfind('.');
  return dot == std::string_view::npos ? s : s.substr(dot + 1);
}

}  // namespace

absl::StatusOr<std::string> CanonicalizeDomain(std::string_view text) {
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  if (text.empty()) return DomainError("empty");
  if (text.find('\0') != std::string_view::npos) return DomainError("invalid character 0x00");
  std::string out;
  if (HasNonAscii(text)) {
    absl::StatusOr<std::string> ascii = IdnToAscii(text);
    if (!ascii.ok()) return ascii.status();
    out = *std::move(ascii);
  } else {
    // The common case: no libidn2, no locale, one allocation.
    if (text.size() > kMaxDomainOctets) {
      return DomainError(absl::StrCat("longer than 253 octets (", text.size(), ")"));
    }
    out.resize(text.size());
    std::transform(text.begin(), text.end(), out.begin(), ToLower);
  }
  if (absl::Status s = ValidateAsciiDomain(out); !s.ok()) return s;
  return out;
}

std::string PublicSuffix(std::string_view domain) {
  if (domain.empty()) return "";
  const psl_ctx_t* psl = Psl();
  if (psl == nullptr) return std::string(AfterLastDot(domain));
  TerminatedCopy c(domain);
  const char* suffix = psl_unregistrable_domain(psl, c.Get());
  return suffix != nullptr ? std::string(suffix) : std::string();
}

std::string RegistrableDomain(std::string_view domain) {
  if (domain.empty()) return "";
  const psl_ctx_t* psl = Psl();
  if (psl == nullptr) {  // the "*" rule alone: the last two labels
    size_t last = domain.rfind('.');
    if (last == std::string_view::npos) return "";
    size_t prev = domain.rfind('.', last - 1);
    return std::string(prev == std::string_view::npos || last == 0 ? domain
                                                                   : domain.substr(prev + 1));
  }
  TerminatedCopy c(domain);
  const char* reg = psl_registrable_domain(psl, c.Get());
  return reg != nullptr ? std::string(reg) : std::string();
}

bool IsKnownPublicSuffix(std::string_view domain) {
  const psl_ctx_t* psl = Psl();
  if (domain.empty() || psl == nullptr) return false;
  TerminatedCopy c(domain);
  return psl_is_public_suffix2(psl, c.Get(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

bool HasKnownPublicSuffix(std::string_view domain) {
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos) return false;
  if (IsKnownPublicSuffix(domain.substr(dot + 1))) return true;  // the common case
  const psl_ctx_t* psl = Psl();
  if (psl == nullptr) return false;
  TerminatedCopy c(domain);
  const char* suffix = psl_unregistrable_domain(psl, c.Get());
  return suffix != nullptr && *suffix != '\0' &&
         psl_is_public_suffix2(psl, suffix, PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

bool IsIcannPublicSuffix(std::string_view domain) {
  const psl_ctx_t* psl = Psl();
  if (domain.empty() || psl == nullptr) return false;
  TerminatedCopy c(domain);
  return psl_is_public_suffix2(psl, c.Get(), PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE) != 0;
}

bool IsSubdomainOf(std::string_view child, std::string_view parent) {
  return !parent.empty() && child.size() > parent.size() + 1 && child.ends_with(parent) &&
         child[child.size() - parent.size() - 1] == '.';
}

}  // namespace loupe
