// A guard in front of toml++ for the TOML files loupe reads (sources.toml, verdict.toml).
//
// Debian 12's toml++ (3.3.0) reaches TOML_UNREACHABLE - undefined behaviour, a crash under
// UBSan - when it classifies some non-ASCII characters as whitespace (U+00A1-U+0499 and
// U+FB26-U+FEFE: `is_non_ascii_horizontal_whitespace` has no case for their ranges).
// fuzz/verdict_policy found it with "rt \uFEFE0.5". loupe's configuration has no use for
// non-ASCII text, so such files are refused with the line, before toml++ sees them.
#ifndef LOUPE_BASE_TOML_TEXT_H_
#define LOUPE_BASE_TOML_TEXT_H_

#include <string_view>

#include "absl/status/status.h"

namespace loupe {

// InvalidArgument "NAME:LINE: ..." for the first non-ASCII byte; OK otherwise.
absl::Status CheckTomlText(std::string_view text, std::string_view name);

}  // namespace loupe

#endif  // LOUPE_BASE_TOML_TEXT_H_
