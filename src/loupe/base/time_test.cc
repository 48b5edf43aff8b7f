#include "loupe/base/time.h"

#include "gtest/gtest.h"
#include "loupe/base/testing.h"

namespace loupe {
namespace {

TEST(TimeTest, FormatsUtc) {
  EXPECT_EQ(FormatIsoTime(1764777543), "2025-12-03T15:59:03Z");
  EXPECT_EQ(FormatIsoTime(0), "");
  EXPECT_EQ(FormatIsoTime(951782400), "2000-02-29T00:00:00Z");
  EXPECT_EQ(FormatIsoTime(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatIsoTime(4102444799), "2099-12-31T23:59:59Z");
}

TEST(TimeTest, FormatAgreesWithParseOverManyDays) {
  for (UnixSeconds t = -86400 * 800; t < 86400LL * 365 * 130; t += 86400 * 37 + 3607) {
    if (t == 0) continue;
    EXPECT_EQ(*ParseIsoTime(FormatIsoTime(t)), t) << t;
  }
}

TEST(TimeTest, ParsesCommonForms) {
  EXPECT_EQ(*ParseIsoTime("2025-12-03T15:59:03Z"), 1764777543);
  EXPECT_EQ(*ParseIsoTime("2025-12-03T15:59:03.250Z"), 1764777543);
  EXPECT_EQ(*ParseIsoTime("2025-12-03 15:59:03"), 1764777543);
  EXPECT_EQ(*ParseIsoTime("2025-12-03T16:59:03+01:00"), 1764777543);
  EXPECT_EQ(*ParseIsoTime("2025-12-03"), 1764720000);
}

TEST(TimeTest, RejectsGarbage) {
  EXPECT_THAT(ParseIsoTime("yesterday"), testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace loupe
