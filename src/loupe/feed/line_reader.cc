#include "loupe/feed/line_reader.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "fmt/format.h"

namespace loupe {
namespace {

constexpr size_t kChunk = 1 << 20;

absl::Status OpenError(const std::string& path, int err) {
  std::string message = fmt::format("cannot read {}: {}", path, std::strerror(err));
  if (err == ENOENT) return absl::NotFoundError(message);
  if (err == EACCES) return absl::PermissionDeniedError(message);
  return absl::UnavailableError(message);
}

}  // namespace

absl::StatusOr<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path) {
  if (path == "-") return std::unique_ptr<LineReader>(new LineReader(stdin, false, 0));
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return OpenError(path, errno);
  struct stat st;
  uint64_t size = 0;
  if (fstat(fileno(file), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      std::fclose(file);
      return absl::InvalidArgumentError(fmt::format("{} is a directory", path));
    }
    if (S_ISREG(st.st_mode)) size = static_cast<uint64_t>(st.st_size);
  }
  return std::unique_ptr<LineReader>(new LineReader(file, true, size));
}

LineReader::LineReader(std::FILE* file, bool owned, uint64_t size_hint)
    : file_(file), owned_(owned), size_hint_(size_hint) {
  buffer_.resize(kMaxLineBytes + kChunk);
}

LineReader::~LineReader() {
  if (owned_) std::fclose(file_);
}

bool LineReader::Fill() {
  if (eof_) return false;
  if (begin_ > 0) {  // slide the unread tail to the front
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  size_t room = buffer_.size() - end_;
  size_t n = std::fread(buffer_.data() + end_, 1, room, file_);
  end_ += n;
  if (n < room) {
    eof_ = true;
    if (std::ferror(file_)) status_ = absl::UnavailableError("read error");
  }
  return n > 0;
}

// Discards input up to and including the next newline (the tail of an overlong line).
void LineReader::SkipToNewline() {
  for (;;) {
    const char* start = buffer_.data() + begin_;
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
    if (nl != nullptr) {
      size_t n = static_cast<size_t>(nl - start) + 1;
      begin_ += n;
      bytes_consumed_ += n;
      return;
    }
    bytes_consumed_ += end_ - begin_;
    begin_ = end_;
    if (!Fill()) return;
  }
}

bool LineReader::Next(std::string_view& line, bool& too_long) {
  too_long = false;
  if (skipping_) {
    SkipToNewline();
    skipping_ = false;
  }
  for (;;) {
    const char* start = buffer_.data() + begin_;
    size_t available = end_ - begin_;
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', available));
    if (nl == nullptr && available >= kMaxLineBytes) {
      // Report the prefix now; the rest is skipped on the next call, after the caller is
      // done with `line` (which points into the buffer).
      line = std::string_view(start, kMaxLineBytes);
      begin_ += kMaxLineBytes;
      bytes_consumed_ += kMaxLineBytes;
      too_long = skipping_ = true;
      ++line_number_;
      return true;
    }
    if (nl != nullptr || (eof_ && available > 0)) {
      size_t len = nl != nullptr ? static_cast<size_t>(nl - start) : available;
      size_t consumed = len + (nl != nullptr ? 1 : 0);
      too_long = len > kMaxLineBytes;
      line = std::string_view(start, too_long ? kMaxLineBytes : len);
      begin_ += consumed;
      bytes_consumed_ += consumed;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++line_number_;
      return true;
    }
    if (!Fill()) return false;
  }
}

}  // namespace loupe
