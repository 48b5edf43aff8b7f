#include "loupe/store/summary_index.h"

#include <string>

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/model/object_key.h"
#include "loupe/store/object_store.h"

namespace loupe {
namespace {

ObjectSummary Weights(uint8_t m, uint8_t s, uint8_t a, uint8_t b) {
  return {.malicious = m, .suspicious = s, .adware = a, .benign = b, .evidence_count = 1};
}

TEST(SummaryIndexTest, MergesMaxWeightsAndGrows) {
  SummaryIndex index;
  for (int i = 0; i < 5000; ++i) index.Merge("key" + std::to_string(i), Weights(i % 100, 0, 0, 0));
  index.Merge("key7", Weights(3, 60, 0, 10));
  EXPECT_EQ(index.size(), 5000u);
  auto s = index.Find("key7");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->malicious, 7);
  EXPECT_EQ(s->suspicious, 60);
  EXPECT_EQ(s->benign, 10);
  EXPECT_FALSE(index.Find("key5000").has_value());
  EXPECT_FALSE(index.Find("").has_value());
}

TEST(SummaryIndexTest, IgnoresDeltasWithoutEvidence) {
  SummaryIndex index;
  index.Merge("a", ObjectSummary{.first_seen = 5});
  EXPECT_FALSE(index.Find("a").has_value());
}

TEST(SummaryIndexTest, LongKeysWithACommonPrefixStayApart) {
  SummaryIndex index;
  std::string a(300, 'x'), b(300, 'x');
  b.back() = 'y';
  index.Merge(a, Weights(90, 0, 0, 0));
  index.Merge(b, Weights(10, 0, 0, 0));
  EXPECT_EQ(index.Find(a)->malicious, 90);
  EXPECT_EQ(index.Find(b)->malicious, 10);
}

// The store's index agrees with the summaries on disk, after reopen and new commits.
TEST(SummaryIndexTest, StoreIndexMatchesDisk) {
  testing::ScratchDir dir;
  StoreOptions options;
  options.summary_index = true;
  std::string ip = EncodeObjectKey(*ParseIndicator("1.2.3.4"));
  {
    auto store = OpenRocksDbStore(dir.path().string(), options);
    ASSERT_OK(store);
    auto source = (*store)->EnsureSource("s", 90);
    Changeset cs(1, "t");
    cs.AddEvidence(ip, {.source = source->id, .confidence = 50});
    ASSERT_OK((*store)->Commit(cs));
    EXPECT_EQ((*(*store)->VerdictSummary(ip))->malicious, 45);
  }
  auto store = OpenRocksDbStore(dir.path().string(), options);
  ASSERT_OK(store);
  EXPECT_EQ((*(*store)->VerdictSummary(ip))->malicious, 45);
  Changeset cs(2, "t");
  cs.AddEvidence(ip, {.source = 1, .confidence = 100});
  ASSERT_OK((*store)->Commit(cs));
  EXPECT_EQ((*(*store)->VerdictSummary(ip))->malicious, 90);
  EXPECT_FALSE(
      (*(*store)->VerdictSummary(EncodeObjectKey(*ParseIndicator("5.6.7.8")))).has_value());
}

}  // namespace
}  // namespace loupe
