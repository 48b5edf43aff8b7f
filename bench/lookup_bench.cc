// Point verdict lookups on a warm store: the rate one core answers "what zone is X?".
//
//   LOUPE_BENCH_DB=<store> LOUPE_BENCH_LIST=<list the store was built from> \
//     build/bench/lookup_bench [--benchmark_min_time=5]
//
// The store is opened read-only; keys are sampled from the list (hits) and made up
// (misses). bench/run.sh builds the 10M-object store and runs this.
#include <cstdlib>
#include <fstream>
#include <random>

#include "benchmark/benchmark.h"
#include "loupe/formats/list/list_format.h"
#include "loupe/model/object_key.h"
#include "loupe/store/object_store.h"
#include "loupe/verdict/verdict.h"

namespace loupe {
namespace {

struct Fixture {
  std::unique_ptr<ObjectStore> store;
  std::unique_ptr<StoreView> view;
  std::vector<std::string> hits, misses;
};

Fixture& Get() {
  static Fixture* f = [] {
    auto* f = new Fixture;
    const char* db = std::getenv("LOUPE_BENCH_DB");
    const char* list = std::getenv("LOUPE_BENCH_LIST");
    if (db == nullptr || list == nullptr) {
      std::fprintf(stderr, "set LOUPE_BENCH_DB and LOUPE_BENCH_LIST\n");
      std::exit(2);
    }
    StoreOptions options;
    options.read_only = true;
    options.block_cache_bytes = size_t{512} << 20;
    f->store = *OpenRocksDbStore(db, options);
    f->view = f->store->Snapshot();
    std::ifstream in(list);
    std::string line;
    std::mt19937_64 rng(7);
    while (std::getline(in, line) && f->hits.size() < 1000000) {
      if (rng() % 8 != 0) continue;  // a spread-out sample of the list
      auto r = ParseListLine(line);
      if (r.ok() && r->has_value()) f->hits.push_back(EncodeObjectKey((*r)->indicator));
    }
    for (int i = 0; i < 100000; ++i) {
      std::string ip = std::to_string(224 + i % 16) + ".1." + std::to_string(i / 256 % 256) + "." +
                       std::to_string(i % 256);  // multicast: never in a list
      f->misses.push_back(EncodeObjectKey(*ParseIndicator(ip)));
    }
    std::shuffle(f->hits.begin(), f->hits.end(), rng);
    // Warm: one pass over the sample pulls every data block into the block cache.
    for (const auto& key : f->hits) (void)f->view->GetSummary(key);
    return f;
  }();
  return *f;
}

void Lookup(benchmark::State& state, const std::vector<std::string>& keys) {
  auto& f = Get();
  SummaryVerdictEngine engine;
  size_t i = 0;
  for (auto _ : state) {
    auto summary = f.view->GetSummary(keys[i++ % keys.size()]);
    benchmark::DoNotOptimize(engine.Score(*summary));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_VerdictLookupHit(benchmark::State& state) { Lookup(state, Get().hits); }
void BM_VerdictLookupMiss(benchmark::State& state) { Lookup(state, Get().misses); }

// The same lookups through the in-memory SummaryIndex (StoreOptions::summary_index), the
// path servers and bulk enrichment use.
struct Indexed {
  std::unique_ptr<ObjectStore> store;
};
Indexed& GetIndexed() {
  static Indexed* f = [] {
    auto* f = new Indexed;
    StoreOptions options;
    options.read_only = true;
    options.summary_index = true;
    f->store = *OpenRocksDbStore(std::getenv("LOUPE_BENCH_DB"), options);
    return f;
  }();
  return *f;
}

void IndexedLookup(benchmark::State& state, const std::vector<std::string>& keys) {
  auto& store = *GetIndexed().store;
  SummaryVerdictEngine engine;
  size_t i = 0;
  for (auto _ : state) {
    auto summary = store.VerdictSummary(keys[i++ % keys.size()]);
    benchmark::DoNotOptimize(engine.Score(*summary));
  }
  state.SetItemsProcessed(state.iterations());
}
void BM_IndexedVerdictLookupHit(benchmark::State& state) { IndexedLookup(state, Get().hits); }
void BM_IndexedVerdictLookupMiss(benchmark::State& state) { IndexedLookup(state, Get().misses); }
BENCHMARK(BM_IndexedVerdictLookupHit);
BENCHMARK(BM_IndexedVerdictLookupMiss);

// Batched lookups (MultiGet), as bulk enrichment will issue them.
void BM_VerdictLookupBatch(benchmark::State& state) {
  auto& f = Get();
  SummaryVerdictEngine engine;
  const size_t batch = state.range(0);
  std::vector<std::string_view> keys(batch);
  std::vector<std::optional<ObjectSummary>> out;
  size_t i = 0;
  for (auto _ : state) {
    for (auto& k : keys) k = f.hits[i++ % f.hits.size()];
    (void)f.view->GetSummaries(keys, out);
    for (const auto& s : out) benchmark::DoNotOptimize(engine.Score(s));
  }
  state.SetItemsProcessed(state.iterations() * batch);
}

BENCHMARK(BM_VerdictLookupHit);
BENCHMARK(BM_VerdictLookupMiss);
BENCHMARK(BM_VerdictLookupBatch)->Arg(100)->Arg(1000);

}  // namespace
}  // namespace loupe

BENCHMARK_MAIN();
