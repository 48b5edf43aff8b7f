#include "loupe/demo/demo_world.h"

#include <map>
#include <set>

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/model/object_key.h"
#include "loupe/verdict/verdict.h"

namespace loupe {
namespace {

// Zone of every object with evidence or relations, via the log (all objects appear there).
std::map<std::string, int> ZoneCounts(ObjectStore& store) {
  std::map<std::string, int> counts;
  auto view = store.Snapshot();
  SummaryVerdictEngine engine;
  std::set<std::string> seen;
  EXPECT_OK(store.ReadLog(1, [&](uint64_t, std::string_view encoded) {
    ChangesetReader reader(encoded);
    ChangesetOp op;
    while (reader.Next(op)) {
      if (op.code != OpCode::kAddEvidence || !seen.insert(std::string(op.object)).second) continue;
      counts[std::string(ZoneName(engine.Judge(*view->GetSummary(op.object)).zone))]++;
    }
    return true;
  }));
  return counts;
}

TEST(DemoWorldTest, IsDeterministicAndYieldsEveryZone) {
  testing::ScratchDir a, b;
  auto store_a = OpenRocksDbStore(a.path().string(), {.sync = false});
  auto store_b = OpenRocksDbStore(b.path().string(), {.sync = false});
  ASSERT_OK(store_a);
  ASSERT_OK(store_b);
  DemoOptions options;
  options.objects = 3000;
  options.batch_ops = 5000;
  auto stats = GenerateDemoWorld(**store_a, options);
  ASSERT_OK(stats);
  ASSERT_OK(GenerateDemoWorld(**store_b, options));
  EXPECT_GT(stats->changesets, 1u);
  EXPECT_EQ(stats->ips + stats->domains + stats->urls + stats->files, 3000u);

  std::string log_a, log_b;
  ASSERT_OK((*store_a)->ReadLog(1, [&](uint64_t, std::string_view e) {
    log_a += e;
    return true;
  }));
  ASSERT_OK((*store_b)->ReadLog(1, [&](uint64_t, std::string_view e) {
    log_b += e;
    return true;
  }));
  EXPECT_EQ(log_a, log_b);

  auto counts = ZoneCounts(**store_a);
  for (const char* zone : {"Red", "Orange", "Yellow", "Green", "Grey"}) {
    EXPECT_GT(counts[zone], 0) << zone;
  }
  // Realistic proportions: Red is a minority, more objects are clean than malicious.
  EXPECT_LT(counts["Red"], counts["Green"]);
}

}  // namespace
}  // namespace loupe
