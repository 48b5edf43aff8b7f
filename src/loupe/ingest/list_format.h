// Plain indicator lists: one indicator a line, types mixed and auto-detected. Lines that
// are empty or start with '#' are skipped; text after the first whitespace (ipsum's
// "IP<TAB>count", trailing " # comments") is ignored. Thread-safe, pure.
#ifndef LOUPE_INGEST_LIST_FORMAT_H_
#define LOUPE_INGEST_LIST_FORMAT_H_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "loupe/ingest/record.h"

namespace loupe {

// nullopt for a line to skip; InvalidArgument (with the reason) for a bad indicator.
absl::StatusOr<std::optional<IndicatorRecord>> ParseListLine(std::string_view line);

}  // namespace loupe

#endif  // LOUPE_INGEST_LIST_FORMAT_H_
