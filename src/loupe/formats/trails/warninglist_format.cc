#include "loupe/formats/trails/warninglist_format.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/feed/record.h"
#include "loupe/formats/trails/trail_text.h"
#include "loupe/model/category.h"
#include "loupe/model/indicator.h"
#include "simdjson.h"

namespace loupe {
namespace {

using trails::EqualsNoCase;
using trails::StartsWithNoCase;

constexpr size_t kMaxShown = 120;
constexpr std::string_view kHostnameLabel = "warninglist-hostname";

enum class ListType { kString, kSubstring, kHostname, kCidr, kRegex };

std::optional<ListType> ListTypeFromName(std::string_view name) {
  if (name == "string") return ListType::kString;
  if (name == "substring") return ListType::kSubstring;
  if (name == "hostname") return ListType::kHostname;
  if (name == "cidr") return ListType::kCidr;
  if (name == "regex") return ListType::kRegex;
  return std::nullopt;
}

bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Offsets where `lower_word` starts a word of `text` (not preceded by a letter or digit).
template <typename Fn>
bool AnyWordStart(std::string_view text, std::string_view lower_word, Fn&& accept) {
  for (size_t i = 0; i + lower_word.size() <= text.size(); ++i) {
    if ((i == 0 || !IsAlnum(text[i - 1])) && StartsWithNoCase(text.substr(i), lower_word) &&
        accept(text.substr(i + lower_word.size()))) {
      return true;
    }
  }
  return false;
}

// `lower_word` as a whole word of `text`.
bool HasWord(std::string_view text, std::string_view lower_word) {
  return AnyWordStart(text, lower_word,
                      [](std::string_view rest) { return rest.empty() || !IsAlnum(rest[0]); });
}

// "Top 10K", "top 1,000", "cisco_top1000", "top-500".
bool SaysTopNumber(std::string_view text) {
  return AnyWordStart(text, "top", [](std::string_view rest) {
    while (!rest.empty() && (rest[0] == ' ' || rest[0] == '-' || rest[0] == '_')) {
      rest.remove_prefix(1);
    }
    return !rest.empty() && IsDigit(rest[0]);
  });
}

bool Mentions(std::string_view name, std::string_view description, std::string_view lower) {
  return HasWord(name, lower) || HasWord(description, lower);
}

// Which indicator types a list may hold: a bit per IndicatorType value.
using TypeMask = uint32_t;

TypeMask Bit(IndicatorType type) { return TypeMask{1} << static_cast<int>(type); }

constexpr TypeMask kAllTypes = ~TypeMask{0};

// The indicator types a MISP attribute type holds ("ip-dst|port": an IP; "filename|md5": an
// MD5); 0 for attribute types that are not indicators (email-src, phone-number, ...).
TypeMask TypesOfAttribute(std::string_view attribute) {
  const TypeMask ip =
      Bit(IndicatorType::kIpv4) | Bit(IndicatorType::kIpv6) | Bit(IndicatorType::kNetwork);
  const std::pair<std::string_view, TypeMask> kTypes[] = {
      {"ip-src", ip},
      {"ip-dst", ip},
      {"ip", ip},
      {"domain", Bit(IndicatorType::kDomain)},
      {"hostname", Bit(IndicatorType::kDomain)},
      {"url", Bit(IndicatorType::kUrl)},
      {"uri", Bit(IndicatorType::kUrl)},
      {"link", Bit(IndicatorType::kUrl)},
      {"md5", Bit(IndicatorType::kMd5)},
      {"sha1", Bit(IndicatorType::kSha1)},
      {"sha256", Bit(IndicatorType::kSha256)},
  };
  TypeMask mask = 0;
  while (true) {  // each part of "domain|ip", "filename|sha1"
    size_t bar = attribute.find('|');
    std::string_view part = attribute.substr(0, bar);
    for (const auto& [name, types] : kTypes) {
      if (EqualsNoCase(part, name)) mask |= types;
    }
    if (bar == std::string_view::npos) return mask;
    attribute.remove_prefix(bar + 1);
  }
}

// Absent matching_attributes means "any attribute" (README); present, they bound the types.
TypeMask AllowedTypes(simdjson::dom::object list) {
  simdjson::dom::array attributes;
  if (list["matching_attributes"].get_array().get(attributes) != simdjson::SUCCESS) {
    return kAllTypes;
  }
  TypeMask mask = 0;
  for (simdjson::dom::element attribute : attributes) {
    std::string_view name;
    if (attribute.get_string().get(name) == simdjson::SUCCESS) mask |= TypesOfAttribute(name);
  }
  return mask;
}

// "md5, sha1" for the reason of a rejection.
std::string TypeNames(TypeMask mask) {
  std::string out;
  for (int i = 1; i <= static_cast<int>(IndicatorType::kSha256); ++i) {
    if (mask & (TypeMask{1} << i)) {
      if (!out.empty()) out += ", ";
      out += IndicatorTypeName(static_cast<IndicatorType>(i));
    }
  }
  return out;
}

std::string_view StringMember(simdjson::dom::object object, std::string_view key) {
  std::string_view value;
  if (object[key].get_string().get(value) != simdjson::SUCCESS) return {};
  return value;
}

class WarninglistParser : public FeedParser {
 public:
  bool line_oriented() const override { return false; }

  void BeginInput(std::string_view path) override {
    folder_.clear();
    if (EqualsNoCase(trails::BaseName(path), "list.json")) folder_ = trails::ParentName(path);
  }

  absl::Status ParseDocument(std::string_view text, RecordSink& sink) override {
    text = trails::StripBom(text);
    simdjson::padded_string padded(text.data(), text.size());
    simdjson::dom::element root;
    if (auto error = parser_.parse(padded).get(root); error != simdjson::SUCCESS) {
      sink.Reject(fmt::format("warninglist: not valid JSON: {}", simdjson::error_message(error)));
      return absl::OkStatus();
    }
    simdjson::dom::object list;
    simdjson::dom::array entries;
    if (root.get_object().get(list) != simdjson::SUCCESS ||
        list["list"].get_array().get(entries) != simdjson::SUCCESS) {
      sink.Reject("warninglist: not a JSON object with a \"list\" array");
      return absl::OkStatus();
    }
    std::string_view type_name = "string";
    if (simdjson::dom::element type; list["type"].get(type) == simdjson::SUCCESS) {
      if (type.get_string().get(type_name) != simdjson::SUCCESS) type_name = "(not a string)";
    }
    auto type = ListTypeFromName(type_name);
    if (!type) {
      sink.Reject(
          fmt::format("warninglist: unknown type \"{}\" (string, substring, hostname, cidr, regex)",
                      type_name.substr(0, kMaxShown)));
      return absl::OkStatus();
    }
    type_ = *type;
    SetUpRecords(list);
    allowed_ = AllowedTypes(list);
    const bool skip_all =
        type_ == ListType::kSubstring || type_ == ListType::kRegex || allowed_ == 0;
    uint64_t position = 0;
    for (simdjson::dom::element entry : entries) {
      sink.set_position(++position);
      if (skip_all) {
        sink.Skip();
        continue;
      }
      RETURN_IF_ERROR(ParseEntry(entry, sink));
    }
    return absl::OkStatus();
  }

 private:
  void SetUpRecords(simdjson::dom::object list) {
    std::string_view name = StringMember(list, "name");
    std::string_view description = StringMember(list, "description");
    CategorySet categories = CategoryBit(Category::kBenign);
    if (IsTopSitesWarninglist(name, description)) categories |= CategoryBit(Category::kPopular);
    if (Mentions(name, description, "sinkhole") || Mentions(name, description, "sinkholes")) {
      categories |= CategoryBit(Category::kSinkhole);
    }
    if (Mentions(name, description, "cdn")) categories |= CategoryBit(Category::kCdn);
    if (Mentions(name, description, "vpn") || Mentions(name, description, "private relay")) {
      categories |= CategoryBit(Category::kProxy);
    }
    plain_ = IndicatorRecord{};
    plain_.categories = categories;
    std::string_view label = !name.empty() ? name : folder_;
    if (!label.empty()) plain_.labels.emplace_back(label);
    std::string_view source = !folder_.empty() ? std::string_view(folder_) : name;
    plain_.reference =
        source.empty() ? "misp-warninglist" : fmt::format("misp-warninglist:{}", source);
    hostname_ = plain_;
    hostname_.labels.emplace_back(kHostnameLabel);
  }

  absl::Status ParseEntry(simdjson::dom::element entry, RecordSink& sink) {
    std::string_view text;
    if (entry.get_string().get(text) != simdjson::SUCCESS) {
      sink.Reject("warninglist: entry is not a string");
      return absl::OkStatus();
    }
    // ".example.com": the domain and everything below it.
    std::string_view value = trails::Trim(text);
    bool suffix = false;
    while (!value.empty() && value.front() == '.') {
      value.remove_prefix(1);
      suffix = true;
    }
    auto indicator = ParseIndicator(value);
    if (!indicator.ok()) {
      sink.Reject(fmt::format("warninglist: \"{}\": {}", text.substr(0, kMaxShown),
                              std::string(indicator.status().message())));
      return absl::OkStatus();
    }
    const IndicatorType type = indicator->type;
    if (type_ == ListType::kCidr && !IsIpType(type) && type != IndicatorType::kNetwork) {
      return RejectType(text, type, "an IP address or network, as a cidr list holds", sink);
    }
    if (type_ == ListType::kHostname && !IsIpType(type) && type != IndicatorType::kDomain) {
      return RejectType(text, type, "a hostname, as a hostname list holds", sink);
    }
    if (!(allowed_ & Bit(type))) {
      return RejectType(
          text, type,
          fmt::format("of a type the list's matching_attributes name ({})", TypeNames(allowed_)),
          sink);
    }
    const bool subdomains =
        type == IndicatorType::kDomain && (type_ == ListType::kHostname || suffix);
    IndicatorRecord& record = subdomains ? hostname_ : plain_;
    record.indicator = *std::move(indicator);
    return sink.AddIndicator(record);
  }

  absl::Status RejectType(std::string_view text, IndicatorType type, std::string_view want,
                          RecordSink& sink) {
    sink.Reject(fmt::format("warninglist: \"{}\" ({}) is not {}", text.substr(0, kMaxShown),
                            IndicatorTypeName(type), want));
    return absl::OkStatus();
  }

  std::string folder_;
  ListType type_ = ListType::kString;
  TypeMask allowed_ = kAllTypes;
  IndicatorRecord plain_, hostname_;  // templates: only the indicator changes per entry
  simdjson::dom::parser parser_;      // reused across inputs for its buffers
};

}  // namespace

bool IsTopSitesWarninglist(std::string_view name, std::string_view description) {
  for (std::string_view text : {name, description}) {
    if (SaysTopNumber(text) || HasWord(text, "tranco") || HasWord(text, "alexa") ||
        HasWord(text, "majestic") || HasWord(text, "cloudflare radar")) {
      return true;
    }
  }
  return false;
}

std::unique_ptr<FeedParser> MakeWarninglistParser() {
  return std::make_unique<WarninglistParser>();
}

}  // namespace loupe
