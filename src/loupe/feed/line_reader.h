// Streams lines from a file or stdin in constant memory. Not thread-safe.
#ifndef LOUPE_INGEST_LINE_READER_H_
#define LOUPE_INGEST_LINE_READER_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace loupe {

class LineReader {
 public:
  // Lines longer than this are reported as too long (and skipped), not buffered.
  static constexpr size_t kMaxLineBytes = 1 << 20;

  // "-" reads stdin. NotFound / PermissionDenied / Unavailable when the file cannot be read.
  static absl::StatusOr<std::unique_ptr<LineReader>> Open(const std::string& path);
  ~LineReader();

  // Reads the next line without its "\n" or "\r\n". Returns false at end of input.
  // `too_long` is set when the line exceeded kMaxLineBytes (then `line` is its prefix).
  bool Next(std::string_view& line, bool& too_long);
  absl::Status status() const { return status_; }

  uint64_t line_number() const { return line_number_; }  // of the line last returned
  uint64_t bytes_read() const { return bytes_consumed_; }
  // Total size when known (regular files), else 0.
  uint64_t size_hint() const { return size_hint_; }

 private:
  explicit LineReader(std::FILE* file, bool owned, uint64_t size_hint);
  bool Fill();
  void SkipToNewline();

  std::FILE* file_;
  bool owned_;
  uint64_t size_hint_;
  std::string buffer_;
  size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  bool skipping_ = false;
  uint64_t line_number_ = 0;
  uint64_t bytes_consumed_ = 0;
  absl::Status status_;
};

}  // namespace loupe

#endif  // LOUPE_INGEST_LINE_READER_H_
