// Small text helpers shared by the trail-list formats (maltrail, ipsum, hashlist, toplist,
// warninglist): whitespace trimming, first-field extraction and the parts of an input path
// that carry meaning (maltrail's family is the file name, hashlist's campaign the folder).
// All functions are pure, allocation-free and thread-safe.
#ifndef LOUPE_FORMATS_TRAILS_TRAIL_TEXT_H_
#define LOUPE_FORMATS_TRAILS_TRAIL_TEXT_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace loupe::trails {

inline bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Drops a UTF-8 byte order mark (editors put one before the first line of a list).
inline std::string_view StripBom(std::string_view s) {
  if (s.size() >= 3 && s[0] == '\xEF' && s[1] == '\xBB' && s[2] == '\xBF') s.remove_prefix(3);
  return s;
}

// The text up to the first whitespace of an already trimmed line; `rest` gets what follows,
// trimmed.
inline std::string_view FirstField(std::string_view s, std::string_view* rest = nullptr) {
  size_t end = 0;
  while (end < s.size() && !IsSpace(s[end])) ++end;
  if (rest != nullptr) *rest = Trim(s.substr(end));
  return s.substr(0, end);
}

inline bool StartsWithNoCase(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    if (ToLower(s[i]) != lower_prefix[i]) return false;
  }
  return true;
}

inline bool EqualsNoCase(std::string_view s, std::string_view lower) {
  return s.size() == lower.size() && StartsWithNoCase(s, lower);
}

// A decimal number of at most 18 digits (no sign, no spaces); nullopt otherwise.
inline std::optional<uint64_t> ParseDecimal(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  uint64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

// "a/b/emotet.txt" -> "emotet.txt". Both '/' and '\\' separate.
inline std::string_view BaseName(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// "a/b/emotet.txt" -> "b"; "" when the path has no folder part.
inline std::string_view ParentName(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  if (slash == std::string_view::npos) return {};
  path = path.substr(0, slash);
  return BaseName(path);
}

// The file name without a trailing `ext` (".txt"), compared ignoring case.
inline std::string_view StemOf(std::string_view path, std::string_view lower_ext) {
  std::string_view base = BaseName(path);
  if (base.size() > lower_ext.size() &&
      EqualsNoCase(base.substr(base.size() - lower_ext.size()), lower_ext)) {
    base.remove_suffix(lower_ext.size());
  }
  return base;
}

}  // namespace loupe::trails

#endif  // LOUPE_FORMATS_TRAILS_TRAIL_TEXT_H_
