// The store: every object, its evidence, attributes and relations, and the changeset log.
//
// ObjectStore is safe for concurrent use: commits are serialized internally; any number of
// threads may read through StoreViews at the same time. A StoreView is an immutable
// snapshot (it sees exactly the changesets committed before it was taken), safe to share
// between threads, and must not outlive its store.
//
// Error contract: NotFound is never used for "object unknown" (that is an empty optional
// or an empty page); errors are environment failures (IoError -> kUnavailable or
// kInternal) or DataLoss for corrupt bytes.
#ifndef LOUPE_STORE_OBJECT_STORE_H_
#define LOUPE_STORE_OBJECT_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/model/attributes.h"
#include "loupe/model/evidence.h"
#include "loupe/model/ip.h"
#include "loupe/model/object_summary.h"
#include "loupe/model/relation.h"
#include "loupe/store/changeset.h"
#include "loupe/store/stored_verdict.h"

namespace loupe {

enum class Direction { kOut, kIn };

struct RelatedObject {
  std::string object;  // encoded object key of the other end
  RelationStats stats;
};

// A bounded read of an unbounded list: at most `limit` items and the exact total.
template <typename T>
struct Page {
  std::vector<T> items;
  uint64_t total = 0;
};

struct AttributeItem {
  std::string item;
  std::string value;
};

struct StoreStats {
  uint64_t last_sequence = 0;
  uint64_t objects = 0;  // estimates from RocksDB, exact after compaction
  uint64_t evidence = 0;
  uint64_t relations = 0;
  uint64_t attributes = 0;
  uint64_t verdicts = 0;     // stored verdicts
  uint64_t log_entries = 0;  // log keys: a changeset over 8 MB takes one per 8 MB part
  uint64_t disk_bytes = 0;   // live SST files plus WAL
};

class StoreView {
 public:
  virtual ~StoreView() = default;

  virtual absl::StatusOr<std::optional<ObjectSummary>> GetSummary(
      std::string_view object) const = 0;
  // Batched GetSummary; `out` gets one entry per object, in order.
  virtual absl::Status GetSummaries(const std::vector<std::string_view>& objects,
                                    std::vector<std::optional<ObjectSummary>>& out) const = 0;
  virtual absl::StatusOr<std::vector<Evidence>> GetEvidence(std::string_view object) const = 0;
  virtual absl::StatusOr<std::optional<std::string>> GetAttribute(
      std::string_view object, AttributeKind kind, std::string_view item = {}) const = 0;
  // Batched GetAttribute for single-valued kinds: one entry per object, in order.
  virtual absl::Status GetAttributes(const std::vector<std::string_view>& objects,
                                     AttributeKind kind,
                                     std::vector<std::optional<std::string>>& out) const = 0;
  virtual absl::StatusOr<Page<AttributeItem>> ListAttributes(std::string_view object,
                                                             AttributeKind kind,
                                                             size_t limit) const = 0;
  virtual absl::StatusOr<Page<RelatedObject>> ListRelated(std::string_view object,
                                                          RelationType type, Direction direction,
                                                          size_t limit) const = 0;
  // The encoded key of the innermost stored network that contains `ip`, if any.
  virtual absl::StatusOr<std::optional<std::string>> FindNetwork(const IpAddress& ip) const = 0;
  // A source as this snapshot knows it (name and reliability at the snapshot's time).
  virtual absl::StatusOr<std::optional<Source>> GetSource(SourceId id) const = 0;

  // Whole-store scans in object-key order, for recomputing verdicts. fn's error stops the
  // scan and is returned.
  // Every object with evidence, with all of it (source ids set).
  using EvidenceFn = std::function<absl::Status(std::string_view object, std::vector<Evidence>&)>;
  virtual absl::Status ForEachEvidence(const EvidenceFn& fn) const = 0;
  // Every attribute of `kind`: fn(object, item, value).
  using AttributeFn = std::function<absl::Status(std::string_view object, std::string_view item,
                                                 std::string_view value)>;
  virtual absl::Status ForEachAttribute(AttributeKind kind, const AttributeFn& fn) const = 0;
  // Every relation of `type`, seen from one side in that side's key order: kOut gives
  // fn(from, to), kIn gives fn(to, from).
  using RelationFn = std::function<absl::Status(std::string_view subject, std::string_view other)>;
  virtual absl::Status ForEachRelation(RelationType type, Direction direction,
                                       const RelationFn& fn) const = 0;

  // Whether any analyst review exists in this snapshot (most stores have none).
  virtual absl::StatusOr<bool> HasReviews() const = 0;

  // The stored (materialized) verdict of an object, if judged; batched form below.
  virtual absl::StatusOr<std::optional<StoredVerdict>> GetVerdict(
      std::string_view object) const = 0;
  virtual absl::Status GetVerdicts(const std::vector<std::string_view>& objects,
                                   std::vector<std::optional<StoredVerdict>>& out) const = 0;
  // The last changeset applied in this snapshot, and whether the stored verdicts are
  // current with it (no changeset since the last recompute or incremental update).
  virtual absl::StatusOr<uint64_t> AppliedSequence() const = 0;
  virtual absl::StatusOr<bool> VerdictsCurrent() const = 0;
};

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  // Assigns the next sequence number, appends the changeset to the log and applies it,
  // all in one atomic write; returns the sequence number once durable (see Options.sync).
  // An empty changeset is not logged and returns the current sequence.
  virtual absl::StatusOr<uint64_t> Commit(const Changeset& changeset) = 0;

  // Applies a changeset that already has a sequence number (from another node's log).
  // A sequence at or below LastSequence() is a no-op; a gap is FailedPrecondition.
  virtual absl::Status ApplyLogged(uint64_t seq, std::string_view encoded) = 0;

  virtual uint64_t LastSequence() const = 0;
  virtual std::unique_ptr<StoreView> Snapshot() const = 0;

  // The verdict-relevant part of an object's summary as of the latest commit (class
  // weights and whether it has evidence; no times, hits or categories), for point verdict
  // lookups. From memory when StoreOptions::summary_index is set, else from disk.
  virtual absl::StatusOr<std::optional<ObjectSummary>> VerdictSummary(
      std::string_view object) const = 0;

  // Looks up a source by name, defining it (through a committed changeset) when absent
  // or when its reliability changed.
  virtual absl::StatusOr<Source> EnsureSource(std::string_view name, uint8_t reliability) = 0;
  virtual std::optional<Source> GetSource(SourceId id) const = 0;
  virtual std::vector<Source> Sources() const = 0;

  // Calls `fn(seq, encoded)` for logged changesets with seq >= `from`, in order, until
  // `fn` returns false or the log ends.
  virtual absl::Status ReadLog(uint64_t from,
                               const std::function<bool(uint64_t, std::string_view)>& fn) const = 0;

  // Stored verdicts are derived data, not logged: they are recomputed from the store.
  // Replaces every stored verdict with what `produce` emits, in object-key order, in one
  // atomic step. The stored set is not current until SetVerdictsSequence().
  using VerdictSink = std::function<absl::Status(std::string_view object, const StoredVerdict&)>;
  virtual absl::Status ReplaceVerdicts(
      const std::function<absl::Status(const VerdictSink&)>& produce) = 0;
  // Declares the stored verdicts current with changeset `seq` (they were all judged from
  // the snapshot at `seq`).
  virtual absl::Status SetVerdictsSequence(uint64_t seq) = 0;
  // Writes (or overwrites) some verdicts. With `covers_seq`: they are every verdict that
  // changeset changed, so if the stored set was current with the changeset before it, it
  // is now current with `covers_seq`.
  virtual absl::Status PutVerdicts(
      const std::vector<std::pair<std::string, StoredVerdict>>& verdicts,
      uint64_t covers_seq = 0) = 0;

  virtual StoreStats Stats() const = 0;
  // Flushes memtables and compacts (used by benchmarks and `loupe stats --compact`).
  virtual absl::Status Compact() = 0;
};

struct StoreOptions {
  bool create_if_missing = true;
  bool read_only = false;
  // fsync the write-ahead log before Commit returns. Without it an acknowledged commit
  // survives a process crash (kill -9) but not a power loss.
  bool sync = true;
  size_t block_cache_bytes = size_t{256} << 20;
  // Open SST files kept (each holds its table reader in memory); -1: all. Writers bound it
  // so that memory does not grow with the store.
  int max_open_files = -1;
  // Changesets with at least this many writes skip the memtable: they are written as
  // sorted SST files and ingested atomically (durable when Commit returns, sync or not).
  size_t bulk_min_writes = 32768;
  // Changesets of at least this many encoded bytes (a pull of a large feed is one
  // changeset) sort their writes in slices of spill_chunk_writes, spilled to disk next to
  // the store, so that committing them takes bounded memory.
  size_t spill_min_bytes = size_t{32} << 20;
  size_t spill_chunk_writes = size_t{1} << 20;
  // Keep an in-memory SummaryIndex for VerdictSummary (built at open by a scan of every
  // object; about 25 bytes per object with evidence). For servers and bulk enrichment.
  bool summary_index = false;
};

// Opens (or creates) a RocksDB-backed store at `path`. FailedPrecondition when the
// directory holds a store of another schema version.
absl::StatusOr<std::unique_ptr<ObjectStore>> OpenRocksDbStore(const std::string& path,
                                                              const StoreOptions& options);

}  // namespace loupe

#endif  // LOUPE_STORE_OBJECT_STORE_H_
