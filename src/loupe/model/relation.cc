#include "loupe/model/relation.h"

#include <algorithm>
#include <array>

namespace loupe {
namespace {

constexpr std::array<std::string_view, kMaxRelationType + 1> kNames = {
    "",
    "resolves_to",
    "hosts_url",
    "served_file",
    "downloaded_file",
    "accessed_url",
    "refers_to",
    "has_subdomain",
    "contacted_domain",
    "has_url",
    "cname",
};

UnixSeconds EarliestKnown(UnixSeconds a, UnixSeconds b) {
  if (a == 0) return b;
  if (b == 0) return a;
  return std::min(a, b);
}

}  // namespace

std::string_view RelationTypeName(RelationType type) {
  auto i = static_cast<size_t>(type);
  return i < kNames.size() ? kNames[i] : std::string_view();
}

std::optional<RelationType> RelationTypeFromName(std::string_view name) {
  for (size_t i = 1; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<RelationType>(i);
  }
  return std::nullopt;
}

void RelationStats::Merge(const RelationStats& other) {
  first_seen = EarliestKnown(first_seen, other.first_seen);
  last_seen = std::max(last_seen, other.last_seen);
  count += other.count;
}

}  // namespace loupe
