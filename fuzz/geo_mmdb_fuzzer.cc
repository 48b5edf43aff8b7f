// Any bytes as a MaxMind DB file: MmdbReader::Open either fails with a status or yields a
// reader whose lookups (IPv4, IPv6, hits and misses) never crash. libmaxminddb reads
// files, not buffers, so each input goes through one temporary file per process.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "loupe/geo/mmdb_reader.h"
#include "loupe/model/ip.h"

namespace {

class TempFile {
 public:
  TempFile()
      : path_((std::filesystem::temp_directory_path() /
               ("loupe-geo-fuzz-" + std::to_string(::getpid()) + ".mmdb"))
                  .string()) {}
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

const std::vector<loupe::IpAddress>& Probes() {
  static const auto* probes = [] {
    auto* out = new std::vector<loupe::IpAddress>;
    for (const char* text :
         {"1.2.3.4", "8.8.8.8", "81.2.69.160", "10.1.2.3", "0.0.0.0", "255.255.255.255",
          "2001:db8::1", "2a02:c7c::1", "::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}) {
      auto ip = loupe::ParseIp(text);
      if (!ip.ok()) std::abort();
      out->push_back(*ip);
    }
    return out;
  }();
  return *probes;
}

}  // namespace

// libmaxminddb before 1.12 leaks the metadata description's data pool when MMDB_open
// fails on some corrupt metadata (maxmind/libmaxminddb#356); Debian 12 ships 1.7.1. That
// leak is the system library's, not loupe's: keep LeakSanitizer on for everything else.
extern "C" const char* __lsan_default_suppressions() { return "leak:libmaxminddb.so\n"; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static TempFile file;
  {
    std::ofstream out(file.path(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out) std::abort();  // the environment, not the input
  }
  auto reader = loupe::MmdbReader::Open(file.path());
  if (!reader.ok()) {
    if (reader.status().message().empty()) std::abort();  // every failure says why
    return 0;
  }
  for (const loupe::IpAddress& ip : Probes()) {
    auto info = (*reader)->Lookup(ip);
    // What a lookup gives is well formed: an upper-case two-letter country or none.
    if (info && !info->country_code.empty() &&
        (info->country_code.size() != 2 || info->country_code[0] < 'A' ||
         info->country_code[0] > 'Z' || info->country_code[1] < 'A' ||
         info->country_code[1] > 'Z')) {
      std::abort();
    }
  }
  return 0;
}
