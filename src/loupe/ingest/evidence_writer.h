// Turns parsed records into changesets and commits them in batches. Besides the evidence
// itself it writes the structural relations a record implies: a URL's host has the URL
// (domain -> URL, or IP -> URL), and a registrable domain has its subdomains.
//
// Relations and sightings are aggregated within a batch (one op per distinct relation,
// its stats merged; one per observed object, hits summed): passive DNS repeats the same
// pairs endlessly, and the store would merge them the same way anyway. Derived relations
// are written once per object and batch, with the times of its first record in the batch.
//
// Not thread-safe. A full batch is committed on a background thread while the next one is
// built (at most one commit in flight); the commit callback runs on that thread, in commit
// order. Records are acknowledged only through the callback or a successful Flush().
#ifndef LOUPE_INGEST_EVIDENCE_WRITER_H_
#define LOUPE_INGEST_EVIDENCE_WRITER_H_

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "loupe/feed/record.h"
#include "loupe/model/evidence.h"
#include "loupe/store/object_store.h"

namespace loupe {

struct EvidenceDefaults {
  Source source;
  CategorySet categories = 0;  // added to every record's categories
  uint8_t confidence = 100;
  UnixSeconds now = 0;  // seen time for records without one
};

class EvidenceWriter {
 public:
  // A batch also ends at this many store writes or encoded bytes, whatever its op count:
  // the commit's sorted effects grow with both (a relation makes four writes, evidence
  // two), and relation-heavy 512k-op batches cost 400 MB. At these caps a 1 GB feed
  // ingests under 300 MB RSS and plain lists keep their 512k-op batches.
  static constexpr size_t kMaxBatchStoreWrites = 1'100'000;
  static constexpr size_t kMaxBatchBytes = size_t{10} << 20;

  // A changeset of the whole run (batch_ops SIZE_MAX) moves to a spill file past this many
  // bytes, so that a pull of any size runs in bounded memory.
  static constexpr size_t kChangesetSpillBytes = size_t{32} << 20;

  // Called after each commit with its sequence number and the `position` passed to the
  // last Add() it contains.
  using CommitCallback = std::function<void(uint64_t seq, uint64_t position)>;

  // `spill_dir`, when not empty, is where changesets spill (kChangesetSpillBytes).
  EvidenceWriter(ObjectStore& store, EvidenceDefaults defaults, std::string origin,
                 size_t batch_ops, CommitCallback on_commit = nullptr, std::string spill_dir = {});

  // Adds one record; commits when the batch is full. `position` identifies the record in
  // its input (a line number) for the commit callback.
  absl::Status Add(const IndicatorRecord& record, uint64_t position);
  // Relations, attributes and sightings a source reports (no evidence implied).
  absl::Status AddRelation(const Indicator& from, RelationType type, const Indicator& to,
                           const RelationStats& stats, uint64_t position);
  absl::Status SetAttribute(const Indicator& object, AttributeKind kind, std::string_view item,
                            std::string_view value, uint64_t position);
  absl::Status Observe(const Indicator& object, uint64_t hits, UnixSeconds time, uint64_t position);
  // Adds an op to the pending changeset directly (expiry of a snapshot source's leavers).
  Changeset& pending() { return *pending_; }
  // Commits everything added so far and waits until it is durable.
  absl::Status Flush();
  ~EvidenceWriter();

  uint64_t commits() const { return commits_; }

 private:
  void AddDerivedRelations(const Indicator& indicator, const std::string& key, UnixSeconds seen);
  void NewChangeset();
  absl::Status Added(uint64_t position);
  void AddRelationOp(std::string_view from, RelationType type, std::string_view to,
                     const RelationStats& stats);
  void MoveAggregatesToChangeset();
  // Starts committing the pending changeset in the background (after the previous commit
  // finished); returns the previous commit's status.
  absl::Status Submit();
  absl::Status WaitInFlight();

  ObjectStore& store_;
  EvidenceDefaults defaults_;
  std::string origin_;
  size_t batch_ops_;
  CommitCallback on_commit_;
  std::string spill_dir_;
  uint64_t changesets_ = 0;  // made so far, naming their spill files
  std::unique_ptr<Changeset> pending_;
  uint64_t last_position_ = 0;
  std::atomic<uint64_t> commits_{0};
  std::future<absl::Status> in_flight_;
  // Aggregated ops of the pending batch: (type, from, to) -> stats; object -> (hits, time).
  absl::flat_hash_map<std::string, RelationStats> relations_;
  absl::flat_hash_map<std::string, std::pair<uint64_t, UnixSeconds>> observations_;
  absl::flat_hash_set<std::string> derived_done_;  // objects whose derived relations are in
  size_t aggregated_bytes_ = 0;                    // encoded size the aggregated ops will take
  size_t store_writes_ = 0;                        // estimated writes of the pending batch
  std::string key_, other_key_, relation_key_;     // reused buffers
};

}  // namespace loupe

#endif  // LOUPE_INGEST_EVIDENCE_WRITER_H_
