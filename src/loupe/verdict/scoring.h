// The verdict engine's scoring model (docs/verdicts.md): from an object's evidence, its
// neighbours' verdicts and the analyst override in force, a zone, a threat score and the
// explanation of both. Pure: the same input, time and policy give the same verdict.
#ifndef LOUPE_VERDICT_SCORING_H_
#define LOUPE_VERDICT_SCORING_H_

#include <optional>
#include <string>
#include <vector>

#include "loupe/base/time.h"
#include "loupe/model/evidence.h"
#include "loupe/model/indicator.h"
#include "loupe/model/review.h"
#include "loupe/verdict/policy.h"
#include "loupe/verdict/verdict.h"

namespace loupe {

// One source's evidence on the object, with what the engine needs to know of the source.
struct SourcedEvidence {
  Evidence evidence;
  std::string source;       // its name, for the explanation
  uint8_t reliability = 0;  // 0-100
};

// A judged neighbour (one hop) for a propagation rule.
struct NeighbourSignal {
  PropagationRule rule;
  std::string value;  // the neighbour, for the explanation
  Zone zone = Zone::kGrey;
  int score = 0;
};

struct VerdictInput {
  IndicatorType type = IndicatorType::kIpv4;
  std::vector<SourcedEvidence> evidence;
  // Only Red and Orange neighbours count; the caller passes at most policy.fan_out per
  // rule (more are ignored).
  std::vector<NeighbourSignal> neighbours;
  std::vector<Review> reviews;  // oldest first
  bool apt_linked = false;      // named by an APT report or intrusion set
};

// Judges `input` as of `now`: evidence first seen after `now` is not yet known and
// reviews made after it not yet made, so a past `now` answers "what did we say then".
// Without `explain`, contributions carry kinds and weights but no text, and there are no
// reasons: the same zone and score, several times faster (bulk recomputes).
Verdict Score(const VerdictInput& input, UnixSeconds now, const VerdictPolicy& policy,
              bool explain = true);

// "today", "3 hours ago", "2 days ago", "5 months ago", "in the future".
std::string FormatAge(int64_t seconds);

}  // namespace loupe

#endif  // LOUPE_VERDICT_SCORING_H_
