// Micro-benchmarks of the hot paths. Whole-process figures: bench/run.sh.
#include "benchmark/benchmark.h"
#include "loupe/model/indicator.h"

namespace loupe {
namespace {

void BM_ParseIpv4(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(ParseIndicator("185.220.101.47"));
}
BENCHMARK(BM_ParseIpv4);

}  // namespace
}  // namespace loupe

BENCHMARK_MAIN();
