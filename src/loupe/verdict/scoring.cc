#include "loupe/verdict/scoring.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "absl/strings/str_join.h"
#include "fmt/format.h"

namespace loupe {
namespace {

using Kind = Contribution::Kind;

// Weights are probabilities that a record is right; independent records combine like
// independent witnesses (noisy-OR). In "strength" s = -ln(1 - w) that combination is a
// sum, and benign strength subtracts from malicious strength: docs/verdicts.md.
constexpr double kMaxWeight = 0.99;

double Strength(double weight) { return -std::log1p(-std::min(weight, kMaxWeight)); }
int ScoreOf(double strength) {
  return strength <= 0 ? 0 : static_cast<int>(std::lround(100 * -std::expm1(-strength)));
}

// The class a record counts in: the most severe of its categories.
Kind KindOf(CategorySet categories) {
  if (HasClass(categories, CategoryClass::kMalicious)) return Kind::kMalicious;
  if (HasClass(categories, CategoryClass::kAdware)) return Kind::kAdware;
  if (HasClass(categories, CategoryClass::kSuspicious)) return Kind::kSuspicious;
  if (HasClass(categories, CategoryClass::kBenign)) return Kind::kBenign;
  return Kind::kContext;
}

std::string EvidenceText(const SourcedEvidence& se, const std::string& category_names, int64_t age,
                         double weight) {
  const Evidence& e = se.evidence;
  std::string text = fmt::format("{} ({}", se.source, category_names);
  if (!e.labels.empty()) {
    const size_t shown = std::min<size_t>(e.labels.size(), 3);
    text +=
        fmt::format(" \"{}\"", absl::StrJoin(e.labels.begin(), e.labels.begin() + shown, "\", \""));
  }
  text += fmt::format(", reliability {}", se.reliability);
  if (e.confidence != 100) text += fmt::format(", confidence {}", e.confidence);
  text += fmt::format(", seen {}, weight {:.2f})", FormatAge(age), weight);
  return text;
}

struct Strengths {
  double malicious = 0, suspicious = 0, adware = 0, benign = 0;
};

void AddEvidence(const VerdictInput& input, UnixSeconds now, const VerdictPolicy& policy,
                 bool explain, Strengths& s, std::vector<Contribution>& out, bool& has_apt) {
  for (const SourcedEvidence& se : input.evidence) {
    const Evidence& e = se.evidence;
    if (e.IsExpiry() || e.first_seen > now) continue;  // no sighting, or not yet known
    const CategorySet categories = e.categories ? e.categories : CategoryBit(Category::kMalicious);
    const std::string names =
        explain ? absl::StrJoin(CategoryNames(categories), ", ") : std::string();
    if (e.expired_at != 0 && e.expired_at <= now) {
      out.push_back({.kind = Kind::kExpired, .source = se.source, .last_seen = e.last_seen});
      if (explain) {
        out.back().text = fmt::format("{} ({}) no longer lists it, since {}", se.source, names,
                                      FormatIsoTime(e.expired_at));
      }
      continue;
    }
    if (HasCategory(categories, Category::kApt)) has_apt = true;
    const UnixSeconds last = std::min(e.last_seen, now);
    const int64_t age = std::max<int64_t>(0, now - last);
    const int64_t half_life = policy.HalfLife(input.type, categories);
    const double decay = half_life > 0 ? std::exp2(-static_cast<double>(age) / half_life) : 1.0;
    const double weight = se.reliability / 100.0 * e.confidence / 100.0 * decay;
    const Kind kind = KindOf(categories);
    switch (kind) {
      case Kind::kMalicious:
        s.malicious += Strength(weight);
        break;
      case Kind::kSuspicious:
        s.suspicious += Strength(weight);
        break;
      case Kind::kAdware:
        s.adware += Strength(weight);
        break;
      case Kind::kBenign:
        s.benign += Strength(weight);
        break;
      default:
        break;
    }
    out.push_back({.kind = kind,
                   .source = se.source,
                   .weight = kind == Kind::kContext ? 0 : weight,
                   .last_seen = last});
    if (explain) {
      out.back().text = EvidenceText(se, names, age, weight);
      out.back().brief = fmt::format("{} ({})", se.source, names);
    }
  }
}

// Each rule combines its counted neighbours; all rules together are capped.
void AddPropagation(const VerdictInput& input, const VerdictPolicy& policy, bool explain,
                    Strengths& s, std::vector<Contribution>& out) {
  double miss_all = 1;
  for (int r = 0; r < kPropagationRuleCount; ++r) {
    const auto rule = static_cast<PropagationRule>(r);
    double miss = 1;
    size_t counted = 0;
    std::vector<std::string> examples;
    for (const NeighbourSignal& n : input.neighbours) {
      if (n.rule != rule || (n.zone != Zone::kRed && n.zone != Zone::kOrange)) continue;
      if (counted == policy.fan_out) break;
      ++counted;
      miss *= 1 - policy.propagation_factor[r] * std::clamp(n.score, 0, 100) / 100.0;
      if (examples.size() < 3) examples.push_back(n.value);
    }
    if (counted == 0) continue;
    const double weight = std::min(1 - miss, policy.propagation_cap);
    miss_all *= miss;
    out.push_back({.kind = Kind::kRelation,
                   .source = std::string(PropagationRuleName(rule)),
                   .weight = weight});
    if (explain) {
      out.back().text = fmt::format("{}: {} ({}{}), weight {:.2f}", PropagationRuleName(rule),
                                    counted, absl::StrJoin(examples, ", "),
                                    counted > examples.size() ? ", ..." : "", weight);
      out.back().brief = fmt::format("{} ({})", PropagationRuleName(rule), counted);
    }
  }
  s.malicious += Strength(std::min(1 - miss_all, policy.propagation_cap));
}

int ClampToZone(Zone zone, int score, const VerdictPolicy& p) {
  switch (zone) {
    case Zone::kRed:
      return std::max(score, p.red_at);
    case Zone::kOrange:
      return std::clamp(score, p.orange_at, p.red_at - 1);
    case Zone::kGreen:
      return 0;
    default:
      return std::min(score, p.orange_at - 1);
  }
}

// The zone and score of the evidence alone (docs/verdicts.md, "Zones").
void Decide(const Strengths& s, const VerdictPolicy& p, Verdict& v) {
  const double bad = s.malicious + std::min(s.suspicious, Strength(p.suspicious_cap / 100.0));
  v.score = ScoreOf(bad - s.benign);
  if (s.benign > bad + s.adware && ScoreOf(s.benign) >= p.green_at) {
    v.zone = Zone::kGreen;
    v.score = 0;
  } else if (v.score >= p.red_at) {
    v.zone = Zone::kRed;
  } else if (v.score >= p.orange_at) {
    v.zone = Zone::kOrange;
  } else if (const int adware = ScoreOf(bad + s.adware - s.benign);
             adware >= p.yellow_at && s.adware > 0) {
    v.zone = Zone::kYellow;
    v.score = std::max(v.score, std::min(adware, p.orange_at - 1));
  } else {
    v.zone = Zone::kGrey;
  }
}

// Strongest first within each kind; kinds in enum order (what pushes toward Red first).
void Order(std::vector<Contribution>& c) {
  std::stable_sort(c.begin(), c.end(), [](const Contribution& a, const Contribution& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.weight > b.weight;
  });
}

std::string Headline(const Verdict& v) {
  std::vector<std::string> toward, against;
  const bool green = v.zone == Zone::kGreen;
  for (const Contribution& c : v.contributions) {
    if (c.weight <= 0 && c.kind != Kind::kOverride) continue;
    const bool benign = c.kind == Kind::kBenign;
    auto& list = benign == green ? toward : against;
    if (list.size() < 3) list.push_back(c.brief);
  }
  std::string head =
      v.zone == Zone::kGreen ? "Green" : fmt::format("{} {}", ZoneName(v.zone), v.score);
  if (toward.empty() && against.empty()) {
    return head +
           (v.contributions.empty() ? ": no evidence" : ": only context or expired evidence");
  }
  if (toward.empty())
    return fmt::format("{}: too little evidence ({})", head, absl::StrJoin(against, " + "));
  std::string out = fmt::format("{}: {}", head, absl::StrJoin(toward, " + "));
  if (!against.empty()) out += fmt::format(", against {}", absl::StrJoin(against, " + "));
  return out;
}

}  // namespace

std::string FormatAge(int64_t seconds) {
  if (seconds < 0) return "in the future";
  if (seconds < 3600) return "just now";
  if (seconds < 86400)
    return fmt::format("{} hour{} ago", seconds / 3600, seconds < 7200 ? "" : "s");
  const int64_t days = seconds / 86400;
  if (days < 61) return fmt::format("{} day{} ago", days, days == 1 ? "" : "s");
  if (days < 730) return fmt::format("{} months ago", days / 30);
  return fmt::format("{} years ago", days / 365);
}

Verdict Score(const VerdictInput& input, UnixSeconds now, const VerdictPolicy& policy,
              bool explain) {
  Verdict v;
  Strengths s;
  AddEvidence(input, now, policy, explain, s, v.contributions, v.has_apt);
  AddPropagation(input, policy, explain, s, v.contributions);
  v.has_apt = v.has_apt || input.apt_linked;
  Decide(s, policy, v);
  Order(v.contributions);
  std::string headline = explain ? Headline(v) : std::string();

  const std::optional<Review> r = OverrideAt(input.reviews, now);
  if (r) {
    v.zone = r->zone;
    v.score = ClampToZone(r->zone, v.score, policy);
    Contribution c{.kind = Kind::kOverride, .source = r->author, .weight = 1, .last_seen = r->time};
    if (explain) {
      c.text = fmt::format(
          "{} by {}: {}",
          r->action == ReviewAction::kFalsePositive ? "marked false positive" : "analyst override",
          r->author, r->reason);
      if (r->expires_at != 0) c.text += fmt::format(" (until {})", FormatIsoTime(r->expires_at));
      headline =
          fmt::format("{}{}: {}; computed: {}", ZoneName(v.zone),
                      v.zone == Zone::kGreen ? "" : fmt::format(" {}", v.score), c.text, headline);
    }
    v.contributions.insert(v.contributions.begin(), std::move(c));
  }
  if (!explain) return v;
  if (!r) {
    // Say when an override has just run out: an analyst expects to see it.
    for (auto it = input.reviews.rbegin(); it != input.reviews.rend(); ++it) {
      if (it->time > now || it->action == ReviewAction::kComment) continue;
      if (it->action == ReviewAction::kClear) break;
      if (it->expires_at != 0 && it->expires_at <= now) {
        v.contributions.push_back(
            {.kind = Kind::kExpired,
             .source = it->author,
             .last_seen = it->time,
             .text = fmt::format("override to {} by {} expired on {}", ZoneName(it->zone),
                                 it->author, FormatIsoTime(it->expires_at))});
      }
      break;
    }
  }
  v.reasons.push_back(std::move(headline));
  for (const Contribution& c : v.contributions) v.reasons.push_back(c.text);
  return v;
}

std::string_view ContributionKindName(Contribution::Kind kind) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "malicious", "suspicious", "adware", "benign", "context", "expired", "relation", "override"};
  return kNames[static_cast<size_t>(kind)];
}

}  // namespace loupe
