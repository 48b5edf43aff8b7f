// A deterministic synthetic world for demos, tests and benchmarks: files, domains, IPs,
// URLs, networks with WHOIS and ASN, passive-DNS resolutions, downloads, referrals,
// detections, and evidence from several sources that yields every zone in realistic
// proportions (most objects Grey, a minority Red, a few Orange and Yellow, some Green).
// The same (objects, seed) always gives the same world.
#ifndef LOUPE_DEMO_DEMO_WORLD_H_
#define LOUPE_DEMO_DEMO_WORLD_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/store/object_store.h"

namespace loupe {

struct DemoOptions {
  uint64_t objects = 10000;  // approximate number of IPs + domains + URLs + files
  uint64_t seed = 1;
  UnixSeconds now = 1764547200;  // 2025-12-01: fixed so worlds are reproducible
  size_t batch_ops = 1 << 16;
  std::function<void(uint64_t done, uint64_t total)> on_progress;
};

struct DemoStats {
  uint64_t ips = 0, domains = 0, urls = 0, files = 0, networks = 0;
  uint64_t relations = 0, evidence = 0, changesets = 0;
  // One value per (expected zone, object type) to try: {"Red", "domain", "kaloro.net"}.
  struct Example {
    std::string zone, type, value;
  };
  std::vector<Example> examples;
};

absl::StatusOr<DemoStats> GenerateDemoWorld(ObjectStore& store, const DemoOptions& options);

}  // namespace loupe

#endif  // LOUPE_DEMO_DEMO_WORLD_H_
