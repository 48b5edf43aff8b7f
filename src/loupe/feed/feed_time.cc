#include "loupe/feed/feed_time.h"

#include <charconv>
#include <optional>

#include "fmt/format.h"

namespace loupe {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int Digits(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// The common shapes without a general parser, since pDNS and EVE feeds carry one per
// record: "YYYY-MM-DD[T ]HH:MM:SS[.frac][Z|+hh:mm|+hhmm|-...]". nullopt: not this shape.
std::optional<UnixSeconds> FastDateTime(std::string_view s) {
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
      s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  int y = Digits(s, 0, 4), mo = Digits(s, 5, 2), d = Digits(s, 8, 2);
  int h = Digits(s, 11, 2), mi = Digits(s, 14, 2), sec = Digits(s, 17, 2);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 ||
      mi > 59 || sec < 0 || sec > 60) {
    return std::nullopt;
  }
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
    if (digits == 0) return std::nullopt;
  }
  int64_t offset = 0;
  if (i < s.size()) {
    if (s[i] == 'Z' && i + 1 == s.size()) {
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      std::string_view z = s.substr(i + 1);
      int oh = Digits(z, 0, 2), om = -1;
      if (z.size() == 4) om = Digits(z, 2, 2);
      if (z.size() == 5 && z[2] == ':') om = Digits(z, 3, 2);
      if (oh < 0 || om < 0 || oh > 23 || om > 59) return std::nullopt;
      offset = (s[i] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
      i = s.size();
    } else {
      return std::nullopt;
    }
  }
  if (i != s.size()) return std::nullopt;
  return DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset;
}

}  // namespace

absl::StatusOr<UnixSeconds> ParseFeedTime(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '"')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '"')) text.remove_suffix(1);
  std::string_view whole = text.substr(0, text.find('.'));
  std::string_view fraction =
      whole.size() < text.size() ? text.substr(whole.size() + 1) : std::string_view{};
  // Ten digits or fewer before any fraction: epoch seconds. A date has dashes.
  if (AllDigits(whole) && whole.size() <= 12 && (fraction.empty() || AllDigits(fraction))) {
    UnixSeconds t = 0;
    std::from_chars(whole.data(), whole.data() + whole.size(), t);
    return t;
  }
  if (auto fast = FastDateTime(text)) return *fast;
  auto t = ParseIsoTime(text);
  if (!t.ok()) return absl::InvalidArgumentError(fmt::format("not a time: \"{}\"", text));
  if (*t < 0) return absl::InvalidArgumentError(fmt::format("time before 1970: \"{}\"", text));
  return *t;
}

}  // namespace loupe
