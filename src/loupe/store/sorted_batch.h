// Collects a changeset's writes and hands them on sorted by column family and key.
//
// Why sorted: the memtable is a skip list whose insert hint makes in-order keys cheap, and
// the bulk path writes SST files, which must be sorted. Feeds arrive in no order.
// Writes to the same key keep their relative order. Writes are bucketed by column family
// so that the buckets can be sorted and written in parallel. Not thread-safe while adding;
// afterwards distinct column families may be folded from different threads.
#ifndef LOUPE_STORE_SORTED_BATCH_H_
#define LOUPE_STORE_SORTED_BATCH_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "rocksdb/db.h"
#include "rocksdb/merge_operator.h"
#include "rocksdb/write_batch.h"

namespace loupe {

class SortedBatch {
 public:
  void Put(rocksdb::ColumnFamilyHandle* cf, std::string_view key, std::string_view value) {
    Add(cf, false, key, value);
  }
  void Merge(rocksdb::ColumnFamilyHandle* cf, std::string_view key, std::string_view value) {
    Add(cf, true, key, value);
  }
  size_t size() const { return size_; }
  // False once the writes outgrew the 4 GiB the 32-bit arena offsets address; the writes
  // past that point were dropped, so the batch must not be written.
  bool ok() const { return !overflow_; }

  // The column families written to, in id order.
  std::vector<rocksdb::ColumnFamilyHandle*> ColumnFamilies() const;

  // Appends every collected write to `batch` in (column family id, key) order.
  void AppendTo(rocksdb::WriteBatch& batch);

  // Calls fn(key, value, is_merge) once per distinct key of column family `cf`, in key
  // order, after folding repeated writes to one key: a Put resets the value, later Merges
  // fold into it through `merge` (the column family's operator; may be null when the family
  // takes no merges). A key that only saw Merges stays a Merge of the folded operands.
  using FoldedFn = std::function<absl::Status(std::string_view, std::string_view, bool)>;
  absl::Status ForEachFolded(rocksdb::ColumnFamilyHandle* cf,
                             const rocksdb::AssociativeMergeOperator* merge, const FoldedFn& fn);

 private:
  struct Entry {
    // The first 8 key bytes, big-endian: most comparisons end here without touching the
    // arena (which, once sorted, would be a cache miss per comparison).
    uint64_t prefix;
    bool merge;
    uint32_t order;  // insertion order: keeps repeated writes to one key in sequence
    uint32_t key_offset, key_size, value_offset, value_size;
  };
  struct Bucket {
    rocksdb::ColumnFamilyHandle* cf = nullptr;
    std::vector<Entry> entries;
    bool sorted = false;
  };
  void Add(rocksdb::ColumnFamilyHandle* cf, bool merge, std::string_view key,
           std::string_view value);
  Bucket& BucketOf(rocksdb::ColumnFamilyHandle* cf);
  void Sort(Bucket& bucket) const;
  std::string_view View(uint32_t offset, uint32_t size) const {
    return std::string_view(arena_.data() + offset, size);
  }

  std::string arena_;            // keys and values back to back; entries point into it
  std::vector<Bucket> buckets_;  // indexed by column family id
  size_t size_ = 0;
  bool overflow_ = false;
};

}  // namespace loupe

#endif  // LOUPE_STORE_SORTED_BATCH_H_
