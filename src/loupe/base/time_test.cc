#include "loupe/base/time.h"

#include "gtest/gtest.h"
#include "loupe/base/testing.h"

namespace loupe {
namespace {

TEST(TimeTest, FormatsUtc) {
  EXPECT_EQ(FormatIsoTime(1764777543), "2025-12-03T15:59:03Z");
  EXPECT_EQ(FormatIsoTime(0), "");
}

TEST(TimeTest, ParsesCommonForms) {
  EXPECT_EQ(*ParseIsoTime("2025-12-03T15:59:03Z"), 1764777543);
  EXPECT_EQ(*ParseIsoTime("2025-12-03T15:59:03.250Z"), 1764777543);
  EXPECT_EQ(*ParseIsoTime("2025-12-03 15:59:03"), 1764777543);
  EXPECT_EQ(*ParseIsoTime("2025-12-03T16:59:03+01:00"), 1764777543);
  EXPECT_EQ(*ParseIsoTime("2025-12-03"), 1764720000);
}

TEST(TimeTest, RejectsGarbage) {
  EXPECT_THAT(ParseIsoTime("yesterday"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace loupe
