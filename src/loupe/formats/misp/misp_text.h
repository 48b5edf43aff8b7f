// Small ASCII text helpers shared by the MISP format's files. Thread-safe, pure.
#ifndef LOUPE_FORMATS_MISP_MISP_TEXT_H_
#define LOUPE_FORMATS_MISP_MISP_TEXT_H_

#include <string>
#include <string_view>

namespace loupe::misp_text {

inline bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

inline std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// Without leading and trailing spaces, tabs and line ends.
inline std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace loupe::misp_text

#endif  // LOUPE_FORMATS_MISP_MISP_TEXT_H_
