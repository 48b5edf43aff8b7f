// Files of byte-string keys, and sorting more keys than memory holds.
//
// A key file holds keys back to back, each length-prefixed (varint), the format of a
// source's member list (sources/source_state.h). ExternalSorter sorts and de-duplicates
// keys in memory up to a budget, writes each full buffer as a sorted run, and merges the
// runs when read: a snapshot feed of any size is compared with its last pull in bounded
// memory.
//
// Not thread-safe.
#ifndef LOUPE_BASE_KEY_FILES_H_
#define LOUPE_BASE_KEY_FILES_H_

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace loupe {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
using UniqueFile = std::unique_ptr<FILE, FileCloser>;

// fopen with a stdio buffer of `buffer` bytes; null when the file cannot be opened.
UniqueFile OpenBuffered(const std::string& path, const char* mode, size_t buffer = 1 << 16);

class KeyFileWriter {
 public:
  absl::Status Open(const std::string& path);
  absl::Status Add(std::string_view key);
  absl::Status Close();  // flushes; the file is complete only after an OK Close()

 private:
  std::string path_, prefix_;
  UniqueFile file_;
};

class KeyFileReader {
 public:
  // A missing file reads as empty when `missing_ok`.
  absl::Status Open(const std::string& path, bool missing_ok = false);
  // False at the end; status() tells a clean end from a truncated or unreadable file.
  bool Next();
  const std::string& key() const { return key_; }
  const absl::Status& status() const { return status_; }

 private:
  std::string path_, key_;
  UniqueFile file_;
  absl::Status status_;
};

class ExternalSorter {
 public:
  // Runs go to files in `dir` (an existing directory for this sorter alone).
  ExternalSorter(std::string dir, size_t memory_bytes)
      : dir_(std::move(dir)), memory_bytes_(memory_bytes) {}
  ~ExternalSorter();

  absl::Status Add(std::string_view key);
  // Calls fn with every distinct key added, in byte order. Call once, after the last Add.
  absl::Status ForEachSorted(const std::function<absl::Status(std::string_view)>& fn);

 private:
  absl::Status SpillRun();
  std::string dir_;
  size_t memory_bytes_;
  size_t buffered_bytes_ = 0;
  std::vector<std::string> keys_;
  std::vector<std::string> runs_;
};

}  // namespace loupe

#endif  // LOUPE_BASE_KEY_FILES_H_
