// The source registry: every source's definition, kept in a TOML file (by default
// <db>/sources.toml) that `loupe sources add|remove` edit and people may edit by hand:
//
//   [source.feodo]
//   format = "feodo"
//   location = "https://feodotracker.abuse.ch/downloads/ipblocklist.csv"
//   admiralty = "B"            # or reliability = 80
//   categories = ["c2"]
//   tlp = "clear"
//   interval = "1h"
//   snapshot = true
//   include = ["*.csv"]        # for directories and archives
//   [source.feodo.headers]
//   Auth-Key = "env:ABUSECH_KEY"   # "env:NAME" reads the environment at pull time
//
// Relative locations are relative to the registry file's directory. Saving rewrites the
// file (comments are not kept). Not thread-safe.
#ifndef LOUPE_SOURCES_SOURCE_REGISTRY_H_
#define LOUPE_SOURCES_SOURCE_REGISTRY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/sources/source_config.h"

namespace loupe {

class SourceRegistry {
 public:
  // A missing file is an empty registry. InvalidArgument for malformed TOML (with the
  // line) or an invalid source definition.
  static absl::StatusOr<SourceRegistry> Load(const std::string& path);
  // Writes the file atomically (a temporary file renamed over it).
  absl::Status Save() const;

  const std::string& path() const { return path_; }
  const std::vector<SourceConfig>& sources() const { return sources_; }
  // nullptr when absent.
  const SourceConfig* Find(std::string_view name) const;
  // AlreadyExists for a taken name; InvalidArgument for an invalid config.
  absl::Status Add(SourceConfig config);
  // NotFound for an unknown name.
  absl::Status Remove(std::string_view name);

  // The location with relative paths resolved against the registry's directory.
  std::string ResolveLocation(const SourceConfig& config) const;

 private:
  explicit SourceRegistry(std::string path) : path_(std::move(path)) {}
  std::string path_;
  std::vector<SourceConfig> sources_;
};

// Resolves "env:NAME" header values from the environment; FailedPrecondition when the
// variable is unset.
absl::StatusOr<std::string> ResolveHeaderValue(const std::string& value);

}  // namespace loupe

#endif  // LOUPE_SOURCES_SOURCE_REGISTRY_H_
