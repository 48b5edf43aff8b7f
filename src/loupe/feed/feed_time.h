// Timestamps as feeds write them, into UnixSeconds.
#ifndef LOUPE_FEED_FEED_TIME_H_
#define LOUPE_FEED_FEED_TIME_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "loupe/base/time.h"

namespace loupe {

// Accepts everything ParseIsoTime does ("2024-05-01", "2024-05-01 10:00:00",
// "2024-05-01T10:00:00.123+02:00", "...Z"), offsets without a colon as Suricata writes
// them ("2024-05-01T10:00:00.123456+0000"), and Unix epoch seconds with an optional
// fraction ("1714557600", "1714557600.123456", as Zeek and Suricata's flow times write
// them). Fractions are truncated. InvalidArgument for anything else or a time before 1970.
absl::StatusOr<UnixSeconds> ParseFeedTime(std::string_view text);

}  // namespace loupe

#endif  // LOUPE_FEED_FEED_TIME_H_
