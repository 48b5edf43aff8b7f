// The seven DNIF lookups (../shared/seed): which report sections each one reads, and the
// flat "$KL..." rendering the DNIF plugin produced, field names exactly as the seed spells
// them (misspellings included), plus "$KLOrange..." for the zone the plugin did not know.
// Thread-safe functions; RunLookup uses the builder it is given.
#ifndef LOUPE_REPORT_LOOKUP_H_
#define LOUPE_REPORT_LOOKUP_H_

#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "loupe/report/report_builder.h"

namespace loupe {

enum class LookupFunction {
  kIpReport,
  kIpFileHostDownloadReport,
  kUrlReport,
  kUrlReportFile,
  kDomainReport,
  kDomainReportFile,
  kHashReport,
};

// Accepts the seed's names and the plugin's later aliases (get_ip_report_file,
// get_domain_report_files).
std::optional<LookupFunction> LookupFunctionFromName(std::string_view name);
std::string_view LookupFunctionName(LookupFunction fn);
std::vector<std::string_view> LookupFunctionNames();  // the seven canonical names

// The TIP sections the function requests (reference doc, section 3).
std::vector<std::string> LookupSections(LookupFunction fn);

struct LookupResult {
  bool found = false;  // the store knows the object
  Indicator indicator;
  boost::json::object report;  // TIP layout, only the function's sections
  boost::json::object flat;    // "$KL..." fields
};

// Parses `value` for the function's object type (IP functions take IPs; URL functions take
// URLs, an IP or domain being taken as "http://<it>/"; hash functions any of the three
// hashes) and runs it. InvalidArgument for a value of the wrong type or a malformed value.
absl::StatusOr<LookupResult> RunLookup(ReportBuilder& builder, LookupFunction fn,
                                       std::string_view value, size_t count = 1000);

// The flat rendering of a TIP-layout report for `fn` (exposed for golden tests).
boost::json::object FlattenReport(LookupFunction fn, const boost::json::object& report);

}  // namespace loupe

#endif  // LOUPE_REPORT_LOOKUP_H_
