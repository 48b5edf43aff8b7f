#include "loupe/judge/recompute.h"

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/judge/object_judge.h"
#include "loupe/model/object_key.h"
#include "loupe/store/rocksdb_object_store.h"

namespace loupe {
namespace {

constexpr UnixSeconds kNow = 1'790'000'000;

std::string K(const char* value) { return EncodeObjectKey(*ParseIndicator(value)); }

Evidence E(SourceId source, Category c, UnixSeconds last_seen = kNow) {
  return {.source = source, .first_seen = kNow - 86400 * 10, .last_seen = last_seen,
          .categories = CategoryBit(c)};
}

class RecomputeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenRocksDbStore(dir_.path().string(), {.sync = false});
    ASSERT_OK(store);
    store_ = std::move(*store);
    ASSERT_OK(store_->EnsureSource("c2", 90));
    ASSERT_OK(store_->EnsureSource("weak", 50));
    ASSERT_OK(store_->EnsureSource("top", 95));
    Changeset cs(kNow, "test");
    cs.AddEvidence(K("198.51.100.1"), E(1, Category::kC2));                // Red 90
    cs.AddEvidence(K("198.51.100.2"), E(1, Category::kC2, kNow - 60 * 86400));  // decayed
    cs.AddEvidence(K("example.com"), E(3, Category::kBenign));             // Green
    cs.AddEvidence(K("bad.example.net"), E(2, Category::kMalware));        // Orange 50, ...
    cs.AddRelation(K("bad.example.net"), RelationType::kResolvesTo, K("198.51.100.1"),
                   {kNow - 86400, kNow, 3});                    // ... 64 with a red IP
    cs.AddRelation(K("quiet.example.org"), RelationType::kResolvesTo, K("198.51.100.1"),
                   {kNow - 86400, kNow, 1});                                 // no evidence
    Review fp{.action = ReviewAction::kFalsePositive, .zone = Zone::kGreen, .reason = "ours",
              .author = "ana", .time = kNow - 10};
    cs.SetAttribute(K("203.0.113.9"), AttributeKind::kReview, ReviewItem(1, 1), EncodeReview(fp));
    ASSERT_OK(store_->Commit(cs));
  }

  StoredVerdict Stored(const char* value) {
    auto v = store_->Snapshot()->GetVerdict(K(value));
    EXPECT_OK(v);
    EXPECT_TRUE(v->has_value()) << value;
    return v->value_or(StoredVerdict{});
  }

  testing::ScratchDir dir_;
  std::unique_ptr<ObjectStore> store_;
};

// Stored verdicts agree with judging on read, for every object, propagation included.
TEST_F(RecomputeTest, StoredVerdictsMatchJudgingOnRead) {
  const VerdictPolicy policy = DefaultVerdictPolicy();
  auto stats = RecomputeVerdicts(*store_, policy, kNow);
  ASSERT_OK(stats);
  EXPECT_EQ(stats->judged, 6u);  // five with evidence or reviews, one by propagation only
  // The two domains that resolve to the red IP, and the IP that the Orange domain
  // resolves to.
  EXPECT_EQ(stats->propagated, 3u);
  auto view = store_->Snapshot();
  ObjectJudge judge(*view, policy, kNow);
  for (const char* value : {"198.51.100.1", "198.51.100.2", "example.com", "bad.example.net",
                            "quiet.example.org", "203.0.113.9"}) {
    auto type = ParseIndicator(value)->type;
    auto live = judge.Judge({K(value)}, type);
    ASSERT_OK(live);
    const StoredVerdict stored = Stored(value);
    EXPECT_EQ(stored.zone, live->zone) << value;
    EXPECT_EQ(stored.score, live->score) << value;
  }
  EXPECT_EQ(Stored("198.51.100.1").zone, Zone::kRed);
  EXPECT_EQ(Stored("198.51.100.1").stale_at, kNow + kVerdictRefreshSeconds);  // IPs decay
  EXPECT_EQ(Stored("bad.example.net").zone, Zone::kOrange);
  EXPECT_EQ(Stored("bad.example.net").score, 64);  // 50, raised by one red IP
  EXPECT_EQ(Stored("quiet.example.org").zone, Zone::kGrey);
  EXPECT_EQ(Stored("203.0.113.9").zone, Zone::kGreen);
  EXPECT_TRUE(Stored("203.0.113.9").overridden);
  EXPECT_EQ(stats->zones[static_cast<size_t>(Zone::kRed)], 1u);
  EXPECT_EQ(stats->zones[static_cast<size_t>(Zone::kOrange)], 1u);
}

// A recompute replaces the stored set: what lost its evidence loses its verdict.
TEST_F(RecomputeTest, RecomputeReplacesEverything) {
  ASSERT_OK(store_->PutVerdicts({{K("stale.example.com"), {.zone = Zone::kRed, .score = 99}}}));
  ASSERT_OK(RecomputeVerdicts(*store_, DefaultVerdictPolicy(), kNow));
  auto gone = store_->Snapshot()->GetVerdict(K("stale.example.com"));
  ASSERT_OK(gone);
  EXPECT_FALSE(gone->has_value());
}

}  // namespace
}  // namespace loupe
