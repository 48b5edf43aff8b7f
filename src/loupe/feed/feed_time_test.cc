#include "loupe/feed/feed_time.h"

#include "loupe/base/testing.h"

namespace loupe {
namespace {

using ::loupe::testing::StatusIs;

TEST(FeedTimeTest, AcceptsTheFormsFeedsWrite) {
  EXPECT_EQ(*ParseFeedTime("2024-05-01 10:00:00"), 1714557600);
  EXPECT_EQ(*ParseFeedTime("2024-05-01T10:00:00Z"), 1714557600);
  EXPECT_EQ(*ParseFeedTime("2024-05-01T12:00:00.250+02:00"), 1714557600);
  EXPECT_EQ(*ParseFeedTime("1714557600"), 1714557600);
  EXPECT_EQ(*ParseFeedTime("1714557600.123456"), 1714557600);
  EXPECT_EQ(*ParseFeedTime("\"2024-05-01\""), 1714521600);
  EXPECT_EQ(*ParseFeedTime("2024-05-01T10:00:00.123456+0000"), 1714557600);
  EXPECT_EQ(*ParseFeedTime("2024-05-01T05:30:00-04:30"), 1714557600);
  EXPECT_EQ(*ParseFeedTime("2000-02-29 00:00:00"), 951782400);
}

TEST(FeedTimeTest, RejectsOtherText) {
  EXPECT_THAT(ParseFeedTime(""), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseFeedTime("yesterday"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseFeedTime("1714557600.12x"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseFeedTime("2024-13-01 10:00:00"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseFeedTime("2024-05-01T10:00:00+2"), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace loupe
