#include "loupe/feed/feed_time.h"

#include <charconv>

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
  auto t = ParseIsoTime(text);
  if (!t.ok()) return absl::InvalidArgumentError(fmt::format("not a time: \"{}\"", text));
  if (*t < 0) return absl::InvalidArgumentError(fmt::format("time before 1970: \"{}\"", text));
  return *t;
}

}  // namespace loupe
