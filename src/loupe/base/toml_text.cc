#include "loupe/base/toml_text.h"

#include "fmt/format.h"

namespace loupe {

absl::Status CheckTomlText(std::string_view text, std::string_view name) {
  size_t line = 1;
  for (char c : text) {
    if (c == '\n') ++line;
    if (static_cast<unsigned char>(c) >= 0x80) {
      return absl::InvalidArgumentError(fmt::format(
          "{}:{}: non-ASCII text; loupe's TOML files are ASCII (use \\u escapes in strings)", name,
          line));
    }
  }
  return absl::OkStatus();
}

}  // namespace loupe
