// Test support: writes small MaxMind DB files with tools/make_mmdb.py. Needs the
// LOUPE_PYTHON3 and LOUPE_MAKE_MMDB definitions that geo/CMakeLists.txt gives geo_test.
#ifndef LOUPE_GEO_GEO_TESTING_H_
#define LOUPE_GEO_GEO_TESTING_H_

#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "fmt/format.h"

namespace loupe::testing {

// Writes `spec` (make_mmdb.py's JSON spec) beside `out` and builds the database at `out`.
// Internal when python3 or the script fails.
inline absl::StatusOr<std::string> MakeMmdb(const std::string& out, std::string_view spec) {
  const std::string spec_path = out + ".json";
  std::ofstream(spec_path, std::ios::binary) << spec;
  if (std::string_view(LOUPE_PYTHON3).empty()) {
    return absl::InternalError("python3 was not found when the build was configured");
  }
  const std::string cmd =
      fmt::format("'{}' '{}' '{}' '{}'", LOUPE_PYTHON3, LOUPE_MAKE_MMDB, spec_path, out);
  if (std::system(cmd.c_str()) != 0) return absl::InternalError("failed: " + cmd);
  return out;
}

}  // namespace loupe::testing

#endif  // LOUPE_GEO_GEO_TESTING_H_
