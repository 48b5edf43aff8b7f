// Byte encodings shared by the store and the changeset log: big-endian fixed-width integers
// (so that keys sort numerically) and LEB128 varints (so that values stay small).
// All functions are pure and thread-safe.
#ifndef LOUPE_BASE_CODING_H_
#define LOUPE_BASE_CODING_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace loupe {

void PutFixed32BE(std::string& out, uint32_t v);
void PutFixed64BE(std::string& out, uint64_t v);
void PutVarint(std::string& out, uint64_t v);
// Varint length followed by the bytes.
void PutLengthPrefixed(std::string& out, std::string_view bytes);

// Readers consume from the front of `in`. Each returns false (and leaves `in` unspecified)
// when the input is truncated or malformed; they never read past `in`.
bool GetFixed32BE(std::string_view& in, uint32_t& v);
bool GetFixed64BE(std::string_view& in, uint64_t& v);
bool GetVarint(std::string_view& in, uint64_t& v);
bool GetLengthPrefixed(std::string_view& in, std::string_view& bytes);
bool GetByte(std::string_view& in, uint8_t& v);

uint32_t DecodeFixed32BE(const char* p);
uint64_t DecodeFixed64BE(const char* p);

}  // namespace loupe

#endif  // LOUPE_BASE_CODING_H_
