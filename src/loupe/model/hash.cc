#include "loupe/model/hash.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace loupe {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

absl::Status NonHexError(std::string_view what, std::string_view text, size_t pos) {
  char c = text[pos];
  auto u = static_cast<unsigned char>(c);
  std::string shown = (u > 0x20 && u < 0x7f) ? absl::StrFormat("'%c'", c)
                                             : absl::StrCat("byte ", static_cast<int>(u));
  return absl::InvalidArgumentError(
      absl::StrFormat("%s: non-hex character %s at offset %d", what, shown, pos));
}

}  // namespace

absl::StatusOr<Indicator> ParseHash(std::string_view text) {
  IndicatorType type;
  switch (text.size()) {
    case 32:
      type = IndicatorType::kMd5;
      break;
    case 40:
      type = IndicatorType::kSha1;
      break;
    case 64:
      type = IndicatorType::kSha256;
      break;
    default:
      return absl::InvalidArgumentError(absl::StrCat("not a valid hash: ", text.size(),
                                                     " characters (want 32, 40 or 64 hex digits)"));
  }
  Indicator ind{type, std::string(text.size(), '\0'), std::nullopt};
  for (size_t i = 0; i < text.size(); ++i) {
    int v = HexValue(text[i]);
    if (v < 0) return NonHexError("not a valid hash", text, i);
    ind.value[i] = kHexDigits[v];
  }
  return ind;
}

std::string BytesToHex(std::string_view bytes) {
  std::string hex(bytes.size() * 2, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto b = static_cast<unsigned char>(bytes[i]);
    hex[2 * i] = kHexDigits[b >> 4];
    hex[2 * i + 1] = kHexDigits[b & 0xf];
  }
  return hex;
}

absl::StatusOr<std::string> HexToBytes(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    return absl::InvalidArgumentError(absl::StrCat("not valid hex: odd length ", hex.size()));
  }
  std::string bytes(hex.size() / 2, '\0');
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexValue(hex[i]), lo = HexValue(hex[i + 1]);
    if (hi < 0) return NonHexError("not valid hex", hex, i);
    if (lo < 0) return NonHexError("not valid hex", hex, i + 1);
    bytes[i / 2] = static_cast<char>(hi << 4 | lo);
  }
  return bytes;
}

}  // namespace loupe
