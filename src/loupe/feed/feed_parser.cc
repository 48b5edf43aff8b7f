#include "loupe/feed/feed_parser.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/feed/line_reader.h"

namespace loupe {
namespace {

constexpr uint64_t kProgressEveryLines = 1 << 16;

absl::Status ParseLines(FeedParser& parser, LineReader& reader, RecordSink& sink,
                        const ProgressFn& progress) {
  std::string_view line;
  bool too_long;
  while (reader.Next(line, too_long)) {
    sink.set_position(reader.line_number());
    if (too_long) {
      sink.Reject(fmt::format("line longer than {} bytes", LineReader::kMaxLineBytes));
    } else {
      RETURN_IF_ERROR(parser.ParseLine(line, sink));
    }
    if (progress && reader.line_number() % kProgressEveryLines == 0) {
      progress(reader.bytes_read());
    }
  }
  RETURN_IF_ERROR(reader.status());
  if (progress) progress(reader.bytes_read());
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadDocument(const std::string& path) {
  std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return absl::NotFoundError(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  }
  std::string text;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) {
    if (text.size() + n > kMaxDocumentBytes) {
      if (f != stdin) std::fclose(f);
      return absl::OutOfRangeError(
          fmt::format("document larger than {} MiB", kMaxDocumentBytes >> 20));
    }
    text.append(buf, n);
  }
  bool failed = std::ferror(f);
  if (f != stdin) std::fclose(f);
  if (failed) return absl::UnavailableError(fmt::format("cannot read {}", path));
  return text;
}

}  // namespace

absl::Status EmitLineResult(absl::StatusOr<std::optional<IndicatorRecord>> result,
                            RecordSink& sink) {
  if (result.ok()) {
    if (!result->has_value()) {
      sink.Skip();
      return absl::OkStatus();
    }
    return sink.AddIndicator(**result);
  }
  if (result.status().code() != absl::StatusCode::kInvalidArgument) return result.status();
  sink.Reject(std::string(result.status().message()));
  return absl::OkStatus();
}

absl::Status ParseFile(FeedParser& parser, const std::string& path, RecordSink& sink,
                       const ProgressFn& progress) {
  parser.BeginInput(path);
  if (parser.line_oriented()) {
    ASSIGN_OR_RETURN(auto reader, LineReader::Open(path));
    return ParseLines(parser, *reader, sink, progress);
  }
  auto text = ReadDocument(path);
  if (text.status().code() == absl::StatusCode::kOutOfRange) {
    // Too big to parse is a bad record, not a reason to stop the other inputs.
    sink.set_position(1);
    sink.Reject(std::string(text.status().message()));
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(text.status());
  sink.set_position(1);
  RETURN_IF_ERROR(parser.ParseDocument(*text, sink));
  if (progress) progress(text->size());
  return absl::OkStatus();
}

absl::Status ParseBuffer(FeedParser& parser, std::string_view name, std::string_view data,
                         RecordSink& sink) {
  parser.BeginInput(name);
  if (!parser.line_oriented()) {
    sink.set_position(1);
    if (data.size() > kMaxDocumentBytes) {
      sink.Reject(fmt::format("document larger than {} MiB", kMaxDocumentBytes >> 20));
      return absl::OkStatus();
    }
    return parser.ParseDocument(data, sink);
  }
  uint64_t line_number = 0;
  while (!data.empty()) {
    size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    sink.set_position(++line_number);
    if (line.size() > LineReader::kMaxLineBytes) {
      sink.Reject(fmt::format("line longer than {} bytes", LineReader::kMaxLineBytes));
      continue;
    }
    RETURN_IF_ERROR(parser.ParseLine(line, sink));
  }
  return absl::OkStatus();
}

}  // namespace loupe
