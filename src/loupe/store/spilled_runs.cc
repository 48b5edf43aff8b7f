#include "loupe/store/spilled_runs.h"

#include <cstdio>
#include <memory>
#include <queue>

#include "absl/strings/str_cat.h"
#include "fmt/format.h"
#include "loupe/base/key_files.h"

namespace loupe {
namespace {

// A run file: records back to back, each [key size u32][value size u32][merge u8][key]
// [value], in key order, one record per key. Little-endian, written and read on one machine.
constexpr size_t kIoBuffer = 1 << 20;

absl::Status IoError(const char* what, const std::string& file) {
  return absl::InternalError(absl::StrCat(what, " spill run ", file));
}

class RunReader {
 public:
  RunReader(UniqueFile file, std::string name, size_t order)
      : file_(std::move(file)), name_(std::move(name)), order_(order) {}

  // False at the end of the run; status() tells a clean end from a short read.
  bool Next() {
    uint32_t sizes[2];
    uint8_t merge;
    if (std::fread(sizes, sizeof(sizes), 1, file_.get()) != 1) {
      if (!std::feof(file_.get())) status_ = IoError("cannot read", name_);
      return false;
    }
    key_.resize(sizes[0]);
    value_.resize(sizes[1]);
    if (std::fread(&merge, 1, 1, file_.get()) != 1 ||
        (sizes[0] > 0 && std::fread(key_.data(), sizes[0], 1, file_.get()) != 1) ||
        (sizes[1] > 0 && std::fread(value_.data(), sizes[1], 1, file_.get()) != 1)) {
      status_ = IoError("truncated", name_);
      return false;
    }
    merge_ = merge != 0;
    return true;
  }
  const std::string& key() const { return key_; }
  const std::string& value() const { return value_; }
  bool merge() const { return merge_; }
  size_t order() const { return order_; }
  const absl::Status& status() const { return status_; }

 private:
  UniqueFile file_;
  std::string name_;
  size_t order_;
  std::string key_, value_;
  bool merge_ = false;
  absl::Status status_;
};

}  // namespace

absl::Status SpilledRuns::Add(SortedBatch& batch, const MergeOf& merge_of) {
  for (rocksdb::ColumnFamilyHandle* cf : batch.ColumnFamilies()) {
    const std::string name = fmt::format("{}/run-{}-{}", dir_, runs_, cf->GetID());
    UniqueFile file = OpenBuffered(name, "wb", kIoBuffer);
    if (!file) return IoError("cannot create", name);
    absl::Status s = batch.ForEachFolded(
        cf, merge_of(cf), [&](std::string_view key, std::string_view value, bool merge) {
          const uint32_t sizes[2] = {static_cast<uint32_t>(key.size()),
                                     static_cast<uint32_t>(value.size())};
          const uint8_t flag = merge ? 1 : 0;
          if (std::fwrite(sizes, sizeof(sizes), 1, file.get()) != 1 ||
              std::fwrite(&flag, 1, 1, file.get()) != 1 ||
              std::fwrite(key.data(), 1, key.size(), file.get()) != key.size() ||
              std::fwrite(value.data(), 1, value.size(), file.get()) != value.size()) {
            return IoError("cannot write", name);
          }
          return absl::OkStatus();
        });
    if (!s.ok()) return s;
    if (std::fflush(file.get()) != 0) return IoError("cannot write", name);
    auto& [handle, files] = files_[cf->GetID()];
    handle = cf;
    files.push_back(name);
  }
  ++runs_;
  return absl::OkStatus();
}

std::vector<rocksdb::ColumnFamilyHandle*> SpilledRuns::ColumnFamilies() const {
  std::vector<rocksdb::ColumnFamilyHandle*> cfs;
  for (const auto& [id, entry] : files_) cfs.push_back(entry.first);
  return cfs;
}

absl::Status SpilledRuns::ForEachFolded(rocksdb::ColumnFamilyHandle* cf,
                                        const rocksdb::AssociativeMergeOperator* merge,
                                        const SortedBatch::FoldedFn& fn) const {
  auto it = files_.find(cf->GetID());
  if (it == files_.end()) return absl::OkStatus();
  std::vector<std::unique_ptr<RunReader>> readers;
  // Smallest key first; for one key, the earlier run first.
  auto later = [](const RunReader* a, const RunReader* b) {
    int c = a->key().compare(b->key());
    return c != 0 ? c > 0 : a->order() > b->order();
  };
  std::priority_queue<RunReader*, std::vector<RunReader*>, decltype(later)> heap(later);
  for (const std::string& name : it->second.second) {
    UniqueFile file = OpenBuffered(name, "rb", kIoBuffer);
    if (!file) return IoError("cannot open", name);
    readers.push_back(std::make_unique<RunReader>(std::move(file), name, readers.size()));
    if (readers.back()->Next()) heap.push(readers.back().get());
    if (!readers.back()->status().ok()) return readers.back()->status();
  }
  std::string key, value, folded;
  while (!heap.empty()) {
    RunReader* first = heap.top();
    heap.pop();
    key = first->key();
    value = first->value();
    bool is_merge = first->merge();
    auto advance = [&](RunReader* r) -> absl::Status {
      if (r->Next()) heap.push(r);
      return r->status();
    };
    if (absl::Status s = advance(first); !s.ok()) return s;
    while (!heap.empty() && heap.top()->key() == key) {
      RunReader* r = heap.top();
      heap.pop();
      if (!r->merge()) {
        value = r->value();
        is_merge = false;
      } else {
        if (merge == nullptr) return absl::InternalError("merge into a family without operator");
        rocksdb::Slice existing(value);
        folded.clear();
        merge->Merge(rocksdb::Slice(key), &existing, rocksdb::Slice(r->value()), &folded, nullptr);
        value.swap(folded);
      }
      if (absl::Status s = advance(r); !s.ok()) return s;
    }
    if (absl::Status s = fn(key, value, is_merge); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace loupe
