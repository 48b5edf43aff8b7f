#include "loupe/model/evidence.h"

#include <algorithm>

namespace loupe {

Evidence Evidence::Expiry(SourceId source, UnixSeconds time) {
  Evidence e;
  e.source = source;
  e.confidence = 0;
  e.expired_at = time;
  return e;
}

void Evidence::Merge(const Evidence& other) {
  if (other.IsExpiry()) {
    if (expired_at == 0 && other.expired_at >= last_seen) expired_at = other.expired_at;
    return;
  }
  if (IsExpiry()) {  // a marker merged first (no earlier record): the record replaces it
    const UnixSeconds expiry = expired_at;
    *this = other;
    if (expiry >= last_seen && expired_at == 0) expired_at = expiry;
    return;
  }
  const bool other_newer = other.last_seen >= last_seen;
  if (first_seen == 0 || (other.first_seen != 0 && other.first_seen < first_seen)) {
    first_seen = other.first_seen;
  }
  categories |= other.categories;
  std::vector<std::string> merged;
  std::set_union(labels.begin(), labels.end(), other.labels.begin(), other.labels.end(),
                 std::back_inserter(merged));
  labels = std::move(merged);
  if (other_newer) {
    last_seen = other.last_seen;
    confidence = other.confidence;
    if (!other.reference.empty()) reference = other.reference;
    expired_at = other.expired_at;
  }
}

}  // namespace loupe
