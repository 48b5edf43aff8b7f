#include "loupe/model/evidence.h"

#include "gtest/gtest.h"
#include "loupe/model/relation.h"

namespace loupe {
namespace {

TEST(EvidenceTest, MergeIsIdempotentAndKeepsTheWidestWindow) {
  Evidence a{.source = 1,
             .first_seen = 100,
             .last_seen = 200,
             .confidence = 50,
             .categories = CategoryBit(Category::kC2),
             .labels = {"emotet"}};
  Evidence b{.source = 1,
             .first_seen = 50,
             .last_seen = 300,
             .confidence = 80,
             .categories = CategoryBit(Category::kMalware),
             .labels = {"heodo"},
             .reference = "https://example.org/r"};
  Evidence merged = a;
  merged.Merge(b);
  EXPECT_EQ(merged.first_seen, 50);
  EXPECT_EQ(merged.last_seen, 300);
  EXPECT_EQ(merged.confidence, 80);
  EXPECT_EQ(merged.labels, (std::vector<std::string>{"emotet", "heodo"}));
  Evidence twice = merged;
  twice.Merge(b);
  EXPECT_EQ(twice, merged);
}

TEST(EvidenceTest, OlderRecordDoesNotOverrideNewerConfidence) {
  Evidence a{.source = 1, .first_seen = 100, .last_seen = 400, .confidence = 90};
  a.Merge({.source = 1, .first_seen = 10, .last_seen = 20, .confidence = 10});
  EXPECT_EQ(a.confidence, 90);
  EXPECT_EQ(a.first_seen, 10);
}

TEST(EvidenceTest, ExpiryMarksUntilTheSourceListsTheObjectAgain) {
  Evidence e;
  e.source = 3;
  e.first_seen = 100;
  e.last_seen = 200;
  e.categories = CategoryBit(Category::kC2);
  e.Merge(Evidence::Expiry(3, 300));
  EXPECT_EQ(e.expired_at, 300);
  EXPECT_EQ(e.last_seen, 200);  // history stays
  EXPECT_EQ(e.categories, CategoryBit(Category::kC2));
  e.Merge(Evidence::Expiry(3, 400));  // still gone: it left at 300
  EXPECT_EQ(e.expired_at, 300);
  Evidence relisted = e;
  relisted.expired_at = 0;
  relisted.last_seen = 500;
  e.Merge(relisted);
  EXPECT_EQ(e.expired_at, 0);
  EXPECT_EQ(e.last_seen, 500);
  e.Merge(Evidence::Expiry(3, 450));  // older than the re-listing: ignored
  EXPECT_EQ(e.expired_at, 0);
}

TEST(EvidenceTest, ExpiryMergedBeforeItsRecordStillApplies) {
  Evidence marker = Evidence::Expiry(3, 300);
  Evidence e;
  e.source = 3;
  e.last_seen = 200;
  marker.Merge(e);
  EXPECT_EQ(marker.expired_at, 300);
  EXPECT_EQ(marker.last_seen, 200);
}

TEST(RelationStatsTest, MergeAddsCountsAndWidensWindow) {
  RelationStats s{.first_seen = 0, .last_seen = 10, .count = 1};
  s.Merge({.first_seen = 5, .last_seen = 8, .count = 2});
  EXPECT_EQ(s, (RelationStats{5, 10, 3}));
  EXPECT_EQ(RelationTypeFromName("resolves_to"), RelationType::kResolvesTo);
  EXPECT_EQ(RelationTypeName(RelationType::kHasUrl), "has_url");
}

}  // namespace
}  // namespace loupe
