#include "loupe/geo/mmdb_reader.h"

#include <arpa/inet.h>
#include <maxminddb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "fmt/format.h"

namespace loupe {
namespace {

constexpr size_t kMaxDescriptionBytes = 256;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(s[i]) != Lower(prefix[i])) return false;
  }
  return true;
}

absl::Status NotAMaxMindDb(const std::string& path, std::string_view why) {
  return absl::InvalidArgumentError(fmt::format("not a MaxMind DB: {}: {}", path, why));
}

absl::Status OpenError(const std::string& path, int status, int error) {
  switch (status) {
    case MMDB_FILE_OPEN_ERROR:
      if (error == ENOENT) return absl::NotFoundError(fmt::format("no MaxMind DB at {}", path));
      if (error == EACCES || error == EPERM) {
        return absl::PermissionDeniedError(
            fmt::format("cannot open {}: {}", path, std::strerror(error)));
      }
      return absl::UnavailableError(fmt::format("cannot open {}: {}", path, std::strerror(error)));
    case MMDB_IO_ERROR:
      return absl::UnavailableError(fmt::format("cannot read {}: {}", path, std::strerror(error)));
    case MMDB_OUT_OF_MEMORY_ERROR:
      return absl::ResourceExhaustedError(fmt::format("cannot map {}: out of memory", path));
    default:
      return NotAMaxMindDb(path, MMDB_strerror(status));
  }
}

// Lookups read node_count nodes from the start of the mapping. libmaxminddb checks that
// the tree fits, but has computed its size in 32 bits (before 1.9), where a forged
// node_count could wrap it; checking again in 64 bits costs nothing.
absl::Status CheckLayout(const std::string& path, const MMDB_s& db) {
  const uint64_t tree_bytes =
      uint64_t{db.metadata.node_count} * (uint64_t{db.metadata.record_size} * 2 / 8);
  if (db.file_size < 0 || tree_bytes + 16 > static_cast<uint64_t>(db.file_size)) {
    return NotAMaxMindDb(path, fmt::format("a search tree of {} nodes does not fit in {} bytes",
                                           db.metadata.node_count, db.file_size));
  }
  return absl::OkStatus();
}

std::optional<MMDB_entry_data_s> Value(MMDB_entry_s entry, const char* const* path) {
  MMDB_entry_data_s data;
  if (MMDB_aget_value(&entry, &data, path) != MMDB_SUCCESS || !data.has_data) {
    return std::nullopt;
  }
  return data;
}

std::optional<std::string_view> StringAt(const MMDB_entry_s& entry, const char* const* path) {
  std::optional<MMDB_entry_data_s> d = Value(entry, path);
  if (!d || d->type != MMDB_DATA_TYPE_UTF8_STRING) return std::nullopt;
  return std::string_view(d->utf8_string, d->data_size);
}

std::optional<uint64_t> UintAt(const MMDB_entry_s& entry, const char* const* path) {
  std::optional<MMDB_entry_data_s> d = Value(entry, path);
  if (!d) return std::nullopt;
  switch (d->type) {
    case MMDB_DATA_TYPE_UINT16:
      return d->uint16;
    case MMDB_DATA_TYPE_UINT32:
      return d->uint32;
    case MMDB_DATA_TYPE_UINT64:
      return d->uint64;
    case MMDB_DATA_TYPE_INT32:
      if (d->int32 >= 0) return static_cast<uint64_t>(d->int32);
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

// "DE" from "de"; nullopt for anything but two ASCII letters.
std::optional<std::string> CountryCode(std::optional<std::string_view> text) {
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (!text || text->size() != 2 || !letter((*text)[0]) || !letter((*text)[1])) {
    return std::nullopt;
  }
  std::string out(*text);
  for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return out;
}

void SetAsn(std::optional<uint64_t> asn, GeoInfo& info) {
  if (asn && *asn > 0 && *asn <= UINT32_MAX) info.asn = static_cast<uint32_t>(*asn);
}

void SetDescription(std::optional<std::string_view> text, GeoInfo& info) {
  if (!text || text->empty()) return;
  std::string_view s = *text;
  if (s.size() > kMaxDescriptionBytes) {
    size_t cut = kMaxDescriptionBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80) --cut;
    s = s.substr(0, cut);
  }
  info.as_description.emplace_back(s);
}

GeoInfo ReadMaxMind(const MMDB_entry_s& entry) {
  static const char* const kCountry[] = {"country", "iso_code", nullptr};
  static const char* const kRegistered[] = {"registered_country", "iso_code", nullptr};
  static const char* const kAsn[] = {"autonomous_system_number", nullptr};
  static const char* const kOrg[] = {"autonomous_system_organization", nullptr};
  static const char* const kTraitsAsn[] = {"traits", "autonomous_system_number", nullptr};
  static const char* const kTraitsOrg[] = {"traits", "autonomous_system_organization", nullptr};
  GeoInfo info;
  // The country the address is in; else the one its network is registered to (what
  // GeoLite2 gives for anycast and satellite ranges).
  std::optional<std::string> cc = CountryCode(StringAt(entry, kCountry));
  if (!cc) cc = CountryCode(StringAt(entry, kRegistered));
  if (cc) info.country_code = *cc;
  std::optional<uint64_t> asn = UintAt(entry, kAsn);
  std::optional<std::string_view> org = StringAt(entry, kOrg);
  if (!asn && !org) {
    asn = UintAt(entry, kTraitsAsn);
    org = StringAt(entry, kTraitsOrg);
  }
  SetAsn(asn, info);
  SetDescription(org, info);
  return info;
}

// IPinfo writes the ASN as text, "AS15169".
std::optional<uint64_t> IpinfoAsn(const MMDB_entry_s& entry) {
  static const char* const kAsn[] = {"asn", nullptr};
  if (std::optional<uint64_t> n = UintAt(entry, kAsn)) return n;
  std::optional<std::string_view> text = StringAt(entry, kAsn);
  if (!text) return std::nullopt;
  std::string_view s = *text;
  if (StartsWithNoCase(s, "AS")) s.remove_prefix(2);
  if (s.empty() || s.size() > 10) return std::nullopt;
  uint64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

GeoInfo ReadIpinfo(const MMDB_entry_s& entry) {
  static const char* const kCountryCode[] = {"country_code", nullptr};
  static const char* const kCountry[] = {"country", nullptr};
  static const char* const kAsName[] = {"as_name", nullptr};
  GeoInfo info;
  // IPinfo Lite: country_code "DE", country "Germany"; the older country_asn: country
  // "DE", country_name "Germany".
  std::optional<std::string> cc = CountryCode(StringAt(entry, kCountryCode));
  if (!cc) cc = CountryCode(StringAt(entry, kCountry));
  if (cc) info.country_code = *cc;
  SetAsn(IpinfoAsn(entry), info);
  SetDescription(StringAt(entry, kAsName), info);
  return info;
}

}  // namespace

MmdbLayout MmdbLayoutFor(std::string_view database_type) {
  for (std::string_view prefix : {"GeoLite2", "GeoIP2", "DBIP"}) {
    if (StartsWithNoCase(database_type, prefix)) return MmdbLayout::kMaxMind;
  }
  if (StartsWithNoCase(database_type, "ipinfo")) return MmdbLayout::kIpinfo;
  return MmdbLayout::kUnknown;
}

void MmdbReader::Closer::operator()(MMDB_s* db) const {
  MMDB_close(db);
  delete db;
}

MmdbReader::MmdbReader(std::string path, std::unique_ptr<MMDB_s, Closer> db)
    : path_(std::move(path)), db_(std::move(db)) {
  const char* type = db_->metadata.database_type;
  database_type_ = type != nullptr ? type : "";
  layout_ = MmdbLayoutFor(database_type_);
}

MmdbReader::~MmdbReader() = default;

absl::StatusOr<std::unique_ptr<MmdbReader>> MmdbReader::Open(const std::string& path) {
  std::error_code ec;
  const std::filesystem::file_status st = std::filesystem::status(path, ec);
  if (st.type() == std::filesystem::file_type::not_found) {
    return absl::NotFoundError(fmt::format("no MaxMind DB at {}", path));
  }
  if (ec) return OpenError(path, MMDB_FILE_OPEN_ERROR, ec.value());
  if (st.type() == std::filesystem::file_type::directory) {
    return NotAMaxMindDb(path, "a directory");
  }
  if (std::filesystem::is_regular_file(st) && std::filesystem::file_size(path, ec) == 0 && !ec) {
    return NotAMaxMindDb(path, "empty file");
  }
  auto* raw = new MMDB_s{};
  const int status = MMDB_open(path.c_str(), MMDB_MODE_MMAP, raw);
  const int error = errno;
  if (status != MMDB_SUCCESS) {
    // MMDB_open releases what it took when it fails.
    delete raw;
    return OpenError(path, status, error);
  }
  std::unique_ptr<MMDB_s, Closer> db(raw);
  if (absl::Status s = CheckLayout(path, *db); !s.ok()) return s;
  // The first IPv4 lookup caches where the IPv4 subtree starts in the MMDB_s (libmaxminddb
  // writes that cache lazily); make it here, before any thread shares the reader.
  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  int ignored = MMDB_SUCCESS;
  MMDB_lookup_sockaddr(db.get(), reinterpret_cast<const sockaddr*>(&v4), &ignored);
  return std::unique_ptr<MmdbReader>(new MmdbReader(path, std::move(db)));
}

std::optional<GeoInfo> MmdbReader::Lookup(const IpAddress& ip) const {
  if (layout_ == MmdbLayout::kUnknown) return std::nullopt;
  sockaddr_storage addr{};
  if (ip.v6) {
    auto* a6 = reinterpret_cast<sockaddr_in6*>(&addr);
    a6->sin6_family = AF_INET6;
    std::memcpy(&a6->sin6_addr, ip.bytes.data(), 16);
  } else {
    auto* a4 = reinterpret_cast<sockaddr_in*>(&addr);
    a4->sin_family = AF_INET;
    std::memcpy(&a4->sin_addr, ip.bytes.data(), 4);
  }
  int error = MMDB_SUCCESS;
  MMDB_lookup_result_s result =
      MMDB_lookup_sockaddr(db_.get(), reinterpret_cast<const sockaddr*>(&addr), &error);
  if (error != MMDB_SUCCESS || !result.found_entry) return std::nullopt;
  GeoInfo info =
      layout_ == MmdbLayout::kMaxMind ? ReadMaxMind(result.entry) : ReadIpinfo(result.entry);
  if (info.country_code.empty() && info.asn == 0 && info.as_description.empty()) {
    return std::nullopt;
  }
  return info;
}

}  // namespace loupe
