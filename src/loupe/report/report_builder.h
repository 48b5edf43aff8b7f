// Investigation reports in the Kaspersky TIP section layout
// (../shared/reference/kaspersky-tip-api.md, section 2), built from one store snapshot.
//
// A ReportBuilder is cheap; build one per request. It is not thread-safe, but several may
// share one StoreView and VerdictPolicy. List sections hold at most `count` records each;
// the totals ("...Count" fields) are exact.
#ifndef LOUPE_REPORT_REPORT_BUILDER_H_
#define LOUPE_REPORT_REPORT_BUILDER_H_

#include <set>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "boost/json/object.hpp"
#include "loupe/geo/geo_resolver.h"
#include "loupe/model/indicator.h"
#include "loupe/store/object_store.h"
#include "loupe/verdict/policy.h"

namespace loupe {

struct ReportOptions {
  size_t count = 1000;  // records per list section
  // Empty: every section of the object's type, plus loupe's "Verdict" (zone, score and
  // the reasons). Otherwise only the named ones ("Zone" is a section too).
  std::set<std::string> sections;
};

class ReportBuilder {
 public:
  // `geo`, when given, answers the geolocation and ASN of IPs the store has none for
  // (the MaxMind DB sources); it must outlive the builder.
  // Verdicts are judged as of `now`: 0 for the present, or a past time ("what did we say
  // then").
  ReportBuilder(const StoreView& view, const VerdictPolicy& policy,
                const GeoResolver* geo = nullptr, UnixSeconds now = 0)
      : view_(view), policy_(policy), geo_(geo), now_(now) {}

  // The report of an IP, domain, URL or hash (a network has none: InvalidArgument).
  // `found` is set to whether the store knows the object.
  absl::StatusOr<boost::json::object> Build(const Indicator& indicator,
                                            const ReportOptions& options, bool* found = nullptr);

 private:
  const StoreView& view_;
  const VerdictPolicy& policy_;
  const GeoResolver* geo_;
  UnixSeconds now_;
};

}  // namespace loupe

#endif  // LOUPE_REPORT_REPORT_BUILDER_H_
