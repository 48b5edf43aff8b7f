// Evidence: what one source says about one object, and the sources themselves.
#ifndef LOUPE_MODEL_EVIDENCE_H_
#define LOUPE_MODEL_EVIDENCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "loupe/base/time.h"
#include "loupe/model/category.h"

namespace loupe {

using SourceId = uint32_t;

// A feed, list or analyst that contributes evidence. Reliability 0-100 says how far its
// word is trusted (the connectors issue maps Admiralty grades A-F onto it).
struct Source {
  SourceId id = 0;
  std::string name;
  uint8_t reliability = 50;
  friend bool operator==(const Source&, const Source&) = default;
};

struct Evidence {
  SourceId source = 0;
  UnixSeconds first_seen = 0;
  UnixSeconds last_seen = 0;
  uint8_t confidence = 100;         // 0-100: how sure the source is of this record
  CategorySet categories = 0;       // mapped categories
  std::vector<std::string> labels;  // the source's own words (family names, tags), sorted
  std::string reference;            // a URL or report id backing the record
  UnixSeconds expired_at = 0;       // set when the source stopped listing the object

  // An expiry marker: "the source no longer lists this object, since `time`". It carries
  // no sighting (last_seen 0) and says nothing about the object's nature.
  static Evidence Expiry(SourceId source, UnixSeconds time);
  bool IsExpiry() const { return last_seen == 0 && expired_at != 0; }

  // Combines a newer observation from the same source into this one: earliest first seen,
  // latest last seen, categories and labels united; confidence, reference and expiry follow
  // the record with the later last seen (a re-listing clears the expiry). An expiry marker
  // sets expired_at unless the record was seen after it or expired earlier. Merging the
  // same record twice changes nothing.
  void Merge(const Evidence& other);
  friend bool operator==(const Evidence&, const Evidence&) = default;
};

}  // namespace loupe

#endif  // LOUPE_MODEL_EVIDENCE_H_
