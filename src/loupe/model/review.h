// Zones, and what analysts say about objects: verdict overrides with their audit trail.
//
// Reviews travel through the changeset log like any other write (store/changeset.h), so
// every change is kept with its author and time: the history of an object's reviews is
// the ordered list of its review records.
#ifndef LOUPE_MODEL_REVIEW_H_
#define LOUPE_MODEL_REVIEW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loupe/base/time.h"

namespace loupe {

// Persisted (review records): never renumber.
enum class Zone : uint8_t { kGrey = 0, kGreen = 1, kYellow = 2, kOrange = 3, kRed = 4 };

std::string_view ZoneName(Zone zone);  // "Red", "Orange", "Yellow", "Grey", "Green"
std::optional<Zone> ZoneFromName(std::string_view name);  // any case; "gray" accepted

// One analyst action on an object. Persisted: never renumber.
enum class ReviewAction : uint8_t {
  kSetZone = 1,        // override the computed zone (until `expires_at`, if set)
  kFalsePositive = 2,  // the object is not malicious: an override to Green, so marked
  kClear = 3,          // end the current override; the computed verdict applies again
  kComment = 4,        // a note only
};

struct Review {
  ReviewAction action = ReviewAction::kComment;
  Zone zone = Zone::kGrey;  // kSetZone; Green for kFalsePositive
  std::string reason;       // why (required for overrides)
  std::string author;
  UnixSeconds time = 0;        // when it was made
  UnixSeconds expires_at = 0;  // 0: until cleared
  friend bool operator==(const Review&, const Review&) = default;
};

std::string_view ReviewActionName(ReviewAction action);  // "set", "false-positive", ...

// Storage: reviews are attributes of kind kReview (model/attributes.h). The item orders
// them by when they were written, `micros` since the epoch (BE64), and a random `nonce`
// (BE32) keeps two writers in one microsecond apart; the value is JSON: {"action", "zone",
// "reason", "author", "time", "expires_at"}.
std::string ReviewItem(int64_t micros, uint32_t nonce);
std::string EncodeReview(const Review& review);
std::optional<Review> DecodeReview(std::string_view json);

// The override in force at `now` after applying `reviews` (oldest first), if any: the last
// kSetZone or kFalsePositive not followed by a kClear, and not expired at `now`. Reviews
// made after `now` are ignored (time travel).
std::optional<Review> OverrideAt(const std::vector<Review>& reviews, UnixSeconds now);

}  // namespace loupe

#endif  // LOUPE_MODEL_REVIEW_H_
