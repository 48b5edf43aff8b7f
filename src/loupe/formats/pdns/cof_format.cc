#include "loupe/formats/pdns/cof_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/formats/pdns/pdns_common.h"
#include "simdjson.h"

namespace loupe {
namespace {

using pdns::RrKind;
namespace dom = simdjson::dom;

// The fields of one COF record. Elements point into the parser's tape: valid until the
// next line is parsed.
struct CofRecord {
  std::optional<dom::element> rrname, rrtype, rdata, time_first, time_last, zone_time_first,
      zone_time_last, count, obj;
  bool control = false;  // a SAF "cond"/"msg" line
};

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

void ReadFields(dom::object object, CofRecord& record) {
  for (dom::key_value_pair field : object) {
    std::string_view key = field.key;
    if (key == "rrname") {
      record.rrname = field.value;
    } else if (key == "rrtype") {
      record.rrtype = field.value;
    } else if (key == "rdata") {
      record.rdata = field.value;
    } else if (key == "time_first") {
      record.time_first = field.value;
    } else if (key == "time_last") {
      record.time_last = field.value;
    } else if (key == "zone_time_first") {
      record.zone_time_first = field.value;
    } else if (key == "zone_time_last") {
      record.zone_time_last = field.value;
    } else if (key == "count") {
      record.count = field.value;
    } else if (key == "obj") {
      record.obj = field.value;
    } else if (key == "cond" || key == "msg") {
      record.control = true;
    }
  }
}

// A non-negative integer, as a JSON number or a string of digits ("1386405372").
std::optional<uint64_t> Unsigned(dom::element value) {
  uint64_t n = 0;
  if (!value.get_uint64().get(n)) return n;
  std::string_view text;
  if (value.get_string().get(text) || text.empty()) return std::nullopt;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return n;
}

// A count: a non-negative integer (also written as a double, "1e30", or as a string),
// clamped to kMaxCofCount. (simdjson refuses a whole line holding an integer literal
// beyond 64 bits, so those lines are rejected as unreadable.)
std::optional<uint64_t> Count(dom::element value) {
  double d = 0;
  if (!value.is_double() || value.get_double().get(d)) {
    std::optional<uint64_t> n = Unsigned(value);
    if (!n) return std::nullopt;
    return std::min(*n, kMaxCofCount);
  }
  if (!(d >= 0) || d != std::floor(d)) return std::nullopt;
  return d >= static_cast<double>(kMaxCofCount) ? kMaxCofCount : static_cast<uint64_t>(d);
}

std::string Raw(dom::element value) {
  std::string_view text;
  if (!value.get_string().get(text)) return std::string(text);
  return simdjson::minify(value);
}

class CofParser : public FeedParser {
 public:
  bool line_oriented() const override { return true; }
  absl::Status ParseLine(std::string_view line, RecordSink& sink) override;

 private:
  // Problems go to error_ (the record's rejection); relations set emitted_.
  std::optional<RrKind> Kind(const CofRecord& record);  // nullopt: bad rrtype
  bool Times(const CofRecord& record, RelationStats& stats);
  absl::Status Emit(const CofRecord& record, RecordSink& sink);
  absl::Status EmitOne(const Indicator& owner, RrKind kind, dom::element value,
                       const RelationStats& stats, RecordSink& sink);

  dom::parser parser_;
  pdns::PaddedBuffer buffer_;
  pdns::NameCache names_;
  pdns::FirstError error_;
  bool emitted_ = false;
};

std::optional<RrKind> CofParser::Kind(const CofRecord& record) {
  if (!record.rrtype) {
    error_.Note("rrtype: missing");
    return std::nullopt;
  }
  std::string_view name;
  uint64_t number = 0;
  if (!record.rrtype->get_string().get(name)) return pdns::RrKindFromName(name);
  if (!record.rrtype->get_uint64().get(number)) return pdns::RrKindFromNumber(number);
  error_.Note("rrtype", Raw(*record.rrtype), "not a type name or number");
  return std::nullopt;
}

// Fills first/last/count; false (with error_ noted) when a value is bad.
bool CofParser::Times(const CofRecord& record, RelationStats& stats) {
  struct {
    const std::optional<dom::element>& value;
    std::string_view name;
    UnixSeconds* out;
  } times[] = {{record.time_first, "time_first", &stats.first_seen},
               {record.time_last, "time_last", &stats.last_seen},
               {record.zone_time_first, "zone_time_first", &stats.first_seen},
               {record.zone_time_last, "zone_time_last", &stats.last_seen}};
  for (auto& t : times) {
    if (!t.value || *t.out != 0) continue;  // time_* win over zone_time_*
    std::optional<uint64_t> n = Unsigned(*t.value);
    // Milliseconds (1714521600000) are no seconds: 2^40 s is in the year 36812.
    if (!n || *n > (uint64_t{1} << 40)) {
      error_.Note(t.name, Raw(*t.value), "not a Unix time in seconds");
      return false;
    }
    *t.out = static_cast<UnixSeconds>(*n);
  }
  if (stats.first_seen == 0) stats.first_seen = stats.last_seen;
  if (stats.last_seen == 0) stats.last_seen = stats.first_seen;
  if (stats.last_seen < stats.first_seen) {
    error_.Note(
        fmt::format("time_last {} is before time_first {}", stats.last_seen, stats.first_seen));
    return false;
  }
  stats.count = 1;
  if (record.count) {
    std::optional<uint64_t> n = Count(*record.count);
    if (!n) {
      error_.Note("count", Raw(*record.count), "not a non-negative integer");
      return false;
    }
    stats.count = std::max<uint64_t>(*n, 1);
  }
  return true;
}

absl::Status CofParser::EmitOne(const Indicator& owner, RrKind kind, dom::element value,
                                const RelationStats& stats, RecordSink& sink) {
  std::string_view text;
  if (value.get_string().get(text)) {
    error_.Note("rdata", Raw(value), "not a string");
    return absl::OkStatus();
  }
  const std::string* reason = nullptr;
  const Indicator* to =
      kind == RrKind::kCname ? names_.Domain(text, &reason) : names_.Address(text, kind, &reason);
  if (to == nullptr) {
    error_.Note("rdata", text, *reason);
    return absl::OkStatus();
  }
  emitted_ = true;
  return sink.AddRelation(
      owner, kind == RrKind::kCname ? RelationType::kCname : RelationType::kResolvesTo, *to, stats);
}

absl::Status CofParser::Emit(const CofRecord& record, RecordSink& sink) {
  std::optional<RrKind> kind = Kind(record);
  if (!kind || *kind == RrKind::kOther) return absl::OkStatus();
  std::string_view rrname;
  if (!record.rrname) {
    error_.Note("rrname: missing");
    return absl::OkStatus();
  }
  if (record.rrname->get_string().get(rrname)) {
    error_.Note("rrname", Raw(*record.rrname), "not a string");
    return absl::OkStatus();
  }
  const std::string* reason = nullptr;
  const Indicator* owner = names_.UnsharedDomain(rrname, &reason);
  if (owner == nullptr) {
    error_.Note("rrname", rrname, *reason);
    return absl::OkStatus();
  }
  if (!record.rdata) {
    error_.Note("rdata: missing");
    return absl::OkStatus();
  }
  RelationStats stats;
  if (!Times(record, stats)) return absl::OkStatus();
  dom::array values;
  if (!record.rdata->get_array().get(values)) {
    if (values.size() == 0) error_.Note("rdata: empty array");
    for (dom::element value : values) {
      RETURN_IF_ERROR(EmitOne(*owner, *kind, value, stats, sink));
    }
  } else {
    RETURN_IF_ERROR(EmitOne(*owner, *kind, *record.rdata, stats, sink));
  }
  if (emitted_) RETURN_IF_ERROR(sink.Observe(*owner, stats.count, stats.last_seen));
  return absl::OkStatus();
}

absl::Status CofParser::ParseLine(std::string_view line, RecordSink& sink) {
  names_.Trim();
  error_.Clear();
  if (IsBlank(line)) {
    sink.Skip();
    return absl::OkStatus();
  }
  dom::element document;
  if (auto e = parser_.parse(buffer_.Load(line), line.size(), false).get(document); e) {
    sink.Reject(fmt::format("unreadable JSON: {}", simdjson::error_message(e)));
    return absl::OkStatus();
  }
  dom::object object;
  if (document.get_object().get(object)) {
    sink.Reject("not a JSON object");
    return absl::OkStatus();
  }
  CofRecord record;
  ReadFields(object, record);
  if (record.obj) {  // DNSDB SAF: the record is inside "obj"
    dom::object inner;
    if (record.obj->get_object().get(inner)) {
      sink.Reject("obj: not an object");
      return absl::OkStatus();
    }
    record = CofRecord{};
    ReadFields(inner, record);
  } else if (record.control && !record.rrname && !record.rrtype) {
    sink.Skip();
    return absl::OkStatus();
  }
  emitted_ = false;
  RETURN_IF_ERROR(Emit(record, sink));
  pdns::Finish(sink, error_, emitted_);
  return absl::OkStatus();
}

}  // namespace

std::unique_ptr<FeedParser> MakeCofParser() { return std::make_unique<CofParser>(); }

}  // namespace loupe
