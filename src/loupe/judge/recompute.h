// Recomputes every stored verdict (docs/verdicts.md, "Materialized verdicts").
//
// Pass 1 scans the evidence once, in key order, joined with the reviews (and APT report
// links) held in memory - there are few - and stores each object's base verdict in one
// atomic replacement. Pass 2 scans the relations that carry propagation rules, and
// re-judges, with propagation, each object that has a Red or Orange neighbour among the
// first policy.fan_out of a rule.
#ifndef LOUPE_JUDGE_RECOMPUTE_H_
#define LOUPE_JUDGE_RECOMPUTE_H_

#include <array>
#include <cstdint>

#include "absl/status/statusor.h"
#include "loupe/store/object_store.h"
#include "loupe/verdict/scoring.h"

namespace loupe {

struct RecomputeStats {
  uint64_t judged = 0;              // verdicts stored
  uint64_t propagated = 0;          // of which re-judged in pass 2
  std::array<uint64_t, 5> zones{};  // by Zone value
  double base_seconds = 0, propagation_seconds = 0;
};

// How long a stored verdict that can decay stays fresh before a recompute is due.
inline constexpr int64_t kVerdictRefreshSeconds = 86400;

absl::StatusOr<RecomputeStats> RecomputeVerdicts(ObjectStore& store, const VerdictPolicy& policy,
                                                 UnixSeconds now);

// Re-judges `objects` and the objects whose propagation reads them (at most
// policy.fan_out per rule), and stores the verdicts as covering changeset `covers_seq`:
// the incremental update after a small changeset that touched only `objects` (an analyst
// review). Hash objects are judged by their own key, as RecomputeVerdicts does.
absl::Status RejudgeObjects(ObjectStore& store, const std::vector<std::string>& objects,
                            const VerdictPolicy& policy, UnixSeconds now, uint64_t covers_seq);

// The stored form of a verdict judged at `now` from `input` (stale_at as above).
StoredVerdict ToStored(const Verdict& verdict, const VerdictInput& input,
                       const VerdictPolicy& policy, UnixSeconds now);

}  // namespace loupe

#endif  // LOUPE_JUDGE_RECOMPUTE_H_
