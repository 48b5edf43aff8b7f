#include "loupe/model/review.h"

#include "gtest/gtest.h"

namespace loupe {
namespace {

Review Set(Zone zone, UnixSeconds time, UnixSeconds expires = 0) {
  return {.action = ReviewAction::kSetZone,
          .zone = zone,
          .reason = "r",
          .author = "ana",
          .time = time,
          .expires_at = expires};
}

TEST(ReviewTest, LatestOverrideWinsUntilClearedOrExpired) {
  const std::vector<Review> reviews = {
      Set(Zone::kRed, 100),
      {.action = ReviewAction::kComment, .reason = "looked again", .time = 150},
      Set(Zone::kOrange, 200, /*expires=*/300),
      {.action = ReviewAction::kClear, .time = 400},
      {.action = ReviewAction::kFalsePositive, .zone = Zone::kGreen, .time = 500},
  };
  EXPECT_FALSE(OverrideAt(reviews, 99));
  EXPECT_EQ(OverrideAt(reviews, 100)->zone, Zone::kRed);
  EXPECT_EQ(OverrideAt(reviews, 199)->zone, Zone::kRed);  // a comment changes nothing
  EXPECT_EQ(OverrideAt(reviews, 299)->zone, Zone::kOrange);
  EXPECT_FALSE(OverrideAt(reviews, 300));  // expired: not back to the earlier Red
  EXPECT_FALSE(OverrideAt(reviews, 450));
  EXPECT_EQ(OverrideAt(reviews, 500)->action, ReviewAction::kFalsePositive);
}

TEST(ReviewTest, EncodesAndOrdersByTime) {
  const Review r{.action = ReviewAction::kSetZone,
                 .zone = Zone::kOrange,
                 .reason = "why \"quoted\"",
                 .author = "ana",
                 .time = 1'700'000'000,
                 .expires_at = 1'800'000'000};
  EXPECT_EQ(DecodeReview(EncodeReview(r)), r);
  EXPECT_FALSE(DecodeReview("{\"action\":\"set\"}"));
  EXPECT_FALSE(DecodeReview("not json"));
  EXPECT_LT(ReviewItem(1'700'000'000'000'000, 0xffffffff), ReviewItem(1'700'000'000'000'001, 0));
  EXPECT_NE(ReviewItem(5, 1), ReviewItem(5, 2));
}

TEST(ReviewTest, ZoneNamesRoundTrip) {
  for (Zone z : {Zone::kGrey, Zone::kGreen, Zone::kYellow, Zone::kOrange, Zone::kRed}) {
    EXPECT_EQ(ZoneFromName(ZoneName(z)), z);
  }
  EXPECT_EQ(ZoneFromName("GRAY"), Zone::kGrey);
  EXPECT_FALSE(ZoneFromName("purple"));
}

}  // namespace
}  // namespace loupe
