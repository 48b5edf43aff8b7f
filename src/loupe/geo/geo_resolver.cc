#include "loupe/geo/geo_resolver.h"

#include "loupe/base/status_macros.h"

namespace loupe {

GeoResolver::GeoResolver(std::vector<std::unique_ptr<MmdbReader>> readers)
    : readers_(std::move(readers)) {}

absl::StatusOr<std::unique_ptr<GeoResolver>> GeoResolver::Open(
    const std::vector<std::string>& paths) {
  std::vector<std::unique_ptr<MmdbReader>> readers;
  for (const std::string& path : paths) {
    ASSIGN_OR_RETURN(std::unique_ptr<MmdbReader> reader, MmdbReader::Open(path));
    readers.push_back(std::move(reader));
  }
  return std::make_unique<GeoResolver>(std::move(readers));
}

std::optional<GeoInfo> GeoResolver::Lookup(const IpAddress& ip) const {
  GeoInfo merged;
  bool found = false;
  for (const auto& reader : readers_) {
    std::optional<GeoInfo> info = reader->Lookup(ip);
    if (!info) continue;
    found = true;
    if (merged.country_code.empty()) merged.country_code = info->country_code;
    if (merged.asn == 0 && info->asn != 0) {
      merged.asn = info->asn;
      merged.as_description = info->as_description;
    } else if (merged.asn == 0 && merged.as_description.empty()) {
      merged.as_description = info->as_description;
    }
  }
  if (!found) return std::nullopt;
  return merged;
}

}  // namespace loupe
