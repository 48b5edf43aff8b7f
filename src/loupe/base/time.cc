#include "loupe/base/time.h"

#include <chrono>

#include "fmt/format.h"
#include "absl/time/time.h"

namespace loupe {

UnixSeconds SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string FormatIsoTime(UnixSeconds t) {
  if (t == 0) return "";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(t), absl::UTCTimeZone());
}

absl::StatusOr<UnixSeconds> ParseIsoTime(std::string_view text) {
  static constexpr const char* kFormats[] = {
      "%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%dT%H:%M:%E*SZ", "%Y-%m-%d %H:%M:%E*S%Ez",
      "%Y-%m-%d %H:%M:%E*S",    "%Y-%m-%dT%H:%M:%E*S",  "%Y-%m-%d"};
  for (const char* format : kFormats) {
    absl::Time t;
    if (absl::ParseTime(format, absl::string_view(text.data(), text.size()), absl::UTCTimeZone(),
                        &t, nullptr)) {
      return absl::ToUnixSeconds(t);
    }
  }
  return absl::InvalidArgumentError(fmt::format("not a valid time: \"{}\"", text));
}

}  // namespace loupe
