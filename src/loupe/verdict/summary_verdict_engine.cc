#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "fmt/format.h"
#include "loupe/verdict/verdict.h"

namespace loupe {
namespace {

// Thresholds of the v0 rule (docs/verdicts.md).
constexpr int kRedAt = 75;
constexpr int kOrangeAt = 50;
constexpr int kYellowAt = 50;
constexpr int kGreenAt = 50;
// Suspicious-only evidence (scanners, spam sources) is capped below Orange: it says
// "watch this", not "block this".
constexpr int kSuspiciousCap = 49;

std::string CategoryList(CategorySet set) {
  std::string out;
  for (const auto& name : CategoryNames(set)) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace

ZoneScore SummaryVerdictEngine::Score(const std::optional<ObjectSummary>& summary) const {
  if (!summary.has_value() || !summary->HasEvidence()) return {};
  const ObjectSummary& s = *summary;
  int bad = std::max<int>(s.malicious, std::min<int>(s.suspicious, kSuspiciousCap));
  // Benign evidence at least as strong as the worst malicious evidence wins: an
  // allowlisted object is not blocked by a single weaker list.
  if (s.benign >= kGreenAt && s.benign >= bad) return {Zone::kGreen, 0};
  if (bad >= kRedAt) return {Zone::kRed, bad};
  if (bad >= kOrangeAt) return {Zone::kOrange, bad};
  if (s.adware >= kYellowAt) {
    return {Zone::kYellow, std::max(bad, std::min<int>(s.adware, kOrangeAt - 1))};
  }
  return {Zone::kGrey, bad};
}

Verdict SummaryVerdictEngine::Judge(const std::optional<ObjectSummary>& summary) const {
  ZoneScore zs = Score(summary);
  Verdict v{zs.zone, zs.score, {}};
  if (!summary.has_value()) {
    v.reasons.push_back("not in the store");
    return v;
  }
  if (!summary->HasEvidence()) {
    v.reasons.push_back("known from relations or sightings only, no evidence");
    return v;
  }
  const ObjectSummary& s = *summary;
  int bad = std::max<int>(s.malicious, std::min<int>(s.suspicious, kSuspiciousCap));
  switch (v.zone) {
    case Zone::kGreen:
      v.reasons.push_back(fmt::format("benign evidence weight {} outweighs {}", s.benign, bad));
      return v;
    case Zone::kGrey:
      v.reasons.push_back(fmt::format("evidence too weak for a zone (malicious {}, adware {})",
                                      s.malicious, s.adware));
      break;
    default:
      v.reasons.push_back(fmt::format("{}: strongest evidence weight {} ({})", ZoneName(v.zone),
                                      v.zone == Zone::kYellow ? s.adware : bad,
                                      CategoryList(s.categories)));
  }
  if (s.benign > 0) {
    v.reasons.push_back(fmt::format("weaker benign evidence {} did not outweigh it", s.benign));
  }
  return v;
}

}  // namespace loupe
