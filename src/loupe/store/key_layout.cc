#include "loupe/store/key_layout.h"

#include "fmt/format.h"
#include "loupe/base/coding.h"

namespace loupe::keys {

std::string SourceByNameKey(std::string_view name) { return fmt::format("source/name/{}", name); }

std::string SourceByIdKey(SourceId id) {
  std::string key = "source/id/";
  PutFixed32BE(key, id);
  return key;
}

std::string LogKey(uint64_t seq) {
  std::string key;
  PutFixed64BE(key, seq);
  return key;
}

std::string LogPartKey(uint64_t seq, uint32_t part) {
  std::string key = LogKey(seq);
  if (part > 0) PutFixed32BE(key, part);
  return key;
}

std::string EvidenceKey(std::string_view object, SourceId source) {
  std::string key(object);
  PutFixed32BE(key, source);
  return key;
}

std::string AttributePrefix(std::string_view object, AttributeKind kind) {
  std::string key(object);
  key.push_back(static_cast<char>(kind));
  return key;
}

std::string AttributeKey(std::string_view object, AttributeKind kind, std::string_view item) {
  std::string key = AttributePrefix(object, kind);
  key.append(item);
  return key;
}

std::string RelationPrefix(std::string_view object, RelationType type) {
  std::string key(object);
  key.push_back(static_cast<char>(type));
  return key;
}

std::string RelationKey(std::string_view from, RelationType type, std::string_view to) {
  std::string key = RelationPrefix(from, type);
  key.append(to);
  return key;
}

std::string NetworkIndexKey(const IpNetwork& net) {
  std::string key(1, net.base.v6 ? '6' : '4');
  key.append(net.Last().view());
  key.append(net.base.view());
  return key;
}

std::string NetworkIndexSeekKey(const IpAddress& ip) {
  std::string key(1, ip.v6 ? '6' : '4');
  key.append(ip.view());
  return key;
}

}  // namespace loupe::keys
