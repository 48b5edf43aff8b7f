// loupe stats, loupe version, loupe demo --objects N
#include <chrono>
#include <ctime>

#include "boost/json.hpp"
#include "loupe/cli/command.h"
#include "loupe/cli/terminal.h"
#include "loupe/demo/demo_world.h"

#ifndef LOUPE_VERSION
#define LOUPE_VERSION "0.0.0"
#endif

namespace loupe::cli {
namespace {

int RunStats(const GlobalOptions& global, bool compact, bool as_json) {
  auto store = OpenStore(global, !compact);
  if (!store.ok()) return ReportError(store.status());
  if (compact) {
    if (auto s = (*store)->Compact(); !s.ok()) return ReportError(s);
  }
  StoreStats stats = (*store)->Stats();
  boost::json::object o{{"last_sequence", stats.last_sequence}, {"objects", stats.objects},
                        {"evidence", stats.evidence},           {"relations", stats.relations},
                        {"attributes", stats.attributes},       {"verdicts", stats.verdicts},
                        {"log_entries", stats.log_entries},     {"disk_bytes", stats.disk_bytes}};
  boost::json::array sources;
  for (const auto& s : (*store)->Sources()) {
    sources.push_back({{"id", s.id}, {"name", s.name}, {"reliability", s.reliability}});
  }
  o["sources"] = std::move(sources);
  if (as_json) {
    std::printf("%s\n", boost::json::serialize(o).c_str());
    return kExitFound;
  }
  std::printf("store        %s\n", global.db.c_str());
  std::printf("sequence     %llu\n", static_cast<unsigned long long>(stats.last_sequence));
  std::printf("objects      ~%llu\n", static_cast<unsigned long long>(stats.objects));
  std::printf("evidence     ~%llu\n", static_cast<unsigned long long>(stats.evidence));
  std::printf("relations    ~%llu\n", static_cast<unsigned long long>(stats.relations));
  std::printf("attributes   ~%llu\n", static_cast<unsigned long long>(stats.attributes));
  std::printf("verdicts     ~%llu (stored; loupe verdict recompute)\n",
              static_cast<unsigned long long>(stats.verdicts));
  std::printf("disk         %.1f MB\n", stats.disk_bytes / 1e6);
  for (const auto& s : (*store)->Sources()) {
    std::printf("source       %s (reliability %d)\n", s.name.c_str(), s.reliability);
  }
  return kExitFound;
}

int RunDemo(const GlobalOptions& global, uint64_t objects, uint64_t seed) {
  auto store = OpenStore(global, false);
  if (!store.ok()) return ReportError(store.status());
  DemoOptions options;
  options.objects = objects;
  options.seed = seed;
  options.now = std::time(nullptr);  // a world as of today: its lists are current
  ProgressBar progress("demo");
  options.on_progress = [&](uint64_t done, uint64_t total) { progress.Update(done, total); };
  auto start = std::chrono::steady_clock::now();
  auto stats = GenerateDemoWorld(**store, options);
  progress.Finish();
  if (!stats.ok()) return ReportError(stats.status());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr,
               "demo world in %s: %llu IPs, %llu domains, %llu URLs, %llu files, %llu networks, "
               "%llu relations, %llu evidence records (%.1f s)\n",
               global.db.c_str(), static_cast<unsigned long long>(stats->ips),
               static_cast<unsigned long long>(stats->domains),
               static_cast<unsigned long long>(stats->urls),
               static_cast<unsigned long long>(stats->files),
               static_cast<unsigned long long>(stats->networks),
               static_cast<unsigned long long>(stats->relations),
               static_cast<unsigned long long>(stats->evidence), seconds);
  std::printf("examples to look up (expected zone, type, value):\n");
  for (const auto& e : stats->examples) {
    std::printf("  %-7s %-7s %s\n", e.zone.c_str(), e.type.c_str(), e.value.c_str());
  }
  return kExitFound;
}

}  // namespace

Command StatsCommand() {
  return {"stats", "store size, counts and sources",
          [](CLI::App& app, const GlobalOptions& global) -> std::function<int()> {
            auto compact = std::make_shared<bool>(false);
            auto as_json = std::make_shared<bool>(false);
            app.add_flag("--compact", *compact, "flush and compact first (exact disk size)");
            app.add_flag("--json", *as_json, "print JSON");
            return [=, &global] { return RunStats(global, *compact, *as_json); };
          }};
}

Command VersionCommand() {
  return {"version", "print the version",
          [](CLI::App&, const GlobalOptions&) -> std::function<int()> {
            return [] {
              std::printf("loupe %s\n", LOUPE_VERSION);
              return kExitFound;
            };
          }};
}

Command DemoCommand() {
  return {"demo", "generate a deterministic synthetic world into the store",
          [](CLI::App& app, const GlobalOptions& global) -> std::function<int()> {
            auto objects = std::make_shared<uint64_t>(10000);
            auto seed = std::make_shared<uint64_t>(1);
            app.add_option("--objects", *objects, "approximate number of objects")
                ->capture_default_str();
            app.add_option("--seed", *seed, "random seed")->capture_default_str();
            return [=, &global] { return RunDemo(global, *objects, *seed); };
          }};
}

}  // namespace loupe::cli
