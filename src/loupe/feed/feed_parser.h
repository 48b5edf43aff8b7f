// The interface every feed format implements, and the driver that feeds it an input.
//
// Two shapes of format exist. Line formats (lists, CSV, NDJSON, Zeek logs) see one line at
// a time and stream in constant memory, however large the input. Document formats (a STIX
// bundle, a MISP event, an RDAP answer) see the whole input at once; an input larger than
// kMaxDocumentBytes is rejected as one bad record rather than read.
//
// Parsers answer bad records with RecordSink::Reject and go on; their own status is only
// for failures of the sink or of the input (a read error), which stop the run.
#ifndef LOUPE_FEED_FEED_PARSER_H_
#define LOUPE_FEED_FEED_PARSER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "loupe/feed/record_sink.h"

namespace loupe {

inline constexpr size_t kMaxDocumentBytes = size_t{256} << 20;

class FeedParser {
 public:
  virtual ~FeedParser() = default;

  virtual bool line_oriented() const = 0;
  // Called before each input. `path` is the input's name (a file path, "-" for stdin);
  // some formats take meaning from it (maltrail: the family is the file name). Resets
  // per-input state such as a CSV header.
  virtual void BeginInput(std::string_view path) {}
  // Line formats: one line without its terminator.
  virtual absl::Status ParseLine(std::string_view line, RecordSink& sink) {
    return absl::UnimplementedError("not a line format");
  }
  // Document formats: the whole input.
  virtual absl::Status ParseDocument(std::string_view text, RecordSink& sink) {
    return absl::UnimplementedError("not a document format");
  }
};

// For formats whose lines yield at most one indicator (lists, mapped CSV): a record goes
// to the sink, nullopt is a skip, InvalidArgument a rejection; other errors (a CSV mapping
// that does not fit the file) are returned and stop the run.
absl::Status EmitLineResult(absl::StatusOr<std::optional<IndicatorRecord>> result,
                            RecordSink& sink);

// Progress of ParseFile: bytes of this input consumed so far.
using ProgressFn = std::function<void(uint64_t bytes)>;

// Reads the file at `path` ("-" for stdin) through `parser` into `sink`. Lines longer than
// LineReader::kMaxLineBytes are rejected. NotFound/PermissionDenied/Unavailable when the
// input cannot be read; otherwise the parser's or sink's status.
absl::Status ParseFile(FeedParser& parser, const std::string& path, RecordSink& sink,
                       const ProgressFn& progress = nullptr);

// The same for input already in memory (tests, fuzzers, downloaded bodies). `name` plays
// the part of the path.
absl::Status ParseBuffer(FeedParser& parser, std::string_view name, std::string_view data,
                         RecordSink& sink);

}  // namespace loupe

#endif  // LOUPE_FEED_FEED_PARSER_H_
