// The category vocabulary: what a piece of evidence says an object is. Feeds use many
// names for the same thing ("C&C", "cnc", "botnet_cc"); they map to one Category here,
// and the original name is kept in the evidence. Thread-safe (immutable tables).
#ifndef LOUPE_MODEL_CATEGORY_H_
#define LOUPE_MODEL_CATEGORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loupe {

// Each value is a bit position in persisted category sets: never renumber, only append.
enum class Category : uint8_t {
  kMalicious = 0,  // generic "bad" with no detail (a plain blocklist)
  kMalware = 1,
  kC2 = 2,
  kBotnet = 3,
  kPhishing = 4,
  kExploit = 5,
  kRansomware = 6,
  kMiner = 7,
  kApt = 8,
  kSpam = 9,
  kScanner = 10,
  kBruteforce = 11,
  kSuspicious = 12,
  kAdware = 13,
  kPua = 14,
  kPornware = 15,
  kRiskware = 16,
  kTor = 17,
  kProxy = 18,
  kBenign = 19,
  kPopular = 20,  // on a top-sites list
  kCdn = 21,
  kSinkhole = 22,
  kDga = 23,
  kPayloadDelivery = 24,
};
inline constexpr int kCategoryCount = 25;

// How a category bears on the zone (docs/verdicts in the verdict layer uses these).
enum class CategoryClass : uint8_t {
  kMalicious,   // toward Red
  kAdware,      // toward Yellow
  kSuspicious,  // raises the score, never alone to Red
  kBenign,      // toward Green
  kNeutral,     // context only (tor, proxy, cdn)
};

using CategorySet = uint64_t;  // bit i set = Category(i) present

inline CategorySet CategoryBit(Category c) { return CategorySet{1} << static_cast<int>(c); }
inline bool HasCategory(CategorySet set, Category c) { return (set & CategoryBit(c)) != 0; }

std::string_view CategoryName(Category c);  // "c2", "malware", ...
CategoryClass ClassOf(Category c);
// Maps a feed's category word (any case, '-', '_' or ' ' separators) to a Category;
// nullopt for words outside the vocabulary (the evidence keeps them as free text).
std::optional<Category> CategoryFromName(std::string_view name);
// Bits of every category in `set`, as names, in enum order.
std::vector<std::string> CategoryNames(CategorySet set);
// True when any category in `set` has class `cls`.
bool HasClass(CategorySet set, CategoryClass cls);

}  // namespace loupe

#endif  // LOUPE_MODEL_CATEGORY_H_
