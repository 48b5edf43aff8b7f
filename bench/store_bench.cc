// Micro-benchmarks of the hot paths (Google Benchmark). Whole-process figures and the
// comparison runs: bench/run.sh; results in docs/benchmarks.md.
#include <random>

#include "benchmark/benchmark.h"
#include "fmt/format.h"
#include "loupe/base/testing_scratch.h"
#include "loupe/ingest/evidence_writer.h"
#include "loupe/formats/list/list_format.h"
#include "loupe/model/object_key.h"
#include "loupe/store/object_store.h"

namespace loupe {
namespace {

std::vector<std::string> RandomIps(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    uint64_t r = rng();
    out.push_back(fmt::format("{}.{}.{}.{}", 1 + (r & 0xff) % 223, (r >> 8) & 0xff,
                              (r >> 16) & 0xff, 1 + ((r >> 24) & 0xff) % 254));
  }
  return out;
}

void BM_ParseListLine(benchmark::State& state) {
  auto ips = RandomIps(4096, 1);
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(ParseListLine(ips[i++ & 4095]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseListLine);

// Building a changeset of N list records (parse + encode), without committing.
void BM_BuildChangeset(benchmark::State& state) {
  auto ips = RandomIps(state.range(0), 2);
  for (auto _ : state) {
    Changeset cs(1, "bench");
    for (const auto& ip : ips) {
      auto r = ParseListLine(ip);
      Evidence e{.source = 1, .first_seen = 1, .last_seen = 1};
      cs.AddEvidence(EncodeObjectKey((*r)->indicator), e);
    }
    benchmark::DoNotOptimize(cs.Encode());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_BuildChangeset)->Arg(65536)->Unit(benchmark::kMillisecond);

// Committing prebuilt changesets of N evidence records into a growing store.
void BM_CommitChangeset(benchmark::State& state) {
  ScratchDirectory dir;
  auto store = *OpenRocksDbStore(dir.path(), {.sync = false});
  auto source = *store->EnsureSource("bench", 80);
  uint64_t seed = 3;
  for (auto _ : state) {
    state.PauseTiming();
    Changeset cs(1, "bench");
    for (const auto& ip : RandomIps(state.range(0), seed++)) {
      cs.AddEvidence(EncodeObjectKey(*ParseIndicator(ip)),
                     {.source = source.id, .first_seen = 1, .last_seen = 1});
    }
    state.ResumeTiming();
    benchmark::DoNotOptimize(store->Commit(cs));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CommitChangeset)->Arg(65536)->Unit(benchmark::kMillisecond)->Iterations(40);

}  // namespace
}  // namespace loupe

BENCHMARK_MAIN();
