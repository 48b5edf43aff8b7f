// Turns parsed records into changesets and commits them in batches. Besides the evidence
// itself it writes the structural relations a record implies: a URL's host has the URL
// (domain -> URL, or IP -> URL), and a registrable domain has its subdomains.
//
// Not thread-safe. Records added before a successful Flush() (or an automatic commit) are
// not yet acknowledged.
#ifndef LOUPE_INGEST_EVIDENCE_WRITER_H_
#define LOUPE_INGEST_EVIDENCE_WRITER_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "loupe/ingest/record.h"
#include "loupe/model/evidence.h"
#include "loupe/store/object_store.h"

namespace loupe {

struct EvidenceDefaults {
  Source source;
  CategorySet categories = 0;  // added to every record's categories
  uint8_t confidence = 100;
  UnixSeconds now = 0;         // seen time for records without one
};

class EvidenceWriter {
 public:
  // Called after each commit with its sequence number and the `position` passed to the
  // last Add() it contains.
  using CommitCallback = std::function<void(uint64_t seq, uint64_t position)>;

  EvidenceWriter(ObjectStore& store, EvidenceDefaults defaults, std::string origin,
                 size_t batch_ops, CommitCallback on_commit = nullptr);

  // Adds one record; commits when the batch is full. `position` identifies the record in
  // its input (a line number) for the commit callback.
  absl::Status Add(const IndicatorRecord& record, uint64_t position);
  absl::Status Flush();

  uint64_t commits() const { return commits_; }

 private:
  void AddDerivedRelations(const Indicator& indicator, const std::string& key, UnixSeconds seen);
  void NewChangeset();

  ObjectStore& store_;
  EvidenceDefaults defaults_;
  std::string origin_;
  size_t batch_ops_;
  CommitCallback on_commit_;
  std::unique_ptr<Changeset> pending_;
  uint64_t last_position_ = 0;
  uint64_t commits_ = 0;
  std::string key_;  // reused buffer
};

}  // namespace loupe

#endif  // LOUPE_INGEST_EVIDENCE_WRITER_H_
