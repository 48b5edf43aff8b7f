#include "loupe/formats/trails/hashlist_format.h"

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

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The reason `text` is not a hash, or empty when it is 32, 40 or 64 hex digits.
std::string NotAHashReason(std::string_view text) {
  for (char c : text) {
    if (!IsHexDigit(c)) {
      auto u = static_cast<unsigned char>(c);
      std::string shown =
          u > 0x20 && u < 0x7f ? fmt::format("'{}'", c) : fmt::format("0x{:02x}", u);
      return fmt::format("not an MD5, SHA-1 or SHA-256 hash: \"{}\" holds {}, not a hex digit",
                         text.substr(0, kMaxShown), shown);
    }
  }
  if (text.size() != 32 && text.size() != 40 && text.size() != 64) {
    return fmt::format(
        "not an MD5, SHA-1 or SHA-256 hash: \"{}\" has {} hex digits (want 32, 40 or 64)",
        text.substr(0, kMaxShown), text.size());
  }
  return {};
}

IndicatorType HashTypeOfLength(size_t length) {
  return length == 32   ? IndicatorType::kMd5
         : length == 40 ? IndicatorType::kSha1
                        : IndicatorType::kSha256;
}

class HashlistParser : public FeedParser {
 public:
  HashlistParser() { record_.categories = CategoryBit(Category::kMalware); }

  bool line_oriented() const override { return true; }

  void BeginInput(std::string_view path) override {
    record_.labels.clear();
    std::string_view campaign = trails::ParentName(path);
    if (!campaign.empty() && campaign != "." && campaign != "..") {
      record_.labels.emplace_back(campaign);
    }
  }

  absl::Status ParseLine(std::string_view line, RecordSink& sink) override {
    line = trails::Trim(trails::StripBom(line));
    if (line.empty() || line.front() == '#') {
      sink.Skip();
      return absl::OkStatus();
    }
    std::string_view hash = trails::FirstField(line);
    if (std::string reason = NotAHashReason(hash); !reason.empty()) {
      sink.Reject(reason);
      return absl::OkStatus();
    }
    auto indicator = ParseIndicatorAs(HashTypeOfLength(hash.size()), hash);
    if (!indicator.ok()) {  // cannot happen for checked hex, but never emit unchecked text
      sink.Reject(std::string(indicator.status().message()));
      return absl::OkStatus();
    }
    record_.indicator = *std::move(indicator);
    return sink.AddIndicator(record_);
  }

 private:
  IndicatorRecord record_;  // reused: only the indicator changes per line
};

}  // namespace

std::unique_ptr<FeedParser> MakeHashlistParser() { return std::make_unique<HashlistParser>(); }

}  // namespace loupe
