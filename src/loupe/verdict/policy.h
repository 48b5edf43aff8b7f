// The tunable numbers of the verdict engine, with the defaults docs/verdicts.md explains.
// A policy is a plain value: copy it, change it (loupe.toml's [verdict] table, tests),
// hand it to the engine. Thread-safe once built.
#ifndef LOUPE_VERDICT_POLICY_H_
#define LOUPE_VERDICT_POLICY_H_

#include <array>
#include <cstdint>
#include <vector>

#include "loupe/base/time.h"
#include "loupe/model/category.h"
#include "loupe/model/indicator.h"

namespace loupe {

// How evidence of neighbours reaches an object (bounded, one hop: docs/verdicts.md).
enum class PropagationRule : uint8_t {
  kResolvesToRed = 0,    // a domain resolving to red IPs
  kServesRedFile = 1,    // a domain, URL or IP that files were downloaded from
  kOnRedHost = 2,        // a URL whose host (domain or IP) is red
  kHostsRedDomains = 3,  // an IP that red domains resolve to
};
inline constexpr int kPropagationRuleCount = 4;

struct VerdictPolicy {
  // Zones from the threat score (0-100).
  int red_at = 75;
  int orange_at = 50;
  // Yellow and Green need their class's own strength, as a score, at least this high.
  int yellow_at = 50;
  int green_at = 50;
  // Suspicious-class evidence (scanners, spam, brute force) adds at most this much on its
  // own: it says "watch this", not "block this".
  int suspicious_cap = 49;

  // Age decay: a record's weight halves every half-life after the source last saw it;
  // 0 never decays. By indicator type, with category-specific exceptions (first match).
  std::array<int64_t, 9> type_half_life{};  // indexed by IndicatorType value
  struct CategoryHalfLife {
    IndicatorType type;
    Category category;
    int64_t seconds;
  };
  std::vector<CategoryHalfLife> category_half_life;

  // Propagation: each red (or orange) neighbour counts as evidence of strength
  // factor x its score / 100; a rule examines at most `fan_out` neighbours, and all rules
  // together add at most `propagation_cap` (a weight, 0-1): alone they reach Orange, never
  // Red.
  std::array<double, kPropagationRuleCount> propagation_factor{};
  size_t fan_out = 64;
  double propagation_cap = 0.6;

  // The half-life that applies to evidence with `categories` on an object of `type`.
  int64_t HalfLife(IndicatorType type, CategorySet categories) const;
};

// The defaults: IPs decay in weeks (30 days; scanners and brute forcers in 7), networks
// likewise, domains and URLs in months (180 and 90 days; phishing URLs in 30), file hashes
// never.
VerdictPolicy DefaultVerdictPolicy();

std::string_view PropagationRuleName(PropagationRule rule);

}  // namespace loupe

#endif  // LOUPE_VERDICT_POLICY_H_
