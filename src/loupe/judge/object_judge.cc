#include "loupe/judge/object_judge.h"

#include "loupe/base/status_macros.h"
#include "loupe/model/object_key.h"

namespace loupe {
namespace {

// Reviews kept per object; an object with more is one nobody can read anyway.
constexpr size_t kMaxReviews = 1000;

}  // namespace

const std::vector<PropagationEdge>& PropagationEdges() {
  using enum IndicatorType;
  using enum PropagationRule;
  static const std::vector<PropagationEdge> kEdges = {
      {kDomain, RelationType::kResolvesTo, Direction::kOut, kResolvesToRed},
      {kIpv4, RelationType::kResolvesTo, Direction::kIn, kHostsRedDomains},
      {kIpv6, RelationType::kResolvesTo, Direction::kIn, kHostsRedDomains},
      {kIpv4, RelationType::kServedFile, Direction::kOut, kServesRedFile},
      {kIpv6, RelationType::kServedFile, Direction::kOut, kServesRedFile},
      {kUrl, RelationType::kDownloadedFile, Direction::kOut, kServesRedFile},
      {kUrl, RelationType::kHasUrl, Direction::kIn, kOnRedHost},
      {kUrl, RelationType::kHostsUrl, Direction::kIn, kOnRedHost},
  };
  return kEdges;
}

absl::StatusOr<std::optional<Source>> ObjectJudge::SourceOf(SourceId id) const {
  auto it = sources_.find(id);
  if (it != sources_.end()) return it->second;
  ASSIGN_OR_RETURN(auto source, view_.GetSource(id));
  sources_.emplace(id, source);
  return source;
}

absl::StatusOr<std::vector<Review>> ObjectJudge::Reviews(std::string_view key) const {
  if (!has_reviews_) {
    ASSIGN_OR_RETURN(bool any, view_.HasReviews());
    has_reviews_ = any;
  }
  if (!*has_reviews_) return std::vector<Review>{};
  ASSIGN_OR_RETURN(auto page, view_.ListAttributes(key, AttributeKind::kReview, kMaxReviews));
  std::vector<Review> out;
  for (const auto& item : page.items) {
    if (auto review = DecodeReview(item.value)) out.push_back(std::move(*review));
  }
  return out;
}

absl::StatusOr<VerdictInput> ObjectJudge::Gather(const std::vector<std::string>& keys,
                                                 IndicatorType type, bool apt) const {
  VerdictInput in;
  in.type = type;
  for (const std::string& key : keys) {
    ASSIGN_OR_RETURN(std::vector<Evidence> evidence, view_.GetEvidence(key));
    for (Evidence& e : evidence) {
      // A file listed under two of its hashes by one source is one record.
      auto same =
          std::find_if(in.evidence.begin(), in.evidence.end(),
                       [&](const SourcedEvidence& s) { return s.evidence.source == e.source; });
      if (same != in.evidence.end()) {
        same->evidence.Merge(e);
        continue;
      }
      ASSIGN_OR_RETURN(auto source, SourceOf(e.source));
      SourcedEvidence se{.evidence = std::move(e)};
      se.source = source ? source->name : "source " + std::to_string(se.evidence.source);
      se.reliability = source ? source->reliability : 0;
      in.evidence.push_back(std::move(se));
    }
    ASSIGN_OR_RETURN(std::vector<Review> reviews, Reviews(key));
    in.reviews.insert(in.reviews.end(), reviews.begin(), reviews.end());
    if (apt) {
      ASSIGN_OR_RETURN(auto reports, view_.ListAttributes(key, AttributeKind::kAptReport, 1));
      in.apt_linked = in.apt_linked || !reports.items.empty();
    }
  }
  std::stable_sort(in.reviews.begin(), in.reviews.end(),
                   [](const Review& a, const Review& b) { return a.time < b.time; });
  return in;
}

absl::Status ObjectJudge::AddNeighbours(const std::string& key, IndicatorType type,
                                        VerdictInput& in) const {
  for (const PropagationEdge& edge : PropagationEdges()) {
    if (edge.subject != type) continue;
    ASSIGN_OR_RETURN(auto page,
                     view_.ListRelated(key, edge.relation, edge.direction, policy_.fan_out));
    for (const RelatedObject& r : page.items) {
      std::string_view encoded = r.object;
      auto neighbour = DecodeObjectKey(encoded);
      if (!neighbour.ok()) continue;
      ASSIGN_OR_RETURN(ZoneScore base, Base({r.object}, neighbour->type));
      in.neighbours.push_back(
          {.rule = edge.rule, .value = neighbour->value, .zone = base.zone, .score = base.score});
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Verdict> ObjectJudge::Judge(const std::vector<std::string>& keys, IndicatorType type,
                                           bool explain) const {
  ASSIGN_OR_RETURN(VerdictInput in, Gather(keys, type));
  return JudgeGathered(in, keys.front(), explain);
}

absl::StatusOr<Verdict> ObjectJudge::JudgeGathered(VerdictInput& in, const std::string& key,
                                                   bool explain) const {
  RETURN_IF_ERROR(AddNeighbours(key, in.type, in));
  return Score(in, now_, policy_, explain);
}

absl::StatusOr<std::vector<ZoneScore>> ObjectJudge::ListVerdicts(
    const std::vector<std::string>& keys, const std::vector<IndicatorType>& types) const {
  if (!stored_current_) {
    ASSIGN_OR_RETURN(bool current, view_.VerdictsCurrent());
    stored_current_ = current;
  }
  std::vector<std::optional<StoredVerdict>> stored(keys.size());
  if (*stored_current_) {
    RETURN_IF_ERROR(
        view_.GetVerdicts(std::vector<std::string_view>(keys.begin(), keys.end()), stored));
  }
  std::vector<ZoneScore> out(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const auto& s = stored[i];
    // Fresh: judged no later than the time asked about (not an "as of" before it), and
    // not past the time decay or an override's expiry may have changed it.
    if (s && s->judged_at <= now_ && (s->stale_at == 0 || now_ < s->stale_at)) {
      out[i] = {s->zone, s->score};
      continue;
    }
    if (*stored_current_ && !s) continue;  // current and absent: no evidence, Grey
    ASSIGN_OR_RETURN(out[i], Base({keys[i]}, types[i]));
  }
  return out;
}

absl::StatusOr<ZoneScore> ObjectJudge::Base(const std::vector<std::string>& keys,
                                            IndicatorType type) const {
  ASSIGN_OR_RETURN(VerdictInput in, Gather(keys, type, /*apt=*/false));
  if (in.evidence.empty() && in.reviews.empty()) return ZoneScore{};
  Verdict v = Score(in, now_, policy_, /*explain=*/false);
  return ZoneScore{v.zone, v.score};
}

}  // namespace loupe
