// Latency of full reports whose every list section holds 1,000 related records.
//
//   build/bench/report_latency [iterations] [ip|domain|url|hash|demo|all] [stored]
//
// With `stored`, `loupe verdict recompute` runs first, so related objects' verdicts come
// from the stored set (one batched read) instead of being judged on read.
//
// Builds a store in a temporary directory where one IP, one domain, one URL and one file
// hash each have 1,000 related objects per section (all with evidence, so every related
// object gets a verdict), compacts it, warms the cache, then times ReportBuilder::Build
// (count = 1000) and prints p50/p99/max per object type. Target: p99 <= 1 ms.
// Then the same for the reports of ordinary objects: every example object of a
// 100,000-object demo world (a few related records each).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "boost/json.hpp"
#include "fmt/format.h"
#include "loupe/base/testing_scratch.h"
#include "loupe/demo/demo_world.h"
#include "loupe/judge/recompute.h"
#include "loupe/model/attributes.h"
#include "loupe/model/object_key.h"
#include "loupe/report/report_builder.h"

namespace loupe {
namespace {

constexpr int kFanOut = 1000;

std::string K(const std::string& text) { return EncodeObjectKey(*ParseIndicator(text)); }

std::string Md5(int i, int salt) {
  return fmt::format("{:08x}{:08x}{:016x}", salt, i, 0xabcdefULL * i);
}

void Build(ObjectStore& store) {
  Source source = *store.EnsureSource("bench", 80);
  Changeset cs(1700000000, "bench");
  Evidence e{.source = source.id,
             .first_seen = 1700000000,
             .last_seen = 1700000000,
             .confidence = 100,
             .categories = CategoryBit(Category::kMalware)};
  RelationStats r{1700000000, 1700000000, 3};
  const std::string ip = K("45.9.148.10"), domain = K("hub.example.com"),
                    url = K("http://hub.example.com/gate.php"), hash = K(Md5(0, 99));
  for (const auto& k : {ip, domain, url, hash}) cs.AddEvidence(k, e);
  for (int i = 0; i < kFanOut; ++i) {
    std::string d = K(fmt::format("d{}.example.net", i));
    std::string sub = K(fmt::format("s{}.hub.example.com", i));
    std::string u = K(fmt::format("http://hub.example.com/p{}", i));
    std::string ref = K(fmt::format("http://ref{}.example.org/x", i));
    std::string file = K(Md5(i, 1));
    std::string other_ip = K(fmt::format("45.9.{}.{}", 150 + i / 250, 1 + i % 250));
    for (const auto& k : {d, sub, u, ref, file, other_ip}) cs.AddEvidence(k, e);
    cs.AddRelation(d, RelationType::kResolvesTo, ip, r);
    cs.AddRelation(ip, RelationType::kServedFile, file, r);
    cs.AddRelation(ip, RelationType::kHostsUrl, u, r);
    cs.AddRelation(domain, RelationType::kResolvesTo, other_ip, r);
    cs.AddRelation(domain, RelationType::kHasSubdomain, sub, r);
    cs.AddRelation(domain, RelationType::kHasUrl, u, r);
    cs.AddRelation(ref, RelationType::kRefersTo, u, r);
    cs.AddRelation(u, RelationType::kRefersTo, ref, r);
    cs.AddRelation(u, RelationType::kDownloadedFile, file, r);
    cs.AddRelation(file, RelationType::kAccessedUrl, u, r);
    cs.AddRelation(ref, RelationType::kRefersTo, url, r);
    cs.AddRelation(url, RelationType::kRefersTo, ref, r);
    cs.AddRelation(url, RelationType::kDownloadedFile, file, r);
    cs.AddRelation(file, RelationType::kAccessedUrl, url, r);
    cs.AddRelation(K(fmt::format("http://dl{}.example.org/f", i)), RelationType::kDownloadedFile,
                   hash, r);
    cs.AddRelation(hash, RelationType::kAccessedUrl, ref, r);
    cs.SetAttribute(hash, AttributeKind::kFileName, fmt::format("name{}.exe", i), "");
    cs.SetAttribute(file, AttributeKind::kFileInfo, "",
                    AttributeToJson(FileInfo{.size = 1, .md5 = Md5(i, 1)}));
  }
  if (!store.Commit(cs).ok() || !store.Compact().ok()) std::abort();
}

void Measure(ObjectStore& store, const char* label, const char* value, int iterations) {
  const VerdictPolicy verdicts = DefaultVerdictPolicy();
  Indicator indicator = *ParseIndicator(value);
  ReportOptions options;
  options.count = kFanOut;
  std::vector<double> micros;
  size_t bytes = 0;
  for (int i = 0; i < iterations + 20; ++i) {
    auto view = store.Snapshot();  // per request, as a server would
    ReportBuilder builder(*view, verdicts);
    auto start = std::chrono::steady_clock::now();
    auto report = builder.Build(indicator, options);
    auto end = std::chrono::steady_clock::now();
    if (!report.ok()) std::abort();
    if (i >= 20) micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    bytes = boost::json::serialize(*report).size();
  }
  std::sort(micros.begin(), micros.end());
  auto pct = [&](double p) { return micros[static_cast<size_t>(p * (micros.size() - 1))]; };
  std::printf("%-8s p50 %7.0f us  p99 %7.0f us  max %7.0f us  (%zu bytes of JSON)\n", label,
              pct(0.5), pct(0.99), micros.back(), bytes);
}

// Reports of the demo world's example objects, each built `rounds` times.
void Recompute(ObjectStore& store) {
  auto stats = RecomputeVerdicts(store, DefaultVerdictPolicy(), std::time(nullptr));
  if (!stats.ok()) std::abort();
  std::printf("(stored verdicts: %llu)\n", static_cast<unsigned long long>(stats->judged));
}

void MeasureDemo(int rounds, bool stored) {
  ScratchDirectory dir;
  auto store = *OpenRocksDbStore(dir.path(), {.sync = false});
  DemoOptions options;
  options.objects = 100000;
  auto stats = *GenerateDemoWorld(*store, options);
  if (!store->Compact().ok()) std::abort();
  if (stored) Recompute(*store);
  const VerdictPolicy verdicts = DefaultVerdictPolicy();
  std::vector<double> micros;
  for (int r = 0; r < rounds + 2; ++r) {
    for (const auto& example : stats.examples) {
      auto view = store->Snapshot();
      ReportBuilder builder(*view, verdicts);
      Indicator indicator = *ParseIndicator(example.value);
      auto start = std::chrono::steady_clock::now();
      auto report = builder.Build(indicator, {});
      auto end = std::chrono::steady_clock::now();
      if (!report.ok()) std::abort();
      if (r >= 2) micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
    }
  }
  std::sort(micros.begin(), micros.end());
  auto pct = [&](double p) { return micros[static_cast<size_t>(p * (micros.size() - 1))]; };
  std::printf("demo     p50 %7.0f us  p99 %7.0f us  max %7.0f us  (%zu reports of %zu objects)\n",
              pct(0.5), pct(0.99), micros.back(), micros.size(), stats.examples.size());
}

}  // namespace
}  // namespace loupe

int main(int argc, char** argv) {
  int iterations = argc > 1 ? std::atoi(argv[1]) : 500;
  std::string only = argc > 2 ? argv[2] : "";  // ip, domain, url, hash or demo
  if (only == "all") only.clear();
  const bool stored = argc > 3 && std::string(argv[3]) == "stored";
  loupe::ScratchDirectory dir;
  auto store = *loupe::OpenRocksDbStore(dir.path(), {.sync = false});
  loupe::Build(*store);
  if (stored) loupe::Recompute(*store);
  const std::pair<const char*, std::string> cases[] = {{"ip", "45.9.148.10"},
                                                       {"domain", "hub.example.com"},
                                                       {"url", "http://hub.example.com/gate.php"},
                                                       {"hash", loupe::Md5(0, 99)}};
  for (const auto& [label, value] : cases) {
    if (only.empty() || only == label) loupe::Measure(*store, label, value.c_str(), iterations);
  }
  if (only.empty() || only == "demo") loupe::MeasureDemo(iterations, stored);
  return 0;
}
