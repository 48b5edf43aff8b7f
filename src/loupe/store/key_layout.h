// Key layout of every column family (docs/store-format.md is the prose version; keep both
// in step). Object keys come from model/object_key.h and are self-delimiting, so each
// composite key below splits back unambiguously.
#ifndef LOUPE_STORE_KEY_LAYOUT_H_
#define LOUPE_STORE_KEY_LAYOUT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "loupe/model/attributes.h"
#include "loupe/model/evidence.h"
#include "loupe/model/ip.h"
#include "loupe/model/relation.h"

namespace loupe::keys {

inline constexpr uint32_t kSchemaVersion = 1;

// Column family names.
inline constexpr const char* kMetaCf = "default";
inline constexpr const char* kLogCf = "log";
inline constexpr const char* kObjectsCf = "objects";
inline constexpr const char* kEvidenceCf = "evidence";
inline constexpr const char* kAttrsCf = "attrs";
inline constexpr const char* kRelCf = "rel";
inline constexpr const char* kRelRevCf = "rel_rev";
inline constexpr const char* kNetIdxCf = "netidx";
inline constexpr const char* kVerdictsCf = "verdicts";

// meta
inline constexpr std::string_view kSchemaVersionKey = "schema_version";
inline constexpr std::string_view kAppliedSeqKey = "applied_seq";
// Present once any analyst review was written: readers of a store without reviews skip
// the per-object review read (a seek per related object in a report).
inline constexpr std::string_view kHasReviewsKey = "has_reviews";
// uint64 BE: the changeset the stored verdicts are current with (docs/verdicts.md).
inline constexpr std::string_view kVerdictsSeqKey = "verdicts_seq";
std::string SourceByNameKey(std::string_view name);  // "source/name/<name>" -> id
std::string SourceByIdKey(SourceId id);              // "source/id/<BE32>" -> Source

// log: <BE64 seq> -> changeset, or its first kLogPartBytes when it is larger; the rest
// follows under <BE64 seq> <BE32 part> for parts 1, 2, ... (RocksDB builds a block around
// each value in memory: one 600 MB value would cost twice that to write).
inline constexpr size_t kLogPartBytes = size_t{8} << 20;
std::string LogKey(uint64_t seq);
std::string LogPartKey(uint64_t seq, uint32_t part);  // part 0 is LogKey(seq)

// evidence: <object> <BE32 source>
std::string EvidenceKey(std::string_view object, SourceId source);

// attrs: <object> <kind byte> <item bytes>
std::string AttributeKey(std::string_view object, AttributeKind kind, std::string_view item);
std::string AttributePrefix(std::string_view object, AttributeKind kind);

// rel: <from> <type byte> <to>; rel_rev: <to> <type byte> <from>
std::string RelationKey(std::string_view from, RelationType type, std::string_view to);
std::string RelationPrefix(std::string_view object, RelationType type);

// netidx: <family byte 4|6> <last address> <base address> -> network object key.
// Seeking to <family><ip> lands on the networks whose last address is >= ip, innermost
// first for nested CIDRs.
std::string NetworkIndexKey(const IpNetwork& net);
std::string NetworkIndexSeekKey(const IpAddress& ip);

}  // namespace loupe::keys

#endif  // LOUPE_STORE_KEY_LAYOUT_H_
