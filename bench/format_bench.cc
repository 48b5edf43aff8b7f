// Parser throughput of every feed format: records/s parsing an input already in memory,
// with a sink that only counts (no store). The inputs are listed in
// bench/format_inputs.txt ("<format> <path>", paths under $SHARED = ../shared/data or
// relative to the project root); whole-process ingest rates are in bench/run.sh.
//
//   build/bench/format_bench [--benchmark_filter=stix]
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "loupe/formats/registry.h"

namespace {

class CountingSink : public loupe::RecordSink {
 public:
  absl::Status AddIndicator(const loupe::IndicatorRecord&) override { return Count(); }
  absl::Status AddRelation(const loupe::Indicator&, loupe::RelationType, const loupe::Indicator&,
                           const loupe::RelationStats&) override {
    return Count();
  }
  absl::Status SetAttribute(const loupe::Indicator&, loupe::AttributeKind, std::string_view,
                            std::string_view) override {
    return Count();
  }
  absl::Status Observe(const loupe::Indicator&, uint64_t, loupe::UnixSeconds) override {
    return Count();
  }
  void Reject(std::string_view) override { Record(); }
  void Skip() override { Record(); }

  uint64_t records = 0;  // input records (lines or document records) seen

 private:
  absl::Status Count() {
    Record();
    return absl::OkStatus();
  }
  // Several items from one record count once.
  void Record() {
    if (position() != last_) {
      ++records;
      last_ = position();
    }
  }
  uint64_t last_ = ~uint64_t{0};
};

std::string Resolve(const std::string& path) {
  if (path.rfind("$SHARED/", 0) == 0) return std::string(LOUPE_SHARED_DATA) + path.substr(7);
  return std::string(LOUPE_SOURCE_DIR) + "/" + path;
}

void ParseFormat(benchmark::State& state, std::string format, std::string path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();
  auto parser = loupe::MakeParser(format);
  if (!parser.ok() || data.empty()) {
    state.SkipWithError("format or input missing");
    return;
  }
  uint64_t records = 0;
  for (auto _ : state) {
    CountingSink sink;
    auto status = loupe::ParseBuffer(**parser, path, data, sink);
    if (!status.ok()) state.SkipWithError("parse failed");
    records += sink.records;
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
  state.counters["records/s"] =
      benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
}

}  // namespace

int main(int argc, char** argv) {
  std::ifstream list(std::string(LOUPE_SOURCE_DIR) + "/bench/format_inputs.txt");
  std::string line;
  while (std::getline(list, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string format, path;
    fields >> format >> path;
    // The file and its folder: "tranco10k/list.json", "ipsum/ipsum.txt".
    size_t slash = path.find_last_of('/');
    size_t folder = slash == std::string::npos || slash == 0 ? std::string::npos
                                                              : path.find_last_of('/', slash - 1);
    std::string name = "parse/" + format + "/" +
                       (folder == std::string::npos ? path : path.substr(folder + 1));
    benchmark::RegisterBenchmark(name.c_str(), ParseFormat, format, Resolve(path))
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
