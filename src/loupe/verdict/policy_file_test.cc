#include "loupe/verdict/policy_file.h"

#include "gtest/gtest.h"

namespace loupe {
namespace {

TEST(PolicyFileTest, EmptyIsTheDefault) {
  auto p = ParseVerdictPolicy("", "empty");
  ASSERT_TRUE(p.ok()) << p.status();
  const VerdictPolicy d = DefaultVerdictPolicy();
  EXPECT_EQ(p->red_at, d.red_at);
  EXPECT_EQ(p->type_half_life, d.type_half_life);
  EXPECT_EQ(p->category_half_life.size(), d.category_half_life.size());
}

TEST(PolicyFileTest, OverridesWhatItNames) {
  auto p = ParseVerdictPolicy(R"(
[zones]
red_at = 80
[half_life]
ipv4 = "14d"
sha256 = "never"
domain = "12h"
[[category_half_life]]
type = "url"
category = "phishing"
half_life = "7d"
[propagation]
fan_out = 16
cap = 0.5
resolves_to_red = 0.2
)",
                              "test");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->red_at, 80);
  EXPECT_EQ(p->orange_at, 50);
  EXPECT_EQ(p->HalfLife(IndicatorType::kIpv4, 0), 14 * 86400);
  EXPECT_EQ(p->HalfLife(IndicatorType::kDomain, 0), 12 * 3600);
  EXPECT_EQ(p->HalfLife(IndicatorType::kSha256, 0), 0);
  EXPECT_EQ(p->HalfLife(IndicatorType::kUrl, CategoryBit(Category::kPhishing)), 7 * 86400);
  // The file's category list replaced the default one: scanners decay like other IPs.
  EXPECT_EQ(p->HalfLife(IndicatorType::kIpv4, CategoryBit(Category::kScanner)), 14 * 86400);
  EXPECT_EQ(p->fan_out, 16u);
  EXPECT_DOUBLE_EQ(p->propagation_cap, 0.5);
  EXPECT_DOUBLE_EQ(p->propagation_factor[static_cast<size_t>(PropagationRule::kResolvesToRed)],
                   0.2);
}

TEST(PolicyFileTest, MistakesAreErrorsThatSayWhere) {
  for (const char* text : {
           "[zones]\nred = 80\n",                        // unknown key
           "[zones]\nred_at = 101\n",                    // out of range
           "[zones]\norange_at = 80\n",                  // not below red_at
           "[half_life]\nipv5 = \"1d\"\n",               // not a type
           "[half_life]\nipv4 = \"soon\"\n",             // not a duration
           "[half_life]\nipv4 = 30\n",                   // not a string
           "[propagation]\ncap = 1.5\n",                 // out of range
           "[[category_half_life]]\ntype = \"ipv4\"\n",  // incomplete
           "verdict = 1\n",                              // unknown table
           "[zones\n",                                   // not TOML
           "[zones]\nrt \xef\xbb\xbe0.5\n",              // non-ASCII (toml++ UB)
       }) {
    auto p = ParseVerdictPolicy(text, "policy.toml");
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_NE(p.status().message().find("policy.toml"), std::string_view::npos) << text;
  }
}

// examples/verdict.toml documents the defaults: it must stay equal to them.
TEST(PolicyFileTest, ExampleFileIsExactlyTheDefaults) {
  auto p = LoadVerdictPolicy(std::string(LOUPE_SOURCE_DIR) + "/examples/verdict.toml");
  ASSERT_TRUE(p.ok()) << p.status();
  const VerdictPolicy d = DefaultVerdictPolicy();
  EXPECT_EQ(p->red_at, d.red_at);
  EXPECT_EQ(p->orange_at, d.orange_at);
  EXPECT_EQ(p->yellow_at, d.yellow_at);
  EXPECT_EQ(p->green_at, d.green_at);
  EXPECT_EQ(p->suspicious_cap, d.suspicious_cap);
  EXPECT_EQ(p->type_half_life, d.type_half_life);
  ASSERT_EQ(p->category_half_life.size(), d.category_half_life.size());
  for (size_t i = 0; i < d.category_half_life.size(); ++i) {
    EXPECT_EQ(p->category_half_life[i].type, d.category_half_life[i].type);
    EXPECT_EQ(p->category_half_life[i].category, d.category_half_life[i].category);
    EXPECT_EQ(p->category_half_life[i].seconds, d.category_half_life[i].seconds);
  }
  EXPECT_EQ(p->fan_out, d.fan_out);
  EXPECT_EQ(p->propagation_cap, d.propagation_cap);
  EXPECT_EQ(p->propagation_factor, d.propagation_factor);
}

TEST(PolicyFileTest, MissingFileIsTheDefault) {
  auto p = LoadVerdictPolicy("/nonexistent/verdict.toml");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->red_at, 75);
}

}  // namespace
}  // namespace loupe
