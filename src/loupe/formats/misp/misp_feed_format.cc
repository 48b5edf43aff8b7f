#include "loupe/formats/misp/misp_feed_format.h"

#include <algorithm>
#include <string>

#include "fmt/format.h"
#include "loupe/formats/misp/misp_event.h"
#include "loupe/formats/misp/misp_tags.h"
#include "loupe/formats/misp/misp_text.h"

namespace loupe {
namespace {

using simdjson::SUCCESS;

std::string_view BaseName(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// MISP hashes values with md5; other generators may use a longer digest.
bool IsHexDigest(std::string_view s) {
  return s.size() >= 32 && std::all_of(s.begin(), s.end(), misp_text::IsHex);
}

// Reasons quote at most this much of the input.
std::string_view Clip(std::string_view s) { return s.substr(0, 80); }

void CheckHashes(std::string_view text, RecordSink& sink) {
  uint64_t line_number = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    sink.set_position(line_number);
    const size_t comma = line.find(',');
    if (comma != std::string_view::npos && IsHexDigest(line.substr(0, comma)) &&
        IsMispUuid(line.substr(comma + 1))) {
      sink.Skip();
    } else {
      sink.Reject(fmt::format("hashes.csv: not \"<hex digest>,<event uuid>\": \"{}\"", Clip(line)));
    }
  }
}

void CheckManifest(simdjson::dom::element document, RecordSink& sink) {
  simdjson::dom::object manifest;
  if (document.get(manifest) != SUCCESS) {
    sink.set_position(1);
    sink.Reject("manifest: not a JSON object of events by UUID");
    return;
  }
  uint64_t index = 0;
  for (auto [key, value] : manifest) {
    sink.set_position(++index);
    simdjson::dom::object entry;
    std::string_view info;
    if (!IsMispUuid(key)) {
      sink.Reject(fmt::format("manifest: key \"{}\" is not an event UUID", Clip(key)));
    } else if (value.get(entry) != SUCCESS) {
      sink.Reject(fmt::format("manifest: event {} is not a JSON object", key));
    } else if (entry["info"].get(info) != SUCCESS) {
      sink.Reject(fmt::format("manifest: event {} has no info", key));
    } else {
      sink.Skip();
    }
  }
}

// A first line "<hex digest>,<uuid>": hashes.csv under another name.
bool LooksLikeHashes(std::string_view text) {
  std::string_view line = text.substr(0, text.find('\n'));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const size_t comma = line.find(',');
  return comma != std::string_view::npos && IsHexDigest(line.substr(0, comma)) &&
         IsMispUuid(line.substr(comma + 1));
}

// A JSON object whose first key is an event UUID: a manifest.
bool LooksLikeManifest(simdjson::dom::element document) {
  simdjson::dom::object o;
  if (document.get(o) != SUCCESS) return false;
  for (auto field : o) return IsMispUuid(field.key);
  return false;
}

class MispFeedParser : public FeedParser {
 public:
  bool line_oriented() const override { return false; }
  void BeginInput(std::string_view path) override { name_ = std::string(BaseName(path)); }

  absl::Status ParseDocument(std::string_view text, RecordSink& sink) override {
    if (name_.ends_with(".csv") || LooksLikeHashes(text)) {
      CheckHashes(text, sink);
      return absl::OkStatus();
    }
    const simdjson::padded_string padded(text);
    simdjson::dom::element document;
    if (auto error = parser_.parse(padded).get(document); error != SUCCESS) {
      sink.set_position(1);
      sink.Reject(fmt::format("not valid JSON: {}", simdjson::error_message(error)));
      return absl::OkStatus();
    }
    if (name_ == "manifest.json" || LooksLikeManifest(document)) {
      CheckManifest(document, sink);
      return absl::OkStatus();
    }
    uint64_t position = 0;
    return EmitMispDocument(document, position, sink);
  }

 private:
  simdjson::dom::parser parser_;
  std::string name_;
};

}  // namespace

std::unique_ptr<FeedParser> MakeMispFeedParser() { return std::make_unique<MispFeedParser>(); }

}  // namespace loupe
