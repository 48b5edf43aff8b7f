#include "loupe/store/rocksdb_object_store.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <optional>

#include "absl/strings/str_cat.h"
#include "fmt/format.h"
#include "loupe/base/coding.h"
#include "loupe/base/status_macros.h"
#include "loupe/model/object_key.h"
#include "loupe/store/key_layout.h"
#include "loupe/store/merge_operators.h"
#include "loupe/store/sorted_batch.h"
#include "loupe/store/value_codec.h"
#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/sst_file_writer.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"

namespace loupe {
namespace {

// Calls fn(key, part) for the log entry's parts in key order (key_layout.h), cutting
// them from the encoding in pieces.
template <typename Fn>
absl::Status ForEachLogPart(uint64_t seq, const ChangesetPieces& pieces, const Fn& fn) {
  uint32_t next = 0;
  std::string part;
  RETURN_IF_ERROR(pieces([&](std::string_view piece) -> absl::Status {
    while (!piece.empty()) {
      const size_t take = std::min(piece.size(), keys::kLogPartBytes - part.size());
      part.append(piece.substr(0, take));
      piece.remove_prefix(take);
      if (part.size() == keys::kLogPartBytes) {
        RETURN_IF_ERROR(fn(keys::LogPartKey(seq, next++), part));
        part.clear();
      }
    }
    return absl::OkStatus();
  }));
  if (!part.empty() || next == 0) RETURN_IF_ERROR(fn(keys::LogPartKey(seq, next), part));
  return absl::OkStatus();
}

ChangesetPieces WholeEncoding(std::string_view encoded) {
  return [encoded](const Changeset::PieceFn& fn) { return fn(encoded); };
}

rocksdb::ColumnFamilyOptions CfOptions(const std::shared_ptr<rocksdb::Cache>& cache,
                                       bool point_lookups) {
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  // Index and filter blocks go through the block cache, partitioned: a monolithic filter
  // of a large file (12 MB for 10M keys) exceeds a cache shard and would be re-read and
  // re-checksummed on every lookup (measured: 1.7 ms per hit).
  table.cache_index_and_filter_blocks = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  table.pin_top_level_index_and_filter = true;
  table.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
  table.partition_filters = true;
  table.metadata_block_size = 4096;
  if (point_lookups) {
    // Verdict lookups probe `objects` by whole key: filters keep misses off the disk
    // (Ribbon: a bloom filter's false-positive rate in less space).
    table.filter_policy.reset(rocksdb::NewRibbonFilterPolicy(10));
  } else {
    // Read by prefix scans: larger blocks compress better (passive DNS relations: 2.53 MB
    // at 4 KiB, 2.26 MB at 32 KiB) and a scan reads neighbouring keys anyway.
    table.block_size = 32 << 10;
  }
  table.format_version = 5;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  o.compression = rocksdb::kLZ4Compression;
  o.bottommost_compression = rocksdb::kZSTD;
  // Names repeat across keys and blocks: a dictionary trained per file finds them (level 9
  // saved another 7% on passive DNS but compacted at a third of the speed).
  o.bottommost_compression_opts.enabled = true;
  // Training buffers the output file's data blocks; unbounded, that is a whole 64 MB file
  // per compaction in memory.
  o.bottommost_compression_opts.max_dict_buffer_bytes = 8 << 20;
  o.bottommost_compression_opts.max_dict_bytes = 16 << 10;
  o.bottommost_compression_opts.zstd_max_train_bytes = 100 * (16 << 10);
  o.level_compaction_dynamic_level_bytes = true;
  o.write_buffer_size = 64 << 20;
  // Bulk commits arrive as L0 files spread over the whole key space; compacting them in
  // larger groups rewrites the base level less often.
  o.level0_file_num_compaction_trigger = 8;
  o.level0_slowdown_writes_trigger = 40;
  o.level0_stop_writes_trigger = 60;
  o.max_bytes_for_level_base = 512 << 20;
  o.target_file_size_base = 64 << 20;
  // Commits insert their keys sorted (SortedBatch). With a per-prefix insert hint the
  // memtable skip list repairs its search path only as far as the distance to the previous
  // key (O(log D)); without it every key that is not an exact append costs a full O(log N)
  // search. Every key of these column families starts with an object type byte.
  o.memtable_insert_with_hint_prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(1));
  return o;
}

}  // namespace

absl::Status FromRocks(const rocksdb::Status& s) {
  if (s.ok()) return absl::OkStatus();
  if (s.IsCorruption()) return absl::DataLossError(s.ToString());
  if (s.IsIOError()) return absl::UnavailableError(s.ToString());
  if (s.IsInvalidArgument()) return absl::FailedPreconditionError(s.ToString());
  return absl::InternalError(s.ToString());
}

absl::StatusOr<std::unique_ptr<ObjectStore>> RocksDbObjectStore::Open(const std::string& path,
                                                                      const StoreOptions& options) {
  std::unique_ptr<RocksDbObjectStore> store(new RocksDbObjectStore(options));
  RETURN_IF_ERROR(store->OpenDb(path));
  RETURN_IF_ERROR(store->CheckSchema());
  RETURN_IF_ERROR(store->LoadState());
  if (options.summary_index) RETURN_IF_ERROR(store->BuildSummaryIndex());
  return std::unique_ptr<ObjectStore>(std::move(store));
}

absl::Status RocksDbObjectStore::OpenDb(const std::string& path) {
  path_ = path;
  auto cache = rocksdb::NewLRUCache(options_.block_cache_bytes);
  db_options_.create_if_missing = options_.create_if_missing;
  db_options_.create_missing_column_families = options_.create_if_missing;
  db_options_.max_background_jobs = 2;
  db_options_.max_open_files = options_.max_open_files;
  db_options_.bytes_per_sync = 1 << 20;
  db_options_.max_total_wal_size = 256 << 20;

  summary_op_ = NewSummaryMergeOperator();
  evidence_op_ = NewEvidenceMergeOperator();
  relation_op_ = NewRelationMergeOperator();
  auto summary = CfOptions(cache, true);
  summary.merge_operator = summary_op_;
  auto evidence = CfOptions(cache, false);
  evidence.merge_operator = evidence_op_;
  auto relations = CfOptions(cache, false);
  relations.merge_operator = relation_op_;
  auto plain = CfOptions(cache, false);
  // The log is written once and read rarely (replication, incremental feeds): where it
  // settles, compress it hard (level 19: 12% smaller than 9). Commits still write it
  // fast (LZ4): ZSTD 9 on the commit path cost a third of the ingest rate. Its values are
  // whole changesets.
  auto log = CfOptions(cache, false);
  log.bottommost_compression_opts.level = 19;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors = {
      {keys::kMetaCf, plain},        {keys::kLogCf, log},      {keys::kObjectsCf, summary},
      {keys::kEvidenceCf, evidence}, {keys::kAttrsCf, plain},  {keys::kRelCf, relations},
      {keys::kRelRevCf, relations},  {keys::kNetIdxCf, plain},
  };
  // Stored verdicts came later: a read-only open of an older store goes without them
  // (writers create the column family).
  std::vector<std::string> existing;
  const bool has_verdicts =
      !rocksdb::DB::ListColumnFamilies(db_options_, path, &existing).ok() ||
      std::find(existing.begin(), existing.end(), keys::kVerdictsCf) != existing.end();
  if (has_verdicts || !options_.read_only) {
    descriptors.push_back({keys::kVerdictsCf, CfOptions(cache, true)});
  }
  for (const auto& d : descriptors) cf_options_.push_back(d.options);
  rocksdb::DB* db = nullptr;
  rocksdb::Status s =
      options_.read_only
          ? rocksdb::DB::OpenForReadOnly(db_options_, path, descriptors, &handles_, &db)
          : rocksdb::DB::Open(db_options_, path, descriptors, &handles_, &db);
  if (!s.ok()) return FromRocks(s);
  db_.reset(db);
  cf_ = {handles_[0], handles_[1], handles_[2],
         handles_[3], handles_[4], handles_[5],
         handles_[6], handles_[7], handles_.size() > 8 ? handles_[8] : nullptr};
  if (!options_.read_only) RemoveBulkLeftovers();
  return absl::OkStatus();
}

RocksDbObjectStore::~RocksDbObjectStore() {
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  if (db_) db_->Close().PermitUncheckedError();
}

absl::Status RocksDbObjectStore::CheckSchema() {
  std::string value;
  rocksdb::Status s = db_->Get({}, cf_.meta, keys::kSchemaVersionKey, &value);
  if (s.IsNotFound()) {
    if (options_.read_only) return absl::OkStatus();
    std::string v;
    PutFixed32BE(v, keys::kSchemaVersion);
    return FromRocks(db_->Put(rocksdb::WriteOptions(), cf_.meta, keys::kSchemaVersionKey, v));
  }
  RETURN_IF_ERROR(FromRocks(s));
  if (value.size() != 4 || DecodeFixed32BE(value.data()) != keys::kSchemaVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("store schema version is not ", keys::kSchemaVersion));
  }
  return absl::OkStatus();
}

absl::Status RocksDbObjectStore::LoadState() {
  std::string value;
  rocksdb::Status s = db_->Get({}, cf_.meta, keys::kAppliedSeqKey, &value);
  if (s.ok() && value.size() == 8) last_seq_ = DecodeFixed64BE(value.data());
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s);

  std::string prefix = keys::SourceByIdKey(0).substr(0, 10);  // "source/id/"
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator({}, cf_.meta));
  absl::MutexLock lock(&sources_mu_);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    Source source;
    if (!DecodeSource(it->value().ToStringView(), source)) {
      return absl::DataLossError("corrupt source record");
    }
    source_ids_[source.name] = source.id;
    sources_[source.id] = std::move(source);
  }
  return FromRocks(it->status());
}

absl::StatusOr<uint64_t> RocksDbObjectStore::Commit(const Changeset& changeset) {
  if (options_.read_only) return absl::FailedPreconditionError("store is open read-only");
  absl::MutexLock lock(&write_mu_);
  if (changeset.empty()) return LastSequence();
  RETURN_IF_ERROR(changeset.status());
  uint64_t seq = LastSequence() + 1;
  if (changeset.spilled()) {
    RETURN_IF_ERROR(IngestSpilled(
        seq, [&changeset](const Changeset::PieceFn& fn) { return changeset.ForEachPiece(fn); }));
  } else {
    RETURN_IF_ERROR(WriteChangeset(seq, changeset.encoded()));
  }
  return seq;
}

absl::Status RocksDbObjectStore::ApplyLogged(uint64_t seq, std::string_view encoded) {
  if (options_.read_only) return absl::FailedPreconditionError("store is open read-only");
  absl::MutexLock lock(&write_mu_);
  uint64_t last = LastSequence();
  if (seq <= last) return absl::OkStatus();  // already applied: re-applying is a no-op
  if (seq != last + 1) {
    return absl::FailedPreconditionError(
        absl::StrCat("changeset ", seq, " does not follow ", last));
  }
  return WriteChangeset(seq, encoded);
}

absl::Status RocksDbObjectStore::WriteChangeset(uint64_t seq, std::string_view encoded) {
  if (encoded.size() >= options_.spill_min_bytes) return IngestSpilled(seq, WholeEncoding(encoded));
  std::vector<Source> defined;
  IndexDeltas deltas;
  SortedBatch effects;
  RETURN_IF_ERROR(AddEffects(WholeEncoding(encoded), effects, defined, index_ ? &deltas : nullptr));
  // The log entry (the whole encoded changeset) bypasses the sorted batch: it is one key,
  // and copying a large changeset into the batch's arena would hold it in memory twice.
  effects.Put(cf_.meta, keys::kAppliedSeqKey, keys::LogKey(seq));
  if (!effects.ok()) {
    return absl::ResourceExhaustedError(
        "changeset too large: its writes exceed 4 GiB; split it (smaller --batch)");
  }
  if (effects.size() >= options_.bulk_min_writes) {
    RETURN_IF_ERROR(
        IngestAsFiles(effects.ColumnFamilies(), FoldOf(effects), seq, WholeEncoding(encoded)));
  } else {
    rocksdb::WriteBatch batch;
    effects.AppendTo(batch);
    RETURN_IF_ERROR(ForEachLogPart(
        seq, WholeEncoding(encoded), [&](const std::string& key, std::string_view part) {
          return FromRocks(batch.Put(cf_.log, key, rocksdb::Slice(part.data(), part.size())));
        }));
    rocksdb::WriteOptions write_options;
    write_options.sync = options_.sync;
    RETURN_IF_ERROR(FromRocks(db_->Write(write_options, &batch)));
  }
  return Applied(seq, defined, deltas);
}

absl::Status RocksDbObjectStore::Applied(uint64_t seq, std::vector<Source>& defined,
                                         const IndexDeltas& deltas) {
  last_seq_.store(seq, std::memory_order_release);
  for (const auto& [key, delta] : deltas) index_->Merge(key, delta);
  if (!defined.empty()) {
    absl::MutexLock lock(&sources_mu_);
    for (auto& source : defined) {
      source_ids_[source.name] = source.id;
      sources_[source.id] = std::move(source);
    }
  }
  return absl::OkStatus();
}

uint8_t RocksDbObjectStore::ReliabilityOf(SourceId id, const std::vector<Source>& pending) const {
  for (const auto& s : pending) {
    if (s.id == id) return s.reliability;
  }
  absl::MutexLock lock(&sources_mu_);
  auto it = sources_.find(id);
  return it == sources_.end() ? 0 : it->second.reliability;
}

namespace {

// The store keeps a network index entry for every network object it hears of.
void IndexIfNetwork(std::string_view object, const ColumnFamilies& cf, SortedBatch& batch) {
  if (ObjectKeyType(object) != IndicatorType::kNetwork) return;
  std::string_view in = object;
  auto indicator = DecodeObjectKey(in);
  if (!indicator.ok()) return;
  auto net = ParseNetwork(indicator->value);
  if (net.ok()) batch.Put(cf.netidx, keys::NetworkIndexKey(*net), object);
}

void MergeSummary(std::string_view object, const ObjectSummary& summary, const ColumnFamilies& cf,
                  SortedBatch& batch) {
  std::string value;
  EncodeSummary(value, summary);
  batch.Merge(cf.objects, object, value);
  IndexIfNetwork(object, cf, batch);
}

}  // namespace

absl::Status RocksDbObjectStore::AddEffects(const ChangesetPieces& pieces, SortedBatch& batch,
                                            std::vector<Source>& defined, IndexDeltas* deltas,
                                            SpilledRuns* spill) const {
  std::optional<ChangesetReader> reader;
  RETURN_IF_ERROR(pieces([&](std::string_view piece) {
    if (reader) {
      reader->Feed(piece);
    } else {
      reader.emplace(piece, /*in_pieces=*/true);
    }
    return AddEffectsOf(*reader, batch, defined, deltas, spill);
  }));
  if (!reader) return absl::DataLossError("empty changeset encoding");
  return reader->Finish();
}

absl::Status RocksDbObjectStore::AddEffectsOf(ChangesetReader& reader, SortedBatch& batch,
                                              std::vector<Source>& defined, IndexDeltas* deltas,
                                              SpilledRuns* spill) const {
  ChangesetOp op;
  std::string value;
  while (reader.Next(op)) {
    if (spill != nullptr && batch.size() >= options_.spill_chunk_writes) {
      if (!batch.ok()) return absl::ResourceExhaustedError("spill slice exceeds 4 GiB");
      RETURN_IF_ERROR(spill->Add(batch, [this](auto* cf) { return MergeOperatorOf(cf); }));
      batch = SortedBatch();
    }
    value.clear();
    switch (op.code) {
      case OpCode::kDefineSource:
        EncodeSource(value, op.source);
        batch.Put(cf_.meta, keys::SourceByIdKey(op.source.id), value);
        batch.Put(cf_.meta, keys::SourceByNameKey(op.source.name), keys::LogKey(op.source.id));
        defined.push_back(op.source);
        break;
      case OpCode::kAddEvidence: {
        EncodeEvidence(value, op.evidence);
        batch.Merge(cf_.evidence, keys::EvidenceKey(op.object, op.evidence.source), value);
        // An expiry changes no summary: summaries only grow (a commutative merge); the
        // verdict reads the evidence, which carries the expiry.
        ObjectSummary delta =
            op.evidence.IsExpiry()
                ? ObjectSummary{}
                : SummaryOfEvidence(op.evidence, ReliabilityOf(op.evidence.source, defined));
        MergeSummary(op.object, delta, cf_, batch);
        if (deltas != nullptr) deltas->emplace_back(op.object, delta);
        break;
      }
      case OpCode::kSetAttribute:
        batch.Put(cf_.attrs, keys::AttributeKey(op.object, op.kind, op.item), op.value);
        if (op.kind == AttributeKind::kReview) batch.Put(cf_.meta, keys::kHasReviewsKey, {});
        MergeSummary(op.object, {}, cf_, batch);
        break;
      case OpCode::kAddRelation: {
        EncodeRelationStats(value, op.stats);
        batch.Merge(cf_.rel, keys::RelationKey(op.object, op.relation, op.other), value);
        // The reverse index holds keys only: readers take the stats from `rel`, so they
        // are stored once (a third of a passive DNS store).
        batch.Put(cf_.rel_rev, keys::RelationKey(op.other, op.relation, op.object), {});
        ObjectSummary seen{.first_seen = op.stats.first_seen, .last_seen = op.stats.last_seen};
        MergeSummary(op.object, seen, cf_, batch);
        MergeSummary(op.other, seen, cf_, batch);
        break;
      }
      case OpCode::kObserve:
        MergeSummary(op.object,
                     {.first_seen = op.stats.first_seen,
                      .last_seen = op.stats.last_seen,
                      .hits = op.stats.count},
                     cf_, batch);
        break;
    }
  }
  return reader.status();
}

absl::Status RocksDbObjectStore::BuildSummaryIndex() {
  uint64_t estimate = 0;
  db_->GetIntProperty(cf_.objects, rocksdb::DB::Properties::kEstimateNumKeys, &estimate);
  index_ = std::make_unique<SummaryIndex>(estimate);
  rocksdb::ReadOptions read;
  read.fill_cache = false;  // a one-off scan must not evict the working set
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, cf_.objects));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ObjectSummary summary;
    if (!DecodeSummary(it->value().ToStringView(), summary)) {
      return absl::DataLossError("corrupt object summary");
    }
    index_->Merge(it->key().ToStringView(), summary);
  }
  return FromRocks(it->status());
}

absl::StatusOr<std::optional<ObjectSummary>> RocksDbObjectStore::VerdictSummary(
    std::string_view object) const {
  if (index_) return index_->Find(object);
  std::string value;
  rocksdb::Status s =
      db_->Get({}, cf_.objects, rocksdb::Slice(object.data(), object.size()), &value);
  if (s.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocks(s));
  ObjectSummary summary;
  if (!DecodeSummary(value, summary)) return absl::DataLossError("corrupt object summary");
  if (!summary.HasEvidence()) return std::nullopt;
  return summary;
}

const rocksdb::AssociativeMergeOperator* RocksDbObjectStore::MergeOperatorOf(
    rocksdb::ColumnFamilyHandle* cf) const {
  if (cf == cf_.objects) return summary_op_.get();
  if (cf == cf_.evidence) return evidence_op_.get();
  if (cf == cf_.rel || cf == cf_.rel_rev) return relation_op_.get();
  return nullptr;
}

namespace {

constexpr std::string_view kBulkPrefix = "loupe-bulk-";

std::string BulkFile(const std::string& dir, uint64_t seq, uint32_t cf) {
  return fmt::format("{}/{}{}-{}.sst", dir, kBulkPrefix, seq, cf);
}

}  // namespace

void RocksDbObjectStore::RemoveBulkLeftovers() {
  // A crash between writing bulk files and ingesting them leaves files RocksDB never saw.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(path_, ec)) {
    if (entry.path().filename().string().starts_with(kBulkPrefix)) {
      std::filesystem::remove_all(entry.path(), ec);
    }
  }
}

RocksDbObjectStore::FoldFn RocksDbObjectStore::FoldOf(SortedBatch& effects) {
  return
      [&effects](rocksdb::ColumnFamilyHandle* cf, const rocksdb::AssociativeMergeOperator* merge,
                 const SortedBatch::FoldedFn& fn) { return effects.ForEachFolded(cf, merge, fn); };
}

absl::Status RocksDbObjectStore::WriteBulkFile(const FoldFn& fold, rocksdb::ColumnFamilyHandle* cf,
                                               const std::string& file) const {
  rocksdb::Options options(db_options_, cf_options_[cf->GetID()]);
  // SstFileWriter compresses with the bottommost setting (ZSTD); LZ4 keeps the commit
  // fast, and compaction recompresses what settles at the bottom.
  options.bottommost_compression = rocksdb::kLZ4Compression;
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, cf);
  RETURN_IF_ERROR(FromRocks(writer.Open(file)));
  RETURN_IF_ERROR(
      fold(cf, MergeOperatorOf(cf),
           [&](std::string_view key, std::string_view value, bool merge) -> absl::Status {
             rocksdb::Slice k(key.data(), key.size()), v(value.data(), value.size());
             return FromRocks(merge ? writer.Merge(k, v) : writer.Put(k, v));
           }));
  return FromRocks(writer.Finish());
}

absl::Status RocksDbObjectStore::WriteLogFile(uint64_t seq, const ChangesetPieces& pieces,
                                              const std::string& file) const {
  rocksdb::Options options(db_options_, cf_options_[cf_.log->GetID()]);
  options.bottommost_compression = rocksdb::kLZ4Compression;  // as WriteBulkFile
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, cf_.log);
  RETURN_IF_ERROR(FromRocks(writer.Open(file)));
  RETURN_IF_ERROR(ForEachLogPart(seq, pieces, [&](const std::string& key, std::string_view part) {
    return FromRocks(writer.Put(key, rocksdb::Slice(part.data(), part.size())));
  }));
  return FromRocks(writer.Finish());
}

absl::Status RocksDbObjectStore::IngestSpilled(uint64_t seq, const ChangesetPieces& pieces) {
  const std::string dir = fmt::format("{}/{}spill-{}", path_, kBulkPrefix, seq);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (!std::filesystem::create_directory(dir, ec)) {
    return absl::InternalError(absl::StrCat("cannot create ", dir, ": ", ec.message()));
  }
  struct RemoveDir {
    std::string dir;
    ~RemoveDir() {
      std::error_code e;
      std::filesystem::remove_all(dir, e);
    }
  } remove_dir{dir};
  SpilledRuns runs(dir);
  std::vector<Source> defined;
  IndexDeltas deltas;
  {
    SortedBatch effects;
    RETURN_IF_ERROR(AddEffects(pieces, effects, defined, index_ ? &deltas : nullptr, &runs));
    effects.Put(cf_.meta, keys::kAppliedSeqKey, keys::LogKey(seq));
    if (!effects.ok()) return absl::ResourceExhaustedError("spill slice exceeds 4 GiB");
    RETURN_IF_ERROR(runs.Add(effects, [this](auto* cf) { return MergeOperatorOf(cf); }));
  }
  RETURN_IF_ERROR(IngestAsFiles(
      runs.ColumnFamilies(),
      [&runs](rocksdb::ColumnFamilyHandle* cf, const rocksdb::AssociativeMergeOperator* merge,
              const SortedBatch::FoldedFn& fn) { return runs.ForEachFolded(cf, merge, fn); },
      seq, pieces));
  return Applied(seq, defined, deltas);
}

absl::Status RocksDbObjectStore::IngestAsFiles(
    const std::vector<rocksdb::ColumnFamilyHandle*>& families, const FoldFn& fold, uint64_t seq,
    const ChangesetPieces& pieces) {
  // Each column family's file is sorted and written on its own thread (they share nothing
  // but the read-only arena); the two largest, evidence and objects, then overlap.
  std::vector<rocksdb::IngestExternalFileArg> args;
  std::vector<std::future<absl::Status>> writes;
  for (rocksdb::ColumnFamilyHandle* cf : families) {
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = cf;
    arg.external_files = {BulkFile(path_, seq, cf->GetID())};
    arg.options.move_files = true;
    writes.push_back(std::async(
        std::launch::async,
        [this, &fold, cf, file = arg.external_files[0]] { return WriteBulkFile(fold, cf, file); }));
    args.push_back(std::move(arg));
  }
  {
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = cf_.log;
    arg.external_files = {BulkFile(path_, seq, cf_.log->GetID())};
    arg.options.move_files = true;
    writes.push_back(
        std::async(std::launch::async, [this, seq, &pieces, file = arg.external_files[0]] {
          return WriteLogFile(seq, pieces, file);
        }));
    args.push_back(std::move(arg));
  }
  absl::Status status;
  for (auto& w : writes) {
    absl::Status s = w.get();
    if (status.ok()) status = s;
  }
  // All column families' files land in one atomic step, or none do.
  if (status.ok()) status = FromRocks(db_->IngestExternalFiles(args));
  for (const auto& arg : args) {
    std::error_code ec;
    std::filesystem::remove(arg.external_files[0], ec);  // moved on success; stale on error
  }
  return status;
}

absl::StatusOr<Source> RocksDbObjectStore::EnsureSource(std::string_view name,
                                                        uint8_t reliability) {
  if (name.empty()) return absl::InvalidArgumentError("source name is empty");
  Source source{.name = std::string(name), .reliability = std::min<uint8_t>(reliability, 100)};
  // Held across choosing an id and committing it, so two new sources never get one id.
  absl::MutexLock define_lock(&define_source_mu_);
  {
    absl::MutexLock lock(&sources_mu_);
    auto it = source_ids_.find(source.name);
    if (it != source_ids_.end()) {
      const Source& known = sources_[it->second];
      if (known.reliability == source.reliability) return known;
      source.id = known.id;
    } else {
      SourceId max_id = 0;
      for (const auto& [id, s] : sources_) max_id = std::max(max_id, id);
      source.id = max_id + 1;
    }
  }
  Changeset changeset(0, fmt::format("source:{}", name));
  changeset.DefineSource(source);
  RETURN_IF_ERROR(Commit(changeset).status());
  return source;
}

std::optional<Source> RocksDbObjectStore::GetSource(SourceId id) const {
  absl::MutexLock lock(&sources_mu_);
  auto it = sources_.find(id);
  if (it == sources_.end()) return std::nullopt;
  return it->second;
}

std::vector<Source> RocksDbObjectStore::Sources() const {
  absl::MutexLock lock(&sources_mu_);
  std::vector<Source> out;
  for (const auto& [id, s] : sources_) out.push_back(s);
  std::sort(out.begin(), out.end(), [](const Source& a, const Source& b) { return a.id < b.id; });
  return out;
}

absl::Status RocksDbObjectStore::ReadLog(
    uint64_t from, const std::function<bool(uint64_t, std::string_view)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator({}, cf_.log));
  std::string entry;
  uint64_t seq = 0;
  bool open = false;  // `entry` holds parts of `seq` not yet handed on
  for (it->Seek(keys::LogKey(from)); it->Valid(); it->Next()) {
    std::string_view key = it->key().ToStringView();
    if (key.size() == 12 && open && DecodeFixed64BE(key.data()) == seq &&
        DecodeFixed32BE(key.data() + 8) == entry.size() / keys::kLogPartBytes) {
      entry.append(it->value().ToStringView());
      continue;
    }
    if (key.size() != 8) return absl::DataLossError("corrupt log key");
    if (open && !fn(seq, entry)) return absl::OkStatus();
    seq = DecodeFixed64BE(key.data());
    entry.assign(it->value().ToStringView());
    open = true;
  }
  RETURN_IF_ERROR(FromRocks(it->status()));
  if (open) fn(seq, entry);
  return absl::OkStatus();
}

absl::Status RocksDbObjectStore::SetVerdictsSequence(uint64_t seq) {
  if (options_.read_only) return absl::FailedPreconditionError("store is open read-only");
  std::string value;
  PutFixed64BE(value, seq);
  return FromRocks(db_->Put({}, cf_.meta, keys::kVerdictsSeqKey, value));
}

absl::Status RocksDbObjectStore::ReplaceVerdicts(
    const std::function<absl::Status(const VerdictSink&)>& produce) {
  if (options_.read_only) return absl::FailedPreconditionError("store is open read-only");
  RETURN_IF_ERROR(SetVerdictsSequence(0));  // not current while being replaced
  const std::string file = fmt::format("{}/{}verdicts.sst", path_, kBulkPrefix);
  rocksdb::Options options(db_options_, cf_options_[cf_.verdicts->GetID()]);
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, cf_.verdicts);
  RETURN_IF_ERROR(FromRocks(writer.Open(file)));
  uint64_t written = 0;
  std::string value;
  absl::Status status = produce([&](std::string_view object, const StoredVerdict& v) {
    value.clear();
    EncodeStoredVerdict(value, v);
    ++written;
    return FromRocks(writer.Put(rocksdb::Slice(object.data(), object.size()), value));
  });
  if (status.ok() && written > 0) status = FromRocks(writer.Finish());
  // Object keys start with a type byte of 1-8: this range holds every verdict.
  const std::string end(1, '\xff');
  if (status.ok()) status = FromRocks(db_->DeleteRange({}, cf_.verdicts, "", end));
  if (status.ok() && written > 0) {
    rocksdb::IngestExternalFileOptions ingest;
    ingest.move_files = true;
    status = FromRocks(db_->IngestExternalFile(cf_.verdicts, {file}, ingest));
  }
  std::error_code ec;
  std::filesystem::remove(file, ec);
  return status;
}

absl::Status RocksDbObjectStore::PutVerdicts(
    const std::vector<std::pair<std::string, StoredVerdict>>& verdicts, uint64_t covers_seq) {
  if (options_.read_only) return absl::FailedPreconditionError("store is open read-only");
  // Under the write lock: no commit slips between reading and advancing the sequence.
  absl::MutexLock lock(&write_mu_);
  rocksdb::WriteBatch batch;
  if (covers_seq != 0) {
    std::string value;
    rocksdb::Status s = db_->Get({}, cf_.meta, keys::kVerdictsSeqKey, &value);
    if (!s.IsNotFound()) RETURN_IF_ERROR(FromRocks(s));
    const bool was_current = s.ok() && value.size() == 8 &&
                             DecodeFixed64BE(value.data()) + 1 == covers_seq &&
                             LastSequence() == covers_seq;
    if (was_current) {
      value.clear();
      PutFixed64BE(value, covers_seq);
      RETURN_IF_ERROR(FromRocks(batch.Put(cf_.meta, keys::kVerdictsSeqKey, value)));
    }
  }
  std::string value;
  for (const auto& [object, v] : verdicts) {
    value.clear();
    EncodeStoredVerdict(value, v);
    RETURN_IF_ERROR(FromRocks(batch.Put(cf_.verdicts, object, value)));
  }
  return FromRocks(db_->Write({}, &batch));
}

StoreStats RocksDbObjectStore::Stats() const {
  auto count = [&](rocksdb::ColumnFamilyHandle* cf) {
    uint64_t n = 0;
    db_->GetIntProperty(cf, rocksdb::DB::Properties::kEstimateNumKeys, &n);
    return n;
  };
  StoreStats stats;
  stats.last_sequence = LastSequence();
  stats.objects = count(cf_.objects);
  stats.evidence = count(cf_.evidence);
  stats.relations = count(cf_.rel);
  stats.attributes = count(cf_.attrs);
  stats.log_entries = count(cf_.log);
  if (cf_.verdicts != nullptr) stats.verdicts = count(cf_.verdicts);
  for (auto* cf : handles_) {
    uint64_t bytes = 0;
    db_->GetIntProperty(cf, rocksdb::DB::Properties::kLiveSstFilesSize, &bytes);
    stats.disk_bytes += bytes;
  }
  return stats;
}

absl::Status RocksDbObjectStore::Compact() {
  rocksdb::FlushOptions flush;
  RETURN_IF_ERROR(FromRocks(db_->Flush(flush, handles_)));
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (auto* cf : handles_) {
    RETURN_IF_ERROR(FromRocks(db_->CompactRange(compact, cf, nullptr, nullptr)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<ObjectStore>> OpenRocksDbStore(const std::string& path,
                                                              const StoreOptions& options) {
  return RocksDbObjectStore::Open(path, options);
}

}  // namespace loupe
