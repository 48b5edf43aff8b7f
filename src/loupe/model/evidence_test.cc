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

TEST(RelationStatsTest, MergeAddsCountsAndWidensWindow) {
  RelationStats s{.first_seen = 0, .last_seen = 10, .count = 1};
  s.Merge({.first_seen = 5, .last_seen = 8, .count = 2});
  EXPECT_EQ(s, (RelationStats{5, 10, 3}));
  EXPECT_EQ(RelationTypeFromName("resolves_to"), RelationType::kResolvesTo);
  EXPECT_EQ(RelationTypeName(RelationType::kHasUrl), "has_url");
}

}  // namespace
}  // namespace loupe
