#include "loupe/formats/abusech/feodo_format.h"

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"
#include "loupe/model/category.h"

namespace loupe {
namespace {

using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

TEST(FeodoFormatTest, Goldens) {
  testing::RunGoldenCases("feodo", [] { return MakeFeodoParser(); });
}

TEST(FeodoFormatTest, MapsIpWithPortToC2AndBotnet) {
  auto r = ParseFeodoLine(
      R"("2021-01-17 07:44:46","51.38.124.206","443","online","2024-03-21","Heodo")");
  ASSERT_OK(r);
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->indicator.type, IndicatorType::kIpv4);
  EXPECT_EQ((*r)->indicator.value, "51.38.124.206");
  EXPECT_EQ((*r)->indicator.port, 443);
  EXPECT_EQ((*r)->categories, CategoryBit(Category::kC2) | CategoryBit(Category::kBotnet));
  EXPECT_EQ((*r)->labels, std::vector<std::string>{"Heodo"});
  EXPECT_EQ((*r)->last_seen, 1710979200);  // 2024-03-21, a date
  EXPECT_EQ((*r)->confidence, std::nullopt);
}

TEST(FeodoFormatTest, LastOnlineDateNeverPrecedesFirstSeen) {
  auto r = ParseFeodoLine(
      R"("2024-03-21 08:30:12","5.252.177.199","2078","offline","2024-03-21","Pikabot")");
  ASSERT_OK(r);
  EXPECT_EQ((*r)->last_seen, (*r)->first_seen);
  EXPECT_EQ((*r)->confidence, 60);
}

TEST(FeodoFormatTest, Ipv6AndBadEndpoints) {
  auto v6 = ParseFeodoLine(
      R"("2024-03-18 02:12:44","2a03:b0c0:3:d0::1a5:7001","8443","online","2024-03-21","Heodo")");
  ASSERT_OK(v6);
  EXPECT_EQ((*v6)->indicator.type, IndicatorType::kIpv6);
  EXPECT_EQ((*v6)->indicator.port, 8443);
  EXPECT_THAT(
      ParseFeodoLine(R"("2024-03-10 14:18:55","213.5.229.12","70000","online","","X")"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("dst_port: not a valid port")));
  EXPECT_THAT(ParseFeodoLine(R"("2024-03-10 14:18:55","evil.example.com","443","online","","X")"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("dst_ip: ")));
}

}  // namespace
}  // namespace loupe
