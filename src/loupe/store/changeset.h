// A changeset: the unit of every mutation. It is built in memory, given a sequence number
// by the store, appended to the log and applied in the same atomic write batch. The log
// keeps changesets in their encoded form, which is also what later issues replicate and
// what incremental feeds read.
//
// Encoding (docs/store-format.md): version byte, time (varint), origin (length-prefixed),
// op count (varint; this writer pads it to 5 bytes), then the ops back to back. Every op
// names the objects it touches by their encoded object keys.
//
// Not thread-safe; build on one thread, then hand over.
#ifndef LOUPE_STORE_CHANGESET_H_
#define LOUPE_STORE_CHANGESET_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "loupe/base/time.h"
#include "loupe/model/attributes.h"
#include "loupe/model/evidence.h"
#include "loupe/model/relation.h"

namespace loupe {

// Persisted: never renumber.
enum class OpCode : uint8_t {
  kDefineSource = 1,
  kAddEvidence = 2,
  kSetAttribute = 3,
  kAddRelation = 4,
  kObserve = 5,
};

class Changeset {
 public:
  Changeset(UnixSeconds time, std::string origin);

  void DefineSource(const Source& source);
  // `object` is an encoded object key (model/object_key.h).
  void AddEvidence(std::string_view object, const Evidence& evidence);
  // `item` distinguishes several values of one kind (a file name, a detection name);
  // empty for single-valued kinds. A later value for the same key replaces the earlier.
  void SetAttribute(std::string_view object, AttributeKind kind, std::string_view item,
                    std::string_view value);
  void AddRelation(std::string_view from, RelationType type, std::string_view to,
                   const RelationStats& stats);
  // A sighting: `hits` more, seen at `time`.
  void Observe(std::string_view object, uint64_t hits, UnixSeconds time);

  UnixSeconds time() const { return time_; }
  const std::string& origin() const { return origin_; }
  uint64_t op_count() const { return op_count_; }
  size_t encoded_ops_bytes() const { return ops_.size() - header_size_; }
  bool empty() const { return op_count_ == 0; }

  // The encoding is kept up to date as ops are added: committing a large changeset does
  // not copy it.
  std::string_view encoded() const { return ops_; }
  std::string Encode() const { return ops_; }

 private:
  // Op counts up to 2^35 - 1, written as a varint padded to this many bytes.
  static constexpr size_t kCountBytes = 5;
  void CountOp();
  void WriteOpCount();
  UnixSeconds time_;
  std::string origin_;
  uint64_t op_count_ = 0;
  size_t count_offset_ = 0, header_size_ = 0;
  std::string ops_;  // the whole encoding: header, then the ops back to back
};

// One decoded op; the views point into the encoded changeset.
struct ChangesetOp {
  OpCode code;
  std::string_view object;  // the subject ("from" for relations)
  std::string_view other;   // "to" for relations
  Source source;            // kDefineSource
  Evidence evidence;        // kAddEvidence (evidence.source set)
  AttributeKind kind{};     // kSetAttribute
  std::string_view item, value;
  RelationType relation{};  // kAddRelation
  RelationStats stats;      // kAddRelation; kObserve uses count/first/last
};

// Iterates over an encoded changeset. Malformed input yields DataLoss from Next() and no
// further ops; nothing is read past the buffer.
class ChangesetReader {
 public:
  explicit ChangesetReader(std::string_view encoded);

  absl::Status status() const { return status_; }
  UnixSeconds time() const { return time_; }
  std::string_view origin() const { return origin_; }
  uint64_t op_count() const { return op_count_; }

  // Returns true and fills `op` while ops remain; false at the end or on error (check
  // status()).
  bool Next(ChangesetOp& op);

 private:
  bool Fail(std::string_view what);
  std::string_view in_;
  absl::Status status_;
  UnixSeconds time_ = 0;
  std::string_view origin_;
  uint64_t op_count_ = 0;
  uint64_t ops_read_ = 0;
};

}  // namespace loupe

#endif  // LOUPE_STORE_CHANGESET_H_
