#include "loupe/base/key_files.h"

#include <algorithm>
#include <cerrno>
#include <queue>

#include "absl/strings/str_cat.h"
#include "loupe/base/coding.h"

namespace loupe {
namespace {

void SortUnique(std::vector<std::string>& keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

}  // namespace

UniqueFile OpenBuffered(const std::string& path, const char* mode, size_t buffer) {
  UniqueFile file(std::fopen(path.c_str(), mode));
  if (file) std::setvbuf(file.get(), nullptr, _IOFBF, buffer);
  return file;
}

absl::Status KeyFileWriter::Open(const std::string& path) {
  path_ = path;
  file_ = OpenBuffered(path, "wb");
  if (!file_) return absl::InternalError(absl::StrCat("cannot create ", path));
  return absl::OkStatus();
}

absl::Status KeyFileWriter::Add(std::string_view key) {
  prefix_.clear();
  PutVarint(prefix_, key.size());
  if (std::fwrite(prefix_.data(), 1, prefix_.size(), file_.get()) != prefix_.size() ||
      std::fwrite(key.data(), 1, key.size(), file_.get()) != key.size()) {
    return absl::InternalError(absl::StrCat("cannot write ", path_));
  }
  return absl::OkStatus();
}

absl::Status KeyFileWriter::Close() {
  if (!file_) return absl::OkStatus();
  const bool ok = std::fflush(file_.get()) == 0;
  file_.reset();
  return ok ? absl::OkStatus() : absl::InternalError(absl::StrCat("cannot write ", path_));
}

absl::Status KeyFileReader::Open(const std::string& path, bool missing_ok) {
  path_ = path;
  file_ = OpenBuffered(path, "rb");
  if (!file_ && !(missing_ok && errno == ENOENT)) {
    return absl::InternalError(absl::StrCat("cannot open ", path));
  }
  return absl::OkStatus();
}

bool KeyFileReader::Next() {
  if (!file_ || !status_.ok()) return false;
  uint64_t size = 0;
  for (int shift = 0;; shift += 7) {
    const int c = std::fgetc(file_.get());
    if (c == EOF) {
      if (shift != 0 || std::ferror(file_.get())) {
        status_ = absl::DataLossError(absl::StrCat(path_, ": truncated key file"));
      }
      return false;
    }
    if (shift > 28) {  // keys are far shorter than 2^35 bytes
      status_ = absl::DataLossError(absl::StrCat(path_, ": bad key length"));
      return false;
    }
    size |= static_cast<uint64_t>(c & 0x7f) << shift;
    if ((c & 0x80) == 0) break;
  }
  key_.resize(size);
  if (size > 0 && std::fread(key_.data(), 1, size, file_.get()) != size) {
    status_ = absl::DataLossError(absl::StrCat(path_, ": truncated key file"));
    return false;
  }
  return true;
}

ExternalSorter::~ExternalSorter() {
  for (const auto& run : runs_) std::remove(run.c_str());
}

absl::Status ExternalSorter::Add(std::string_view key) {
  keys_.emplace_back(key);
  buffered_bytes_ += sizeof(std::string) + key.size();
  return buffered_bytes_ >= memory_bytes_ ? SpillRun() : absl::OkStatus();
}

absl::Status ExternalSorter::SpillRun() {
  SortUnique(keys_);
  runs_.push_back(absl::StrCat(dir_, "/run-", runs_.size()));
  KeyFileWriter writer;
  absl::Status s = writer.Open(runs_.back());
  for (size_t i = 0; s.ok() && i < keys_.size(); ++i) s = writer.Add(keys_[i]);
  if (s.ok()) s = writer.Close();
  keys_.clear();
  keys_.shrink_to_fit();
  buffered_bytes_ = 0;
  return s;
}

absl::Status ExternalSorter::ForEachSorted(
    const std::function<absl::Status(std::string_view)>& fn) {
  if (runs_.empty()) {  // all in memory: no files
    SortUnique(keys_);
    for (const auto& key : keys_) {
      if (absl::Status s = fn(key); !s.ok()) return s;
    }
    return absl::OkStatus();
  }
  if (!keys_.empty()) {
    if (absl::Status s = SpillRun(); !s.ok()) return s;
  }
  std::vector<KeyFileReader> readers(runs_.size());
  auto greater = [&readers](size_t a, size_t b) { return readers[a].key() > readers[b].key(); };
  std::priority_queue<size_t, std::vector<size_t>, decltype(greater)> heap(greater);
  auto advance = [&](size_t i) {
    if (readers[i].Next()) heap.push(i);
    return readers[i].status();
  };
  for (size_t i = 0; i < runs_.size(); ++i) {
    if (absl::Status s = readers[i].Open(runs_[i]); !s.ok()) return s;
    if (absl::Status s = advance(i); !s.ok()) return s;
  }
  std::string last;
  bool any = false;
  while (!heap.empty()) {
    const size_t i = heap.top();
    heap.pop();
    if (!any || readers[i].key() != last) {
      last = readers[i].key();
      any = true;
      if (absl::Status s = fn(last); !s.ok()) return s;
    }
    if (absl::Status s = advance(i); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace loupe
