// StoredVerdict: a verdict kept in the store for point lookups.
#ifndef LOUPE_STORE_STORED_VERDICT_H_
#define LOUPE_STORE_STORED_VERDICT_H_

#include <cstdint>

#include "loupe/base/time.h"
#include "loupe/model/review.h"

namespace loupe {

// A verdict as last judged and stored ("materialized") for point lookups at memory speed;
// the judging itself is the verdict layer's (docs/verdicts.md, "Materialized verdicts").
struct StoredVerdict {
  Zone zone = Zone::kGrey;
  uint8_t score = 0;
  bool has_apt = false;
  bool overridden = false;  // an analyst override decided it
  UnixSeconds judged_at = 0;
  UnixSeconds stale_at = 0;  // when time alone may change it (decay, expiry); 0: never
  friend bool operator==(const StoredVerdict&, const StoredVerdict&) = default;
};

}  // namespace loupe

#endif  // LOUPE_STORE_STORED_VERDICT_H_
