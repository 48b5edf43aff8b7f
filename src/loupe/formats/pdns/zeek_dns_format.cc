#include "loupe/formats/pdns/zeek_dns_format.h"

#include <cmath>
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

// Zeek's dns.log columns, for input without a #fields line.
constexpr std::string_view kDefaultFields[] = {
    "ts",  "uid",   "id.orig_h", "id.orig_p",   "id.resp_h", "id.resp_p",  "proto", "trans_id",
    "rtt", "query", "qclass",    "qclass_name", "qtype",     "qtype_name", "rcode", "rcode_name",
    "AA",  "TC",    "RD",        "RA",          "Z",         "answers",    "TTLs",  "rejected"};

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Undoes Zeek's "\xNN" escapes; other backslashes stay as they are.
std::string_view Unescape(std::string_view text, std::string& scratch) {
  if (text.find('\\') == std::string_view::npos) return text;
  scratch.clear();
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x' &&
        HexDigit(text[i + 2]) >= 0 && HexDigit(text[i + 3]) >= 0) {
      scratch.push_back(static_cast<char>(HexDigit(text[i + 2]) * 16 + HexDigit(text[i + 3])));
      i += 3;
    } else {
      scratch.push_back(text[i]);
    }
  }
  return scratch;
}

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// An answer string that holds an address rather than a name: IPv6 (a colon) or dotted
// digits (a name cannot end in a numeric label).
bool LooksLikeAddress(std::string_view text) {
  if (text.find(':') != std::string_view::npos) return true;
  for (char c : text) {
    if ((c < '0' || c > '9') && c != '.') return false;
  }
  return true;
}

// One dns.log row, whichever way it was written. Views are valid for the current line.
struct ZeekRow {
  std::string_view ts_text;              // TSV, or JSON ISO 8601
  std::optional<double> ts_number;       // JSON epoch seconds
  std::string_view query, qtype, rcode;  // raw (TSV: still escaped)
  bool has_query = false, has_qtype = false, has_rcode = false, rejected = false;
  std::string_view tsv_answers;            // TSV: the set, still joined and escaped
  std::optional<dom::array> json_answers;  // JSON
};

class ZeekDnsParser : public FeedParser {
 public:
  ZeekDnsParser() { ResetHeader(); }
  bool line_oriented() const override { return true; }
  void BeginInput(std::string_view) override { ResetHeader(); }
  absl::Status ParseLine(std::string_view line, RecordSink& sink) override;

 private:
  struct Columns {
    int ts = -1, query = -1, qtype_name = -1, qtype = -1, rcode_name = -1, rcode = -1, answers = -1,
        rejected = -1;
  };

  void ResetHeader();
  void SetFields(const std::vector<std::string_view>& names);
  void Header(std::string_view line, RecordSink& sink);
  void ReadTsv(std::string_view line, RecordSink& sink);
  void ReadJson(std::string_view line, RecordSink& sink);
  absl::Status Emit(const ZeekRow& row, RecordSink& sink);
  absl::Status EmitAnswer(std::string_view text, RecordSink& sink);
  void Split(std::string_view line, char separator);

  // Header state, per input.
  char separator_ = '\t';
  char set_separator_ = ',';
  std::string unset_ = "-", empty_ = "(empty)";
  Columns columns_;
  std::string header_error_;

  dom::parser parser_;
  pdns::PaddedBuffer buffer_;
  pdns::NameCache names_;
  pdns::AnswerSet set_;
  pdns::FirstError error_;
  std::vector<std::string_view> fields_;
  std::string scratch_, query_scratch_;
  ZeekRow row_;
  bool row_ready_ = false;
};

void ZeekDnsParser::ResetHeader() {
  separator_ = '\t';
  set_separator_ = ',';
  unset_ = "-";
  empty_ = "(empty)";
  std::vector<std::string_view> names(std::begin(kDefaultFields), std::end(kDefaultFields));
  SetFields(names);
}

void ZeekDnsParser::SetFields(const std::vector<std::string_view>& names) {
  columns_ = Columns{};
  std::pair<std::string_view, int*> wanted[] = {{"ts", &columns_.ts},
                                                {"query", &columns_.query},
                                                {"qtype_name", &columns_.qtype_name},
                                                {"qtype", &columns_.qtype},
                                                {"rcode_name", &columns_.rcode_name},
                                                {"rcode", &columns_.rcode},
                                                {"answers", &columns_.answers},
                                                {"rejected", &columns_.rejected}};
  for (size_t i = 0; i < names.size(); ++i) {
    for (auto& [name, index] : wanted) {
      if (names[i] == name) *index = static_cast<int>(i);
    }
  }
  header_error_.clear();
  for (auto [name, index] : {std::pair{"ts", columns_.ts}, std::pair{"query", columns_.query},
                             std::pair{"answers", columns_.answers}}) {
    if (index < 0) {
      header_error_ = fmt::format("#fields has no \"{}\" column (not a Zeek dns.log)", name);
      break;
    }
  }
}

void ZeekDnsParser::Split(std::string_view line, char separator) {
  fields_.clear();
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == separator) {
      fields_.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
}

void ZeekDnsParser::Header(std::string_view line, RecordSink& sink) {
  // "#separator \x09" names the separator of everything else, after a space.
  if (line.starts_with("#separator ")) {
    std::string_view value = Unescape(line.substr(11), scratch_);
    if (value.size() != 1) {
      sink.Reject(fmt::format("#separator \"{}\": only one-byte separators are supported",
                              pdns::Quote(line.substr(11))));
      return;
    }
    separator_ = value[0];
    sink.Skip();
    return;
  }
  Split(line, separator_);
  std::string_view key = fields_[0];
  std::string_view value = fields_.size() > 1 ? fields_[1] : std::string_view();
  if (key == "#fields") {
    std::vector<std::string_view> names(fields_.begin() + 1, fields_.end());
    SetFields(names);
  } else if (key == "#set_separator") {
    std::string_view v = Unescape(value, scratch_);
    if (v.size() == 1) set_separator_ = v[0];
  } else if (key == "#unset_field") {
    unset_ = std::string(Unescape(value, scratch_));
  } else if (key == "#empty_field") {
    empty_ = std::string(Unescape(value, scratch_));
  }
  sink.Skip();
}

void ZeekDnsParser::ReadTsv(std::string_view line, RecordSink& sink) {
  if (!header_error_.empty()) {
    sink.Reject(header_error_);
    return;
  }
  Split(line, separator_);
  auto column = [&](int index, bool* present) -> std::string_view {
    if (index < 0 || static_cast<size_t>(index) >= fields_.size() || fields_[index] == unset_) {
      if (present) *present = false;
      return {};
    }
    if (present) *present = true;
    return fields_[index];
  };
  const size_t expected =
      static_cast<size_t>(std::max({columns_.ts, columns_.query, columns_.answers}) + 1);
  if (fields_.size() < expected) {
    sink.Reject(
        fmt::format("row has {} columns, the header names at least {}", fields_.size(), expected));
    return;
  }
  bool present = false;
  row_.ts_text = column(columns_.ts, nullptr);
  row_.query = column(columns_.query, &row_.has_query);
  row_.qtype = column(columns_.qtype_name, &row_.has_qtype);
  if (!row_.has_qtype) row_.qtype = column(columns_.qtype, &row_.has_qtype);
  row_.rcode = column(columns_.rcode_name, &row_.has_rcode);
  if (!row_.has_rcode) row_.rcode = column(columns_.rcode, &row_.has_rcode);
  row_.rejected = column(columns_.rejected, &present) == "T";
  row_.tsv_answers = column(columns_.answers, &present);
  if (row_.tsv_answers == empty_) row_.tsv_answers = {};
  row_ready_ = true;
}

void ZeekDnsParser::ReadJson(std::string_view line, RecordSink& sink) {
  dom::element document;
  if (auto e = parser_.parse(buffer_.Load(line), line.size(), false).get(document); e) {
    sink.Reject(fmt::format("unreadable JSON: {}", simdjson::error_message(e)));
    return;
  }
  dom::object object;
  if (document.get_object().get(object)) {
    sink.Reject("not a JSON object");
    return;
  }
  for (dom::key_value_pair field : object) {
    std::string_view key = field.key;
    dom::element value = field.value;
    std::string_view text;
    uint64_t number = 0;
    if (key == "ts") {
      double seconds = 0;
      if (!value.get_string().get(row_.ts_text)) continue;
      if (value.get_double().get(seconds)) {
        sink.Reject("ts: neither a number nor a string");
        return;
      }
      row_.ts_number = seconds;
    } else if (key == "query") {
      row_.has_query = !value.get_string().get(row_.query);
    } else if (key == "qtype_name" || (key == "qtype" && !row_.has_qtype)) {
      if (!value.get_string().get(text)) {
        row_.qtype = text;
        row_.has_qtype = true;
      } else if (!value.get_uint64().get(number)) {
        row_.qtype = pdns::RrKindFromNumber(number) == RrKind::kA       ? "A"
                     : pdns::RrKindFromNumber(number) == RrKind::kAaaa  ? "AAAA"
                     : pdns::RrKindFromNumber(number) == RrKind::kCname ? "CNAME"
                                                                        : "other";
        row_.has_qtype = true;
      }
    } else if (key == "rcode_name" || (key == "rcode" && !row_.has_rcode)) {
      if (!value.get_string().get(text)) {
        row_.rcode = text;
        row_.has_rcode = true;
      } else if (!value.get_uint64().get(number)) {
        row_.rcode = number == 0 ? "NOERROR" : "other";
        row_.has_rcode = true;
      }
    } else if (key == "rejected") {
      bool rejected = false;
      row_.rejected = !value.get_bool().get(rejected) && rejected;
    } else if (key == "answers") {
      dom::array answers;
      if (value.get_array().get(answers)) {
        sink.Reject("answers: not an array");
        return;
      }
      row_.json_answers = answers;
    }
  }
  row_ready_ = true;
}

absl::Status ZeekDnsParser::EmitAnswer(std::string_view text, RecordSink& sink) {
  // Zeek renders other record types with spaces or angle brackets: not names.
  if (text.empty() || text.find(' ') != std::string_view::npos || text[0] == '<') {
    return absl::OkStatus();
  }
  const std::string* reason = nullptr;
  const Indicator* tail = set_.tail();
  if (LooksLikeAddress(text)) {
    RrKind kind = text.find(':') != std::string_view::npos ? RrKind::kAaaa : RrKind::kA;
    const Indicator* address = names_.Address(text, kind, &reason);
    if (address == nullptr) {
      error_.Note("answers", text, *reason);
      return absl::OkStatus();
    }
    return set_.Address(sink, *tail, *address);
  }
  const Indicator* target = names_.Domain(text, &reason);
  if (target == nullptr) {
    error_.Note("answers", text, *reason);
    return absl::OkStatus();
  }
  return set_.Cname(sink, *tail, *target);
}

absl::Status ZeekDnsParser::Emit(const ZeekRow& row, RecordSink& sink) {
  const bool answered = row.json_answers ? row.json_answers->size() > 0 : !row.tsv_answers.empty();
  const bool noerror = !row.has_rcode || row.rcode == "NOERROR" || row.rcode == "0";
  const bool wanted_type = !row.has_qtype || pdns::RrKindFromName(row.qtype) != RrKind::kOther;
  // Unanswered queries (timeouts: rcode unset) have no answers either.
  if (row.rejected || !answered || !noerror || !wanted_type) {
    sink.Skip();
    return absl::OkStatus();
  }
  UnixSeconds time = 0;
  if (row.ts_number) {
    double t = *row.ts_number;
    if (!std::isfinite(t) || t < 0 || t > 1e12) {
      sink.Reject(fmt::format("ts: {} is not a Unix time", t));
      return absl::OkStatus();
    }
    time = static_cast<UnixSeconds>(t);
  } else {
    auto parsed = ParseFeedTime(row.ts_text);
    if (!parsed.ok()) {
      sink.Reject(fmt::format("ts: {}", std::string(parsed.status().message())));
      return absl::OkStatus();
    }
    time = *parsed;
  }
  if (!row.has_query || row.query.empty()) {
    sink.Reject("query: unset in an answered row");
    return absl::OkStatus();
  }
  std::string_view query_text = row.json_answers ? row.query : Unescape(row.query, query_scratch_);
  const std::string* reason = nullptr;
  const Indicator* query = names_.Domain(query_text, &reason);
  if (query == nullptr) {
    error_.Note("query", query_text, *reason);
    pdns::Finish(sink, error_, false);
    return absl::OkStatus();
  }
  set_.Begin(query, RelationStats{time, time, 1});
  if (row.json_answers) {
    for (dom::element item : *row.json_answers) {
      std::string_view text;
      if (item.get_string().get(text)) {
        error_.Note("answers: an item is not a string");
        continue;
      }
      RETURN_IF_ERROR(EmitAnswer(text, sink));
    }
  } else {
    std::string_view rest = row.tsv_answers;
    while (true) {
      size_t comma = rest.find(set_separator_);
      RETURN_IF_ERROR(EmitAnswer(Unescape(rest.substr(0, comma), scratch_), sink));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (set_.emitted()) RETURN_IF_ERROR(sink.Observe(*query, 1, time));
  pdns::Finish(sink, error_, set_.emitted());
  return absl::OkStatus();
}

absl::Status ZeekDnsParser::ParseLine(std::string_view line, RecordSink& sink) {
  names_.Trim();
  error_.Clear();
  if (IsBlank(line)) {
    sink.Skip();
    return absl::OkStatus();
  }
  if (line[0] == '#') {
    Header(line, sink);
    return absl::OkStatus();
  }
  row_ = ZeekRow{};
  row_ready_ = false;
  if (line[0] == '{') {
    ReadJson(line, sink);
  } else {
    ReadTsv(line, sink);
  }
  if (!row_ready_) return absl::OkStatus();  // rejected while reading
  return Emit(row_, sink);
}

}  // namespace

std::unique_ptr<FeedParser> MakeZeekDnsParser() { return std::make_unique<ZeekDnsParser>(); }

}  // namespace loupe
