#include "loupe/formats/misp/misp_format.h"

#include "loupe/formats/misp/misp_event.h"

namespace loupe {
namespace {

class MispParser : public FeedParser {
 public:
  bool line_oriented() const override { return false; }
  absl::Status ParseDocument(std::string_view text, RecordSink& sink) override {
    return ParseMispJson(parser_, text, sink);
  }

 private:
  simdjson::dom::parser parser_;
};

}  // namespace

std::unique_ptr<FeedParser> MakeMispParser() { return std::make_unique<MispParser>(); }

}  // namespace loupe
