// Several MaxMind DB files (typically a country database and an ASN database) answered
// as one: the geolocation loupe shows beside an IP or a network.
//
// Thread-safe: Lookup may be called from any number of threads at once (see
// MmdbReader). The resolver owns its readers.
#ifndef LOUPE_GEO_GEO_RESOLVER_H_
#define LOUPE_GEO_GEO_RESOLVER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "loupe/geo/mmdb_reader.h"
#include "loupe/model/attributes.h"
#include "loupe/model/ip.h"

namespace loupe {

class GeoResolver {
 public:
  // Readers in order of preference.
  explicit GeoResolver(std::vector<std::unique_ptr<MmdbReader>> readers);

  // Opens every file in `paths` (in order of preference); the first error of
  // MmdbReader::Open (its message names the file). No paths is a resolver that knows
  // nothing.
  static absl::StatusOr<std::unique_ptr<GeoResolver>> Open(const std::vector<std::string>& paths);

  // The readers' answers merged: the country from the first reader that has one; the ASN
  // with its description from the first reader that has an ASN (the two stay together,
  // so a number never gets another database's organization), else the first description
  // alone. nullopt when no reader knows anything about `ip`.
  std::optional<GeoInfo> Lookup(const IpAddress& ip) const;

  size_t size() const { return readers_.size(); }

 private:
  std::vector<std::unique_ptr<MmdbReader>> readers_;
};

}  // namespace loupe

#endif  // LOUPE_GEO_GEO_RESOLVER_H_
