#include "loupe/store/value_codec.h"

#include "gtest/gtest.h"

namespace loupe {
namespace {

TEST(ValueCodecTest, RoundTrips) {
  Evidence e{.first_seen = 1,
             .last_seen = 2,
             .confidence = 3,
             .categories = 0x81,
             .labels = {"x", "y"},
             .reference = "ref",
             .expired_at = 9};
  std::string buf;
  EncodeEvidence(buf, e);
  Evidence e2;
  ASSERT_TRUE(DecodeEvidence(buf, e2));
  EXPECT_EQ(e2, e);

  ObjectSummary s{.first_seen = 5,
                  .last_seen = 6,
                  .hits = 7,
                  .categories = 3,
                  .malicious = 90,
                  .suspicious = 1,
                  .adware = 2,
                  .benign = 4,
                  .evidence_count = 2};
  buf.clear();
  EncodeSummary(buf, s);
  ObjectSummary s2;
  ASSERT_TRUE(DecodeSummary(buf, s2));
  EXPECT_EQ(s2, s);
}

TEST(ValueCodecTest, TrailingBytesAreRejected) {
  std::string buf;
  EncodeRelationStats(buf, {1, 2, 3});
  buf.push_back('x');
  RelationStats s;
  EXPECT_FALSE(DecodeRelationStats(buf, s));
}

TEST(ValueCodecTest, IpOnlyEvidenceFitsInFewBytes) {
  // The disk budget (60 bytes per plain-list indicator) starts here.
  std::string buf;
  EncodeEvidence(buf, {.first_seen = 1764777543, .last_seen = 1764777543, .confidence = 100});
  EXPECT_LE(buf.size(), 16u);
}

}  // namespace
}  // namespace loupe
