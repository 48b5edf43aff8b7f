// CSV feeds with a column mapping (RFC 4180 quoting; any one-byte delimiter).
// Thread-safe once built.
#ifndef LOUPE_FORMATS_CSV_CSV_FORMAT_H_
#define LOUPE_FORMATS_CSV_CSV_FORMAT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/feed/feed_parser.h"
#include "loupe/feed/record.h"

namespace loupe {

// Which column holds what. Columns are named either by 1-based number ("3") or, when the
// file has a header line, by header name ("url").
struct CsvMappingSpec {
  std::string value;  // required: the indicator
  std::string type;   // optional: forces the indicator type ("ipv4", "url", ...)
  std::string category, label, reference, first_seen, last_seen, confidence;
  bool header = false;
  char delimiter = ',';
};

// Parses "field=column" pairs ("value=3", "first_seen=dateadded") into a spec.
absl::Status AddCsvColumn(CsvMappingSpec& spec, std::string_view assignment);

// Splits one CSV line into fields. InvalidArgument for an unterminated quote.
absl::StatusOr<std::vector<std::string>> SplitCsvLine(std::string_view line, char delimiter);

class CsvFormat {
 public:
  explicit CsvFormat(CsvMappingSpec spec) : spec_(std::move(spec)) {}

  // Call with every line in order. The header line (when spec.header) and '#' comment
  // lines yield nullopt; bad rows InvalidArgument with the reason.
  absl::StatusOr<std::optional<IndicatorRecord>> ParseLine(std::string_view line);

 private:
  absl::Status ResolveHeader(const std::vector<std::string>& names);
  absl::StatusOr<int> Resolve(const std::string& column,
                              const std::vector<std::string>* names) const;

  CsvMappingSpec spec_;
  bool header_seen_ = false;
  // 0-based indexes, -1 when unmapped.
  int value_ = -1, type_ = -1, category_ = -1, label_ = -1, reference_ = -1;
  int first_seen_ = -1, last_seen_ = -1, confidence_ = -1;
};

// The "csv" format: a CsvFormat per input (each file has its own header).
std::unique_ptr<FeedParser> MakeCsvParser(CsvMappingSpec spec);

}  // namespace loupe

#endif  // LOUPE_FORMATS_CSV_CSV_FORMAT_H_
