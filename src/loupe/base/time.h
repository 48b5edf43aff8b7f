// Time as loupe stores it: whole seconds since the Unix epoch, UTC. 0 means "unknown".
// Clock is the seam for "now" so tests run on a fixed time.
#ifndef LOUPE_BASE_TIME_H_
#define LOUPE_BASE_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace loupe {

using UnixSeconds = int64_t;

// Thread-safe. Implementations: SystemClock (real time) and FixedClock (tests).
class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixSeconds Now() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(UnixSeconds now) : now_(now) {}
  UnixSeconds Now() const override { return now_; }
  void Set(UnixSeconds now) { now_ = now; }

 private:
  UnixSeconds now_;
};

// "2026-12-03T15:59:03Z"; empty string for 0 (unknown).
std::string FormatIsoTime(UnixSeconds t);
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS[.fff]Z", "YYYY-MM-DD HH:MM:SS" and
// offsets "+HH:MM". InvalidArgument otherwise.
absl::StatusOr<UnixSeconds> ParseIsoTime(std::string_view text);

// A duration in seconds: a number with an optional unit s, m, h or d ("90", "30m", "6h",
// "7d"). InvalidArgument otherwise, or beyond 2^40 of the unit.
absl::StatusOr<int64_t> ParseDuration(std::string_view text);

}  // namespace loupe

#endif  // LOUPE_BASE_TIME_H_
