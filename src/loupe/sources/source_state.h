// What loupe remembers about each source between pulls, in a state directory (by default
// <db>/sources-state/): <name>.json with the validators of the last download (ETag,
// Last-Modified), the digest of the last ingested content, the outcome and counts of the
// last pull with its first rejected records; and <name>.members, the objects the source
// listed at its last pull (for snapshot sources, to expire those that leave).
//
// Files are replaced atomically. Not thread-safe per source.
#ifndef LOUPE_SOURCES_SOURCE_STATE_H_
#define LOUPE_SOURCES_SOURCE_STATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/base/time.h"

namespace loupe {

struct PullError {
  std::string file;
  uint64_t position = 0;
  std::string reason;
};

struct SourceState {
  std::string etag, last_modified;  // of the last successful download
  std::string digest;               // SHA-256 (hex) of the last ingested content
  UnixSeconds last_attempt = 0, last_success = 0, last_change = 0;
  std::string last_outcome;  // "updated", "unchanged", "not-modified", "failed"
  std::string last_error;
  uint64_t pulls = 0, failures = 0;
  // Counts of the last pull that ingested something.
  uint64_t records = 0, accepted = 0, rejected = 0, skipped = 0, expired = 0, members = 0;
  uint64_t sequence = 0;          // the changeset it committed
  std::vector<PullError> errors;  // its first rejected records
};

class SourceStateStore {
 public:
  explicit SourceStateStore(std::string dir) : dir_(std::move(dir)) {}

  // A source never pulled has a default state. DataLoss for an unreadable state file.
  absl::StatusOr<SourceState> Load(const std::string& name) const;
  absl::Status Save(const std::string& name, const SourceState& state) const;

  // The member list: a key file (base/key_files.h) of sorted, unique encoded object keys;
  // absent when never saved.
  std::string MembersPath(const std::string& name) const;
  // Replaces the member list with the complete key file `file`, atomically (moved when on
  // the same file system, else copied first).
  absl::Status InstallMembers(const std::string& name, const std::string& file) const;

  // Deletes a source's state (when the source is removed).
  void Remove(const std::string& name) const;

  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

}  // namespace loupe

#endif  // LOUPE_SOURCES_SOURCE_STATE_H_
