#include "loupe/model/object_summary.h"

#include <algorithm>

namespace loupe {

void ObjectSummary::Merge(const ObjectSummary& other) {
  if (first_seen == 0 || (other.first_seen != 0 && other.first_seen < first_seen)) {
    first_seen = other.first_seen;
  }
  last_seen = std::max(last_seen, other.last_seen);
  hits += other.hits;
  categories |= other.categories;
  malicious = std::max(malicious, other.malicious);
  suspicious = std::max(suspicious, other.suspicious);
  adware = std::max(adware, other.adware);
  benign = std::max(benign, other.benign);
  evidence_count += other.evidence_count;
}

ObjectSummary SummaryOfEvidence(const Evidence& evidence, uint8_t reliability) {
  ObjectSummary s;
  s.first_seen = evidence.first_seen;
  s.last_seen = evidence.last_seen;
  s.evidence_count = 1;
  s.categories = evidence.categories ? evidence.categories : CategoryBit(Category::kMalicious);
  auto weight = static_cast<uint8_t>(std::min(100, reliability * evidence.confidence / 100));
  if (HasClass(s.categories, CategoryClass::kMalicious)) s.malicious = weight;
  if (HasClass(s.categories, CategoryClass::kSuspicious)) s.suspicious = weight;
  if (HasClass(s.categories, CategoryClass::kAdware)) s.adware = weight;
  if (HasClass(s.categories, CategoryClass::kBenign)) s.benign = weight;
  return s;
}

}  // namespace loupe
