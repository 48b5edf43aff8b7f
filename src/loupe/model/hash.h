// File hashes: MD5, SHA-1, SHA-256 as hex text and binary. Thread-safe.
#ifndef LOUPE_MODEL_HASH_H_
#define LOUPE_MODEL_HASH_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "loupe/model/indicator.h"

namespace loupe {

// Detects the hash kind by length (32, 40, 64 hex digits) and returns it lower-cased.
// InvalidArgument for other lengths or non-hex characters.
absl::StatusOr<Indicator> ParseHash(std::string_view text);

// Lower-case hex <-> raw bytes. HexToBytes: InvalidArgument for odd length or non-hex.
std::string BytesToHex(std::string_view bytes);
absl::StatusOr<std::string> HexToBytes(std::string_view hex);

}  // namespace loupe

#endif  // LOUPE_MODEL_HASH_H_
