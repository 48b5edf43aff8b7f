#include "loupe/report/report_builder.h"

#include <ctime>

#include "loupe/base/status_macros.h"
#include "loupe/report/report_context.h"

namespace loupe {

absl::StatusOr<boost::json::object> ReportBuilder::Build(const Indicator& indicator,
                                                         const ReportOptions& options,
                                                         bool* found) {
  bool known = false;
  ReportContext ctx(view_, policy_, options, geo_, now_ != 0 ? now_ : std::time(nullptr));
  absl::StatusOr<boost::json::object> report;
  switch (indicator.type) {
    case IndicatorType::kIpv4:
    case IndicatorType::kIpv6:
      report = BuildIpReport(ctx, indicator, &known);
      break;
    case IndicatorType::kDomain:
      report = BuildDomainReport(ctx, indicator, &known);
      break;
    case IndicatorType::kUrl:
      report = BuildUrlReport(ctx, indicator, &known);
      break;
    case IndicatorType::kMd5:
    case IndicatorType::kSha1:
    case IndicatorType::kSha256:
      report = BuildHashReport(ctx, indicator, &known);
      break;
    case IndicatorType::kNetwork:
      return absl::InvalidArgumentError("reports are for IPs, domains, URLs and hashes");
  }
  if (found != nullptr) *found = known;
  return report;
}

}  // namespace loupe
