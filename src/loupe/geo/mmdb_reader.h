// MaxMind DB files (.mmdb: GeoLite2/GeoIP2, DB-IP lite, IPinfo), read in place for the
// country and autonomous system of an address. The format:
// https://maxmind.github.io/MaxMind-DB/ ; reading is libmaxminddb's (MMDB_MODE_MMAP).
//
// A database is context loupe reads at report time; it is never copied into the store.
//
// Thread-safe: once Open returns, any number of threads may call Lookup at once
// (libmaxminddb lookups in mmap mode only read the mapping, and Open fills the one cache
// libmaxminddb writes lazily, the IPv4 start node, before the reader is shared). The
// reader owns the mapping: destroy it after the last lookup.
#ifndef LOUPE_GEO_MMDB_READER_H_
#define LOUPE_GEO_MMDB_READER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "loupe/model/attributes.h"
#include "loupe/model/ip.h"

struct MMDB_s;

namespace loupe {

// The key layout of a database's records, chosen by its metadata's database_type.
enum class MmdbLayout {
  kUnknown,  // a type loupe does not read: the database opens but yields nothing
  // "GeoLite2-*", "GeoIP2-*", "DBIP-*" (DB-IP keeps MaxMind's keys): country.iso_code,
  // else registered_country.iso_code; autonomous_system_number and
  // autonomous_system_organization, at the top (ASN, ISP) or under "traits" (Enterprise).
  kMaxMind,
  // "ipinfo *" (IPinfo's flat records): country_code, else a two-letter country;
  // asn "AS15169"; as_name.
  kIpinfo,
};

// Case-insensitive prefixes as listed in MmdbLayout.
MmdbLayout MmdbLayoutFor(std::string_view database_type);

class MmdbReader {
 public:
  // Opens and maps the database at `path`. Errors: NotFound (no such file),
  // PermissionDenied, InvalidArgument "not a MaxMind DB: <path>: <why>" (a directory,
  // an empty, truncated or corrupt file, random bytes), ResourceExhausted (cannot map),
  // Unavailable (other I/O errors). A database of a type loupe does not understand opens
  // (layout() kUnknown) and yields nothing.
  static absl::StatusOr<std::unique_ptr<MmdbReader>> Open(const std::string& path);

  ~MmdbReader();
  MmdbReader(const MmdbReader&) = delete;
  MmdbReader& operator=(const MmdbReader&) = delete;

  // The country code (upper case), ASN and AS organization the database holds for `ip`;
  // IPv4 addresses are found under ::/96 in IPv6 databases. nullopt when the database
  // has no network for `ip`, nothing loupe reads there, an IPv6 `ip` in an IPv4-only
  // database, an unknown layout, or data that turns out corrupt (never an error: a
  // failed lookup is just no context).
  std::optional<GeoInfo> Lookup(const IpAddress& ip) const;

  const std::string& path() const { return path_; }
  const std::string& database_type() const { return database_type_; }
  MmdbLayout layout() const { return layout_; }

 private:
  struct Closer {
    void operator()(MMDB_s* db) const;
  };
  MmdbReader(std::string path, std::unique_ptr<MMDB_s, Closer> db);

  std::string path_;
  std::unique_ptr<MMDB_s, Closer> db_;
  std::string database_type_;
  MmdbLayout layout_ = MmdbLayout::kUnknown;
};

}  // namespace loupe

#endif  // LOUPE_GEO_MMDB_READER_H_
