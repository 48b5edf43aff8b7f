#include "loupe/formats/list/list_format.h"

namespace loupe {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

absl::StatusOr<std::optional<IndicatorRecord>> ParseListLine(std::string_view line) {
  size_t begin = 0;
  while (begin < line.size() && IsSpace(line[begin])) ++begin;
  if (begin == line.size() || line[begin] == '#') return std::nullopt;
  size_t end = begin;
  while (end < line.size() && !IsSpace(line[end])) ++end;
  auto indicator = ParseIndicator(line.substr(begin, end - begin));
  if (!indicator.ok()) return indicator.status();
  IndicatorRecord record;
  record.indicator = *std::move(indicator);
  return record;
}

namespace {

class ListParser : public FeedParser {
 public:
  bool line_oriented() const override { return true; }
  absl::Status ParseLine(std::string_view line, RecordSink& sink) override {
    return EmitLineResult(ParseListLine(line), sink);
  }
};

}  // namespace

std::unique_ptr<FeedParser> MakeListParser() { return std::make_unique<ListParser>(); }

}  // namespace loupe
