#include "loupe/formats/misp/misp_tags.h"

#include <algorithm>
#include <iterator>

#include "loupe/formats/misp/misp_text.h"

namespace loupe {

using misp_text::IsAlpha;
using misp_text::IsDigit;
using misp_text::IsHex;
using misp_text::ToLower;
using misp_text::Trim;

MispTagMeaning ClassifyMispGalaxyCluster(std::string_view galaxy_type, std::string_view value) {
  value = Trim(value);
  const std::string type = ToLower(Trim(galaxy_type));
  if (value.empty()) return {};
  // Techniques and mitigations describe how the campaign behaved, not what an indicator
  // is, and come by the dozen; sectors and countries describe the victims.
  for (std::string_view dropped : {"attack-pattern", "course-of-action", "sector", "country",
                                   "region", "target-information"}) {
    if (type.find(dropped) != std::string::npos) return {};
  }
  MispTagMeaning m;
  // Some galaxies tag by cluster UUID; the event's Galaxy[] carries the name.
  if (!IsMispUuid(value)) m.label = std::string(value);
  auto ends_with = [&](std::string_view suffix) { return type.ends_with(suffix); };
  if (ends_with("threat-actor") || ends_with("intrusion-set")) {
    m.categories = CategoryBit(Category::kApt);
    m.threat_actor = true;
  } else if (type == "ransomware") {
    m.categories = CategoryBit(Category::kRansomware);
  } else if (type == "malpedia" || ends_with("malware") || type == "rat" || type == "banker" ||
             type == "stealer" || type == "backdoor") {
    m.categories = CategoryBit(Category::kMalware);
  } else if (type == "botnet") {
    m.categories = CategoryBit(Category::kBotnet);
  } else if (type == "exploit-kit") {
    m.categories = CategoryBit(Category::kExploit);
  }
  return m;
}

MispTagMeaning ClassifyMispTag(std::string_view name, bool event_level) {
  name = Trim(name);
  if (name.empty()) return {};
  const std::string lower = ToLower(name);
  if (lower.starts_with("tlp:")) {
    static constexpr std::string_view kLevels[] = {"white",        "green", "amber",
                                                   "amber+strict", "red",   "clear"};
    const std::string_view level = std::string_view(lower).substr(4);
    if (event_level &&
        std::find(std::begin(kLevels), std::end(kLevels), level) != std::end(kLevels)) {
      return {.label = lower};
    }
    return {};
  }
  if (lower.starts_with("misp-galaxy:")) {
    const std::string_view rest = name.substr(12);
    const size_t eq = rest.find('=');
    if (eq == std::string_view::npos) return {};
    std::string_view value = Trim(rest.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return ClassifyMispGalaxyCluster(rest.substr(0, eq), value);
  }
  // Other machine tags (namespace:predicate[="value"]) classify the report, not the
  // indicators: type:OSINT, osint:source-type, workflow:, pap:, estimative-language:...
  if (name.find(':') != std::string_view::npos) return {};
  if (std::optional<Category> c = CategoryFromName(name)) {
    return {.label = "", .categories = CategoryBit(*c)};
  }
  return {.label = std::string(name)};
}

bool MispInfoMentionsApt(std::string_view info) {
  auto alnum = [](char c) { return IsAlpha(c) || IsDigit(c); };
  for (size_t at = info.find("APT"); at != std::string_view::npos; at = info.find("APT", at + 1)) {
    if (at > 0 && alnum(info[at - 1])) continue;
    const size_t after = at + 3;
    if (after == info.size() || !IsAlpha(info[after])) return true;
    // "APTs"
    if (info[after] == 's' && (after + 1 == info.size() || !alnum(info[after + 1]))) return true;
  }
  return false;
}

bool IsMispUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !IsHex(text[i])) return false;
  }
  return true;
}

}  // namespace loupe
