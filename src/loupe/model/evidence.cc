#include "loupe/model/evidence.h"

#include <algorithm>

namespace loupe {

void Evidence::Merge(const Evidence& other) {
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
