#include "loupe/store/changeset.h"

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/model/object_key.h"

namespace loupe {
namespace {

std::string Key(const char* text) { return EncodeObjectKey(*ParseIndicator(text)); }

TEST(ChangesetTest, EveryOpRoundTrips) {
  Changeset cs(1700000000, "test");
  cs.DefineSource({.id = 3, .name = "feodo", .reliability = 90});
  Evidence e{.source = 3,
             .first_seen = 10,
             .last_seen = 20,
             .confidence = 70,
             .categories = CategoryBit(Category::kC2),
             .labels = {"emotet"}};
  cs.AddEvidence(Key("1.2.3.4"), e);
  cs.SetAttribute(Key("example.com"), AttributeKind::kDomainWhois, "", "{}");
  cs.AddRelation(Key("example.com"), RelationType::kResolvesTo, Key("1.2.3.4"), {5, 6, 7});
  cs.Observe(Key("1.2.3.4"), 4, 30);
  std::string encoded = cs.Encode();

  ChangesetReader reader(encoded);
  EXPECT_EQ(reader.time(), 1700000000);
  EXPECT_EQ(reader.origin(), "test");
  EXPECT_EQ(reader.op_count(), 5u);
  ChangesetOp op;
  ASSERT_TRUE(reader.Next(op));
  EXPECT_EQ(op.code, OpCode::kDefineSource);
  EXPECT_EQ(op.source, (Source{3, "feodo", 90}));
  ASSERT_TRUE(reader.Next(op));
  EXPECT_EQ(op.code, OpCode::kAddEvidence);
  EXPECT_EQ(op.object, Key("1.2.3.4"));
  EXPECT_EQ(op.evidence, e);
  ASSERT_TRUE(reader.Next(op));
  EXPECT_EQ(op.kind, AttributeKind::kDomainWhois);
  EXPECT_EQ(op.value, "{}");
  ASSERT_TRUE(reader.Next(op));
  EXPECT_EQ(op.relation, RelationType::kResolvesTo);
  EXPECT_EQ(op.other, Key("1.2.3.4"));
  EXPECT_EQ(op.stats, (RelationStats{5, 6, 7}));
  ASSERT_TRUE(reader.Next(op));
  EXPECT_EQ(op.code, OpCode::kObserve);
  EXPECT_EQ(op.stats.count, 4u);
  EXPECT_FALSE(reader.Next(op));
  EXPECT_OK(reader.status());
}

TEST(ChangesetTest, EveryTruncationIsDataLossNeverACrash) {
  Changeset cs(1, "t");
  cs.AddEvidence(Key("example.com"), {.source = 1, .labels = {"a", "b"}, .reference = "r"});
  cs.AddRelation(Key("example.com"), RelationType::kHasUrl, Key("http://example.com/"), {1, 2, 3});
  std::string encoded = cs.Encode();
  for (size_t n = 0; n < encoded.size(); ++n) {
    ChangesetReader reader(std::string_view(encoded).substr(0, n));
    ChangesetOp op;
    while (reader.Next(op)) {
    }
    EXPECT_EQ(reader.status().code(), absl::StatusCode::kDataLoss) << n;
  }
}

}  // namespace
}  // namespace loupe
