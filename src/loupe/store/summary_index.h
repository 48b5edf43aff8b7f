// An in-memory index of the verdict-relevant part of object summaries, for point verdict
// lookups at memory speed (a RocksDB Get costs microseconds even with every block cached;
// bulk enrichment needs millions of lookups a second per core).
//
// It holds only objects with evidence (the others are Grey by definition), as 16-byte
// slots in an open-addressing table; keys over 7 bytes go to an arena. Summaries merge in with
// the same commutative rule as the store, so a commit updates the index without reading.
//
// Thread-safe: any number of concurrent Find()s; Merge() takes an exclusive lock.
#ifndef LOUPE_STORE_SUMMARY_INDEX_H_
#define LOUPE_STORE_SUMMARY_INDEX_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "loupe/model/object_summary.h"

namespace loupe {

class SummaryIndex {
 public:
  explicit SummaryIndex(size_t expected_objects = 0);

  // Merges the verdict-relevant fields of `delta` (the four class weights) into the entry
  // of `key`, creating it. Deltas without evidence are ignored.
  void Merge(std::string_view key, const ObjectSummary& delta);

  // A summary carrying the merged weights (and evidence_count 1), or nullopt when the
  // object has no evidence. Times, hits and categories are not kept.
  std::optional<ObjectSummary> Find(std::string_view key) const;

  size_t size() const;

 private:
  struct Slot {
    uint32_t tag = 0;         // upper hash bits; 0 marks an empty slot
    uint8_t weights[4] = {};  // malicious, suspicious, adware, benign
    // Keys of up to 7 bytes (every IPv4 key) live here: the bytes, and the length in the
    // top byte. Longer keys: kArenaKey in the top byte and the arena offset below it.
    uint64_t key = 0;
  };
  static_assert(sizeof(Slot) == 16);
  static constexpr uint64_t kArenaKey = uint64_t{0xff} << 56;

  // Slots live in one anonymous mapping with transparent huge pages requested: the table
  // is hundreds of MB and probed at random, so 4 KiB pages would add a TLB miss per probe.
  struct SlotArray {
    Slot* data = nullptr;
    size_t count = 0;
    explicit SlotArray(size_t n);
    ~SlotArray();
    SlotArray(const SlotArray&) = delete;
    SlotArray& operator=(const SlotArray&) = delete;
  };

  size_t Probe(std::string_view key, uint64_t hash) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  void Grow() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool KeyEquals(const Slot& slot, std::string_view key) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  std::string_view StoredKey(const Slot& slot, std::string& buffer) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  uint64_t EncodeKey(std::string_view key) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  std::string_view ArenaKey(uint64_t offset) const ABSL_SHARED_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::unique_ptr<SlotArray> slots_ ABSL_GUARDED_BY(mu_);
  std::string arena_ ABSL_GUARDED_BY(mu_);  // per key: uint32 length, then the bytes
  size_t size_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace loupe

#endif  // LOUPE_STORE_SUMMARY_INDEX_H_
