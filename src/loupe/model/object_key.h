// The binary identity of an object, used as the prefix of every store key about it.
//
// Layout: one type byte (IndicatorType), a varint payload length, the payload:
//   ipv4: 4 bytes; ipv6: 16 bytes; network: address bytes (4 or 16) + prefix length byte;
//   domain, url: canonical text; md5/sha1/sha256: raw digest bytes (16/20/32).
// The length prefix makes a key self-delimiting, so "every key about object X" is a plain
// prefix scan and a relation key can hold two objects back to back. Persisted: see
// docs/store-format.md before changing anything here.
#ifndef LOUPE_MODEL_OBJECT_KEY_H_
#define LOUPE_MODEL_OBJECT_KEY_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "loupe/model/indicator.h"

namespace loupe {

// REQUIRES: `indicator` is canonical (from ParseIndicator or DecodeObjectKey).
std::string EncodeObjectKey(const Indicator& indicator);
void AppendObjectKey(std::string& out, const Indicator& indicator);

// Decodes one object key from the front of `in` and consumes it. InvalidArgument when the
// bytes are not a valid key (a corrupt store or a bug; never user input).
absl::StatusOr<Indicator> DecodeObjectKey(std::string_view& in);

// Splits off the encoded object key at the front of `in` without decoding its payload.
// Returns false when the bytes are malformed.
bool SplitObjectKey(std::string_view& in, std::string_view& key);

// The indicator type stored in the first byte of an encoded key.
IndicatorType ObjectKeyType(std::string_view key);

}  // namespace loupe

#endif  // LOUPE_MODEL_OBJECT_KEY_H_
