#include "loupe/formats/abusech/abusech_csv.h"

#include <algorithm>

#include "fmt/format.h"
#include "loupe/feed/feed_time.h"
#include "loupe/formats/csv/csv_format.h"

namespace loupe::abusech {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

absl::Status InColumn(std::string_view column, const absl::Status& status) {
  return absl::InvalidArgumentError(fmt::format("{}: {}", column, std::string(status.message())));
}

}  // namespace

absl::StatusOr<std::optional<std::vector<std::string>>> SplitRow(std::string_view line,
                                                                 std::string_view first_column,
                                                                 size_t columns) {
  // A UTF-8 byte order mark would otherwise hide the '#' of the first comment line.
  if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
  line = Trim(line);
  if (line.empty() || line.front() == '#') return std::nullopt;
  absl::StatusOr<std::vector<std::string>> fields = SplitCsvLine(line, ',');
  if (!fields.ok()) return fields.status();
  for (std::string& f : *fields) {
    std::string_view t = Trim(f);
    if (t.size() != f.size()) f = std::string(t);
  }
  if (fields->front() == first_column) return std::nullopt;
  if (fields->size() < columns) {
    return absl::InvalidArgumentError(
        fmt::format("row has {} columns, expected {}", fields->size(), columns));
  }
  return std::move(fields).value();
}

bool IsNoValue(std::string_view field) {
  return field.empty() || field == "n/a" || field == "N/A" || field == "None" || field == "none" ||
         field == "null";
}

absl::StatusOr<UnixSeconds> ParseTimeColumn(std::string_view column, std::string_view field) {
  if (IsNoValue(field)) return 0;
  absl::StatusOr<UnixSeconds> t = ParseFeedTime(field);
  if (!t.ok()) return InColumn(column, t.status());
  return *t;
}

absl::StatusOr<Indicator> ParseIndicatorColumn(std::string_view column, IndicatorType type,
                                               std::string_view field) {
  absl::StatusOr<Indicator> indicator = ParseIndicatorAs(type, field);
  if (!indicator.ok()) return InColumn(column, indicator.status());
  return indicator;
}

void AddLabel(std::string_view label, std::vector<std::string>& labels) {
  label = Trim(label);
  if (IsNoValue(label)) return;
  if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.emplace_back(label);
}

void AddLabels(std::string_view list, std::vector<std::string>& labels) {
  while (!list.empty()) {
    size_t comma = list.find(',');
    AddLabel(list.substr(0, comma), labels);
    list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
  }
}

std::optional<uint8_t> ConfidenceForStatus(std::string_view status) {
  if (status == "offline") return kOfflineConfidence;
  return std::nullopt;
}

}  // namespace loupe::abusech
