#include "loupe/formats/csv/csv_format.h"

#include <charconv>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"

namespace loupe {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Fields may hold several words ("c2;botnet", "emotet|heodo").
std::vector<std::string_view> Words(std::string_view field) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= field.size(); ++i) {
    if (i == field.size() || field[i] == ';' || field[i] == '|') {
      std::string_view w = Trim(field.substr(start, i - start));
      if (!w.empty()) out.push_back(w);
      start = i + 1;
    }
  }
  return out;
}

}  // namespace

absl::Status AddCsvColumn(CsvMappingSpec& spec, std::string_view assignment) {
  size_t eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == assignment.size()) {
    return absl::InvalidArgumentError(
        fmt::format("column mapping \"{}\" is not FIELD=COLUMN", assignment));
  }
  std::string_view field = assignment.substr(0, eq);
  std::string column(assignment.substr(eq + 1));
  std::pair<std::string_view, std::string*> fields[] = {
      {"value", &spec.value},         {"type", &spec.type},
      {"category", &spec.category},   {"label", &spec.label},
      {"reference", &spec.reference}, {"first_seen", &spec.first_seen},
      {"last_seen", &spec.last_seen}, {"confidence", &spec.confidence}};
  for (auto& [name, target] : fields) {
    if (name == field) {
      *target = column;
      return absl::OkStatus();
    }
  }
  return absl::InvalidArgumentError(
      fmt::format("unknown CSV field \"{}\" (value, type, category, label, reference, first_seen, "
                  "last_seen, confidence)",
                  field));
}

absl::StatusOr<std::vector<std::string>> SplitCsvLine(std::string_view line, char delimiter) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"' && Trim(fields.back()).empty()) {
      fields.back().clear();
      quoted = true;
    } else if (c == delimiter) {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  if (quoted) return absl::InvalidArgumentError("unterminated quoted field");
  return fields;
}

absl::StatusOr<int> CsvFormat::Resolve(const std::string& column,
                                       const std::vector<std::string>* names) const {
  if (column.empty()) return -1;
  int number = 0;
  auto [ptr, ec] = std::from_chars(column.data(), column.data() + column.size(), number);
  if (ec == std::errc() && ptr == column.data() + column.size()) {
    if (number < 1) return absl::InvalidArgumentError("CSV columns are numbered from 1");
    return number - 1;
  }
  if (names == nullptr) {
    return absl::InvalidArgumentError(
        fmt::format("column \"{}\" is a name but the file has no header (--header)", column));
  }
  for (size_t i = 0; i < names->size(); ++i) {
    if (Trim((*names)[i]) == column) return static_cast<int>(i);
  }
  return absl::InvalidArgumentError(fmt::format("no column named \"{}\" in the header", column));
}

absl::Status CsvFormat::ResolveHeader(const std::vector<std::string>& names) {
  const std::vector<std::string>* n = spec_.header ? &names : nullptr;
  if (spec_.value.empty()) return absl::InvalidArgumentError("CSV mapping has no value column");
  ASSIGN_OR_RETURN(value_, Resolve(spec_.value, n));
  ASSIGN_OR_RETURN(type_, Resolve(spec_.type, n));
  ASSIGN_OR_RETURN(category_, Resolve(spec_.category, n));
  ASSIGN_OR_RETURN(label_, Resolve(spec_.label, n));
  ASSIGN_OR_RETURN(reference_, Resolve(spec_.reference, n));
  ASSIGN_OR_RETURN(first_seen_, Resolve(spec_.first_seen, n));
  ASSIGN_OR_RETURN(last_seen_, Resolve(spec_.last_seen, n));
  ASSIGN_OR_RETURN(confidence_, Resolve(spec_.confidence, n));
  header_seen_ = true;
  return absl::OkStatus();
}

absl::StatusOr<std::optional<IndicatorRecord>> CsvFormat::ParseLine(std::string_view line) {
  if (Trim(line).empty() || Trim(line).front() == '#') return std::nullopt;
  ASSIGN_OR_RETURN(std::vector<std::string> fields, SplitCsvLine(line, spec_.delimiter));
  if (!header_seen_) {
    // A bad mapping is a usage error, not a bad record: FailedPrecondition stops the run.
    absl::Status s = ResolveHeader(fields);
    if (!s.ok()) return absl::FailedPreconditionError(s.message());
    if (spec_.header) return std::nullopt;
  }
  auto field = [&](int index) -> std::string_view {
    return index >= 0 && static_cast<size_t>(index) < fields.size() ? Trim(fields[index])
                                                                    : std::string_view();
  };
  if (static_cast<size_t>(value_) >= fields.size()) {
    return absl::InvalidArgumentError(
        fmt::format("row has {} columns, the value is in column {}", fields.size(), value_ + 1));
  }
  IndicatorRecord record;
  if (!field(type_).empty()) {
    auto type = IndicatorTypeFromName(field(type_));
    if (!type) {
      return absl::InvalidArgumentError(fmt::format("unknown type \"{}\"", field(type_)));
    }
    ASSIGN_OR_RETURN(record.indicator, ParseIndicatorAs(*type, field(value_)));
  } else {
    ASSIGN_OR_RETURN(record.indicator, ParseIndicator(field(value_)));
  }
  for (std::string_view word : Words(field(category_))) {
    if (auto c = CategoryFromName(word)) {
      record.categories |= CategoryBit(*c);
    } else {
      record.labels.emplace_back(word);
    }
  }
  for (std::string_view word : Words(field(label_))) record.labels.emplace_back(word);
  record.reference = std::string(field(reference_));
  if (!field(first_seen_).empty()) {
    ASSIGN_OR_RETURN(record.first_seen, ParseIsoTime(field(first_seen_)));
  }
  if (!field(last_seen_).empty()) {
    ASSIGN_OR_RETURN(record.last_seen, ParseIsoTime(field(last_seen_)));
  }
  if (!field(confidence_).empty()) {
    int c = -1;
    std::string_view text = field(confidence_);
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), c);
    if (ec != std::errc() || ptr != text.data() + text.size() || c < 0 || c > 100) {
      return absl::InvalidArgumentError(fmt::format("confidence \"{}\" is not 0-100", text));
    }
    record.confidence = static_cast<uint8_t>(c);
  }
  return record;
}

namespace {

class CsvParser : public FeedParser {
 public:
  explicit CsvParser(CsvMappingSpec spec) : spec_(std::move(spec)), csv_(spec_) {}
  bool line_oriented() const override { return true; }
  void BeginInput(std::string_view) override { csv_ = CsvFormat(spec_); }
  absl::Status ParseLine(std::string_view line, RecordSink& sink) override {
    return EmitLineResult(csv_.ParseLine(line), sink);
  }

 private:
  CsvMappingSpec spec_;
  CsvFormat csv_;
};

}  // namespace

std::unique_ptr<FeedParser> MakeCsvParser(CsvMappingSpec spec) {
  return std::make_unique<CsvParser>(std::move(spec));
}

}  // namespace loupe
