// Every feed format loupe reads, by name: the one table that `loupe ingest --format`,
// source definitions and format detection share.
#ifndef LOUPE_FORMATS_REGISTRY_H_
#define LOUPE_FORMATS_REGISTRY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/feed/feed_parser.h"
#include "loupe/formats/csv/csv_format.h"

namespace loupe {

struct FormatOptions {
  CsvMappingSpec csv;  // the "csv" format only
};

struct FormatInfo {
  std::string_view name;         // "stix", "misp", "urlhaus", ...
  std::string_view description;  // one line for --help and `loupe sources formats`
};

// All formats, in the order `--help` lists them. Includes "mmdb", which has no parser:
// a MaxMind DB is read at report time, not copied into the store (see geo/).
const std::vector<FormatInfo>& Formats();
bool IsKnownFormat(std::string_view name);

// A fresh parser for `name`. InvalidArgument for an unknown name (listing the known ones)
// and for "mmdb".
absl::StatusOr<std::unique_ptr<FeedParser>> MakeParser(std::string_view name,
                                                       const FormatOptions& options = {});

// Guesses the format of an input from its path and first bytes (up to 64 KiB).
// InvalidArgument with a hint to pass --format when nothing fits.
absl::StatusOr<std::string> DetectFormat(std::string_view path, std::string_view head);
// Reads the head of the file at `path` and calls DetectFormat; NotFound when it cannot be
// opened.
absl::StatusOr<std::string> DetectFileFormat(const std::string& path);

}  // namespace loupe

#endif  // LOUPE_FORMATS_REGISTRY_H_
