#include "loupe/model/category.h"

#include <array>

#include "absl/strings/ascii.h"

namespace loupe {
namespace {

struct CategoryInfo {
  std::string_view name;
  CategoryClass cls;
};

constexpr std::array<CategoryInfo, kCategoryCount> kInfo = {{
    {"malicious", CategoryClass::kMalicious},
    {"malware", CategoryClass::kMalicious},
    {"c2", CategoryClass::kMalicious},
    {"botnet", CategoryClass::kMalicious},
    {"phishing", CategoryClass::kMalicious},
    {"exploit", CategoryClass::kMalicious},
    {"ransomware", CategoryClass::kMalicious},
    {"miner", CategoryClass::kMalicious},
    {"apt", CategoryClass::kMalicious},
    {"spam", CategoryClass::kSuspicious},
    {"scanner", CategoryClass::kSuspicious},
    {"bruteforce", CategoryClass::kSuspicious},
    {"suspicious", CategoryClass::kSuspicious},
    {"adware", CategoryClass::kAdware},
    {"pua", CategoryClass::kAdware},
    {"pornware", CategoryClass::kAdware},
    {"riskware", CategoryClass::kAdware},
    {"tor", CategoryClass::kNeutral},
    {"proxy", CategoryClass::kNeutral},
    {"benign", CategoryClass::kBenign},
    {"popular", CategoryClass::kBenign},
    {"cdn", CategoryClass::kNeutral},
    {"sinkhole", CategoryClass::kNeutral},
    {"dga", CategoryClass::kMalicious},
    {"payload_delivery", CategoryClass::kMalicious},
}};

struct Alias {
  std::string_view word;
  Category category;
};

// Words real feeds use (abuse.ch, maltrail, MISP taxonomies, STIX labels).
constexpr Alias kAliases[] = {
    {"bad", Category::kMalicious},
    {"blocklist", Category::kMalicious},
    {"blacklist", Category::kMalicious},
    {"malicious_activity", Category::kMalicious},
    {"trojan", Category::kMalware},
    {"virus", Category::kMalware},
    {"worm", Category::kMalware},
    {"backdoor", Category::kMalware},
    {"spyware", Category::kMalware},
    {"stealer", Category::kMalware},
    {"rat", Category::kMalware},
    {"dropper", Category::kMalware},
    {"loader", Category::kMalware},
    {"malware_download", Category::kPayloadDelivery},
    {"cc", Category::kC2},
    {"c&c", Category::kC2},
    {"cnc", Category::kC2},
    {"botnet_cc", Category::kC2},
    {"command_and_control", Category::kC2},
    {"phish", Category::kPhishing},
    {"exploit_kit", Category::kExploit},
    {"cryptominer", Category::kMiner},
    {"coinminer", Category::kMiner},
    {"cryptojacking", Category::kMiner},
    {"spammer", Category::kSpam},
    {"mass_scanner", Category::kScanner},
    {"scanning", Category::kScanner},
    {"brute_force", Category::kBruteforce},
    {"potentially_unwanted", Category::kPua},
    {"potentially_unwanted_application", Category::kPua},
    {"pornography", Category::kPornware},
    {"porn", Category::kPornware},
    {"tor_exit", Category::kTor},
    {"anonymizer", Category::kProxy},
    {"vpn", Category::kProxy},
    {"clean", Category::kBenign},
    {"good", Category::kBenign},
    {"allowlist", Category::kBenign},
    {"whitelist", Category::kBenign},
    {"top_site", Category::kPopular},
    {"advanced_persistent_threat", Category::kApt},
};

std::string Normalize(std::string_view name) {
  std::string out = absl::AsciiStrToLower(
      absl::StripAsciiWhitespace(absl::string_view(name.data(), name.size())));
  for (char& c : out) {
    if (c == '-' || c == ' ') c = '_';
  }
  return out;
}

}  // namespace

std::string_view CategoryName(Category c) { return kInfo[static_cast<int>(c)].name; }

CategoryClass ClassOf(Category c) { return kInfo[static_cast<int>(c)].cls; }

std::optional<Category> CategoryFromName(std::string_view name) {
  std::string word = Normalize(name);
  for (int i = 0; i < kCategoryCount; ++i) {
    if (kInfo[i].name == word) return static_cast<Category>(i);
  }
  for (const Alias& alias : kAliases) {
    if (alias.word == word) return alias.category;
  }
  return std::nullopt;
}

std::vector<std::string> CategoryNames(CategorySet set) {
  std::vector<std::string> names;
  for (int i = 0; i < kCategoryCount; ++i) {
    if (set & (CategorySet{1} << i)) names.emplace_back(kInfo[i].name);
  }
  return names;
}

bool HasClass(CategorySet set, CategoryClass cls) {
  for (int i = 0; i < kCategoryCount; ++i) {
    if ((set & (CategorySet{1} << i)) && kInfo[i].cls == cls) return true;
  }
  return false;
}

}  // namespace loupe
