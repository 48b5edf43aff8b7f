// Golden cases for the scoring model: testdata/scoring_cases.json holds small hand-made
// evidence sets with the zone, score and headline each must get (docs/verdicts.md works
// several of them through). Times are days before the case's "now".
#include "loupe/verdict/scoring.h"

#include <fstream>
#include <sstream>

#include "boost/json.hpp"
#include "gtest/gtest.h"

namespace loupe {
namespace {

namespace json = boost::json;

constexpr UnixSeconds kNow = 1'790'000'000;  // 2026-09-21
constexpr int64_t kDay = 86400;

UnixSeconds DaysAgo(const json::object& o, std::string_view key, double fallback) {
  const json::value* v = o.if_contains(key);
  const double days = v ? v->to_number<double>() : fallback;
  return kNow - static_cast<int64_t>(days * kDay);
}

CategorySet Categories(const json::object& o) {
  CategorySet set = 0;
  if (const json::value* v = o.if_contains("categories")) {
    for (const auto& c : v->as_array()) {
      auto cat = CategoryFromName(std::string(c.as_string()));
      EXPECT_TRUE(cat) << c;
      if (cat) set |= CategoryBit(*cat);
    }
  }
  return set;
}

VerdictInput InputOf(const json::object& c) {
  VerdictInput in;
  in.type = *IndicatorTypeFromName(std::string(c.at("type").as_string()));
  if (const json::value* v = c.if_contains("evidence")) {
    for (const auto& item : v->as_array()) {
      const json::object& e = item.as_object();
      SourcedEvidence se;
      se.source = std::string(e.at("source").as_string());
      se.reliability = static_cast<uint8_t>(e.at("reliability").to_number<int>());
      se.evidence.confidence = e.contains("confidence")
                                   ? static_cast<uint8_t>(e.at("confidence").to_number<int>())
                                   : 100;
      se.evidence.categories = Categories(e);
      se.evidence.last_seen = DaysAgo(e, "seen_days_ago", 0);
      se.evidence.first_seen = DaysAgo(e, "first_seen_days_ago", 400);
      if (e.contains("expired_days_ago"))
        se.evidence.expired_at = DaysAgo(e, "expired_days_ago", 0);
      if (const json::value* l = e.if_contains("labels")) {
        for (const auto& label : l->as_array()) se.evidence.labels.emplace_back(label.as_string());
      }
      in.evidence.push_back(std::move(se));
    }
  }
  if (const json::value* v = c.if_contains("neighbours")) {
    for (const auto& item : v->as_array()) {
      const json::object& n = item.as_object();
      const int count = n.contains("count") ? n.at("count").to_number<int>() : 1;
      for (int i = 0; i < count; ++i) {
        in.neighbours.push_back(
            {.rule = static_cast<PropagationRule>(n.at("rule").to_number<int>()),
             .value = std::string(n.at("value").as_string()) + (count > 1 ? std::to_string(i) : ""),
             .zone = *ZoneFromName(std::string(n.at("zone").as_string())),
             .score = n.at("score").to_number<int>()});
      }
    }
  }
  if (const json::value* v = c.if_contains("reviews")) {
    for (const auto& item : v->as_array()) {
      const json::object& r = item.as_object();
      Review review;
      const std::string action(r.at("action").as_string());
      review.action = action == "set"     ? ReviewAction::kSetZone
                      : action == "fp"    ? ReviewAction::kFalsePositive
                      : action == "clear" ? ReviewAction::kClear
                                          : ReviewAction::kComment;
      if (r.contains("zone")) review.zone = *ZoneFromName(std::string(r.at("zone").as_string()));
      if (review.action == ReviewAction::kFalsePositive) review.zone = Zone::kGreen;
      review.reason = r.contains("reason") ? std::string(r.at("reason").as_string()) : "";
      review.author = "ana";
      review.time = DaysAgo(r, "days_ago", 1);
      if (r.contains("expires_days_ago")) review.expires_at = DaysAgo(r, "expires_days_ago", 0);
      in.reviews.push_back(review);
    }
  }
  in.apt_linked = c.contains("apt_linked") && c.at("apt_linked").as_bool();
  return in;
}

json::array Cases() {
  std::ifstream f(std::string(LOUPE_VERDICT_TESTDATA) + "/scoring_cases.json");
  std::stringstream ss;
  ss << f.rdbuf();
  return json::parse(ss.str()).as_array();
}

TEST(ScoringGoldenTest, EveryCase) {
  const json::array cases = Cases();
  ASSERT_GT(cases.size(), 10u);
  const VerdictPolicy policy = DefaultVerdictPolicy();
  for (const auto& item : cases) {
    const json::object& c = item.as_object();
    const std::string name(c.at("name").as_string());
    SCOPED_TRACE(name);
    const double as_of_days =
        c.contains("as_of_days_ago") ? c.at("as_of_days_ago").to_number<double>() : 0;
    const Verdict v = Score(InputOf(c), kNow - static_cast<int64_t>(as_of_days * kDay), policy);
    const json::object& want = c.at("expect").as_object();
    EXPECT_EQ(ZoneName(v.zone), want.at("zone").as_string().c_str());
    EXPECT_EQ(v.score, want.at("score").to_number<int>());
    ASSERT_FALSE(v.reasons.empty());
    EXPECT_EQ(v.reasons[0], want.at("headline").as_string().c_str());
    if (const json::value* has = want.if_contains("reason")) {
      const std::string needle(has->as_string());
      bool found = false;
      for (const auto& r : v.reasons) found = found || r.find(needle) != std::string::npos;
      EXPECT_TRUE(found) << "no reason contains \"" << needle << "\"";
    }
    if (want.contains("has_apt")) {
      EXPECT_EQ(v.has_apt, want.at("has_apt").as_bool());
    }
    // Without explanations: the same zone and score, no text.
    const Verdict quick =
        Score(InputOf(c), kNow - static_cast<int64_t>(as_of_days * kDay), policy, false);
    EXPECT_EQ(quick.zone, v.zone);
    EXPECT_EQ(quick.score, v.score);
    EXPECT_TRUE(quick.reasons.empty());
  }
}

TEST(ScoringTest, OneListNeverTurnsATopSiteRed) {
  // A top-1k domain (toplist confidence 90 from a reliability-90 list) against one list of
  // any reliability up to Admiralty A (95): never Red.
  VerdictInput in{.type = IndicatorType::kDomain};
  in.evidence.push_back(
      {.evidence = {.last_seen = kNow,
                    .confidence = 90,
                    .categories = CategoryBit(Category::kPopular) | CategoryBit(Category::kBenign)},
       .source = "tranco",
       .reliability = 90});
  in.evidence.push_back({.evidence = {.last_seen = kNow, .categories = CategoryBit(Category::kC2)},
                         .source = "list"});
  for (int reliability = 0; reliability <= 95; ++reliability) {
    in.evidence[1].reliability = static_cast<uint8_t>(reliability);
    EXPECT_NE(Score(in, kNow, DefaultVerdictPolicy()).zone, Zone::kRed) << reliability;
  }
}

TEST(ScoringTest, DecayHalvesWeightPerHalfLifeAndHashesNeverDecay) {
  const VerdictPolicy policy = DefaultVerdictPolicy();
  for (auto type : {IndicatorType::kIpv4, IndicatorType::kDomain, IndicatorType::kSha256}) {
    VerdictInput in{.type = type};
    in.evidence.push_back(
        {.evidence = {.last_seen = kNow, .categories = CategoryBit(Category::kMalware)},
         .source = "s",
         .reliability = 80});
    const int64_t half_life = policy.HalfLife(type, CategoryBit(Category::kMalware));
    const UnixSeconds later = kNow + (half_life ? half_life : 1000 * kDay);
    const int fresh = Score(in, kNow, policy).score;
    const int aged = Score(in, later, policy).score;
    if (half_life == 0) {
      EXPECT_EQ(aged, fresh) << IndicatorTypeName(type);
    } else {
      EXPECT_EQ(fresh, 80);
      EXPECT_EQ(aged, 40) << IndicatorTypeName(type);  // weight 0.8 -> 0.4
    }
  }
}

}  // namespace
}  // namespace loupe
