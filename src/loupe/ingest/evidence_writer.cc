#include "loupe/ingest/evidence_writer.h"

#include <algorithm>
#include <vector>

#include "fmt/format.h"
#include "loupe/base/coding.h"
#include "loupe/base/status_macros.h"
#include "loupe/model/domain.h"
#include "loupe/model/object_key.h"
#include "loupe/model/url.h"

namespace loupe {

EvidenceWriter::EvidenceWriter(ObjectStore& store, EvidenceDefaults defaults, std::string origin,
                               size_t batch_ops, CommitCallback on_commit, std::string spill_dir)
    : store_(store),
      defaults_(std::move(defaults)),
      origin_(std::move(origin)),
      batch_ops_(std::max<size_t>(batch_ops, 1)),
      on_commit_(std::move(on_commit)),
      spill_dir_(std::move(spill_dir)) {
  NewChangeset();
}

void EvidenceWriter::NewChangeset() {
  pending_ = std::make_unique<Changeset>(defaults_.now, origin_);
  if (!spill_dir_.empty()) {
    pending_->SpillTo(fmt::format("{}/changeset-{}", spill_dir_, changesets_),
                      kChangesetSpillBytes);
  }
  ++changesets_;
}

absl::Status EvidenceWriter::Add(const IndicatorRecord& record, uint64_t position) {
  key_.clear();
  AppendObjectKey(key_, record.indicator);
  Evidence e;
  e.source = defaults_.source.id;
  e.first_seen = record.first_seen ? record.first_seen : defaults_.now;
  e.last_seen = std::max(record.last_seen ? record.last_seen : defaults_.now, e.first_seen);
  e.confidence = record.confidence.value_or(defaults_.confidence);
  e.categories = record.categories | defaults_.categories;
  e.labels = record.labels;
  std::sort(e.labels.begin(), e.labels.end());
  e.labels.erase(std::unique(e.labels.begin(), e.labels.end()), e.labels.end());
  e.reference = record.reference;
  pending_->AddEvidence(key_, e);
  store_writes_ += 2;  // evidence and summary
  AddDerivedRelations(record.indicator, key_, e.last_seen);
  return Added(position);
}

absl::Status EvidenceWriter::Added(uint64_t position) {
  last_position_ = position;
  if (pending_->op_count() + relations_.size() + observations_.size() >= batch_ops_ ||
      (batch_ops_ != SIZE_MAX &&  // one changeset for the run: no memory caps
       (pending_->encoded_ops_bytes() + aggregated_bytes_ >= kMaxBatchBytes ||
        store_writes_ >= kMaxBatchStoreWrites))) {
    return Submit();
  }
  // One changeset for the run still must not aggregate without bound: past the cap the
  // aggregates join the changeset (a relation repeated later merges in the store).
  if (batch_ops_ == SIZE_MAX && aggregated_bytes_ >= kMaxBatchBytes) MoveAggregatesToChangeset();
  return absl::OkStatus();
}

absl::Status EvidenceWriter::AddRelation(const Indicator& from, RelationType type,
                                         const Indicator& to, const RelationStats& stats,
                                         uint64_t position) {
  key_.clear();
  AppendObjectKey(key_, from);
  other_key_.clear();
  AppendObjectKey(other_key_, to);
  RelationStats s = stats;
  if (s.first_seen == 0) s.first_seen = defaults_.now;
  if (s.last_seen == 0) s.last_seen = std::max(defaults_.now, s.first_seen);
  if (s.count == 0) s.count = 1;
  AddRelationOp(key_, type, other_key_, s);
  // Both ends exist as objects, so their structural relations do too.
  AddDerivedRelations(from, key_, s.last_seen);
  AddDerivedRelations(to, other_key_, s.last_seen);
  return Added(position);
}

absl::Status EvidenceWriter::SetAttribute(const Indicator& object, AttributeKind kind,
                                          std::string_view item, std::string_view value,
                                          uint64_t position) {
  key_.clear();
  AppendObjectKey(key_, object);
  pending_->SetAttribute(key_, kind, item, value);
  return Added(position);
}

absl::Status EvidenceWriter::Observe(const Indicator& object, uint64_t hits, UnixSeconds time,
                                     uint64_t position) {
  key_.clear();
  AppendObjectKey(key_, object);
  auto [it, inserted] = observations_.try_emplace(key_, hits, time ? time : defaults_.now);
  if (inserted) {
    aggregated_bytes_ += key_.size() + 12;
    store_writes_ += 1;
  }
  if (!inserted) {
    it->second.first += hits;
    it->second.second = std::max(it->second.second, time ? time : defaults_.now);
  }
  return Added(position);
}

void EvidenceWriter::AddDerivedRelations(const Indicator& indicator, const std::string& key,
                                         UnixSeconds seen) {
  if (indicator.type != IndicatorType::kUrl && indicator.type != IndicatorType::kDomain) return;
  // Once per object and batch: passive DNS names the same domains over and over, and the
  // structural relations need no count.
  if (!derived_done_.insert(key).second) return;
  const RelationStats stats{seen, seen, 1};
  std::string host_domain;
  if (indicator.type == IndicatorType::kUrl) {
    auto url = ParseUrl(indicator.value);
    if (!url.ok()) return;
    // UrlParts::host is canonical already; a URL host need not be a registrable domain
    // on its own ("github.io"), so it is not parsed again as one.
    absl::StatusOr<Indicator> host =
        url->host_is_ip ? ParseIndicator(url->host)
                        : Indicator{IndicatorType::kDomain, url->host, std::nullopt};
    if (!host.ok()) return;
    AddRelationOp(EncodeObjectKey(*host),
                  url->host_is_ip ? RelationType::kHostsUrl : RelationType::kHasUrl, key, stats);
    if (!url->host_is_ip) host_domain = host->value;
  } else if (indicator.type == IndicatorType::kDomain) {
    host_domain = indicator.value;
  }
  if (host_domain.empty()) return;
  std::string parent = RegistrableDomain(host_domain);
  if (parent.empty() || parent == host_domain) return;
  AddRelationOp(EncodeObjectKey({IndicatorType::kDomain, parent, std::nullopt}),
                RelationType::kHasSubdomain,
                EncodeObjectKey({IndicatorType::kDomain, host_domain, std::nullopt}), stats);
}

void EvidenceWriter::AddRelationOp(std::string_view from, RelationType type, std::string_view to,
                                   const RelationStats& stats) {
  relation_key_.clear();
  relation_key_.push_back(static_cast<char>(type));
  PutLengthPrefixed(relation_key_, from);
  relation_key_.append(to);
  auto [it, inserted] = relations_.try_emplace(relation_key_, stats);
  if (!inserted) it->second.Merge(stats);
  if (inserted) {
    aggregated_bytes_ += relation_key_.size() + 16;
    store_writes_ += 4;  // rel, rel_rev and both summaries
  }
}

namespace {

// The entries of `map` in key order: the changeset log compresses neighbours that share a
// subject far better than hash order.
template <typename Map>
std::vector<const typename Map::value_type*> InKeyOrder(const Map& map) {
  std::vector<const typename Map::value_type*> entries;
  entries.reserve(map.size());
  for (const auto& entry : map) entries.push_back(&entry);
  std::sort(entries.begin(), entries.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  return entries;
}

}  // namespace

void EvidenceWriter::MoveAggregatesToChangeset() {
  for (const auto* entry : InKeyOrder(relations_)) {
    std::string_view in(entry->first);
    auto type = static_cast<RelationType>(in[0]);
    in.remove_prefix(1);
    std::string_view from;
    GetLengthPrefixed(in, from);  // written by AddRelationOp: cannot fail
    pending_->AddRelation(from, type, in, entry->second);
  }
  relations_.clear();
  derived_done_.clear();
  aggregated_bytes_ = 0;
  store_writes_ = 0;
  for (const auto* entry : InKeyOrder(observations_)) {
    pending_->Observe(entry->first, entry->second.first, entry->second.second);
  }
  observations_.clear();
}

absl::Status EvidenceWriter::WaitInFlight() {
  if (!in_flight_.valid()) return absl::OkStatus();
  return in_flight_.get();
}

absl::Status EvidenceWriter::Submit() {
  RETURN_IF_ERROR(WaitInFlight());
  MoveAggregatesToChangeset();
  if (pending_->empty()) return absl::OkStatus();
  in_flight_ = std::async(
      std::launch::async,
      [this, changeset = std::move(pending_), position = last_position_]() -> absl::Status {
        ASSIGN_OR_RETURN(uint64_t seq, store_.Commit(*changeset));
        ++commits_;
        if (on_commit_) on_commit_(seq, position);
        return absl::OkStatus();
      });
  NewChangeset();
  return absl::OkStatus();
}

absl::Status EvidenceWriter::Flush() {
  RETURN_IF_ERROR(Submit());
  return WaitInFlight();
}

EvidenceWriter::~EvidenceWriter() {
  // An abandoned writer (an error elsewhere) still must not leave a thread behind.
  WaitInFlight().IgnoreError();
}

}  // namespace loupe
