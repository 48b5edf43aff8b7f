// Any bytes as one input of the format named by LOUPE_FUZZ_FORMAT (one binary per format):
// never crashes, and everything the parser emits is canonical (each indicator re-parses to
// itself), so bad input cannot put malformed keys into the store.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "loupe/formats/registry.h"

namespace {

void CheckCanonical(const loupe::Indicator& indicator) {
  auto again = loupe::ParseIndicatorAs(indicator.type, indicator.value);
  if (!again.ok() || again->value != indicator.value) std::abort();
}

class CheckingSink : public loupe::RecordSink {
 public:
  absl::Status AddIndicator(const loupe::IndicatorRecord& record) override {
    CheckCanonical(record.indicator);
    if (record.confidence && *record.confidence > 100) std::abort();
    return absl::OkStatus();
  }
  absl::Status AddRelation(const loupe::Indicator& from, loupe::RelationType type,
                           const loupe::Indicator& to,
                           const loupe::RelationStats& stats) override {
    CheckCanonical(from);
    CheckCanonical(to);
    if (stats.last_seen != 0 && stats.last_seen < stats.first_seen) std::abort();
    return absl::OkStatus();
  }
  absl::Status SetAttribute(const loupe::Indicator& object, loupe::AttributeKind, std::string_view,
                            std::string_view) override {
    CheckCanonical(object);
    return absl::OkStatus();
  }
  absl::Status Observe(const loupe::Indicator& object, uint64_t, loupe::UnixSeconds) override {
    CheckCanonical(object);
    return absl::OkStatus();
  }
  void Reject(std::string_view reason) override {
    if (reason.empty()) std::abort();  // every rejection says why
  }
  void Skip() override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto parser = loupe::MakeParser(LOUPE_FUZZ_FORMAT);
  if (!parser.ok()) std::abort();
  CheckingSink sink;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // Only sink failures may fail a parse, and this sink never fails.
  if (!loupe::ParseBuffer(**parser, "fuzz-input.txt", input, sink).ok()) std::abort();
  return 0;
}
