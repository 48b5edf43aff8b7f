// Downloads a source's location over HTTP(S) into a file: conditional requests (ETag,
// If-Modified-Since), timeouts, retries with exponential backoff, a size limit, and
// transparent Content-Encoding (gzip, deflate). Archives (a .zip or .gz body) are left
// as they are; archive.h unpacks them.
//
// Fetcher is the seam; CurlFetcher (libcurl) is the real one. Thread-compatible: one
// Fetch at a time per instance.
#ifndef LOUPE_SOURCES_FETCHER_H_
#define LOUPE_SOURCES_FETCHER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace loupe {

struct FetchRequest {
  std::string url;
  std::map<std::string, std::string> headers;
  std::string etag;           // sends If-None-Match when set
  std::string last_modified;  // sends If-Modified-Since when set
  int64_t connect_timeout_ms = 10'000;
  int64_t timeout_ms = 600'000;  // the whole transfer
  int max_attempts = 4;          // 1 + retries, for connection errors, 429 and 5xx
  int64_t first_backoff_ms = 1'000;  // doubles after each failed attempt
  uint64_t max_bytes = uint64_t{4} << 30;
};

struct FetchResult {
  bool not_modified = false;  // 304: `dest` was not written
  long http_status = 0;
  std::string etag, last_modified;  // from the response, for the next request
  uint64_t bytes = 0;
  int attempts = 0;
};

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // Writes the body to `dest` (created or truncated) unless the answer is 304.
  // NotFound (404/410), PermissionDenied (401/403), InvalidArgument (another 4xx or a bad
  // URL), ResourceExhausted (body over max_bytes), Unavailable (network errors, 429, 5xx
  // after the last attempt), DeadlineExceeded (timeout after the last attempt).
  virtual absl::StatusOr<FetchResult> Fetch(const FetchRequest& request,
                                            const std::string& dest) = 0;
};

// `sleep` waits between attempts (tests pass a recorder instead of sleeping).
std::unique_ptr<Fetcher> MakeCurlFetcher(std::function<void(int64_t ms)> sleep = nullptr);

}  // namespace loupe

#endif  // LOUPE_SOURCES_FETCHER_H_
