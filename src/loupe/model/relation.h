// Typed, directed relations between objects. Each relation carries when it was first and
// last observed and how many times.
#ifndef LOUPE_MODEL_RELATION_H_
#define LOUPE_MODEL_RELATION_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "loupe/base/time.h"

namespace loupe {

// Persisted in keys: never renumber, only append.
enum class RelationType : uint8_t {
  kResolvesTo = 1,       // domain -> IP (passive DNS)
  kHostsUrl = 2,         // IP -> URL
  kServedFile = 3,       // IP -> file (a file downloaded from the IP)
  kDownloadedFile = 4,   // URL -> file (URL served the file)
  kAccessedUrl = 5,      // file -> URL (the file contacted the URL)
  kRefersTo = 6,         // URL -> URL (referral)
  kHasSubdomain = 7,     // domain -> domain
  kContactedDomain = 8,  // file -> domain
  kHasUrl = 9,           // domain (the URL's host) -> URL; derived when a URL is stored
  kCname = 10,           // domain -> domain (passive DNS: the alias points to its target)
};
inline constexpr uint8_t kMaxRelationType = 10;

std::string_view RelationTypeName(RelationType type);  // "resolves_to", ...
std::optional<RelationType> RelationTypeFromName(std::string_view name);

struct RelationStats {
  UnixSeconds first_seen = 0;
  UnixSeconds last_seen = 0;
  uint64_t count = 0;

  // Observations combine: earliest first, latest last, counts add.
  void Merge(const RelationStats& other);
  friend bool operator==(const RelationStats&, const RelationStats&) = default;
};

}  // namespace loupe

#endif  // LOUPE_MODEL_RELATION_H_
