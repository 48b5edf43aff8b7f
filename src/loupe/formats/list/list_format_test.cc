#include "loupe/formats/list/list_format.h"

#include "gtest/gtest.h"
#include "loupe/base/testing.h"

namespace loupe {
namespace {

TEST(ListFormatTest, SkipsCommentsAndBlankLines) {
  EXPECT_FALSE(ParseListLine("")->has_value());
  EXPECT_FALSE(ParseListLine("   ")->has_value());
  EXPECT_FALSE(ParseListLine("# Aliases: emotet")->has_value());
}

TEST(ListFormatTest, TakesTheFirstFieldOfIpsumLines) {
  auto r = ParseListLine("185.220.101.1\t9");
  ASSERT_OK(r);
  EXPECT_EQ((*r)->indicator.value, "185.220.101.1");
}

TEST(ListFormatTest, AcceptsIpPortAndMixedTypes) {
  EXPECT_EQ((*ParseListLine("1.2.3.4:8080"))->indicator.port, 8080);
  EXPECT_EQ((*ParseListLine("hxxp://evil[.]com/a"))->indicator.type, IndicatorType::kUrl);
  EXPECT_EQ((*ParseListLine("EVIL.com  # trailing"))->indicator.value, "evil.com");
}

TEST(ListFormatTest, BadIndicatorsAreInvalidArgument) {
  EXPECT_THAT(ParseListLine("256.1.1.1"), testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace loupe
