#include <filesystem>
#include <set>
#include <thread>

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/model/object_key.h"
#include "loupe/store/object_store.h"

namespace loupe {
namespace {

using ::loupe::testing::ScratchDir;

std::string Key(const char* text) { return EncodeObjectKey(*ParseIndicator(text)); }

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    auto store = OpenRocksDbStore(dir_.path().string(), {});
    ASSERT_OK(store);
    store_ = *std::move(store);
  }
  ScratchDir dir_;
  std::unique_ptr<ObjectStore> store_;
};

TEST_F(StoreTest, EvidenceBuildsASummaryAndSurvivesReopen) {
  auto source = store_->EnsureSource("feodo", 90);
  ASSERT_OK(source);
  Changeset cs(100, "test");
  cs.AddEvidence(Key("1.2.3.4"), {.source = source->id,
                                  .first_seen = 10,
                                  .last_seen = 20,
                                  .confidence = 80,
                                  .categories = CategoryBit(Category::kC2)});
  auto seq = store_->Commit(cs);
  ASSERT_OK(seq);
  EXPECT_EQ(*seq, 2u);  // 1 defined the source
  Reopen();
  EXPECT_EQ(store_->LastSequence(), 2u);
  ASSERT_TRUE(store_->GetSource(source->id).has_value());
  auto view = store_->Snapshot();
  auto summary = view->GetSummary(Key("1.2.3.4"));
  ASSERT_OK(summary);
  ASSERT_TRUE(summary->has_value());
  EXPECT_EQ((*summary)->malicious, 72);  // 90 x 80%
  EXPECT_EQ((*summary)->first_seen, 10);
  auto evidence = view->GetEvidence(Key("1.2.3.4"));
  ASSERT_OK(evidence);
  ASSERT_EQ(evidence->size(), 1u);
  EXPECT_EQ((*evidence)[0].source, source->id);
  auto missing = view->GetSummary(Key("5.6.7.8"));
  ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_F(StoreTest, ReapplyingALoggedChangesetIsANoOp) {
  Changeset cs(100, "test");
  cs.Observe(Key("example.com"), 5, 100);
  ASSERT_OK(store_->Commit(cs));
  std::string logged;
  ASSERT_OK(store_->ReadLog(1, [&](uint64_t seq, std::string_view encoded) {
    logged = std::string(encoded);
    return false;
  }));
  ASSERT_OK(store_->ApplyLogged(1, logged));
  auto summary = store_->Snapshot()->GetSummary(Key("example.com"));
  ASSERT_OK(summary);
  EXPECT_EQ((*summary)->hits, 5u);
  EXPECT_THAT(store_->ApplyLogged(3, logged),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(StoreTest, RelationsAreReadBothWaysWithABoundAndATotal) {
  Changeset cs(100, "test");
  for (int i = 0; i < 25; ++i) {
    std::string ip = "10.0.0." + std::to_string(i);
    cs.AddRelation(Key("example.com"), RelationType::kResolvesTo, Key(ip.c_str()), {1, 2, 1});
  }
  ASSERT_OK(store_->Commit(cs));
  auto view = store_->Snapshot();
  auto out = view->ListRelated(Key("example.com"), RelationType::kResolvesTo, Direction::kOut, 10);
  ASSERT_OK(out);
  EXPECT_EQ(out->items.size(), 10u);
  EXPECT_EQ(out->total, 25u);
  auto in = view->ListRelated(Key("10.0.0.7"), RelationType::kResolvesTo, Direction::kIn, 10);
  ASSERT_OK(in);
  ASSERT_EQ(in->items.size(), 1u);
  EXPECT_EQ(in->items[0].object, Key("example.com"));
}

TEST_F(StoreTest, RelationCountsAddUp) {
  for (int i = 0; i < 3; ++i) {
    Changeset cs(100, "test");
    cs.AddRelation(Key("example.com"), RelationType::kResolvesTo, Key("1.1.1.1"),
                   {100 + i, 200 + i, 2});
    ASSERT_OK(store_->Commit(cs));
  }
  auto out = store_->Snapshot()->ListRelated(Key("example.com"), RelationType::kResolvesTo,
                                             Direction::kOut, 10);
  ASSERT_OK(out);
  EXPECT_EQ(out->items[0].stats, (RelationStats{100, 202, 6}));
}

TEST_F(StoreTest, FindsTheInnermostNetwork) {
  Changeset cs(100, "test");
  for (const char* net : {"10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16", "11.0.0.0/8"}) {
    cs.SetAttribute(Key(net), AttributeKind::kNetworkWhois, "", "{}");
  }
  ASSERT_OK(store_->Commit(cs));
  auto view = store_->Snapshot();
  auto find = [&](const char* ip) -> std::string {
    auto r = view->FindNetwork(*ParseIp(ip));
    EXPECT_OK(r);
    if (!r->has_value()) return "none";
    std::string_view key = **r;
    return DecodeObjectKey(key)->value;
  };
  EXPECT_EQ(find("10.1.2.3"), "10.1.0.0/16");
  EXPECT_EQ(find("10.3.0.1"), "10.0.0.0/8");
  EXPECT_EQ(find("11.255.255.255"), "11.0.0.0/8");
  EXPECT_EQ(find("12.0.0.1"), "none");
  EXPECT_EQ(find("9.255.255.255"), "none");
}

TEST_F(StoreTest, SnapshotsDoNotSeeLaterCommits) {
  auto view = store_->Snapshot();
  Changeset cs(100, "test");
  cs.Observe(Key("example.com"), 1, 100);
  ASSERT_OK(store_->Commit(cs));
  EXPECT_FALSE(view->GetSummary(Key("example.com"))->has_value());
  EXPECT_TRUE(store_->Snapshot()->GetSummary(Key("example.com"))->has_value());
}

TEST_F(StoreTest, AttributesListWithTotal) {
  Changeset cs(100, "test");
  for (const char* name : {"a.exe", "b.exe", "c.exe"}) {
    cs.SetAttribute(Key("d41d8cd98f00b204e9800998ecf8427e"), AttributeKind::kFileName, name, "");
  }
  ASSERT_OK(store_->Commit(cs));
  auto page = store_->Snapshot()->ListAttributes(Key("d41d8cd98f00b204e9800998ecf8427e"),
                                                 AttributeKind::kFileName, 2);
  ASSERT_OK(page);
  EXPECT_EQ(page->total, 3u);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].item, "a.exe");
}

}  // namespace
}  // namespace loupe

namespace loupe {
namespace {

// A large changeset sorts its writes in slices spilled to disk; tiny slices here make every
// key's writes span several runs (Puts, Merges, and both). It must read back exactly as the
// in-memory path writes it, and leave no spill files behind.
TEST(StoreSpillTest, SpilledCommitReadsAsInMemory) {
  ScratchDir plain_dir, spill_dir;
  auto plain = OpenRocksDbStore(plain_dir.path().string(), {.bulk_min_writes = 1});
  auto spill =
      OpenRocksDbStore(spill_dir.path().string(),
                       {.bulk_min_writes = 1, .spill_min_bytes = 0, .spill_chunk_writes = 5});
  ASSERT_OK(plain);
  ASSERT_OK(spill);
  for (auto* store : {plain->get(), spill->get()}) {
    ASSERT_OK(store->EnsureSource("a", 90));
    ASSERT_OK(store->EnsureSource("b", 40));
    Changeset cs(100, "test");
    // The spilling store also gets its changeset from a spill file, in many pieces.
    if (store == spill->get()) cs.SpillTo((spill_dir.path() / "changeset").string(), 100);
    for (int round = 0; round < 3; ++round) {
      for (int i = 0; i < 20; ++i) {
        std::string ip = "10.0." + std::to_string(round) + "." + std::to_string(i % 7);
        cs.AddEvidence(Key(ip.c_str()), {.source = static_cast<SourceId>(1 + i % 2),
                                         .first_seen = 10 + i,
                                         .last_seen = 20 + round,
                                         .confidence = static_cast<uint8_t>(50 + i),
                                         .categories = CategoryBit(Category::kC2)});
        cs.AddRelation(Key("example.com"), RelationType::kResolvesTo, Key(ip.c_str()),
                       {10 + i, 30 + round, 1});
        cs.SetAttribute(Key("example.com"), AttributeKind::kReport, "r", ip);
        cs.Observe(Key("example.com"), 2, 40 + i);
      }
    }
    EXPECT_EQ(cs.spilled(), store == spill->get());
    ASSERT_OK(store->Commit(cs));
  }
  // The log holds the same encoding, whichever way it was built.
  std::vector<std::string> logs[2];
  for (int i = 0; i < 2; ++i) {
    ASSERT_OK((i == 0 ? *plain : *spill)->ReadLog(1, [&](uint64_t, std::string_view entry) {
      logs[i].emplace_back(entry);
      return true;
    }));
  }
  EXPECT_EQ(logs[0], logs[1]);
  auto a = (*plain)->Snapshot();
  auto b = (*spill)->Snapshot();
  std::vector<std::string> keys = {Key("example.com")};
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 7; ++i) {
      keys.push_back(Key(("10.0." + std::to_string(round) + "." + std::to_string(i)).c_str()));
    }
  }
  for (const auto& key : keys) {
    auto sa = a->GetSummary(key), sb = b->GetSummary(key);
    ASSERT_OK(sa);
    ASSERT_OK(sb);
    ASSERT_TRUE(sa->has_value());
    ASSERT_TRUE(sb->has_value());
    EXPECT_EQ((*sa)->first_seen, (*sb)->first_seen);
    EXPECT_EQ((*sa)->last_seen, (*sb)->last_seen);
    EXPECT_EQ((*sa)->hits, (*sb)->hits);
    EXPECT_EQ((*sa)->malicious, (*sb)->malicious);
    auto ea = a->GetEvidence(key), eb = b->GetEvidence(key);
    ASSERT_OK(ea);
    ASSERT_OK(eb);
    ASSERT_EQ(ea->size(), eb->size());
    for (size_t i = 0; i < ea->size(); ++i) {
      EXPECT_EQ((*ea)[i].first_seen, (*eb)[i].first_seen);
      EXPECT_EQ((*ea)[i].last_seen, (*eb)[i].last_seen);
      EXPECT_EQ((*ea)[i].confidence, (*eb)[i].confidence);
    }
  }
  auto ra = a->ListRelated(Key("example.com"), RelationType::kResolvesTo, Direction::kOut, 100);
  auto rb = b->ListRelated(Key("example.com"), RelationType::kResolvesTo, Direction::kOut, 100);
  ASSERT_OK(ra);
  ASSERT_OK(rb);
  ASSERT_EQ(ra->items.size(), 21u);
  ASSERT_EQ(ra->items.size(), rb->items.size());
  for (size_t i = 0; i < ra->items.size(); ++i) {
    EXPECT_EQ(ra->items[i].object, rb->items[i].object);
    EXPECT_EQ(ra->items[i].stats, rb->items[i].stats);
  }
  auto aa = a->GetAttribute(Key("example.com"), AttributeKind::kReport, "r");
  auto ab = b->GetAttribute(Key("example.com"), AttributeKind::kReport, "r");
  ASSERT_OK(aa);
  ASSERT_OK(ab);
  EXPECT_EQ(*aa, *ab);
  EXPECT_EQ(**ab, "10.0.2.5");  // the last write (round 2, i = 19) wins across runs
  EXPECT_EQ((*plain)->LastSequence(), (*spill)->LastSequence());
  for (const auto& entry : std::filesystem::directory_iterator(spill_dir.path())) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("loupe-bulk-")) << entry.path();
  }
}

// A log entry larger than keys::kLogPartBytes is stored in parts and read back whole, from
// the write-batch path, the bulk path and a spilled changeset alike.
TEST(StoreLogTest, LargeEntryIsStoredInPartsAndReadWhole) {
  const std::string value(3 << 20, 'v');
  const StoreOptions batch{.bulk_min_writes = SIZE_MAX, .spill_min_bytes = SIZE_MAX};
  const StoreOptions bulk{.bulk_min_writes = 1, .spill_min_bytes = 0};
  for (int variant = 0; variant < 3; ++variant) {
    const StoreOptions& options = variant == 0 ? batch : bulk;
    const bool spill = variant == 2;
    ScratchDir dir;
    auto store = OpenRocksDbStore(dir.path().string(), options);
    ASSERT_OK(store);
    Changeset cs(100, "large");
    if (spill) cs.SpillTo((dir.path() / "changeset").string(), 5 << 20);
    SCOPED_TRACE(variant);
    std::string expected;
    for (int i = 0; i < 7; ++i) {  // 21 MB: three parts
      cs.SetAttribute(Key("example.com"), AttributeKind::kReport, std::to_string(i), value);
    }
    ASSERT_OK(cs.ForEachPiece([&](std::string_view piece) {
      expected.append(piece);
      return absl::OkStatus();
    }));
    EXPECT_EQ(cs.spilled(), spill);
    ASSERT_OK((*store)->Commit(cs));
    std::vector<std::string> entries;
    ASSERT_OK((*store)->ReadLog(1, [&](uint64_t seq, std::string_view entry) {
      EXPECT_EQ(seq, entries.size() + 1);
      entries.emplace_back(entry);
      return true;
    }));
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].size(), expected.size());
    EXPECT_TRUE(entries[0] == expected);
    auto got = (*store)->Snapshot()->GetAttribute(Key("example.com"), AttributeKind::kReport, "6");
    ASSERT_OK(got);
    EXPECT_EQ(**got, value);
  }
}

TEST(StoreConcurrencyTest, ConcurrentNewSourcesGetDistinctIds) {
  testing::ScratchDir dir;
  auto store = OpenRocksDbStore(dir.path().string(), {.sync = false});
  ASSERT_OK(store);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        EXPECT_OK((*store)->EnsureSource("s" + std::to_string(t) + "-" + std::to_string(i), 50));
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<SourceId> ids;
  for (const auto& s : (*store)->Sources()) ids.insert(s.id);
  EXPECT_EQ(ids.size(), 100u);
}

}  // namespace
}  // namespace loupe
