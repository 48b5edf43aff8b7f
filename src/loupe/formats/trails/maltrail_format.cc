#include "loupe/formats/trails/maltrail_format.h"

#include <string>
#include <utility>

#include "fmt/format.h"
#include "loupe/feed/record.h"
#include "loupe/formats/trails/trail_text.h"
#include "loupe/model/indicator.h"

namespace loupe {
namespace {

using trails::EqualsNoCase;
using trails::FirstField;
using trails::StartsWithNoCase;
using trails::Trim;

constexpr size_t kMaxLabels = 256;
constexpr size_t kMaxShownTrail = 120;

// True when one of the '_'-separated words of `stem` is `word`.
bool HasWord(std::string_view stem, std::string_view word) {
  size_t start = 0;
  while (start <= stem.size()) {
    size_t end = stem.find('_', start);
    if (end == std::string_view::npos) end = stem.size();
    if (EqualsNoCase(Trim(stem.substr(start, end - start)), word)) return true;
    start = end + 1;
  }
  return false;
}

bool Contains(std::string_view stem, std::string_view lower_word) {
  for (size_t i = 0; i + lower_word.size() <= stem.size(); ++i) {
    if (StartsWithNoCase(stem.substr(i), lower_word)) return true;
  }
  return false;
}

CategorySet MalwareCategories(std::string_view stem) {
  if (StartsWithNoCase(stem, "sinkhole")) return CategoryBit(Category::kSinkhole);
  CategorySet set = CategoryBit(Category::kMalware);
  if (StartsWithNoCase(stem, "apt_")) set |= CategoryBit(Category::kApt);
  if (HasWord(stem, "ransomware")) set |= CategoryBit(Category::kRansomware);
  if (HasWord(stem, "miner") || HasWord(stem, "coinminer")) set |= CategoryBit(Category::kMiner);
  return set;
}

CategorySet MaliciousCategories(std::string_view stem) {
  CategorySet set = CategoryBit(Category::kMalicious);
  if (HasWord(stem, "c2")) set |= CategoryBit(Category::kC2);
  if (StartsWithNoCase(stem, "ek_")) set |= CategoryBit(Category::kExploit);
  if (HasWord(stem, "proxy")) set |= CategoryBit(Category::kProxy);
  return set;
}

CategorySet SuspiciousCategories(std::string_view stem) {
  CategorySet set = CategoryBit(Category::kSuspicious);
  if (HasWord(stem, "proxy")) set |= CategoryBit(Category::kProxy);
  if (HasWord(stem, "onion")) set |= CategoryBit(Category::kTor);
  return set;
}

bool IsHttpUrl(std::string_view s) {
  return StartsWithNoCase(s, "http://") || StartsWithNoCase(s, "https://");
}

class MaltrailParser : public FeedParser {
 public:
  bool line_oriented() const override { return true; }

  void BeginInput(std::string_view path) override {
    record_ = IndicatorRecord{};
    record_.categories = MaltrailCategories(path);
    std::string_view family = trails::StemOf(path, ".txt");
    if (!family.empty() && family != "-") record_.labels.emplace_back(family);
    trail_since_reference_ = true;
  }

  absl::Status ParseLine(std::string_view line, RecordSink& sink) override {
    line = Trim(trails::StripBom(line));
    if (line.empty()) {
      sink.Skip();
      return absl::OkStatus();
    }
    if (line.front() == '#') {
      ParseComment(Trim(line.substr(1)));
      sink.Skip();
      return absl::OkStatus();
    }
    std::string_view trail = FirstField(line);
    if (trail.front() == '/') {  // a path matched against any host: nothing to key on
      sink.Skip();
      return absl::OkStatus();
    }
    // Maltrail strips the dots around domain trails (".example.com").
    while (!trail.empty() && trail.front() == '.') trail.remove_prefix(1);
    auto indicator = ParseIndicator(trail);
    if (!indicator.ok()) {
      sink.Reject(fmt::format("trail \"{}\": {}", trail.substr(0, kMaxShownTrail),
                              std::string(indicator.status().message())));
      return absl::OkStatus();
    }
    if (IsHashType(indicator->type)) {
      sink.Reject(fmt::format("trail \"{}\": a file hash is not a network trail",
                              trail.substr(0, kMaxShownTrail)));
      return absl::OkStatus();
    }
    record_.indicator = *std::move(indicator);
    trail_since_reference_ = true;
    return sink.AddIndicator(record_);
  }

 private:
  // "Aliases: a, b" and "Reference: URL" (any case, colon optional); other comments are
  // free text.
  void ParseComment(std::string_view comment) {
    if (StartsWithNoCase(comment, "aliases")) {
      AddAliases(KeywordValue(comment.substr(7)));
    } else if (StartsWithNoCase(comment, "reference")) {
      SetReference(FirstField(KeywordValue(comment.substr(9))));
    }
  }

  static std::string_view KeywordValue(std::string_view rest) {
    if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
    return Trim(rest);
  }

  void AddAliases(std::string_view list) {
    while (!list.empty()) {
      size_t comma = list.find(',');
      AddLabel(Trim(list.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }

  void AddLabel(std::string_view alias) {
    if (alias.empty() || record_.labels.size() >= kMaxLabels) return;
    for (const std::string& label : record_.labels) {
      if (EqualsNoCaseBoth(label, alias)) return;
    }
    std::string& label = record_.labels.emplace_back(alias);
    for (char& c : label) c = trails::ToLower(c);
  }

  static bool EqualsNoCaseBoth(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (trails::ToLower(a[i]) != trails::ToLower(b[i])) return false;
    }
    return true;
  }

  void SetReference(std::string_view url) {
    if (trail_since_reference_) {  // a new block begins
      record_.reference.clear();
      trail_since_reference_ = false;
    }
    if (record_.reference.empty() && IsHttpUrl(url)) record_.reference.assign(url);
  }

  // The per-file template: categories, labels and reference stay, the indicator changes
  // with each line, so a line costs no allocation beyond the indicator's own.
  IndicatorRecord record_;
  bool trail_since_reference_ = true;
};

}  // namespace

CategorySet MaltrailCategories(std::string_view path) {
  std::string_view stem = trails::StemOf(path, ".txt");
  std::string_view folder = trails::ParentName(path);
  if (StartsWithNoCase(stem, "mass_scanner")) return CategoryBit(Category::kScanner);
  if (Contains(stem, "adware")) return CategoryBit(Category::kAdware);
  if (EqualsNoCase(stem, "pua") || HasWord(stem, "pua")) return CategoryBit(Category::kPua);
  if (EqualsNoCase(folder, "malware")) return MalwareCategories(stem);
  if (EqualsNoCase(folder, "malicious")) return MaliciousCategories(stem);
  if (EqualsNoCase(folder, "suspicious")) return SuspiciousCategories(stem);
  return CategoryBit(Category::kMalicious);
}

std::unique_ptr<FeedParser> MakeMaltrailParser() { return std::make_unique<MaltrailParser>(); }

}  // namespace loupe
