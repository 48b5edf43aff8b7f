#include "loupe/sources/source_config.h"

#include <charconv>

#include "fmt/format.h"
#include "loupe/formats/registry.h"
#include "loupe/model/category.h"

namespace loupe {

absl::StatusOr<uint8_t> ReliabilityOfGrade(char grade) {
  switch (grade) {
    case 'A':
      return 95;
    case 'B':
      return 80;
    case 'C':
      return 60;
    case 'D':
      return 40;
    case 'E':
      return 20;
    case 'F':
      return 50;
  }
  return absl::InvalidArgumentError(
      fmt::format("admiralty grade \"{}\" is not one of A-F", std::string(1, grade)));
}

absl::StatusOr<int64_t> ParseInterval(std::string_view text) {
  if (text == "manual") return 0;
  auto d = ParseDuration(text);
  if (!d.ok()) {
    return absl::InvalidArgumentError(
        fmt::format("interval \"{}\" is not a duration like 30m, 6h or 1d", text));
  }
  return *d;
}

std::string FormatInterval(int64_t s) {
  if (s == 0) return "manual";
  if (s % 86400 == 0) return fmt::format("{}d", s / 86400);
  if (s % 3600 == 0) return fmt::format("{}h", s / 3600);
  if (s % 60 == 0) return fmt::format("{}m", s / 60);
  return fmt::format("{}s", s);
}

bool IsUrl(std::string_view location) {
  return location.rfind("http://", 0) == 0 || location.rfind("https://", 0) == 0;
}

absl::Status ValidateSourceConfig(const SourceConfig& c) {
  if (c.name.empty() || c.name.size() > 64) {
    return absl::InvalidArgumentError("a source name is 1-64 characters");
  }
  for (char ch : c.name) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
          ch == '.')) {
      return absl::InvalidArgumentError(
          fmt::format("source name \"{}\": use a-z, 0-9, '-', '_' and '.'", c.name));
    }
  }
  if (!IsKnownFormat(c.format)) {
    return absl::InvalidArgumentError(
        fmt::format("source {}: unknown format \"{}\"", c.name, c.format));
  }
  if (c.location.empty()) {
    return absl::InvalidArgumentError(fmt::format("source {}: no location", c.name));
  }
  if (c.reliability > 100) {
    return absl::InvalidArgumentError(fmt::format("source {}: reliability is 0-100", c.name));
  }
  static constexpr std::string_view kTlp[] = {"clear", "white",        "green",
                                              "amber", "amber+strict", "red"};
  bool tlp_ok = false;
  for (auto t : kTlp) tlp_ok |= c.tlp == t;
  if (!tlp_ok) {
    return absl::InvalidArgumentError(fmt::format(
        "source {}: TLP \"{}\" is not clear, green, amber, amber+strict or red", c.name, c.tlp));
  }
  for (const auto& word : c.categories) {
    if (!CategoryFromName(word)) {
      return absl::InvalidArgumentError(
          fmt::format("source {}: unknown category \"{}\"", c.name, word));
    }
  }
  if (c.interval < 0) {
    return absl::InvalidArgumentError(fmt::format("source {}: negative interval", c.name));
  }
  return absl::OkStatus();
}

}  // namespace loupe
