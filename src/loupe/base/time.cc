#include "loupe/base/time.h"

#include <charconv>
#include <chrono>

#include "absl/time/time.h"
#include "fmt/format.h"

namespace loupe {

UnixSeconds SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

// Howard Hinnant's days-to-civil: reports format thousands of times, and cctz's general
// formatter costs microseconds each.
void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

}  // namespace

std::string FormatIsoTime(UnixSeconds t) {
  if (t == 0) return "";
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t secs = t - days * 86400;
  int64_t year;
  unsigned month, day;
  CivilFromDays(days, year, month, day);
  if (year < 0 || year > 9999) {
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", year, month, day, secs / 3600,
                       secs / 60 % 60, secs % 60);
  }
  char out[] = "0000-00-00T00:00:00Z";
  auto put2 = [&](int pos, unsigned v) {
    out[pos] = static_cast<char>('0' + v / 10);
    out[pos + 1] = static_cast<char>('0' + v % 10);
  };
  put2(0, static_cast<unsigned>(year / 100));
  put2(2, static_cast<unsigned>(year % 100));
  put2(5, month);
  put2(8, day);
  put2(11, static_cast<unsigned>(secs / 3600));
  put2(14, static_cast<unsigned>(secs / 60 % 60));
  put2(17, static_cast<unsigned>(secs % 60));
  return std::string(out, sizeof out - 1);
}

absl::StatusOr<UnixSeconds> ParseIsoTime(std::string_view text) {
  static constexpr const char* kFormats[] = {"%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%dT%H:%M:%E*SZ",
                                             "%Y-%m-%d %H:%M:%E*S%Ez", "%Y-%m-%d %H:%M:%E*S",
                                             "%Y-%m-%dT%H:%M:%E*S",    "%Y-%m-%d"};
  for (const char* format : kFormats) {
    absl::Time t;
    if (absl::ParseTime(format, absl::string_view(text.data(), text.size()), absl::UTCTimeZone(),
                        &t, nullptr)) {
      return absl::ToUnixSeconds(t);
    }
  }
  return absl::InvalidArgumentError(fmt::format("not a valid time: \"{}\"", text));
}

absl::StatusOr<int64_t> ParseDuration(std::string_view text) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  std::string_view unit(end, text.data() + text.size() - end);
  int64_t scale = 0;
  if (unit.empty() || unit == "s") scale = 1;
  if (unit == "m") scale = 60;
  if (unit == "h") scale = 3600;
  if (unit == "d") scale = 86400;
  if (ec != std::errc() || n < 0 || scale == 0 || n > (int64_t{1} << 40)) {
    return absl::InvalidArgumentError(
        fmt::format("\"{}\" is not a duration like 90s, 30m, 6h or 7d", text));
  }
  return n * scale;
}

}  // namespace loupe
