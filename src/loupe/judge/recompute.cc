#include "loupe/judge/recompute.h"

#include <chrono>
#include <map>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "loupe/base/status_macros.h"
#include "loupe/judge/object_judge.h"
#include "loupe/model/object_key.h"
#include "loupe/verdict/scoring.h"

namespace loupe {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Reviews and APT links of the whole store: analyst and report data, small next to the
// evidence.
struct SideData {
  // Transparent comparators: looked up once per object of the scan, without a copy.
  std::map<std::string, std::vector<Review>, std::less<>> reviews;
  std::set<std::string, std::less<>> apt;
};

absl::StatusOr<SideData> LoadSideData(const StoreView& view) {
  SideData side;
  RETURN_IF_ERROR(
      view.ForEachAttribute(AttributeKind::kReview,
                            [&](std::string_view object, std::string_view, std::string_view value) {
                              if (auto review = DecodeReview(value))
                                side.reviews[std::string(object)].push_back(*review);
                              return absl::OkStatus();
                            }));
  for (auto& [object, reviews] : side.reviews) {
    std::stable_sort(reviews.begin(), reviews.end(),
                     [](const Review& a, const Review& b) { return a.time < b.time; });
  }
  RETURN_IF_ERROR(view.ForEachAttribute(
      AttributeKind::kAptReport, [&](std::string_view object, std::string_view, std::string_view) {
        side.apt.emplace(object);
        return absl::OkStatus();
      }));
  return side;
}

bool Threatening(const std::optional<StoredVerdict>& v) {
  return v && (v->zone == Zone::kRed || v->zone == Zone::kOrange);
}

}  // namespace

StoredVerdict ToStored(const Verdict& verdict, const VerdictInput& input,
                       const VerdictPolicy& policy, UnixSeconds now) {
  StoredVerdict s{.zone = verdict.zone,
                  .score = static_cast<uint8_t>(verdict.score),
                  .has_apt = verdict.has_apt,
                  .judged_at = now};
  for (const Contribution& c : verdict.contributions)
    s.overridden |= c.kind == Contribution::Kind::kOverride;
  for (const SourcedEvidence& e : input.evidence) {
    if (!e.evidence.IsExpiry() && e.evidence.expired_at == 0 &&
        policy.HalfLife(input.type, e.evidence.categories) > 0) {
      s.stale_at = now + kVerdictRefreshSeconds;
      break;
    }
  }
  if (std::optional<Review> r = OverrideAt(input.reviews, now); r && r->expires_at != 0) {
    s.stale_at = s.stale_at == 0 ? r->expires_at : std::min(s.stale_at, r->expires_at);
  }
  return s;
}

absl::Status RejudgeObjects(ObjectStore& store, const std::vector<std::string>& objects,
                            const VerdictPolicy& policy, UnixSeconds now, uint64_t covers_seq) {
  auto view = store.Snapshot();
  ObjectJudge judge(*view, policy, now);
  std::set<std::string> targets(objects.begin(), objects.end());
  for (const std::string& object : objects) {
    for (const PropagationEdge& edge : PropagationEdges()) {
      // `object` is a neighbour of subjects that reach it over `edge`: walk it backwards.
      const Direction back = edge.direction == Direction::kOut ? Direction::kIn : Direction::kOut;
      ASSIGN_OR_RETURN(auto page, view->ListRelated(object, edge.relation, back, policy.fan_out));
      for (const RelatedObject& r : page.items) {
        if (ObjectKeyType(r.object) == edge.subject) targets.insert(r.object);
      }
    }
  }
  std::vector<std::pair<std::string, StoredVerdict>> updates;
  for (const std::string& object : targets) {
    const IndicatorType type = ObjectKeyType(object);
    ASSIGN_OR_RETURN(VerdictInput input, judge.Gather({object}, type));
    ASSIGN_OR_RETURN(Verdict v, judge.JudgeGathered(input, object, /*explain=*/false));
    updates.emplace_back(object, ToStored(v, input, policy, now));
  }
  return store.PutVerdicts(updates, covers_seq);
}

absl::StatusOr<RecomputeStats> RecomputeVerdicts(ObjectStore& store, const VerdictPolicy& policy,
                                                 UnixSeconds now) {
  RecomputeStats stats;
  auto start = std::chrono::steady_clock::now();
  auto view = store.Snapshot();  // every verdict is judged from this one snapshot
  ASSIGN_OR_RETURN(const uint64_t seq, view->AppliedSequence());
  {
    ASSIGN_OR_RETURN(SideData side, LoadSideData(*view));
    absl::flat_hash_map<SourceId, Source> sources;
    for (Source& s : store.Sources()) sources.emplace(s.id, std::move(s));

    VerdictInput in;
    auto judge = [&](std::string_view object,
                     const ObjectStore::VerdictSink& sink) -> absl::Status {
      in.type = ObjectKeyType(object);
      in.reviews.clear();
      if (auto it = side.reviews.find(object); it != side.reviews.end()) {
        in.reviews = it->second;
      }
      in.apt_linked = side.apt.find(object) != side.apt.end();
      const Verdict v = Score(in, now, policy, /*explain=*/false);
      const StoredVerdict stored = ToStored(v, in, policy, now);
      ++stats.judged;
      ++stats.zones[static_cast<size_t>(stored.zone)];
      return sink(object, stored);
    };
    RETURN_IF_ERROR(
        store.ReplaceVerdicts([&](const ObjectStore::VerdictSink& sink) -> absl::Status {
          // Objects with reviews but no evidence are judged too, in key order with the rest.
          auto review = side.reviews.begin();
          RETURN_IF_ERROR(
              view->ForEachEvidence([&](std::string_view object, std::vector<Evidence>& evidence) {
                for (; review != side.reviews.end() && review->first < object; ++review) {
                  in.evidence.clear();
                  RETURN_IF_ERROR(judge(review->first, sink));
                }
                if (review != side.reviews.end() && review->first == object) ++review;
                in.evidence.clear();
                for (Evidence& e : evidence) {
                  auto source = sources.find(e.source);
                  in.evidence.push_back(
                      {.evidence = std::move(e),
                       .source = source != sources.end() ? source->second.name : "",
                       .reliability =
                           source != sources.end() ? source->second.reliability : uint8_t{0}});
                }
                return judge(object, sink);
              }));
          for (; review != side.reviews.end(); ++review) {
            in.evidence.clear();
            RETURN_IF_ERROR(judge(review->first, sink));
          }
          return absl::OkStatus();
        }));
  }
  stats.base_seconds = SecondsSince(start);

  start = std::chrono::steady_clock::now();
  // Pass 2 reads the base verdicts through a snapshot taken after they landed, and the
  // rest (evidence, relations) as of the same changeset `seq`, unless commits came in
  // between; then the stored set stays marked stale and the next recompute catches up.
  auto after = store.Snapshot();
  ObjectJudge judge(*after, policy, now);
  std::vector<std::pair<std::string, StoredVerdict>> updates;
  std::set<std::string> done;
  for (const PropagationEdge& edge : PropagationEdges()) {
    std::string subject;
    size_t seen = 0;
    bool threatened = false;
    auto finish = [&]() -> absl::Status {
      if (!threatened || !done.insert(subject).second) return absl::OkStatus();
      ASSIGN_OR_RETURN(VerdictInput input, judge.Gather({subject}, edge.subject));
      ASSIGN_OR_RETURN(Verdict v, judge.JudgeGathered(input, subject, /*explain=*/false));
      const StoredVerdict stored = ToStored(v, input, policy, now);
      ASSIGN_OR_RETURN(auto before, after->GetVerdict(subject));
      if (before) --stats.zones[static_cast<size_t>(before->zone)];
      if (!before) ++stats.judged;
      ++stats.zones[static_cast<size_t>(stored.zone)];
      ++stats.propagated;
      updates.emplace_back(subject, stored);
      if (updates.size() >= 10000) {
        RETURN_IF_ERROR(store.PutVerdicts(updates));
        updates.clear();
      }
      return absl::OkStatus();
    };
    RETURN_IF_ERROR(
        after->ForEachRelation(edge.relation, edge.direction,
                               [&](std::string_view s, std::string_view other) -> absl::Status {
                                 if (ObjectKeyType(s) != edge.subject) return absl::OkStatus();
                                 if (s != subject) {
                                   RETURN_IF_ERROR(finish());
                                   subject.assign(s);
                                   seen = 0;
                                   threatened = false;
                                 }
                                 if (threatened || seen++ >= policy.fan_out)
                                   return absl::OkStatus();
                                 ASSIGN_OR_RETURN(auto neighbour, after->GetVerdict(other));
                                 threatened = Threatening(neighbour);
                                 return absl::OkStatus();
                               }));
    RETURN_IF_ERROR(finish());
  }
  if (!updates.empty()) RETURN_IF_ERROR(store.PutVerdicts(updates));
  ASSIGN_OR_RETURN(const uint64_t seq_after, after->AppliedSequence());
  if (seq_after == seq) RETURN_IF_ERROR(store.SetVerdictsSequence(seq));
  stats.propagation_seconds = SecondsSince(start);
  return stats;
}

}  // namespace loupe
