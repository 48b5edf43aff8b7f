#include <malloc.h>

#include <cstdlib>
#include <filesystem>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/cli/command.h"
#include "loupe/sources/source_registry.h"
#include "loupe/store/object_store.h"
#include "loupe/verdict/policy_file.h"

namespace loupe::cli {

int ReportError(const absl::Status& status) {
  std::fprintf(stderr, "loupe: %s\n", std::string(status.message()).c_str());
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      return kExitUsage;
    default:
      return kExitEnvironment;
  }
}

absl::StatusOr<std::unique_ptr<ObjectStore>> OpenStore(const GlobalOptions& global, bool read_only,
                                                       size_t block_cache_bytes) {
  std::error_code ec;
  if (read_only && !std::filesystem::exists(global.db + "/CURRENT", ec)) {
    return absl::NotFoundError(
        fmt::format("no store at {} (create one with `loupe ingest` or `loupe demo`, or pass --db)",
                    global.db));
  }
  StoreOptions options;
  options.read_only = read_only;
  options.create_if_missing = !read_only;
  if (block_cache_bytes != 0) {
    options.block_cache_bytes = block_cache_bytes;
    options.max_open_files = 256;  // a writer: bounded memory (see OpenStore)
  }
  return OpenRocksDbStore(global.db, options);
}

absl::StatusOr<VerdictPolicy> LoadPolicy(const GlobalOptions& global) {
  return LoadVerdictPolicy(global.VerdictPolicyPath());
}

absl::StatusOr<std::unique_ptr<GeoResolver>> OpenGeo(const GlobalOptions& global) {
  ASSIGN_OR_RETURN(SourceRegistry registry, SourceRegistry::Load(global.SourcesPath()));
  std::vector<std::string> paths;
  for (const auto& c : registry.sources()) {
    if (c.format == "mmdb" && c.enabled) paths.push_back(registry.ResolveLocation(c));
  }
  return GeoResolver::Open(paths);
}

int Main(int argc, char** argv) {
  // Commits build buffers of tens of MB per batch. glibc's adaptive threshold soon serves
  // them from the heap, which keeps their pages after free: RSS grew to 500 MB on a 10M-line
  // ingest. Mapping them outright caps it near 280 MB for about 12% of ingest speed
  // (docs/benchmarks.md).
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  CLI::App app{"loupe: a self-hosted threat intelligence portal"};
  app.footer(
      "Exit codes: 0 found or success, 1 not in the store, 2 bad input or usage, "
      "3 environment failure.");
  app.require_subcommand(1);
  GlobalOptions global;
  if (const char* env = std::getenv("LOUPE_DB"); env != nullptr && *env != '\0') global.db = env;
  app.add_option("--db", global.db, "store directory (env LOUPE_DB)")->capture_default_str();
  app.add_option("--sources", global.sources, "source registry (default <db>/sources.toml)");
  app.add_option("--verdict-policy", global.verdict_policy,
                 "verdict policy TOML (default <db>/verdict.toml; built-in defaults if absent)");

  const Command commands[] = {IngestCommand(),  LookupCommand(),  ReportCommand(),
                              StatsCommand(),   VersionCommand(), DemoCommand(),
                              SourcesCommand(), VerdictCommand()};
  std::function<int()> run;
  for (const auto& command : commands) {
    CLI::App* sub = app.add_subcommand(command.name, command.help);
    auto runner = command.setup(*sub, global);
    sub->callback([&run, runner] { run = runner; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  return run ? run() : kExitUsage;
}

}  // namespace loupe::cli
