// The mapping of MISP events onto loupe records, shared by the "misp" and "misp-feed"
// formats (misp_format.h states the mapping in full; misp_tags.h and misp_value.h hold
// the rules for tags and attribute values). Thread-compatible: the functions keep no
// state beyond the sink and parser they are given.
#ifndef LOUPE_FORMATS_MISP_MISP_EVENT_H_
#define LOUPE_FORMATS_MISP_MISP_EVENT_H_

#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "loupe/feed/record_sink.h"
#include "simdjson.h"

namespace loupe {

// Maps one parsed MISP document (an event object, {"Event": ...}, {"response": [...]} or
// an array of events) into `sink`. `position` is the 1-based index of the last attribute
// seen in the file, advanced for each attribute and set on the sink before it is read.
// Bad attributes and a document that is no MISP event are rejected; the status is only
// the sink's.
absl::Status EmitMispDocument(simdjson::dom::element document, uint64_t& position,
                              RecordSink& sink);

// Parses `text` as JSON (rejecting it as one record when it is not) and maps it with
// EmitMispDocument. `parser` is reused across calls for its buffers.
absl::Status ParseMispJson(simdjson::dom::parser& parser, std::string_view text, RecordSink& sink);

}  // namespace loupe

#endif  // LOUPE_FORMATS_MISP_MISP_EVENT_H_
