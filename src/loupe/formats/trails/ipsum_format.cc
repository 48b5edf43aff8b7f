#include "loupe/formats/trails/ipsum_format.h"

#include <algorithm>
#include <string>
#include <utility>

#include "fmt/format.h"
#include "loupe/feed/record.h"
#include "loupe/formats/trails/trail_text.h"
#include "loupe/model/category.h"
#include "loupe/model/indicator.h"

namespace loupe {
namespace {

constexpr size_t kMaxShown = 80;
// No IP is on more lists than IPsum aggregates (a few dozen); anything larger is garbage.
constexpr uint64_t kMaxLists = 1000;

class IpsumParser : public FeedParser {
 public:
  IpsumParser() {
    record_.categories = CategoryBit(Category::kMalicious);
    record_.labels = {"ipsum"};
  }

  bool line_oriented() const override { return true; }

  void BeginInput(std::string_view path) override {
    // levels/N.txt: every IP in it is on at least N lists.
    auto level = trails::ParseDecimal(trails::StemOf(path, ".txt"));
    default_lists_ = level && *level >= 1 && *level <= kMaxLists ? *level : 1;
  }

  absl::Status ParseLine(std::string_view line, RecordSink& sink) override {
    line = trails::Trim(trails::StripBom(line));
    if (line.empty() || line.front() == '#') {
      sink.Skip();
      return absl::OkStatus();
    }
    std::string_view count_text;
    std::string_view ip_text = trails::FirstField(line, &count_text);
    auto indicator = ParseIndicator(ip_text);
    if (!indicator.ok()) {
      sink.Reject(fmt::format("ipsum: \"{}\": {}", ip_text.substr(0, kMaxShown),
                              std::string(indicator.status().message())));
      return absl::OkStatus();
    }
    if (!IsIpType(indicator->type) || indicator->port) {
      sink.Reject(fmt::format(
          "ipsum: \"{}\" is not a bare IP address ({})", ip_text.substr(0, kMaxShown),
          indicator->port ? std::string("it has a port")
                          : fmt::format("type {}", IndicatorTypeName(indicator->type))));
      return absl::OkStatus();
    }
    uint64_t lists = default_lists_;
    if (!count_text.empty()) {
      auto count = trails::ParseDecimal(trails::FirstField(count_text));
      if (!count || *count == 0 || *count > kMaxLists) {
        sink.Reject(fmt::format("ipsum: count \"{}\" is not a number of lists from 1 to {}",
                                count_text.substr(0, kMaxShown), kMaxLists));
        return absl::OkStatus();
      }
      lists = *count;
    }
    record_.indicator = *std::move(indicator);
    record_.confidence = IpsumConfidence(lists);
    return sink.AddIndicator(record_);
  }

 private:
  IndicatorRecord record_;  // reused: only the indicator and confidence change per line
  uint64_t default_lists_ = 1;
};

}  // namespace

uint8_t IpsumConfidence(uint64_t lists) {
  if (lists == 0) lists = 1;
  return static_cast<uint8_t>(
      std::min<uint64_t>(100, 30 + 10 * (std::min<uint64_t>(lists, 100) - 1)));
}

std::unique_ptr<FeedParser> MakeIpsumParser() { return std::make_unique<IpsumParser>(); }

}  // namespace loupe
