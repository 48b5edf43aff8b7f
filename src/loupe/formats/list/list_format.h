// Plain indicator lists: one indicator a line, types mixed and auto-detected. Lines that
// are empty or start with '#' are skipped; text after the first whitespace (ipsum's
// "IP<TAB>count", trailing " # comments") is ignored. Thread-safe, pure.
#ifndef LOUPE_FORMATS_LIST_LIST_FORMAT_H_
#define LOUPE_FORMATS_LIST_LIST_FORMAT_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "loupe/feed/feed_parser.h"
#include "loupe/feed/record.h"

namespace loupe {

// nullopt for a line to skip; InvalidArgument (with the reason) for a bad indicator.
absl::StatusOr<std::optional<IndicatorRecord>> ParseListLine(std::string_view line);

// The "list" format: ParseListLine over every line.
std::unique_ptr<FeedParser> MakeListParser();

}  // namespace loupe

#endif  // LOUPE_FORMATS_LIST_LIST_FORMAT_H_
