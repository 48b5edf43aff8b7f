#include "loupe/formats/abusech/threatfox_json_format.h"

#include <array>

#include "fmt/format.h"
#include "loupe/formats/abusech/threatfox_ioc.h"
#include "simdjson.h"

namespace loupe {
namespace {

namespace dom = simdjson::dom;

enum Field {
  kValue,
  kType,
  kThreatType,
  kMalware,
  kAlias,
  kPrintable,
  kFirstSeen,
  kLastSeen,
  kConfidence,
  kReference,
  kTags,
  kFieldCount
};
constexpr std::array<std::string_view, kFieldCount> kFieldNames = {
    "ioc_value",      "ioc_type",      "threat_type",
    "malware",        "malware_alias", "malware_printable",
    "first_seen_utc", "last_seen_utc", "confidence_level",
    "reference",      "tags"};

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// A scalar field as text: strings as they are, numbers written out, null or missing empty.
// An array of strings (the API's tags) is joined with commas.
absl::Status ReadField(dom::object ioc, std::string_view key, std::string& out) {
  out.clear();
  dom::element e;
  if (ioc.at_key(key).get(e) != simdjson::SUCCESS || e.is_null()) return absl::OkStatus();
  std::string_view s;
  int64_t i;
  uint64_t u;
  double d;
  dom::array items;
  if (e.get_string().get(s) == simdjson::SUCCESS) {
    out = s;
  } else if (e.get_int64().get(i) == simdjson::SUCCESS) {
    out = fmt::format("{}", i);
  } else if (e.get_uint64().get(u) == simdjson::SUCCESS) {
    out = fmt::format("{}", u);
  } else if (e.get_double().get(d) == simdjson::SUCCESS) {
    out = fmt::format("{}", d);
  } else if (e.get_array().get(items) == simdjson::SUCCESS) {
    for (dom::element item : items) {
      if (item.get_string().get(s) != simdjson::SUCCESS) {
        return absl::InvalidArgumentError(fmt::format("{}: expected strings in the array", key));
      }
      if (!out.empty()) out += ',';
      out += s;
    }
  } else {
    return absl::InvalidArgumentError(fmt::format("{}: expected a string or a number", key));
  }
  return absl::OkStatus();
}

class ThreatFoxJsonParser : public FeedParser {
 public:
  bool line_oriented() const override { return false; }

  absl::Status ParseDocument(std::string_view text, RecordSink& sink) override {
    sink.set_position(1);
    if (IsBlank(text)) {
      sink.Skip();
      return absl::OkStatus();
    }
    simdjson::padded_string padded(text);
    dom::element root;
    if (auto error = parser_.parse(padded).get(root)) {
      sink.Reject(fmt::format("not JSON: {}", simdjson::error_message(error)));
      return absl::OkStatus();
    }
    dom::object iocs;
    if (root.get_object().get(iocs) != simdjson::SUCCESS) {
      sink.Reject("not a ThreatFox export: the document is not an object keyed by IOC id");
      return absl::OkStatus();
    }
    uint64_t position = 0;
    for (dom::key_value_pair entry : iocs) {
      dom::array list;
      if (entry.value.get_array().get(list) != simdjson::SUCCESS) {
        sink.set_position(++position);
        sink.Reject(fmt::format("ioc {}: expected an array of IOC objects", entry.key));
        continue;
      }
      for (dom::element ioc : list) {
        sink.set_position(++position);
        absl::Status s = ParseIoc(entry.key, ioc, sink);
        if (!s.ok()) return s;
      }
    }
    return absl::OkStatus();
  }

 private:
  absl::Status ParseIoc(std::string_view id, dom::element element, RecordSink& sink) {
    auto reject = [&](const absl::Status& why) {
      sink.Reject(fmt::format("ioc {}: {}", id, std::string(why.message())));
      return absl::OkStatus();
    };
    dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) {
      return reject(absl::InvalidArgumentError("expected an object"));
    }
    for (size_t i = 0; i < kFieldCount; ++i) {
      absl::Status s = ReadField(object, kFieldNames[i], fields_[i]);
      if (!s.ok()) return reject(s);
    }
    abusech::ThreatFoxIoc ioc{.id = id,
                              .value = fields_[kValue],
                              .type = fields_[kType],
                              .threat_type = fields_[kThreatType],
                              .malware = fields_[kMalware],
                              .malware_alias = fields_[kAlias],
                              .malware_printable = fields_[kPrintable],
                              .first_seen = fields_[kFirstSeen],
                              .last_seen = fields_[kLastSeen],
                              .confidence = fields_[kConfidence],
                              .reference = fields_[kReference],
                              .tags = fields_[kTags]};
    absl::StatusOr<std::optional<IndicatorRecord>> record = abusech::MapThreatFoxIoc(ioc);
    if (!record.ok()) return reject(record.status());
    if (!record->has_value()) {
      sink.Skip();
      return absl::OkStatus();
    }
    return sink.AddIndicator(**record);
  }

  dom::parser parser_;
  std::array<std::string, kFieldCount> fields_;  // the current IOC's fields, reused
};

}  // namespace

std::unique_ptr<FeedParser> MakeThreatFoxJsonParser() {
  return std::make_unique<ThreatFoxJsonParser>();
}

}  // namespace loupe
