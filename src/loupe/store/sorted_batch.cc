#include "loupe/store/sorted_batch.h"

#include <algorithm>

namespace loupe {

SortedBatch::Bucket& SortedBatch::BucketOf(rocksdb::ColumnFamilyHandle* cf) {
  uint32_t id = cf->GetID();
  if (id >= buckets_.size()) buckets_.resize(id + 1);
  Bucket& b = buckets_[id];
  b.cf = cf;
  return b;
}

void SortedBatch::Add(rocksdb::ColumnFamilyHandle* cf, bool merge, std::string_view key,
                      std::string_view value) {
  if (overflow_ || arena_.size() + key.size() + value.size() > UINT32_MAX) {
    overflow_ = true;
    return;
  }
  uint64_t prefix = 0;
  for (size_t i = 0; i < 8 && i < key.size(); ++i) {
    prefix |= uint64_t{static_cast<uint8_t>(key[i])} << (56 - 8 * i);
  }
  Bucket& bucket = BucketOf(cf);
  Entry e{prefix,
          merge,
          static_cast<uint32_t>(bucket.entries.size()),
          static_cast<uint32_t>(arena_.size()),
          static_cast<uint32_t>(key.size()),
          static_cast<uint32_t>(arena_.size() + key.size()),
          static_cast<uint32_t>(value.size())};
  arena_.append(key);
  arena_.append(value);
  bucket.entries.push_back(e);
  bucket.sorted = false;
  ++size_;
}

std::vector<rocksdb::ColumnFamilyHandle*> SortedBatch::ColumnFamilies() const {
  std::vector<rocksdb::ColumnFamilyHandle*> out;
  for (const auto& b : buckets_) {
    if (!b.entries.empty()) out.push_back(b.cf);
  }
  return out;
}

void SortedBatch::Sort(Bucket& bucket) const {
  if (bucket.sorted) return;
  const char* arena = arena_.data();
  std::sort(bucket.entries.begin(), bucket.entries.end(), [arena](const Entry& a, const Entry& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    int c = std::string_view(arena + a.key_offset, a.key_size)
                .compare(std::string_view(arena + b.key_offset, b.key_size));
    return c != 0 ? c < 0 : a.order < b.order;
  });
  bucket.sorted = true;
}

void SortedBatch::AppendTo(rocksdb::WriteBatch& batch) {
  for (auto& bucket : buckets_) {
    Sort(bucket);
    for (const Entry& e : bucket.entries) {
      std::string_view key = View(e.key_offset, e.key_size);
      std::string_view value = View(e.value_offset, e.value_size);
      rocksdb::Slice k(key.data(), key.size()), v(value.data(), value.size());
      if (e.merge) {
        batch.Merge(bucket.cf, k, v);
      } else {
        batch.Put(bucket.cf, k, v);
      }
    }
  }
}

absl::Status SortedBatch::ForEachFolded(rocksdb::ColumnFamilyHandle* cf,
                                        const rocksdb::AssociativeMergeOperator* merge,
                                        const FoldedFn& fn) {
  Bucket& bucket = buckets_[cf->GetID()];
  Sort(bucket);
  const std::vector<Entry>& entries = bucket.entries;
  std::string value, folded;
  // Sorted entries point all over the arena: fetch a few keys ahead so that the consumer
  // (an SST writer comparing each key with the last) does not wait on a cache miss each.
  constexpr size_t kPrefetchDistance = 16;
  for (size_t i = 0; i < entries.size();) {
    if (i + kPrefetchDistance < entries.size()) {
      const Entry& ahead = entries[i + kPrefetchDistance];
      __builtin_prefetch(arena_.data() + ahead.key_offset);
      __builtin_prefetch(arena_.data() + ahead.value_offset + ahead.value_size - 1);
    }
    const Entry& first = entries[i];
    std::string_view key = View(first.key_offset, first.key_size);
    size_t j = i + 1;
    auto same_key = [&](size_t k) {
      return k < entries.size() && entries[k].prefix == first.prefix &&
             View(entries[k].key_offset, entries[k].key_size) == key;
    };
    if (!same_key(j)) {  // the common case: one write, passed on without a copy
      absl::Status s = fn(key, View(first.value_offset, first.value_size), first.merge);
      if (!s.ok()) return s;
      i = j;
      continue;
    }
    value.assign(View(first.value_offset, first.value_size));
    bool is_merge = first.merge;
    for (; same_key(j); ++j) {
      std::string_view operand = View(entries[j].value_offset, entries[j].value_size);
      if (!entries[j].merge) {
        value.assign(operand);
        is_merge = false;
        continue;
      }
      if (merge == nullptr) return absl::InternalError("merge into a family without operator");
      rocksdb::Slice existing(value);
      folded.clear();
      merge->Merge(rocksdb::Slice(key.data(), key.size()), &existing,
                   rocksdb::Slice(operand.data(), operand.size()), &folded, nullptr);
      value.swap(folded);
    }
    absl::Status s = fn(key, value, is_merge);
    if (!s.ok()) return s;
    i = j;
  }
  return absl::OkStatus();
}

}  // namespace loupe
