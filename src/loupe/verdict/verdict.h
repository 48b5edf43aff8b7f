// Verdicts: the zone and threat score of an object, and why.
//
// VerdictEngine is the seam the verdict-engine issue replaces: reports and lookups only
// see this interface. Implementations are thread-safe and pure (same input, same verdict).
#ifndef LOUPE_VERDICT_VERDICT_H_
#define LOUPE_VERDICT_VERDICT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loupe/model/object_summary.h"

namespace loupe {

enum class Zone : uint8_t { kGrey = 0, kGreen = 1, kYellow = 2, kOrange = 3, kRed = 4 };

std::string_view ZoneName(Zone zone);  // "Red", "Orange", "Yellow", "Grey", "Green"
std::optional<Zone> ZoneFromName(std::string_view name);  // any case; "gray" accepted

struct Verdict {
  Zone zone = Zone::kGrey;
  int score = 0;                     // threat score 0-100
  std::vector<std::string> reasons;  // human-readable, most important first
  friend bool operator==(const Verdict&, const Verdict&) = default;
};

// Zone and score without the explanation: the hot path of point lookups.
struct ZoneScore {
  Zone zone = Zone::kGrey;
  int score = 0;
  friend bool operator==(const ZoneScore&, const ZoneScore&) = default;
};

class VerdictEngine {
 public:
  virtual ~VerdictEngine() = default;
  // `summary` is empty for objects the store does not know (which are Grey, score 0).
  virtual Verdict Judge(const std::optional<ObjectSummary>& summary) const = 0;
  // Judge(summary) without the reasons; allocation-free. Must agree with Judge.
  virtual ZoneScore Score(const std::optional<ObjectSummary>& summary) const = 0;
};

// Verdict v0: a documented rule over the summary (docs/verdicts.md, "v0").
class SummaryVerdictEngine final : public VerdictEngine {
 public:
  Verdict Judge(const std::optional<ObjectSummary>& summary) const override;
  ZoneScore Score(const std::optional<ObjectSummary>& summary) const override;
};

}  // namespace loupe

#endif  // LOUPE_VERDICT_VERDICT_H_
