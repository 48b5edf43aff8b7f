// RocksDB merge operators for values that combine commutatively: object summaries,
// evidence and relation stats. Merging lets ingest write without reading first.
// A malformed operand is skipped (and the existing value kept) rather than failing reads.
#ifndef LOUPE_STORE_MERGE_OPERATORS_H_
#define LOUPE_STORE_MERGE_OPERATORS_H_

#include <memory>

#include "rocksdb/merge_operator.h"

namespace loupe {

std::shared_ptr<rocksdb::AssociativeMergeOperator> NewSummaryMergeOperator();
std::shared_ptr<rocksdb::AssociativeMergeOperator> NewEvidenceMergeOperator();
std::shared_ptr<rocksdb::AssociativeMergeOperator> NewRelationMergeOperator();

}  // namespace loupe

#endif  // LOUPE_STORE_MERGE_OPERATORS_H_
