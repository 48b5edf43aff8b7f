// Sorted runs of a large changeset's writes, kept on disk instead of in memory.
//
// Why: a pull is one changeset (all of it lands or none), and its sorted effects take about
// ten times its encoded size; a large feed's would not fit the memory we promise. The store
// folds the effects of each slice of the changeset into one run per column family, then
// merges the runs key by key into the files it ingests in one atomic step.
//
// Folding across runs follows SortedBatch::ForEachFolded: runs are merged in the order they
// were added (earlier writes first); a Put resets a key's value, a Merge folds into it
// through the column family's operator, and a key that only saw Merges stays a Merge.
// Not thread-safe while adding; afterwards distinct column families may be merged from
// different threads.
#ifndef LOUPE_STORE_SPILLED_RUNS_H_
#define LOUPE_STORE_SPILLED_RUNS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "loupe/store/sorted_batch.h"

namespace loupe {

class SpilledRuns {
 public:
  // Run files go to `dir`, which must exist and belong to this object alone.
  explicit SpilledRuns(std::string dir) : dir_(std::move(dir)) {}

  // Writes the folded writes of every column family of `batch` as a new run. `merge_of`
  // gives a column family's merge operator (null when it takes no merges).
  using MergeOf =
      std::function<const rocksdb::AssociativeMergeOperator*(rocksdb::ColumnFamilyHandle*)>;
  absl::Status Add(SortedBatch& batch, const MergeOf& merge_of);

  // The column families that have runs, in id order.
  std::vector<rocksdb::ColumnFamilyHandle*> ColumnFamilies() const;

  // Calls fn once per distinct key of `cf` across its runs, in key order, folded.
  absl::Status ForEachFolded(rocksdb::ColumnFamilyHandle* cf,
                             const rocksdb::AssociativeMergeOperator* merge,
                             const SortedBatch::FoldedFn& fn) const;

 private:
  std::string dir_;
  size_t runs_ = 0;
  std::map<uint32_t, std::pair<rocksdb::ColumnFamilyHandle*, std::vector<std::string>>> files_;
};

}  // namespace loupe

#endif  // LOUPE_STORE_SPILLED_RUNS_H_
