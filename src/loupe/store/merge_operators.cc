#include "loupe/store/merge_operators.h"

#include <string>

#include "loupe/store/value_codec.h"

namespace loupe {
namespace {

// Decode, Merge, Encode for any value type with those three functions.
template <typename T, bool (*Decode)(std::string_view, T&), void (*Encode)(std::string&, const T&)>
class TypedMergeOperator final : public rocksdb::AssociativeMergeOperator {
 public:
  explicit TypedMergeOperator(const char* name) : name_(name) {}

  bool Merge(const rocksdb::Slice& /*key*/, const rocksdb::Slice* existing,
             const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger* /*logger*/) const override {
    T merged{};
    bool have = existing != nullptr && Decode(existing->ToStringView(), merged);
    T operand{};
    if (Decode(value.ToStringView(), operand)) {
      if (have) {
        merged.Merge(operand);
      } else {
        merged = std::move(operand);
        have = true;
      }
    }
    new_value->clear();
    if (have) Encode(*new_value, merged);
    return true;
  }

  const char* Name() const override { return name_; }

 private:
  const char* name_;
};

}  // namespace

std::shared_ptr<rocksdb::AssociativeMergeOperator> NewSummaryMergeOperator() {
  return std::make_shared<TypedMergeOperator<ObjectSummary, DecodeSummary, EncodeSummary>>(
      "loupe.summary.v1");
}

std::shared_ptr<rocksdb::AssociativeMergeOperator> NewEvidenceMergeOperator() {
  return std::make_shared<TypedMergeOperator<Evidence, DecodeEvidence, EncodeEvidence>>(
      "loupe.evidence.v1");
}

std::shared_ptr<rocksdb::AssociativeMergeOperator> NewRelationMergeOperator() {
  return std::make_shared<
      TypedMergeOperator<RelationStats, DecodeRelationStats, EncodeRelationStats>>(
      "loupe.relation.v1");
}

}  // namespace loupe
