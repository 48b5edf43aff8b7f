// A changeset: the unit of every mutation. It is built in memory (or, past a threshold, in
// a spill file: SpillTo), given a sequence number by the store, appended to the log and
// applied in the same atomic step. The log
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
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

  Changeset(Changeset&&) noexcept;
  Changeset& operator=(Changeset&&) noexcept;
  ~Changeset();

  // From now on, whenever `threshold` bytes of ops are held in memory they move to the
  // file `path` (created now; removed with the changeset), so that a changeset can outgrow
  // memory: a pull is one changeset whatever the feed's size. A write error makes status()
  // fail, and committing the changeset fails with it.
  void SpillTo(std::string path, size_t threshold);

  UnixSeconds time() const { return time_; }
  const std::string& origin() const { return origin_; }
  uint64_t op_count() const { return op_count_; }
  size_t encoded_ops_bytes() const { return spilled_bytes_ + ops_.size() - header_size_; }
  bool empty() const { return op_count_ == 0; }
  bool spilled() const { return spilled_bytes_ > 0; }
  const absl::Status& status() const { return status_; }

  // The encoding is kept up to date as ops are added: committing a large changeset does
  // not copy it. Only while nothing is spilled.
  std::string_view encoded() const { return ops_; }
  std::string Encode() const { return ops_; }

  // Calls fn with the encoding in pieces, in order: the header first (with the final op
  // count), then pieces that each hold whole ops. Reads spilled pieces back one at a time.
  using PieceFn = std::function<absl::Status(std::string_view)>;
  absl::Status ForEachPiece(const PieceFn& fn) const;

 private:
  // Op counts up to 2^35 - 1, written as a varint padded to this many bytes.
  static constexpr size_t kCountBytes = 5;
  struct Spill;
  void CountOp();
  void WriteOpCount();
  void SpillOps();
  UnixSeconds time_;
  std::string origin_;
  uint64_t op_count_ = 0;
  size_t count_offset_ = 0, header_size_ = 0;
  std::string ops_;  // the header, then the ops not spilled, back to back
  std::unique_ptr<Spill> spill_;
  size_t spilled_bytes_ = 0;
  absl::Status status_;
};

// A source of an encoding in pieces, as Changeset::ForEachPiece gives them.
using ChangesetPieces = std::function<absl::Status(const Changeset::PieceFn&)>;

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
//
// In pieces (Changeset::ForEachPiece): construct with the first piece and `in_pieces`;
// Next() then returns false at the end of each piece, Feed() gives the next one (views
// into earlier pieces may dangle), and Finish() checks that all ops arrived.
class ChangesetReader {
 public:
  explicit ChangesetReader(std::string_view encoded, bool in_pieces = false);
  void Feed(std::string_view piece) { in_ = piece; }
  absl::Status Finish();

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
  bool in_pieces_ = false;
};

}  // namespace loupe

#endif  // LOUPE_STORE_CHANGESET_H_
