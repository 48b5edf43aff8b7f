// What the store knows about an object at a glance, maintained incrementally as evidence,
// relations and sightings arrive (a commutative merge, so no read is needed on ingest).
// The verdict layer turns a summary into a zone and a score.
#ifndef LOUPE_MODEL_OBJECT_SUMMARY_H_
#define LOUPE_MODEL_OBJECT_SUMMARY_H_

#include <cstdint>

#include "loupe/base/time.h"
#include "loupe/model/category.h"
#include "loupe/model/evidence.h"

namespace loupe {

struct ObjectSummary {
  UnixSeconds first_seen = 0;
  UnixSeconds last_seen = 0;
  uint64_t hits = 0;           // sightings (observations, relation counts)
  CategorySet categories = 0;  // union over all evidence
  // The strongest weighted evidence per category class, 0-100, where a record weighs
  // source reliability x confidence / 100.
  uint8_t malicious = 0;
  uint8_t suspicious = 0;
  uint8_t adware = 0;
  uint8_t benign = 0;
  uint32_t evidence_count = 0;  // evidence records merged in (re-sightings included)

  void Merge(const ObjectSummary& other);
  bool HasEvidence() const { return evidence_count > 0; }
  friend bool operator==(const ObjectSummary&, const ObjectSummary&) = default;
};

// The summary contribution of one evidence record from a source with `reliability`.
// Evidence with no category counts as kMalicious (a plain blocklist entry).
ObjectSummary SummaryOfEvidence(const Evidence& evidence, uint8_t reliability);

}  // namespace loupe

#endif  // LOUPE_MODEL_OBJECT_SUMMARY_H_
