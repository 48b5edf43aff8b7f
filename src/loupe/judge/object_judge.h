// Judges stored objects: reads what the scoring model (verdict/scoring.h) needs from one
// store snapshot - each source's evidence with the source's name and reliability, the
// analysts' reviews, whether a report of an APT names the object, and, for propagation,
// its judged neighbours - and scores it as of a time.
//
// Neighbours get the base verdict (evidence and reviews, no propagation of their own):
// propagation is one hop, so cost is bounded by policy.fan_out reads per rule.
// Not thread-safe (caches sources); cheap to build per request.
#ifndef LOUPE_JUDGE_OBJECT_JUDGE_H_
#define LOUPE_JUDGE_OBJECT_JUDGE_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "loupe/store/object_store.h"
#include "loupe/verdict/scoring.h"

namespace loupe {

// A relation that carries a propagation rule to objects of type `subject` (seen from the
// subject in `direction`).
struct PropagationEdge {
  IndicatorType subject;
  RelationType relation;
  Direction direction;
  PropagationRule rule;
};
const std::vector<PropagationEdge>& PropagationEdges();

class ObjectJudge {
 public:
  // `now` is the time judged at: the present, or a past time for "as of" questions.
  ObjectJudge(const StoreView& view, const VerdictPolicy& policy, UnixSeconds now)
      : view_(view), policy_(policy), now_(now) {}

  // The full verdict with its explanation. `keys` are the object's encoded keys: one, or
  // each hash of a file (their evidence is judged together, once per source).
  absl::StatusOr<Verdict> Judge(const std::vector<std::string>& keys, IndicatorType type,
                                bool explain = true) const;
  // Judge() from an input Gather() made (which callers keep, e.g. for ToStored): adds the
  // neighbours of `key` to `in` and scores it.
  absl::StatusOr<Verdict> JudgeGathered(VerdictInput& in, const std::string& key,
                                        bool explain = true) const;
  // Evidence and reviews only, without explanation text kept.
  absl::StatusOr<ZoneScore> Base(const std::vector<std::string>& keys, IndicatorType type) const;
  // Verdicts of many objects (one key each) for listing: the stored verdicts, in one
  // batched read, when the store's are current with this snapshot and still fresh at
  // now(); otherwise Base() of each. Stored verdicts include propagation, so a listed
  // object shows the zone of its own report.
  absl::StatusOr<std::vector<ZoneScore>> ListVerdicts(
      const std::vector<std::string>& keys, const std::vector<IndicatorType>& types) const;

  // The object's reviews, oldest first.
  absl::StatusOr<std::vector<Review>> Reviews(std::string_view key) const;

  // The scoring input from the object's own data (no neighbours). Without `apt`, the
  // APT link is not read (zone and score do not depend on it).
  absl::StatusOr<VerdictInput> Gather(const std::vector<std::string>& keys, IndicatorType type,
                                      bool apt = true) const;

  UnixSeconds now() const { return now_; }
  const VerdictPolicy& policy() const { return policy_; }

 private:
  absl::Status AddNeighbours(const std::string& key, IndicatorType type, VerdictInput& in) const;
  absl::StatusOr<std::optional<Source>> SourceOf(SourceId id) const;

  const StoreView& view_;
  const VerdictPolicy& policy_;
  UnixSeconds now_;
  mutable absl::flat_hash_map<SourceId, std::optional<Source>> sources_;
  mutable std::optional<bool> has_reviews_;     // read once per judge
  mutable std::optional<bool> stored_current_;  // likewise
};

}  // namespace loupe

#endif  // LOUPE_JUDGE_OBJECT_JUDGE_H_
