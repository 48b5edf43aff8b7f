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
  return {.source = source,
          .first_seen = kNow - 86400 * 10,
          .last_seen = last_seen,
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
    cs.AddEvidence(K("198.51.100.1"), E(1, Category::kC2));                     // Red 90
    cs.AddEvidence(K("198.51.100.2"), E(1, Category::kC2, kNow - 60 * 86400));  // decayed
    cs.AddEvidence(K("example.com"), E(3, Category::kBenign));                  // Green
    cs.AddEvidence(K("bad.example.net"), E(2, Category::kMalware));             // Orange 50, ...
    cs.AddRelation(K("bad.example.net"), RelationType::kResolvesTo, K("198.51.100.1"),
                   {kNow - 86400, kNow, 3});  // ... 64 with a red IP
    cs.AddRelation(K("quiet.example.org"), RelationType::kResolvesTo, K("198.51.100.1"),
                   {kNow - 86400, kNow, 1});  // no evidence
    Review fp{.action = ReviewAction::kFalsePositive,
              .zone = Zone::kGreen,
              .reason = "ours",
              .author = "ana",
              .time = kNow - 10};
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

// The stored set is current after a recompute, stale after any commit, and current again
// after an incremental update that covers the commit; listings read it only while current.
TEST_F(RecomputeTest, StoredVerdictsAreUsedOnlyWhileCurrent) {
  const VerdictPolicy policy = DefaultVerdictPolicy();
  ASSERT_OK(RecomputeVerdicts(*store_, policy, kNow));
  EXPECT_TRUE(*store_->Snapshot()->VerdictsCurrent());

  // A planted stored verdict shows in listings while the set is current...
  ASSERT_OK(store_->PutVerdicts(
      {{K("example.com"), {.zone = Zone::kRed, .score = 99, .judged_at = kNow}}}));
  auto listed = [&] {
    auto view = store_->Snapshot();
    ObjectJudge judge(*view, policy, kNow);
    auto out = judge.ListVerdicts({K("example.com")}, {IndicatorType::kDomain});
    EXPECT_OK(out);
    return (*out)[0].zone;
  };
  EXPECT_EQ(listed(), Zone::kRed);
  // ... and not for an "as of" before it was judged.
  {
    auto view = store_->Snapshot();
    ObjectJudge judge(*view, policy, kNow - 1);
    EXPECT_EQ((*judge.ListVerdicts({K("example.com")}, {IndicatorType::kDomain}))[0].zone,
              Zone::kGreen);
  }

  // Any commit makes the stored set stale: listings judge on read again.
  Changeset cs(kNow, "test");
  cs.AddEvidence(K("203.0.113.50"), E(2, Category::kMalware));
  auto committed = store_->Commit(cs);
  ASSERT_OK(committed);
  const uint64_t seq = *committed;
  EXPECT_FALSE(*store_->Snapshot()->VerdictsCurrent());
  EXPECT_EQ(listed(), Zone::kGreen);

  // An incremental update covering that commit makes it current again.
  ASSERT_OK(RejudgeObjects(*store_, {K("203.0.113.50")}, policy, kNow, seq));
  EXPECT_TRUE(*store_->Snapshot()->VerdictsCurrent());
  EXPECT_EQ(Stored("203.0.113.50").zone, Zone::kOrange);
  // Covering a changeset that is not the next one changes nothing.
  Changeset more(kNow, "test");
  more.AddEvidence(K("203.0.113.51"), E(2, Category::kMalware));
  ASSERT_OK(store_->Commit(more));
  ASSERT_OK(store_->Commit(more));
  ASSERT_OK(RejudgeObjects(*store_, {K("203.0.113.51")}, policy, kNow, store_->LastSequence()));
  EXPECT_FALSE(*store_->Snapshot()->VerdictsCurrent());
}

// A review re-judges the objects its zone propagates to.
TEST_F(RecomputeTest, RejudgeReachesDependents) {
  const VerdictPolicy policy = DefaultVerdictPolicy();
  ASSERT_OK(RecomputeVerdicts(*store_, policy, kNow));
  EXPECT_EQ(Stored("quiet.example.org").score, 27);  // Grey 27: resolves to the red IP
  Review fp{.action = ReviewAction::kFalsePositive,
            .zone = Zone::kGreen,
            .reason = "sinkhole",
            .author = "ana",
            .time = kNow};
  Changeset cs(kNow, "review:ana");
  cs.SetAttribute(K("198.51.100.1"), AttributeKind::kReview, ReviewItem(2, 2), EncodeReview(fp));
  auto committed = store_->Commit(cs);
  ASSERT_OK(committed);
  const uint64_t seq = *committed;
  ASSERT_OK(RejudgeObjects(*store_, {K("198.51.100.1")}, policy, kNow, seq));
  EXPECT_EQ(Stored("198.51.100.1").zone, Zone::kGreen);
  EXPECT_EQ(Stored("quiet.example.org").score, 0);  // its red neighbour is gone
  EXPECT_TRUE(*store_->Snapshot()->VerdictsCurrent());
}

}  // namespace
}  // namespace loupe
