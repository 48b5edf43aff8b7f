// ObjectStore on RocksDB: one column family per key space (key_layout.h). Internal to the
// store layer; everyone else uses OpenRocksDbStore from object_store.h.
#ifndef LOUPE_STORE_ROCKSDB_OBJECT_STORE_H_
#define LOUPE_STORE_ROCKSDB_OBJECT_STORE_H_

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "loupe/store/object_store.h"
#include "loupe/store/sorted_batch.h"
#include "loupe/store/spilled_runs.h"
#include "loupe/store/summary_index.h"
#include "rocksdb/db.h"

namespace loupe {

// Column family handles, in the order RocksDbObjectStore opens them.
struct ColumnFamilies {
  rocksdb::ColumnFamilyHandle* meta = nullptr;
  rocksdb::ColumnFamilyHandle* log = nullptr;
  rocksdb::ColumnFamilyHandle* objects = nullptr;
  rocksdb::ColumnFamilyHandle* evidence = nullptr;
  rocksdb::ColumnFamilyHandle* attrs = nullptr;
  rocksdb::ColumnFamilyHandle* rel = nullptr;
  rocksdb::ColumnFamilyHandle* rel_rev = nullptr;
  rocksdb::ColumnFamilyHandle* netidx = nullptr;
  rocksdb::ColumnFamilyHandle* verdicts = nullptr;  // null in a read-only store from before it
};

absl::Status FromRocks(const rocksdb::Status& s);

class RocksDbObjectStore final : public ObjectStore {
 public:
  static absl::StatusOr<std::unique_ptr<ObjectStore>> Open(const std::string& path,
                                                           const StoreOptions& options);
  ~RocksDbObjectStore() override;

  absl::StatusOr<uint64_t> Commit(const Changeset& changeset) override;
  absl::Status ApplyLogged(uint64_t seq, std::string_view encoded) override;
  uint64_t LastSequence() const override { return last_seq_.load(std::memory_order_acquire); }
  std::unique_ptr<StoreView> Snapshot() const override;
  absl::StatusOr<std::optional<ObjectSummary>> VerdictSummary(
      std::string_view object) const override;
  absl::StatusOr<Source> EnsureSource(std::string_view name, uint8_t reliability) override;
  std::optional<Source> GetSource(SourceId id) const override;
  std::vector<Source> Sources() const override;
  absl::Status ReadLog(uint64_t from,
                       const std::function<bool(uint64_t, std::string_view)>& fn) const override;
  absl::Status ReplaceVerdicts(
      const std::function<absl::Status(const VerdictSink&)>& produce) override;
  absl::Status SetVerdictsSequence(uint64_t seq) override;
  absl::Status PutVerdicts(const std::vector<std::pair<std::string, StoredVerdict>>& verdicts,
                           uint64_t covers_seq) override;
  StoreStats Stats() const override;
  absl::Status Compact() override;

 private:
  RocksDbObjectStore(const StoreOptions& options) : options_(options) {}
  absl::Status OpenDb(const std::string& path);
  void RemoveBulkLeftovers();
  absl::Status CheckSchema();
  absl::Status LoadState();
  // Appends the log entry and the effects of `encoded` to one batch and writes it.
  absl::Status WriteChangeset(uint64_t seq, std::string_view encoded)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Index deltas (object key, summary delta) are collected only when the index is on.
  using IndexDeltas = std::vector<std::pair<std::string, ObjectSummary>>;
  // With `spill`, the batch is spilled to it (and emptied) whenever it reaches
  // StoreOptions::spill_chunk_writes.
  absl::Status AddEffects(const ChangesetPieces& pieces, SortedBatch& batch,
                          std::vector<Source>& defined, IndexDeltas* deltas,
                          SpilledRuns* spill = nullptr) const;
  absl::Status AddEffectsOf(ChangesetReader& reader, SortedBatch& batch,
                            std::vector<Source>& defined, IndexDeltas* deltas,
                            SpilledRuns* spill) const;
  absl::Status BuildSummaryIndex();
  uint8_t ReliabilityOf(SourceId id, const std::vector<Source>& pending) const;
  // Writes the effects as one SST file per column family, and the log entry `encoded` as
  // another, and ingests them all atomically: the bulk path, which skips the memtable
  // (docs/store-format.md, "Bulk commits").
  // Effects come either from a SortedBatch or from SpilledRuns: both fold per family.
  using FoldFn = std::function<absl::Status(rocksdb::ColumnFamilyHandle*,
                                            const rocksdb::AssociativeMergeOperator*,
                                            const SortedBatch::FoldedFn&)>;
  absl::Status IngestAsFiles(const std::vector<rocksdb::ColumnFamilyHandle*>& families,
                             const FoldFn& fold, uint64_t seq, const ChangesetPieces& pieces);
  // The bulk path for changesets of StoreOptions::spill_min_bytes and more, and spilled
  // ones: effects are sorted in slices spilled to disk, then merged into the ingested
  // files; then Applied().
  absl::Status IngestSpilled(uint64_t seq, const ChangesetPieces& pieces)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  static FoldFn FoldOf(SortedBatch& effects);
  // After a changeset's writes landed: publishes its sequence, index deltas and sources.
  absl::Status Applied(uint64_t seq, std::vector<Source>& defined, const IndexDeltas& deltas);
  absl::Status WriteLogFile(uint64_t seq, const ChangesetPieces& pieces,
                            const std::string& file) const;
  absl::Status WriteBulkFile(const FoldFn& fold, rocksdb::ColumnFamilyHandle* cf,
                             const std::string& file) const;
  const rocksdb::AssociativeMergeOperator* MergeOperatorOf(rocksdb::ColumnFamilyHandle* cf) const;

  StoreOptions options_;
  std::string path_;
  rocksdb::DBOptions db_options_;
  std::vector<rocksdb::ColumnFamilyOptions> cf_options_;  // by handle index
  std::shared_ptr<rocksdb::AssociativeMergeOperator> summary_op_, evidence_op_, relation_op_;
  std::unique_ptr<rocksdb::DB> db_;
  std::unique_ptr<SummaryIndex> index_;  // when options_.summary_index
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  ColumnFamilies cf_;
  std::atomic<uint64_t> last_seq_{0};

  absl::Mutex write_mu_;  // serializes commits (sequence assignment and apply)

  absl::Mutex define_source_mu_;  // serializes EnsureSource
  mutable absl::Mutex sources_mu_;
  absl::flat_hash_map<SourceId, Source> sources_ ABSL_GUARDED_BY(sources_mu_);
  absl::flat_hash_map<std::string, SourceId> source_ids_ ABSL_GUARDED_BY(sources_mu_);
};

}  // namespace loupe

#endif  // LOUPE_STORE_ROCKSDB_OBJECT_STORE_H_
