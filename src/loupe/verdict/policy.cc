#include "loupe/verdict/policy.h"

#include <array>

namespace loupe {
namespace {

constexpr int64_t kDay = 86400;

}  // namespace

int64_t VerdictPolicy::HalfLife(IndicatorType type, CategorySet categories) const {
  for (const auto& rule : category_half_life) {
    if (rule.type == type && HasCategory(categories, rule.category)) return rule.seconds;
  }
  return type_half_life[static_cast<size_t>(type)];
}

VerdictPolicy DefaultVerdictPolicy() {
  VerdictPolicy p;
  auto set = [&p](IndicatorType type, int64_t days) {
    p.type_half_life[static_cast<size_t>(type)] = days * kDay;
  };
  set(IndicatorType::kIpv4, 30);
  set(IndicatorType::kIpv6, 30);
  set(IndicatorType::kNetwork, 30);
  set(IndicatorType::kDomain, 180);
  set(IndicatorType::kUrl, 90);
  set(IndicatorType::kMd5, 0);
  set(IndicatorType::kSha1, 0);
  set(IndicatorType::kSha256, 0);
  for (IndicatorType ip : {IndicatorType::kIpv4, IndicatorType::kIpv6, IndicatorType::kNetwork}) {
    p.category_half_life.push_back({ip, Category::kScanner, 7 * kDay});
    p.category_half_life.push_back({ip, Category::kBruteforce, 7 * kDay});
  }
  p.category_half_life.push_back({IndicatorType::kUrl, Category::kPhishing, 30 * kDay});
  p.propagation_factor[static_cast<size_t>(PropagationRule::kResolvesToRed)] = 0.3;
  p.propagation_factor[static_cast<size_t>(PropagationRule::kServesRedFile)] = 0.5;
  p.propagation_factor[static_cast<size_t>(PropagationRule::kOnRedHost)] = 0.4;
  p.propagation_factor[static_cast<size_t>(PropagationRule::kHostsRedDomains)] = 0.1;
  return p;
}

std::string_view PropagationRuleName(PropagationRule rule) {
  static constexpr std::array<std::string_view, kPropagationRuleCount> kNames = {
      "resolves to red IPs", "served red files", "on a red host", "hosts red domains"};
  return kNames[static_cast<size_t>(rule)];
}

}  // namespace loupe
