// The `loupe` command line: a table of subcommands (one file each), CLI11 for parsing.
//
// Exit codes (docs and `loupe --help` say the same):
//   0  found / success
//   1  the object is not in the store (lookup, report)
//   2  bad input or usage
//   3  environment failure (store cannot be opened, I/O error)
#ifndef LOUPE_CLI_COMMAND_H_
#define LOUPE_CLI_COMMAND_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "loupe/geo/geo_resolver.h"
#include "loupe/store/object_store.h"
#include "loupe/verdict/policy.h"

namespace loupe::cli {

inline constexpr int kExitFound = 0;
inline constexpr int kExitNotFound = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitEnvironment = 3;

struct GlobalOptions {
  std::string db = "./loupe-data";
  std::string sources;         // the source registry; empty: <db>/sources.toml
  std::string verdict_policy;  // empty: <db>/verdict.toml (defaults when absent)

  std::string SourcesPath() const { return sources.empty() ? db + "/sources.toml" : sources; }
  std::string VerdictPolicyPath() const {
    return verdict_policy.empty() ? db + "/verdict.toml" : verdict_policy;
  }
};

// Exit code for a failed status: InvalidArgument/FailedPrecondition/OutOfRange -> 2,
// anything else -> 3. Prints the message to stderr.
int ReportError(const absl::Status& status);

// Writers (ingest, pulls) pass a small block cache: they do not read, and the index and
// filter blocks of a growing store would otherwise fill a reader's 256 MB.
inline constexpr size_t kWriterBlockCacheBytes = size_t{32} << 20;
absl::StatusOr<std::unique_ptr<ObjectStore>> OpenStore(const GlobalOptions& global, bool read_only,
                                                       size_t block_cache_bytes = 0);

// The MaxMind DB sources of the registry (format "mmdb", enabled), opened; a resolver that
// knows nothing when there are none.
absl::StatusOr<std::unique_ptr<GeoResolver>> OpenGeo(const GlobalOptions& global);

// The verdict policy file, or the defaults when there is none (docs/verdicts.md).
absl::StatusOr<VerdictPolicy> LoadPolicy(const GlobalOptions& global);

// A subcommand registers its options on `app` and returns the function that runs it.
struct Command {
  const char* name;
  const char* help;
  std::function<std::function<int()>(CLI::App& app, const GlobalOptions& global)> setup;
};

Command IngestCommand();
Command LookupCommand();
Command ReportCommand();
Command StatsCommand();
Command VersionCommand();
Command DemoCommand();
Command SourcesCommand();
Command VerdictCommand();

int Main(int argc, char** argv);

}  // namespace loupe::cli

#endif  // LOUPE_CLI_COMMAND_H_
