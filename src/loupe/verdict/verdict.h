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
#include "loupe/model/review.h"

namespace loupe {

// One part of a verdict's explanation: a piece of evidence, a propagation rule or an
// analyst override, with the weight it carried.
struct Contribution {
  enum class Kind : uint8_t {
    kMalicious,   // evidence toward Red
    kSuspicious,  // evidence that raises the score, capped
    kAdware,      // evidence toward Yellow
    kBenign,      // counter-evidence (allowlists, top sites)
    kContext,     // categories with no weight (tor, proxy, cdn)
    kExpired,     // the source stopped listing the object: no weight
    kRelation,    // propagated from red neighbours
    kOverride,    // an analyst's override in force
  };
  Kind kind = Kind::kMalicious;
  std::string source;  // the source; the rule for relations; the author for overrides
  double weight = 0;   // 0-1 after decay (reliability x confidence x decay)
  UnixSeconds last_seen = 0;
  std::string text;   // the sentence shown
  std::string brief;  // its short form, for the headline: "feodo (c2)"
  friend bool operator==(const Contribution&, const Contribution&) = default;
};

std::string_view ContributionKindName(Contribution::Kind kind);  // "malicious", ...

struct Verdict {
  Zone zone = Zone::kGrey;
  int score = 0;                            // threat score 0-100
  std::vector<std::string> reasons;         // human-readable, most important first
  std::vector<Contribution> contributions;  // strongest first within each kind
  bool has_apt = false;
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
