#include "loupe/formats/trails/toplist_format.h"

#include <iterator>
#include <optional>
#include <string>
#include <utility>

#include "fmt/format.h"
#include "loupe/feed/record.h"
#include "loupe/formats/trails/trail_text.h"
#include "loupe/model/category.h"
#include "loupe/model/indicator.h"

namespace loupe {
namespace {

using trails::EqualsNoCase;
using trails::Trim;

constexpr size_t kMaxShown = 80;
// Beyond this a "column number" is garbage; no top list has more than a dozen columns.
constexpr int kMaxColumns = 64;

// Field `index` (0-based) of a comma-separated row, trimmed and without surrounding
// quotes; nullopt when the row has fewer fields. Top lists never quote commas.
std::optional<std::string_view> Field(std::string_view row, int index) {
  for (int i = 0; i < index; ++i) {
    size_t comma = row.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    row.remove_prefix(comma + 1);
  }
  std::string_view field = Trim(row.substr(0, row.find(',')));
  if (field.size() >= 2 && field.front() == '"' && field.back() == '"') {
    field = Trim(field.substr(1, field.size() - 2));
  }
  return field;
}

bool IsRankName(std::string_view name) {
  return EqualsNoCase(name, "rank") || EqualsNoCase(name, "globalrank") ||
         EqualsNoCase(name, "global_rank");
}

bool IsDomainName(std::string_view name) {
  return EqualsNoCase(name, "domain") || EqualsNoCase(name, "site") || EqualsNoCase(name, "host") ||
         EqualsNoCase(name, "hostname");
}

// Says what the value is when it is another kind of indicator ("192.0.2.1" is an IP, not
// a domain); the domain parser's own reason otherwise.
std::string NotADomainReason(std::string_view text, const absl::Status& status) {
  auto other = ParseIndicator(text);
  if (other.ok() && other->type != IndicatorType::kDomain) {
    return fmt::format("toplist: \"{}\" is not a domain (type {})", text.substr(0, kMaxShown),
                       IndicatorTypeName(other->type));
  }
  return fmt::format("toplist: \"{}\": {}", text.substr(0, kMaxShown),
                     std::string(status.message()));
}

class ToplistParser : public FeedParser {
 public:
  ToplistParser() {
    record_.categories = CategoryBit(Category::kBenign) | CategoryBit(Category::kPopular);
    record_.labels.resize(1);
  }

  bool line_oriented() const override { return true; }

  void BeginInput(std::string_view path) override {
    first_record_ = true;
    rank_column_ = 0;
    domain_column_ = 1;
  }

  absl::Status ParseLine(std::string_view line, RecordSink& sink) override {
    line = Trim(trails::StripBom(line));
    if (line.empty() || line.front() == '#') {
      sink.Skip();
      return absl::OkStatus();
    }
    if (first_record_) {
      first_record_ = false;
      std::string_view first = *Field(line, 0);
      if (!trails::ParseDecimal(first)) return ReadHeader(line, sink);
    }
    auto rank_text = Field(line, rank_column_);
    auto rank = rank_text ? trails::ParseDecimal(*rank_text) : std::nullopt;
    if (!rank || *rank == 0) {
      sink.Reject(fmt::format("toplist: rank \"{}\" in column {} is not a positive number",
                              rank_text.value_or("").substr(0, kMaxShown), rank_column_ + 1));
      return absl::OkStatus();
    }
    auto domain_text = Field(line, domain_column_);
    if (!domain_text || domain_text->empty()) {
      sink.Reject(fmt::format("toplist: no domain in column {}", domain_column_ + 1));
      return absl::OkStatus();
    }
    auto indicator = ParseIndicatorAs(IndicatorType::kDomain, *domain_text);
    if (!indicator.ok()) {
      sink.Reject(NotADomainReason(*domain_text, indicator.status()));
      return absl::OkStatus();
    }
    record_.indicator = *std::move(indicator);
    record_.confidence = ToplistConfidence(*rank);
    std::string& label = record_.labels[0];
    label.assign("rank:");
    fmt::format_to(std::back_inserter(label), "{}", *rank);
    return sink.AddIndicator(record_);
  }

 private:
  absl::Status ReadHeader(std::string_view header, RecordSink& sink) {
    int rank = -1, domain = -1;
    for (int i = 0; i < kMaxColumns; ++i) {
      auto name = Field(header, i);
      if (!name) break;
      if (rank < 0 && IsRankName(*name)) rank = i;
      if (domain < 0 && IsDomainName(*name)) domain = i;
    }
    if (rank < 0 || domain < 0) {
      sink.Reject(
          fmt::format("toplist: header \"{}\" names no {} column (want rank,domain or Majestic's "
                      "GlobalRank,TldRank,Domain,...)",
                      header.substr(0, kMaxShown), rank < 0 ? "rank" : "domain"));
      return absl::OkStatus();
    }
    domain_column_ = domain;
    rank_column_ = rank;
    sink.Skip();
    return absl::OkStatus();
  }

  IndicatorRecord record_;  // reused: indicator, confidence and the rank label per row
  bool first_record_ = true;
  int rank_column_ = 0;
  int domain_column_ = 1;
};

}  // namespace

uint8_t ToplistConfidence(uint64_t rank) {
  if (rank <= 100) return 95;
  if (rank <= 1'000) return 90;
  if (rank <= 10'000) return 80;
  if (rank <= 100'000) return 65;
  if (rank <= 1'000'000) return 50;
  return 40;
}

std::unique_ptr<FeedParser> MakeToplistParser() { return std::make_unique<ToplistParser>(); }

}  // namespace loupe
