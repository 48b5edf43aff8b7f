// Reads from one RocksDB snapshot (the StoreView half of RocksDbObjectStore).
#include "loupe/base/coding.h"
#include "loupe/base/status_macros.h"
#include "loupe/model/object_key.h"
#include "loupe/store/key_layout.h"
#include "loupe/store/rocksdb_object_store.h"
#include "loupe/store/value_codec.h"

namespace loupe {
namespace {

class RocksDbStoreView final : public StoreView {
 public:
  RocksDbStoreView(rocksdb::DB* db, const ColumnFamilies& cf)
      : db_(db), cf_(cf), snapshot_(db->GetSnapshot()) {
    read_.snapshot = snapshot_;
  }
  ~RocksDbStoreView() override {
    for (auto& it : iterators_) it.reset();  // before the snapshot they read from
    db_->ReleaseSnapshot(snapshot_);
  }

  absl::StatusOr<std::optional<ObjectSummary>> GetSummary(std::string_view object) const override {
    rocksdb::PinnableSlice value;
    rocksdb::Status s = db_->Get(read_, cf_.objects, object, &value);
    if (s.IsNotFound()) return std::nullopt;
    RETURN_IF_ERROR(FromRocks(s));
    ObjectSummary summary;
    if (!DecodeSummary(value.ToStringView(), summary)) {
      return absl::DataLossError("corrupt object summary");
    }
    return summary;
  }

  absl::Status GetSummaries(const std::vector<std::string_view>& objects,
                            std::vector<std::optional<ObjectSummary>>& out) const override {
    out.assign(objects.size(), std::nullopt);
    return MultiGet(cf_.objects, objects, [&](size_t i, std::string_view value) {
      ObjectSummary summary;
      if (!DecodeSummary(value, summary)) return absl::DataLossError("corrupt object summary");
      out[i] = summary;
      return absl::OkStatus();
    });
  }

  absl::StatusOr<std::optional<Source>> GetSource(SourceId id) const override {
    std::string value;
    rocksdb::Status s = db_->Get(read_, cf_.meta, keys::SourceByIdKey(id), &value);
    if (s.IsNotFound()) return std::nullopt;
    RETURN_IF_ERROR(FromRocks(s));
    Source source;
    if (!DecodeSource(value, source)) return absl::DataLossError("corrupt source record");
    return source;
  }

  absl::Status ForEachEvidence(const EvidenceFn& fn) const override {
    std::string object;
    std::vector<Evidence> group;
    RETURN_IF_ERROR(ScanAll(cf_.evidence, [&](std::string_view key, std::string_view value) {
      Evidence e;
      if (key.size() <= 4 || !DecodeEvidence(value, e))
        return absl::DataLossError("corrupt evidence");
      e.source = DecodeFixed32BE(key.data() + key.size() - 4);
      key.remove_suffix(4);
      if (key != object && !group.empty()) {
        RETURN_IF_ERROR(fn(object, group));
        group.clear();
      }
      object.assign(key);
      group.push_back(std::move(e));
      return absl::OkStatus();
    }));
    return group.empty() ? absl::OkStatus() : fn(object, group);
  }

  absl::Status ForEachAttribute(AttributeKind kind, const AttributeFn& fn) const override {
    return ScanAll(cf_.attrs, [&](std::string_view key, std::string_view value) {
      std::string_view in = key, object;
      uint8_t k;
      if (!SplitObjectKey(in, object) || !GetByte(in, k))
        return absl::DataLossError("corrupt attribute key");
      return k == static_cast<uint8_t>(kind) ? fn(object, in, value) : absl::OkStatus();
    });
  }

  absl::Status ForEachRelation(RelationType type, Direction direction,
                               const RelationFn& fn) const override {
    // rel_rev holds the same relations keyed from the other side.
    return ScanAll(direction == Direction::kOut ? cf_.rel : cf_.rel_rev,
                   [&](std::string_view key, std::string_view) {
                     std::string_view in = key, from;
                     uint8_t t;
                     if (!SplitObjectKey(in, from) || !GetByte(in, t))
                       return absl::DataLossError("corrupt relation key");
                     return t == static_cast<uint8_t>(type) ? fn(from, in) : absl::OkStatus();
                   });
  }

  absl::Status GetVerdicts(const std::vector<std::string_view>& objects,
                           std::vector<std::optional<StoredVerdict>>& out) const override {
    out.assign(objects.size(), std::nullopt);
    if (cf_.verdicts == nullptr) return absl::OkStatus();
    return MultiGet(cf_.verdicts, objects, [&](size_t i, std::string_view value) {
      StoredVerdict v;
      if (!DecodeStoredVerdict(value, v)) return absl::DataLossError("corrupt verdict");
      out[i] = v;
      return absl::OkStatus();
    });
  }

  absl::StatusOr<uint64_t> AppliedSequence() const override {
    return MetaSequence(keys::kAppliedSeqKey);
  }

  absl::StatusOr<bool> VerdictsCurrent() const override {
    ASSIGN_OR_RETURN(uint64_t verdicts, MetaSequence(keys::kVerdictsSeqKey));
    ASSIGN_OR_RETURN(uint64_t applied, AppliedSequence());
    return verdicts != 0 && verdicts == applied;  // 0: none, or being replaced
  }

  absl::StatusOr<bool> HasReviews() const override {
    std::string value;
    rocksdb::Status s = db_->Get(read_, cf_.meta, keys::kHasReviewsKey, &value);
    if (s.IsNotFound()) return false;
    RETURN_IF_ERROR(FromRocks(s));
    return true;
  }

  absl::StatusOr<std::optional<StoredVerdict>> GetVerdict(std::string_view object) const override {
    if (cf_.verdicts == nullptr) return std::nullopt;
    rocksdb::PinnableSlice value;
    rocksdb::Status s = db_->Get(read_, cf_.verdicts, object, &value);
    if (s.IsNotFound()) return std::nullopt;
    RETURN_IF_ERROR(FromRocks(s));
    StoredVerdict v;
    if (!DecodeStoredVerdict(value.ToStringView(), v))
      return absl::DataLossError("corrupt verdict");
    return v;
  }

  absl::StatusOr<std::vector<Evidence>> GetEvidence(std::string_view object) const override {
    std::vector<Evidence> out;
    RETURN_IF_ERROR(
        Scan(cf_.evidence, object, SIZE_MAX, [&](std::string_view key, std::string_view value) {
          Evidence e;
          if (key.size() != 4 || !DecodeEvidence(value, e)) return false;
          e.source = DecodeFixed32BE(key.data());
          out.push_back(std::move(e));
          return true;
        }));
    return out;
  }

  absl::StatusOr<std::optional<std::string>> GetAttribute(std::string_view object,
                                                          AttributeKind kind,
                                                          std::string_view item) const override {
    std::string value;
    rocksdb::Status s = db_->Get(read_, cf_.attrs, keys::AttributeKey(object, kind, item), &value);
    if (s.IsNotFound()) return std::nullopt;
    RETURN_IF_ERROR(FromRocks(s));
    return value;
  }

  absl::Status GetAttributes(const std::vector<std::string_view>& objects, AttributeKind kind,
                             std::vector<std::optional<std::string>>& out) const override {
    std::vector<std::string> keys;
    keys.reserve(objects.size());
    for (auto object : objects) keys.push_back(keys::AttributeKey(object, kind, {}));
    out.assign(keys.size(), std::nullopt);
    return MultiGet(cf_.attrs, std::vector<std::string_view>(keys.begin(), keys.end()),
                    [&](size_t i, std::string_view value) {
                      out[i] = std::string(value);
                      return absl::OkStatus();
                    });
  }

  absl::StatusOr<Page<AttributeItem>> ListAttributes(std::string_view object, AttributeKind kind,
                                                     size_t limit) const override {
    Page<AttributeItem> page;
    RETURN_IF_ERROR(CountedScan(cf_.attrs, keys::AttributePrefix(object, kind), limit, page,
                                [&](std::string_view item, std::string_view value) {
                                  page.items.push_back({std::string(item), std::string(value)});
                                  return true;
                                }));
    return page;
  }

  absl::StatusOr<Page<RelatedObject>> ListRelated(std::string_view object, RelationType type,
                                                  Direction direction,
                                                  size_t limit) const override {
    Page<RelatedObject> page;
    if (direction == Direction::kOut) {
      RETURN_IF_ERROR(CountedScan(cf_.rel, keys::RelationPrefix(object, type), limit, page,
                                  [&](std::string_view other, std::string_view value) {
                                    RelatedObject related{std::string(other), {}};
                                    if (!DecodeRelationStats(value, related.stats)) return false;
                                    page.items.push_back(std::move(related));
                                    return true;
                                  }));
      return page;
    }
    // The reverse index has keys only (stores before it held stats there too; they are
    // ignored): the stats come from the forward keys, in one batch.
    RETURN_IF_ERROR(CountedScan(cf_.rel_rev, keys::RelationPrefix(object, type), limit, page,
                                [&](std::string_view other, std::string_view) {
                                  page.items.push_back({std::string(other), {}});
                                  return true;
                                }));
    std::vector<std::string> forward;
    forward.reserve(page.items.size());
    for (const auto& item : page.items) {
      forward.push_back(keys::RelationKey(item.object, type, object));
    }
    std::vector<std::string_view> views(forward.begin(), forward.end());
    RETURN_IF_ERROR(MultiGet(cf_.rel, views, [&](size_t i, std::string_view value) {
      if (!DecodeRelationStats(value, page.items[i].stats)) {
        return absl::DataLossError("corrupt relation stats");
      }
      return absl::OkStatus();
    }));
    return page;
  }

  absl::StatusOr<std::optional<std::string>> FindNetwork(const IpAddress& ip) const override {
    // Ranges are keyed by their last address: the first entries at or after `ip` are the
    // candidates; nested CIDRs put the innermost first. Bounded so that a pathological
    // index (many disjoint ranges above ip) cannot turn a lookup into a scan.
    constexpr int kMaxCandidates = 64;
    std::string seek = keys::NetworkIndexSeekKey(ip);
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_, cf_.netidx));
    int seen = 0;
    for (it->Seek(seek); it->Valid() && seen < kMaxCandidates; it->Next(), ++seen) {
      std::string_view key = it->key().ToStringView();
      if (key.empty() || key[0] != seek[0] || key.size() != 1 + 2 * ip.size()) break;
      if (key.substr(1 + ip.size()) <= ip.view()) return it->value().ToString();
    }
    RETURN_IF_ERROR(FromRocks(it->status()));
    return std::nullopt;
  }

 private:
  // Batched point reads: calls fn(i, value) for each keys[i] that exists, stopping at the
  // first error.
  template <typename Fn>
  absl::Status MultiGet(rocksdb::ColumnFamilyHandle* cf, const std::vector<std::string_view>& keys,
                        Fn&& fn) const {
    std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
    std::vector<rocksdb::PinnableSlice> values(keys.size());
    std::vector<rocksdb::Status> statuses(keys.size());
    db_->MultiGet(read_, cf, keys.size(), slices.data(), values.data(), statuses.data());
    for (size_t i = 0; i < keys.size(); ++i) {
      if (statuses[i].IsNotFound()) continue;
      RETURN_IF_ERROR(FromRocks(statuses[i]));
      RETURN_IF_ERROR(fn(i, values[i].ToStringView()));
    }
    return absl::OkStatus();
  }

  // A uint64 BE meta value; 0 when absent.
  absl::StatusOr<uint64_t> MetaSequence(std::string_view key) const {
    std::string value;
    rocksdb::Status s = db_->Get(read_, cf_.meta, key, &value);
    if (s.IsNotFound()) return 0;
    RETURN_IF_ERROR(FromRocks(s));
    if (value.size() != 8) return absl::DataLossError("corrupt sequence in meta");
    return DecodeFixed64BE(value.data());
  }

  // A whole column family in key order, on an iterator of its own (a long scan should
  // not pollute the block cache that serves lookups).
  template <typename Fn>
  absl::Status ScanAll(rocksdb::ColumnFamilyHandle* cf, Fn&& fn) const {
    rocksdb::ReadOptions read = read_;
    read.fill_cache = false;
    read.readahead_size = 2 << 20;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, cf));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      RETURN_IF_ERROR(fn(it->key().ToStringView(), it->value().ToStringView()));
    }
    return FromRocks(it->status());
  }

  // Calls fn(key suffix after prefix, value) for up to `limit` keys with `prefix`.
  template <typename Fn>
  absl::Status Scan(rocksdb::ColumnFamilyHandle* cf, std::string_view prefix, size_t limit,
                    Fn&& fn) const {
    // One iterator per column family serves every scan of this view: creating an
    // iterator costs more than a seek, and a report makes thousands of scans.
    absl::MutexLock lock(&iterators_mu_);
    auto& it = iterators_[cf->GetID()];
    if (it == nullptr) it.reset(db_->NewIterator(read_, cf));
    size_t n = 0;
    for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid() && n < limit;
         it->Next(), ++n) {
      std::string_view key = it->key().ToStringView();
      if (!key.starts_with(prefix)) break;
      if (!fn(key.substr(prefix.size()), it->value().ToStringView())) {
        return absl::DataLossError("corrupt value under a scanned prefix");
      }
    }
    return FromRocks(it->status());
  }

  // Like Scan, but keeps counting keys past `limit` to fill page.total.
  template <typename T, typename Fn>
  absl::Status CountedScan(rocksdb::ColumnFamilyHandle* cf, const std::string& prefix, size_t limit,
                           Page<T>& page, Fn&& fn) const {
    uint64_t total = 0;
    RETURN_IF_ERROR(
        Scan(cf, prefix, SIZE_MAX, [&](std::string_view suffix, std::string_view value) {
          ++total;
          return page.items.size() >= limit || fn(suffix, value);
        }));
    page.total = total;
    return absl::OkStatus();
  }

  rocksdb::DB* db_;
  ColumnFamilies cf_;
  const rocksdb::Snapshot* snapshot_;
  rocksdb::ReadOptions read_;
  mutable absl::Mutex iterators_mu_;
  mutable std::unique_ptr<rocksdb::Iterator> iterators_[8] ABSL_GUARDED_BY(iterators_mu_);
};

}  // namespace

std::unique_ptr<StoreView> RocksDbObjectStore::Snapshot() const {
  return std::make_unique<RocksDbStoreView>(db_.get(), cf_);
}

}  // namespace loupe
