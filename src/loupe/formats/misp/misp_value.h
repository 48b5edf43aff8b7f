// The value of one MISP attribute as indicators: which attribute types loupe maps and how
// composite values split (the table is stated in misp_format.h). Thread-safe, pure.
#ifndef LOUPE_FORMATS_MISP_MISP_VALUE_H_
#define LOUPE_FORMATS_MISP_MISP_VALUE_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/model/indicator.h"

namespace loupe {

// What one indicator attribute holds.
struct MispValue {
  std::vector<Indicator> indicators;  // one; for domain|ip the domain, then the IP
  std::string file_name;              // filename|<hash>: the name (may be empty)
  bool resolves = false;              // domain|ip: the domain resolves to the IP
};

// The indicators of an attribute of `type` and `category` holding `value`. nullopt when
// loupe maps nothing from it: a type it does not map (link, text, email-src...), a url,
// uri or link of category "External analysis" (a write-up the event cites), a uri without
// a scheme (a path). InvalidArgument with the reason for a value that does not parse as
// its type ("not a valid port: '99999'").
absl::StatusOr<std::optional<MispValue>> ParseMispValue(std::string_view type,
                                                        std::string_view category,
                                                        std::string_view value);

// Splits a composite value ("1.2.3.4|443", "dropper.exe|<sha256>", "evil.com|1.2.3.4") at
// its last '|' (the right part, a port, hash or IP, never holds one; a file name may).
// nullopt when there is no '|'.
std::optional<std::pair<std::string_view, std::string_view>> SplitMispComposite(
    std::string_view value);

}  // namespace loupe

#endif  // LOUPE_FORMATS_MISP_MISP_VALUE_H_
