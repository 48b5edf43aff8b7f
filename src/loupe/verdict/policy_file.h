// VerdictPolicy from a TOML file (docs/verdicts.md, "Policy file"); every key is optional
// and falls back to DefaultVerdictPolicy(). Unknown keys and out-of-range values are
// errors: a typo must not silently leave a default in force.
#ifndef LOUPE_VERDICT_POLICY_FILE_H_
#define LOUPE_VERDICT_POLICY_FILE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "loupe/verdict/policy.h"

namespace loupe {

// A missing file gives the defaults.
absl::StatusOr<VerdictPolicy> LoadVerdictPolicy(const std::string& path);
// The same from TOML text (`name` labels errors).
absl::StatusOr<VerdictPolicy> ParseVerdictPolicy(std::string_view toml, std::string_view name);

}  // namespace loupe

#endif  // LOUPE_VERDICT_POLICY_FILE_H_
