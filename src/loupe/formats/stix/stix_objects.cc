#include "loupe/formats/stix/stix_objects.h"

#include <algorithm>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/feed/feed_time.h"
#include "loupe/formats/stix/stix_pattern.h"

namespace loupe::stix {

namespace dom = simdjson::dom;
using simdjson::SUCCESS;

namespace {

std::string Lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

int Strength(IndicatorType type) {
  switch (type) {
    case IndicatorType::kSha256:
      return 3;
    case IndicatorType::kSha1:
      return 2;
    case IndicatorType::kMd5:
      return 1;
    default:
      return 0;
  }
}

void ReadHashes(dom::object file, std::string_view where, Values& out) {
  auto e = At(file, "hashes");
  dom::object hashes;
  if (!e) return;
  if (e->get_object().get(hashes) != SUCCESS) {
    out.problems.push_back(fmt::format("{}: hashes is not an object", where));
    return;
  }
  for (dom::key_value_pair field : hashes) {
    std::optional<IndicatorType> type = HashTypeFromName(field.key);
    if (!type) continue;
    std::string_view text;
    if (field.value.get_string().get(text) != SUCCESS) {
      out.problems.push_back(fmt::format("{}: hashes.{}: not a string", where, field.key));
      continue;
    }
    absl::StatusOr<Indicator> hash = ParseIndicatorAs(*type, text);
    if (!hash.ok()) {
      out.problems.push_back(
          fmt::format("{}: hashes.{}: {}", where, field.key, std::string(hash.status().message())));
      continue;
    }
    auto same = std::find_if(out.values.begin(), out.values.end(),
                             [&](const Indicator& v) { return v.type == hash->type; });
    if (same != out.values.end()) {
      if (same->value != hash->value) {
        out.problems.push_back(fmt::format("{}: hashes.{}: a second {} ({})", where, field.key,
                                           IndicatorTypeName(*type), hash->value));
      }
      continue;
    }
    out.values.push_back(*std::move(hash));
  }
  for (size_t i = 0; i < out.values.size(); ++i) {
    if (out.anchor < 0 || Strength(out.values[i].type) > Strength(out.values[out.anchor].type)) {
      out.anchor = static_cast<int>(i);
    }
  }
}

}  // namespace

std::optional<dom::element> At(dom::object o, std::string_view key) {
  dom::element e;
  if (o.at_key(key).get(e) != SUCCESS || e.is_null()) return std::nullopt;
  return e;
}

std::optional<std::string_view> StringAt(dom::object o, std::string_view key) {
  std::string_view s;
  auto e = At(o, key);
  if (!e || e->get_string().get(s) != SUCCESS) return std::nullopt;
  return s;
}

bool TrueAt(dom::object o, std::string_view key) {
  bool b = false;
  auto e = At(o, key);
  return e && e->get_bool().get(b) == SUCCESS && b;
}

std::vector<std::string_view> StringsAt(dom::object o, std::string_view key) {
  std::vector<std::string_view> out;
  auto e = At(o, key);
  if (!e) return out;
  std::string_view s;
  dom::array list;
  if (e->get_string().get(s) == SUCCESS) {
    out.push_back(s);
  } else if (e->get_array().get(list) == SUCCESS) {
    for (dom::element item : list) {
      if (item.get_string().get(s) == SUCCESS) out.push_back(s);
    }
  }
  return out;
}

absl::StatusOr<UnixSeconds> TimeAt(dom::object o, std::string_view key) {
  auto e = At(o, key);
  if (!e) return 0;
  std::string_view s;
  if (e->get_string().get(s) != SUCCESS) {
    return absl::InvalidArgumentError(fmt::format("{}: not a string", key));
  }
  absl::StatusOr<UnixSeconds> t = ParseFeedTime(s);
  if (!t.ok()) {
    return absl::InvalidArgumentError(
        fmt::format("{}: {}", key, std::string(t.status().message())));
  }
  return *t;
}

absl::StatusOr<uint64_t> CountAt(dom::object o, std::string_view key, uint64_t fallback) {
  auto e = At(o, key);
  if (!e) return fallback;
  uint64_t n = 0;
  if (e->get_uint64().get(n) != SUCCESS) {
    return absl::InvalidArgumentError(fmt::format("{}: not a non-negative integer", key));
  }
  return n;
}

// The indicator vocabulary of STIX (indicator-label-ov / indicator-type-ov) first, then
// loupe's own words (c2, phishing ... as 2.1 producers put them in free `labels`).
std::optional<Category> IndicatorCategory(std::string_view word) {
  const std::string w = Lowered(word);
  if (w == "malicious-activity" || w == "compromised") return Category::kMalicious;
  if (w == "anomalous-activity") return Category::kSuspicious;
  if (w == "benign") return Category::kBenign;
  if (w == "attribution") return Category::kApt;
  return CategoryFromName(word);
}

void AddLabel(IndicatorRecord& r, std::string_view label) {
  if (label.empty() || r.labels.size() >= kMaxLabels) return;
  if (std::find(r.labels.begin(), r.labels.end(), label) != r.labels.end()) return;
  r.labels.emplace_back(label);
}

Values ReadObservable(dom::object o, std::string_view type, std::string_view where) {
  Values out;
  if (type == "file") {
    ReadHashes(o, where, out);
    return out;
  }
  std::optional<std::string_view> text = StringAt(o, "value");
  if (!text) {
    out.problems.push_back(fmt::format("{}: no value", where));
    return out;
  }
  absl::StatusOr<Indicator> value;
  if (type == "ipv4-addr") {
    value = ParseStixAddress(IndicatorType::kIpv4, *text);
  } else if (type == "ipv6-addr") {
    value = ParseStixAddress(IndicatorType::kIpv6, *text);
  } else if (type == "domain-name") {
    value = ParseIndicatorAs(IndicatorType::kDomain, *text);
  } else {
    value = ParseIndicatorAs(IndicatorType::kUrl, *text);
  }
  if (!value.ok()) {
    out.problems.push_back(
        fmt::format("{}: value: {}", where, std::string(value.status().message())));
    return out;
  }
  out.values.push_back(*std::move(value));
  out.anchor = 0;
  return out;
}

const Indicator* AnchorOf(const Values& v) { return v.anchor >= 0 ? &v.values[v.anchor] : nullptr; }

std::optional<RelationType> MapRelation(const Indicator& from, std::string_view type,
                                        const Indicator& to) {
  if (type == "resolves-to" && from.type == IndicatorType::kDomain) {
    if (IsIpType(to.type)) return RelationType::kResolvesTo;
    if (to.type == IndicatorType::kDomain) return RelationType::kCname;
  } else if (type == "communicates-with" && IsHashType(from.type)) {
    if (to.type == IndicatorType::kUrl) return RelationType::kAccessedUrl;
    if (to.type == IndicatorType::kDomain) return RelationType::kContactedDomain;
  } else if (type == "downloads" && IsHashType(to.type)) {
    if (from.type == IndicatorType::kUrl) return RelationType::kDownloadedFile;
    if (IsIpType(from.type)) return RelationType::kServedFile;
  }
  return std::nullopt;
}

absl::Status ReadIndicatorRecord(dom::object o, IndicatorRecord& r) {
  ASSIGN_OR_RETURN(UnixSeconds valid_from, TimeAt(o, "valid_from"));
  ASSIGN_OR_RETURN(UnixSeconds created, TimeAt(o, "created"));
  ASSIGN_OR_RETURN(r.last_seen, TimeAt(o, "modified"));
  r.first_seen = valid_from != 0 ? valid_from : created;
  // valid_until is not read, even when it is past: when evidence expires is the source
  // registry's decision (its retention), not the feed's.
  if (auto e = At(o, "confidence")) {
    int64_t c = -1;
    if (e->get_int64().get(c) != SUCCESS || c < 0 || c > 100) {
      return absl::InvalidArgumentError("confidence: not an integer 0-100");
    }
    r.confidence = static_cast<uint8_t>(c);
  }
  for (std::string_view key : {"labels", "indicator_types"}) {
    for (std::string_view word : StringsAt(o, key)) {
      if (auto c = IndicatorCategory(word)) {
        r.categories |= CategoryBit(*c);
      } else {
        AddLabel(r, word);
      }
    }
  }
  if (r.categories == 0) r.categories = CategoryBit(Category::kMalicious);
  dom::array refs;
  if (auto e = At(o, "external_references"); e && e->get_array().get(refs) == SUCCESS) {
    for (dom::element ref : refs) {
      dom::object ro;
      if (ref.get_object().get(ro) != SUCCESS) continue;
      auto url = StringAt(ro, "url");
      if (url && !url->empty()) {
        r.reference = std::string(*url);
        break;
      }
    }
  }
  return absl::OkStatus();
}

bool IsObservableType(std::string_view type) {
  return type == "ipv4-addr" || type == "ipv6-addr" || type == "domain-name" || type == "url" ||
         type == "file";
}

FileInfo FileInfoOf(dom::object file, const Values& v) {
  FileInfo info;
  for (const Indicator& h : v.values) {
    if (h.type == IndicatorType::kMd5) info.md5 = h.value;
    if (h.type == IndicatorType::kSha1) info.sha1 = h.value;
    if (h.type == IndicatorType::kSha256) info.sha256 = h.value;
  }
  if (auto size = At(file, "size")) {
    if (size->get_uint64().get(info.size) != SUCCESS) info.size = 0;
  }
  return info;
}

}  // namespace loupe::stix
