#include "loupe/base/coding.h"

namespace loupe {

void PutFixed32BE(std::string& out, uint32_t v) {
  char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
               static_cast<char>(v)};
  out.append(b, 4);
}

void PutFixed64BE(std::string& out, uint64_t v) {
  PutFixed32BE(out, static_cast<uint32_t>(v >> 32));
  PutFixed32BE(out, static_cast<uint32_t>(v));
}

void PutVarint(std::string& out, uint64_t v) {
  char buf[10];
  size_t n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out.append(buf, n);  // one append: push_back per byte checks capacity every time
}

void PutLengthPrefixed(std::string& out, std::string_view bytes) {
  PutVarint(out, bytes.size());
  out.append(bytes);
}

uint32_t DecodeFixed32BE(const char* p) {
  auto u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | u[3];
}

uint64_t DecodeFixed64BE(const char* p) {
  return (uint64_t{DecodeFixed32BE(p)} << 32) | DecodeFixed32BE(p + 4);
}

bool GetFixed32BE(std::string_view& in, uint32_t& v) {
  if (in.size() < 4) return false;
  v = DecodeFixed32BE(in.data());
  in.remove_prefix(4);
  return true;
}

bool GetFixed64BE(std::string_view& in, uint64_t& v) {
  if (in.size() < 8) return false;
  v = DecodeFixed64BE(in.data());
  in.remove_prefix(8);
  return true;
}

bool GetVarint(std::string_view& in, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift <= 63 && !in.empty(); shift += 7) {
    auto byte = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    v |= uint64_t{byte & 0x7fu} << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

bool GetLengthPrefixed(std::string_view& in, std::string_view& bytes) {
  uint64_t n;
  if (!GetVarint(in, n) || n > in.size()) return false;
  bytes = in.substr(0, n);
  in.remove_prefix(n);
  return true;
}

bool GetByte(std::string_view& in, uint8_t& v) {
  if (in.empty()) return false;
  v = static_cast<uint8_t>(in.front());
  in.remove_prefix(1);
  return true;
}

}  // namespace loupe
