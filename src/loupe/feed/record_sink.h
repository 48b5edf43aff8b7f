// Where parsers put what they read. A parser of outside input never writes to the store
// itself: it reports indicators (evidence from the source), relations, attributes and
// sightings to a RecordSink, and every bad record as a counted rejection. The ingester's
// sink turns them into changesets; tests and fuzzers use RecordingSink (feed_testing.h).
//
// Positions: the driver (ParseInput) sets the current position before each line of a line
// format (the 1-based line number); document formats set it themselves to the 1-based index
// of the record they are on, so rejections and commits can name where they came from.
//
// Not thread-safe.
#ifndef LOUPE_FEED_RECORD_SINK_H_
#define LOUPE_FEED_RECORD_SINK_H_

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "loupe/base/time.h"
#include "loupe/feed/record.h"
#include "loupe/model/attributes.h"
#include "loupe/model/indicator.h"
#include "loupe/model/relation.h"

namespace loupe {

class RecordSink {
 public:
  virtual ~RecordSink() = default;

  // Evidence from the source about one object. Errors are environment failures (the
  // store) and stop the run; they are never about the record.
  virtual absl::Status AddIndicator(const IndicatorRecord& record) = 0;
  // A relation observed by the source; implies no verdict about either end.
  virtual absl::Status AddRelation(const Indicator& from, RelationType type, const Indicator& to,
                                   const RelationStats& stats) = 0;
  // A descriptive attribute (AttributeKind says what `value` holds; `item` as in
  // Changeset::SetAttribute).
  virtual absl::Status SetAttribute(const Indicator& object, AttributeKind kind,
                                    std::string_view item, std::string_view value) = 0;
  // A sighting without a verdict (passive DNS, a log line): `hits` more, last at `time`.
  virtual absl::Status Observe(const Indicator& object, uint64_t hits, UnixSeconds time) = 0;

  // A record the parser could not use, with a human reason ("not a valid IPv4: ...").
  virtual void Reject(std::string_view reason) = 0;
  // A line or record that carries nothing by design (comment, header, unsupported type).
  virtual void Skip() = 0;

  void set_position(uint64_t position) { position_ = position; }
  uint64_t position() const { return position_; }

 private:
  uint64_t position_ = 0;
};

}  // namespace loupe

#endif  // LOUPE_FEED_RECORD_SINK_H_
