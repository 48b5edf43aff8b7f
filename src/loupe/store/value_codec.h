// Binary encodings of store values (docs/store-format.md). Encoders are total; decoders
// return false on malformed bytes (a corrupt store or a bug), never crash. Thread-safe.
#ifndef LOUPE_STORE_VALUE_CODEC_H_
#define LOUPE_STORE_VALUE_CODEC_H_

#include <string>
#include <string_view>

#include "loupe/model/evidence.h"
#include "loupe/model/object_summary.h"
#include "loupe/model/relation.h"
#include "loupe/store/stored_verdict.h"

namespace loupe {

void EncodeEvidence(std::string& out, const Evidence& e);
bool DecodeEvidence(std::string_view in, Evidence& e);

// StoredVerdict: zone byte, score byte, flags byte (1 has_apt, 2 overridden), varint
// judged_at, varint stale_at.
void EncodeStoredVerdict(std::string& out, const StoredVerdict& v);
bool DecodeStoredVerdict(std::string_view in, StoredVerdict& v);
void EncodeSummary(std::string& out, const ObjectSummary& s);
bool DecodeSummary(std::string_view in, ObjectSummary& s);

void EncodeRelationStats(std::string& out, const RelationStats& s);
bool DecodeRelationStats(std::string_view in, RelationStats& s);

void EncodeSource(std::string& out, const Source& s);
bool DecodeSource(std::string_view in, Source& s);

}  // namespace loupe

#endif  // LOUPE_STORE_VALUE_CODEC_H_
