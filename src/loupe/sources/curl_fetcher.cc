#include <curl/curl.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "fmt/format.h"
#include "loupe/sources/fetcher.h"

namespace loupe {
namespace {

struct Transfer {
  std::FILE* out = nullptr;
  uint64_t bytes = 0;
  uint64_t max_bytes = 0;
  bool too_big = false;
  std::string etag, last_modified;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  if (t->bytes + len > t->max_bytes) {
    t->too_big = true;
    return 0;  // aborts the transfer
  }
  t->bytes += len;
  return std::fwrite(data, 1, len, t->out);
}

std::string_view TrimHeader(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
  return v;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = TrimHeader(line.substr(colon + 1));
    if (name == "etag") t->etag = value;
    if (name == "last-modified") t->last_modified = value;
  } else if (line.rfind("HTTP/", 0) == 0) {
    // A new response (after a redirect): forget the previous one's validators.
    t->etag.clear();
    t->last_modified.clear();
  }
  return size * n;
}

class CurlFetcher : public Fetcher {
 public:
  explicit CurlFetcher(std::function<void(int64_t)> sleep) : sleep_(std::move(sleep)) {
    static const bool initialized = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == 0; }();
    (void)initialized;
    if (!sleep_) {
      sleep_ = [](int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
    }
  }

  absl::StatusOr<FetchResult> Fetch(const FetchRequest& request, const std::string& dest) override {
    FetchResult result;
    absl::Status last = absl::UnavailableError("no attempt made");
    int64_t backoff = request.first_backoff_ms;
    for (int attempt = 1; attempt <= std::max(1, request.max_attempts); ++attempt) {
      result.attempts = attempt;
      bool retryable = false;
      last = Attempt(request, dest, result, retryable);
      if (last.ok() || !retryable) break;
      if (attempt < request.max_attempts) {
        sleep_(backoff);
        backoff *= 2;
      }
    }
    if (!last.ok()) return last;
    return result;
  }

 private:
  absl::Status Attempt(const FetchRequest& request, const std::string& dest, FetchResult& result,
                       bool& retryable) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return absl::InternalError("curl_easy_init failed");
    Transfer t;
    t.max_bytes = request.max_bytes;
    t.out = std::fopen(dest.c_str(), "wb");
    if (t.out == nullptr) return absl::UnavailableError(fmt::format("cannot write {}", dest));
    curl_slist* headers = nullptr;
    for (const auto& [k, v] : request.headers) {
      headers = curl_slist_append(headers, fmt::format("{}: {}", k, v).c_str());
    }
    if (!request.etag.empty()) {
      headers = curl_slist_append(headers, fmt::format("If-None-Match: {}", request.etag).c_str());
    }
    if (!request.last_modified.empty()) {
      headers = curl_slist_append(
          headers, fmt::format("If-Modified-Since: {}", request.last_modified).c_str());
    }
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip/deflate, decoded by curl
    curl_easy_setopt(c, CURLOPT_USERAGENT, "loupe/0.1 (+sources)");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout_ms));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
    CURLcode code = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    bool write_failed = std::fclose(t.out) != 0;
    result.http_status = status;
    result.bytes = t.bytes;
    result.etag = t.etag;
    result.last_modified = t.last_modified;
    result.not_modified = status == 304;
    if (t.too_big) {
      return absl::ResourceExhaustedError(
          fmt::format("{}: body larger than {} bytes", request.url, request.max_bytes));
    }
    if (code == CURLE_OPERATION_TIMEDOUT) {
      retryable = true;
      return absl::DeadlineExceededError(fmt::format("{}: timed out", request.url));
    }
    if (code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL) {
      return absl::InvalidArgumentError(
          fmt::format("{}: {}", request.url, curl_easy_strerror(code)));
    }
    if (code != CURLE_OK) {
      retryable = true;
      return absl::UnavailableError(fmt::format("{}: {}", request.url, curl_easy_strerror(code)));
    }
    if (write_failed) return absl::UnavailableError(fmt::format("cannot write {}", dest));
    if (status == 200 || status == 304 || status == 203) return absl::OkStatus();
    std::string what = fmt::format("{}: HTTP {}", request.url, status);
    if (status == 404 || status == 410) return absl::NotFoundError(what);
    if (status == 401 || status == 403) return absl::PermissionDeniedError(what);
    if (status == 429 || status >= 500) {
      retryable = true;
      return absl::UnavailableError(what);
    }
    return absl::InvalidArgumentError(what);
  }

  std::function<void(int64_t)> sleep_;
};

}  // namespace

std::unique_ptr<Fetcher> MakeCurlFetcher(std::function<void(int64_t ms)> sleep) {
  return std::make_unique<CurlFetcher>(std::move(sleep));
}

}  // namespace loupe
