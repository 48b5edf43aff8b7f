#include "loupe/formats/pdns/eve_dns_format.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/feed/feed_time.h"
#include "loupe/formats/pdns/pdns_common.h"
#include "simdjson.h"

namespace loupe {
namespace {

using pdns::RrKind;
namespace dom = simdjson::dom;

struct Answer {
  std::string_view rrname, rrtype, rdata;
  bool has_rdata = false;
};

// The parts of one EVE line this format reads. Views point into the simdjson parser's
// string buffer: valid until the next line is parsed.
struct EveDns {
  std::string_view timestamp, event_type;
  bool has_timestamp = false, has_event_type = false, has_dns = false;
  uint64_t flow_id = 0;
  // dns.*
  std::string_view type, rcode, rrname, rrtype, rdata;
  bool has_rrname = false, has_rdata = false, has_answers = false, has_grouped = false;
  uint64_t id = 0;
};

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// A fixed string found by Boyer-Moore-Horspool, which skips most of a line per probe
// (string_view::find runs a memchr and a compare at every '"' of a JSON line, and glibc's
// memmem is not much faster for these needles).
class Needle {
 public:
  explicit Needle(std::string_view text) : text_(text), searcher_(text_.begin(), text_.end()) {}
  // The text after the first occurrence in `haystack`, or nullopt.
  std::optional<std::string_view> After(std::string_view haystack) const {
    auto [begin, end] = searcher_(haystack.begin(), haystack.end());
    if (begin == haystack.end()) return std::nullopt;
    return haystack.substr(end - haystack.begin());
  }

 private:
  std::string_view text_;
  std::boyer_moore_horspool_searcher<std::string_view::const_iterator> searcher_;
};

// Suricata writes compact JSON with event_type ahead of the payload. Most lines of a real
// eve.json are other events (flow, http, tls, alert, ...) and many DNS events are queries:
// recognizing those from the raw text spares the JSON parse. Everything else, including
// any other spelling of the same, goes through the parser. (So a damaged line that still
// shows one of these shapes is skipped rather than rejected: it was of no interest either
// way.)
bool SkippableByShape(std::string_view line) {
  static const Needle* const kEventType = new Needle("\"event_type\":\"");
  static const Needle* const kDns = new Needle("\"dns\":{");
  std::optional<std::string_view> type = kEventType->After(line);
  if (!type) return false;
  if (!type->starts_with("dns\"")) return true;
  std::optional<std::string_view> dns = kDns->After(*type);
  return dns && (dns->starts_with("\"type\":\"query\"") ||
                 dns->starts_with("\"version\":3,\"type\":\"request\""));
}

class EveDnsParser : public FeedParser {
 public:
  bool line_oriented() const override { return true; }
  void BeginInput(std::string_view) override { v1_key_.clear(); }
  absl::Status ParseLine(std::string_view line, RecordSink& sink) override;

 private:
  // Each Read* fills `eve_` and returns an empty string, or the reason the line is bad.
  std::string ReadLine(dom::object line);
  // Whether the line read is a NOERROR DNS answer with A, AAAA or CNAME records.
  bool Relevant() const;
  std::string ReadDns(dom::object dns);
  std::string ReadAnswers(dom::array answers);
  void ReadGrouped(dom::object grouped);

  absl::Status AnswerSetV2(UnixSeconds time, RecordSink& sink);
  absl::Status GroupedSet(UnixSeconds time, RecordSink& sink);
  absl::Status AnswerV1(UnixSeconds time, RecordSink& sink);
  // The query name, canonical, or null (then noted in error_).
  const Indicator* Query(std::string_view field, std::string_view text);
  // Emits one answer record into set_; problems go to error_.
  absl::Status EmitAnswer(std::string_view field, RrKind kind, std::string_view owner,
                          std::string_view rdata, RecordSink& sink);

  dom::parser parser_;
  pdns::PaddedBuffer buffer_;
  pdns::NameCache names_;
  pdns::AnswerSet set_;
  pdns::FirstError error_;
  EveDns eve_;
  // Reused across lines (cleared per line) so that steady state allocates nothing.
  std::vector<Answer> answers_;
  std::vector<std::string_view> grouped_cnames_;
  std::vector<std::pair<RrKind, std::string_view>> grouped_addresses_;
  std::string field_;
  // Version 1: the answer set being continued, as "flow_id/id/timestamp".
  std::string v1_key_, key_;
  bool v1_observed_ = false;
};

std::string EveDnsParser::ReadAnswers(dom::array answers) {
  for (dom::element item : answers) {
    dom::object object;
    if (item.get_object().get(object)) return "dns.answers: an item is not an object";
    Answer answer;
    for (dom::key_value_pair field : object) {
      std::string_view* target = nullptr;
      if (field.key == "rrname") {
        target = &answer.rrname;
      } else if (field.key == "rrtype") {
        target = &answer.rrtype;
      } else if (field.key == "rdata") {
        target = &answer.rdata;
        answer.has_rdata = true;
      }
      if (target != nullptr && field.value.get_string().get(*target)) {
        return fmt::format("dns.answers[].{}: not a string", field.key);
      }
    }
    answers_.push_back(answer);
  }
  return {};
}

void EveDnsParser::ReadGrouped(dom::object grouped) {
  for (dom::key_value_pair group : grouped) {
    RrKind kind = pdns::RrKindFromName(group.key);
    dom::array values;
    if (kind == RrKind::kOther || group.value.get_array().get(values)) continue;
    for (dom::element value : values) {
      std::string_view text;
      if (value.get_string().get(text)) continue;  // SSHFP and the like are objects
      if (kind == RrKind::kCname) {
        grouped_cnames_.push_back(text);
      } else {
        grouped_addresses_.emplace_back(kind, text);
      }
    }
  }
}

std::string EveDnsParser::ReadDns(dom::object dns) {
  eve_.has_dns = true;
  for (dom::key_value_pair field : dns) {
    std::string_view key = field.key;
    std::string_view* text = nullptr;
    if (key == "type") {
      text = &eve_.type;
    } else if (key == "rcode") {
      text = &eve_.rcode;
    } else if (key == "rrname") {
      text = &eve_.rrname;
      eve_.has_rrname = true;
    } else if (key == "rrtype") {
      text = &eve_.rrtype;
    } else if (key == "rdata") {
      text = &eve_.rdata;
      eve_.has_rdata = true;
    } else if (key == "id") {
      if (field.value.get_uint64().get(eve_.id)) eve_.id = 0;
    } else if (key == "answers") {
      dom::array answers;
      if (field.value.get_array().get(answers)) return "dns.answers: not an array";
      eve_.has_answers = true;
      if (std::string e = ReadAnswers(answers); !e.empty()) return e;
    } else if (key == "grouped") {
      dom::object grouped;
      if (field.value.get_object().get(grouped)) return "dns.grouped: not an object";
      eve_.has_grouped = true;
      ReadGrouped(grouped);
    } else if (key == "queries" && !eve_.has_rrname) {
      // Version 3 (Suricata 8): the question is queries[0].
      dom::array queries;
      dom::element first;
      if (!field.value.get_array().get(queries) && !queries.at(0).get(first) &&
          !first["rrname"].get_string().get(eve_.rrname)) {
        eve_.has_rrname = true;
      }
    }
    if (text != nullptr && field.value.get_string().get(*text)) {
      return fmt::format("dns.{}: not a string", key);
    }
  }
  return {};
}

std::string EveDnsParser::ReadLine(dom::object line) {
  for (dom::key_value_pair field : line) {
    std::string_view key = field.key;
    if (key == "timestamp") {
      eve_.has_timestamp = !field.value.get_string().get(eve_.timestamp);
      if (!eve_.has_timestamp) return "timestamp: not a string";
    } else if (key == "event_type") {
      if (field.value.get_string().get(eve_.event_type)) return "event_type: not a string";
      eve_.has_event_type = true;
      // Suricata writes event_type before the payload: most events stop here.
      if (eve_.event_type != "dns") return {};
    } else if (key == "flow_id") {
      if (field.value.get_uint64().get(eve_.flow_id)) eve_.flow_id = 0;
    } else if (key == "dns") {
      dom::object dns;
      if (field.value.get_object().get(dns)) return "dns: not an object";
      if (std::string e = ReadDns(dns); !e.empty()) return e;
    }
  }
  return {};
}

bool EveDnsParser::Relevant() const {
  const bool answer = eve_.type == "answer" || eve_.type == "response";
  if (eve_.event_type != "dns" || !answer || !(eve_.rcode.empty() || eve_.rcode == "NOERROR")) {
    return false;
  }
  if (eve_.has_answers) {
    for (const Answer& a : answers_) {
      if (pdns::RrKindFromName(a.rrtype) != RrKind::kOther) return true;
    }
    return false;
  }
  if (eve_.has_grouped) return !grouped_cnames_.empty() || !grouped_addresses_.empty();
  return eve_.has_rdata && pdns::RrKindFromName(eve_.rrtype) != RrKind::kOther;
}

const Indicator* EveDnsParser::Query(std::string_view field, std::string_view text) {
  const std::string* reason = nullptr;
  const Indicator* query = names_.Domain(text, &reason);
  if (query == nullptr) error_.Note(field, text, *reason);
  return query;
}

absl::Status EveDnsParser::EmitAnswer(std::string_view field, RrKind kind, std::string_view owner,
                                      std::string_view rdata, RecordSink& sink) {
  const std::string* reason = nullptr;
  const Indicator* from = names_.Domain(owner, &reason);
  if (from == nullptr) {
    field_.assign(field).append(".rrname");
    error_.Note(field_, owner, *reason);
    return absl::OkStatus();
  }
  const Indicator* to =
      kind == RrKind::kCname ? names_.Domain(rdata, &reason) : names_.Address(rdata, kind, &reason);
  if (to == nullptr) {
    field_.assign(field).append(".rdata");
    error_.Note(field_, rdata, *reason);
    return absl::OkStatus();
  }
  return kind == RrKind::kCname ? set_.Cname(sink, *from, *to) : set_.Address(sink, *from, *to);
}

absl::Status EveDnsParser::AnswerSetV2(UnixSeconds time, RecordSink& sink) {
  std::string_view query_text = eve_.has_rrname ? eve_.rrname : answers_[0].rrname;
  set_.Begin(Query("dns.rrname", query_text), RelationStats{time, time, 1});
  for (const Answer& answer : answers_) {
    RrKind kind = pdns::RrKindFromName(answer.rrtype);
    if (kind == RrKind::kOther) continue;
    if (!answer.has_rdata) {
      error_.Note("dns.answers[].rdata: missing");
      continue;
    }
    RETURN_IF_ERROR(EmitAnswer("dns.answers[]", kind, answer.rrname, answer.rdata, sink));
  }
  if (set_.emitted() && set_.has_query()) RETURN_IF_ERROR(sink.Observe(set_.query(), 1, time));
  return absl::OkStatus();
}

absl::Status EveDnsParser::GroupedSet(UnixSeconds time, RecordSink& sink) {
  if (!eve_.has_rrname) {
    error_.Note("dns.rrname: missing (needed to read \"grouped\" answers)");
    return absl::OkStatus();
  }
  const Indicator* query = Query("dns.rrname", eve_.rrname);
  if (query == nullptr) return absl::OkStatus();
  set_.Begin(query, RelationStats{time, time, 1});
  const std::string* reason = nullptr;
  for (std::string_view text : grouped_cnames_) {
    const Indicator* target = names_.Domain(text, &reason);
    if (target == nullptr) {
      error_.Note("dns.grouped.CNAME", text, *reason);
      break;  // the chain is broken: later addresses have no known owner
    }
    RETURN_IF_ERROR(set_.Cname(sink, *set_.tail(), *target));
  }
  const Indicator tail = *set_.tail();
  for (auto [kind, text] : grouped_addresses_) {
    const Indicator* address = names_.Address(text, kind, &reason);
    if (address == nullptr) {
      error_.Note(kind == RrKind::kA ? "dns.grouped.A" : "dns.grouped.AAAA", text, *reason);
      continue;
    }
    RETURN_IF_ERROR(set_.Address(sink, tail, *address));
  }
  if (set_.emitted()) RETURN_IF_ERROR(sink.Observe(set_.query(), 1, time));
  return absl::OkStatus();
}

absl::Status EveDnsParser::AnswerV1(UnixSeconds time, RecordSink& sink) {
  key_ = fmt::format("{}/{}/{}", eve_.flow_id, eve_.id, eve_.timestamp);
  if (key_ != v1_key_) {
    // The first answer of a response is owned by the question's name.
    v1_key_ = key_;
    v1_observed_ = false;
    set_.Begin(Query("dns.rrname", eve_.rrname), RelationStats{time, time, 1});
  }
  RETURN_IF_ERROR(
      EmitAnswer("dns", pdns::RrKindFromName(eve_.rrtype), eve_.rrname, eve_.rdata, sink));
  if (set_.emitted() && set_.has_query() && !v1_observed_) {
    v1_observed_ = true;
    RETURN_IF_ERROR(sink.Observe(set_.query(), 1, time));
  }
  return absl::OkStatus();
}

absl::Status EveDnsParser::ParseLine(std::string_view line, RecordSink& sink) {
  names_.Trim();
  error_.Clear();
  if (IsBlank(line) || SkippableByShape(line)) {
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
  eve_ = EveDns{};
  answers_.clear();
  grouped_cnames_.clear();
  grouped_addresses_.clear();
  if (std::string e = ReadLine(object); !e.empty()) {
    sink.Reject(e);
    return absl::OkStatus();
  }
  if (!eve_.has_event_type) {
    sink.Reject("event_type: missing (not a Suricata EVE record)");
    return absl::OkStatus();
  }
  if (eve_.event_type == "dns" && !eve_.has_dns) {
    sink.Reject("dns: missing in a dns event");
    return absl::OkStatus();
  }
  // A version 2 line ends any version 1 answer set.
  if (eve_.has_answers || eve_.has_grouped) v1_key_.clear();
  if (!Relevant()) {
    sink.Skip();
    return absl::OkStatus();
  }
  if (!eve_.has_timestamp) {
    sink.Reject("timestamp: missing");
    return absl::OkStatus();
  }
  auto time = ParseFeedTime(eve_.timestamp);
  if (!time.ok()) {
    sink.Reject(fmt::format("timestamp: {}", std::string(time.status().message())));
    return absl::OkStatus();
  }
  const uint64_t before = set_.relations();
  if (eve_.has_answers) {
    RETURN_IF_ERROR(AnswerSetV2(*time, sink));
  } else if (eve_.has_grouped) {
    RETURN_IF_ERROR(GroupedSet(*time, sink));
  } else {
    RETURN_IF_ERROR(AnswerV1(*time, sink));
  }
  // (A version 1 set spans lines: count only what this line added.)
  pdns::Finish(sink, error_, set_.relations() != before);
  return absl::OkStatus();
}

}  // namespace

std::unique_ptr<FeedParser> MakeEveDnsParser() { return std::make_unique<EveDnsParser>(); }

}  // namespace loupe
