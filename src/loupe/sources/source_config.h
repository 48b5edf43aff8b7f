// A source: one feed loupe pulls, as defined in the source registry (sources.toml).
#ifndef LOUPE_SOURCES_SOURCE_CONFIG_H_
#define LOUPE_SOURCES_SOURCE_CONFIG_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/base/time.h"

namespace loupe {

struct SourceConfig {
  std::string name;      // [a-z0-9_.-]+, also the store's source name
  std::string format;    // a registry format name ("maltrail", "stix", ...; "mmdb")
  std::string location;  // a file, a directory, or an http(s) URL
  // For directories and archives: which files to read, as fnmatch patterns on the path
  // relative to the location ("*" also matches "/"). Empty: every regular file.
  std::vector<std::string> include;
  uint8_t reliability = 50;          // 0-100
  std::optional<char> admiralty;     // 'A'-'F', when the reliability came from a grade
  std::vector<std::string> categories;  // added to every record (category words)
  std::string tlp = "clear";            // clear, green, amber, amber+strict, red
  int64_t interval = 86400;             // seconds between scheduled pulls; 0: manual only
  bool enabled = true;
  // The source publishes its whole current list on every pull (a blocklist): objects
  // that leave it are expired. False for feeds that publish increments (pDNS, events).
  bool snapshot = true;
  std::map<std::string, std::string> headers;  // extra HTTP request headers (API keys)
};

// Admiralty source reliability grades and the 0-100 reliability each maps to:
// A (completely reliable) 95, B (usually) 80, C (fairly) 60, D (not usually) 40,
// E (unreliable) 20, F (cannot be judged) 50. InvalidArgument for another letter.
absl::StatusOr<uint8_t> ReliabilityOfGrade(char grade);

// "90", "30s", "15m", "6h", "1d" -> seconds; "0" or "manual" -> 0. InvalidArgument else.
absl::StatusOr<int64_t> ParseInterval(std::string_view text);
std::string FormatInterval(int64_t seconds);

// Checks a config on its own: the name's characters, a known format, a location, a TLP
// word, the categories. InvalidArgument with what is wrong.
absl::Status ValidateSourceConfig(const SourceConfig& config);

bool IsUrl(std::string_view location);

}  // namespace loupe

#endif  // LOUPE_SOURCES_SOURCE_CONFIG_H_
