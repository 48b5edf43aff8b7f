#include "loupe/formats/registry.h"

#include <cstdio>
#include <functional>

#include "fmt/format.h"
#include "loupe/formats/list/list_format.h"

namespace loupe {
namespace {

struct Entry {
  FormatInfo info;
  std::function<std::unique_ptr<FeedParser>(const FormatOptions&)> make;  // null: no parser
};

const std::vector<Entry>& Entries() {
  static const auto* entries = new std::vector<Entry>{
      {{"list", "one indicator a line, types mixed (text after whitespace ignored)"},
       [](const FormatOptions&) { return MakeListParser(); }},
      {{"csv", "CSV with a column mapping (--column value=N ...)"},
       [](const FormatOptions& o) { return MakeCsvParser(o.csv); }},
  };
  return *entries;
}

}  // namespace

const std::vector<FormatInfo>& Formats() {
  static const auto* formats = [] {
    auto* out = new std::vector<FormatInfo>;
    for (const auto& e : Entries()) out->push_back(e.info);
    return out;
  }();
  return *formats;
}

bool IsKnownFormat(std::string_view name) {
  for (const auto& e : Entries()) {
    if (e.info.name == name) return true;
  }
  return false;
}

absl::StatusOr<std::unique_ptr<FeedParser>> MakeParser(std::string_view name,
                                                       const FormatOptions& options) {
  std::string known;
  for (const auto& e : Entries()) {
    if (e.info.name == name) {
      if (!e.make) {
        return absl::InvalidArgumentError(
            fmt::format("format \"{}\" is not parsed into the store", name));
      }
      return e.make(options);
    }
    known += known.empty() ? "" : ", ";
    known += e.info.name;
  }
  return absl::InvalidArgumentError(fmt::format("unknown format \"{}\" ({})", name, known));
}

absl::StatusOr<std::string> DetectFormat(std::string_view path, std::string_view head) {
  return std::string("list");
}

absl::StatusOr<std::string> DetectFileFormat(const std::string& path) {
  std::string head(size_t{64} << 10, '\0');
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return absl::NotFoundError(fmt::format("cannot open {}", path));
  head.resize(std::fread(head.data(), 1, head.size(), f));
  std::fclose(f);
  return DetectFormat(path, head);
}

}  // namespace loupe
