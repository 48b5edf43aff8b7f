#include "gtest/gtest.h"
#include "loupe/verdict/verdict.h"

namespace loupe {
namespace {

struct Case {
  const char* name;
  std::optional<ObjectSummary> summary;
  Zone zone;
  int score;
};

ObjectSummary With(uint8_t malicious, uint8_t suspicious, uint8_t adware, uint8_t benign) {
  return {.first_seen = 1,
          .last_seen = 2,
          .malicious = malicious,
          .suspicious = suspicious,
          .adware = adware,
          .benign = benign,
          .evidence_count = 1};
}

class SummaryVerdictTest : public ::testing::TestWithParam<Case> {};

TEST_P(SummaryVerdictTest, ZoneAndScore) {
  Verdict v = SummaryVerdictEngine().Judge(GetParam().summary);
  EXPECT_EQ(ZoneName(v.zone), ZoneName(GetParam().zone));
  EXPECT_EQ(v.score, GetParam().score);
  EXPECT_FALSE(v.reasons.empty());
  EXPECT_EQ(SummaryVerdictEngine().Score(GetParam().summary), (ZoneScore{v.zone, v.score}));
}

INSTANTIATE_TEST_SUITE_P(
    Rules, SummaryVerdictTest,
    ::testing::Values(Case{"unknown", std::nullopt, Zone::kGrey, 0},
                      Case{"relations_only", ObjectSummary{.first_seen = 1}, Zone::kGrey, 0},
                      Case{"strong_c2", With(90, 0, 0, 0), Zone::kRed, 90},
                      Case{"red_threshold", With(75, 0, 0, 0), Zone::kRed, 75},
                      Case{"orange_band", With(74, 0, 0, 0), Zone::kOrange, 74},
                      Case{"orange_threshold", With(50, 0, 0, 0), Zone::kOrange, 50},
                      Case{"weak_list", With(30, 0, 0, 0), Zone::kGrey, 30},
                      Case{"adware", With(0, 0, 80, 0), Zone::kYellow, 49},
                      Case{"adware_and_malware", With(90, 0, 80, 0), Zone::kRed, 90},
                      Case{"suspicious_capped", With(0, 95, 0, 0), Zone::kGrey, 49},
                      Case{"allowlisted", With(60, 0, 0, 90), Zone::kGreen, 0},
                      Case{"allowlist_weaker_than_c2", With(95, 0, 0, 60), Zone::kRed, 95},
                      Case{"weak_allowlist", With(0, 0, 0, 40), Zone::kGrey, 0}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ZoneTest, NamesRoundTrip) {
  for (Zone z : {Zone::kRed, Zone::kOrange, Zone::kYellow, Zone::kGrey, Zone::kGreen}) {
    EXPECT_EQ(ZoneFromName(ZoneName(z)), z);
  }
  EXPECT_EQ(ZoneFromName("gray"), Zone::kGrey);
  EXPECT_EQ(ZoneFromName("RED"), Zone::kRed);
  EXPECT_EQ(ZoneFromName("purple"), std::nullopt);
}

}  // namespace
}  // namespace loupe
