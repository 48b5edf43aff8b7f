// Shared machinery of the report builders: section selection, verdicts of related objects
// (batched), and the JSON shapes that several sections share. Internal to the report layer.
#ifndef LOUPE_REPORT_REPORT_CONTEXT_H_
#define LOUPE_REPORT_REPORT_CONTEXT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "boost/json.hpp"
#include "loupe/judge/object_judge.h"
#include "loupe/model/indicator.h"
#include "loupe/report/report_builder.h"

namespace loupe {

struct Related {
  std::string key;
  Indicator indicator;
  RelationStats stats;
  std::optional<ObjectSummary> summary;
  ZoneScore verdict;                    // related objects need no explanation
  std::string md5;                      // files: the MD5 when known (from the key or its FileInfo)
  std::vector<std::string> other_keys;  // files: the keys of their other hashes
};

class ReportContext {
 public:
  ReportContext(const StoreView& view, const VerdictPolicy& policy, const ReportOptions& options,
                const GeoResolver* geo, UnixSeconds now);

  const StoreView& view() const { return view_; }
  const GeoResolver* geo() const { return geo_; }  // may be null
  size_t count() const { return options_.count; }
  bool Wants(std::string_view section) const;

  absl::StatusOr<std::optional<ObjectSummary>> Summary(std::string_view key) const;
  // The object's verdict with its explanation; `keys` as ObjectJudge::Judge.
  absl::StatusOr<Verdict> Judge(const std::vector<std::string>& keys, IndicatorType type) const {
    return judge_.Judge(keys, type);
  }

  // Related objects of `keys` (their union, de-duplicated, at most `limit`), with verdicts.
  // `total` gets the sum of the totals over `keys`.
  absl::StatusOr<std::vector<Related>> ListRelated(const std::vector<std::string>& keys,
                                                   RelationType type, Direction direction,
                                                   size_t limit, uint64_t* total = nullptr) const;
  // Adds summaries and verdicts to already listed objects. A file's summary merges what
  // the store holds under each of its hashes.
  absl::Status Resolve(std::vector<Related>& related) const;
  absl::Status ResolveFiles(std::vector<Related>& related) const;

  // {"Zone": ..., "ThreatScore": ..., "Reasons": [...]} - loupe's explanation section.
  boost::json::object VerdictJson(const Verdict& verdict) const;
  // The general-info fields every object type shares.
  absl::Status AddCommonInfo(std::string_view key, const std::optional<ObjectSummary>& summary,
                             boost::json::object& info) const;
  // Registrable-domain WHOIS in the DomainWhoIsInfo / UrlDomainWhoIs shape; null if none.
  absl::StatusOr<boost::json::value> DomainWhoisJson(std::string_view domain) const;
  // Resolutions of a domain to IPs: [{Ip, Zone, HitsCount, FirstSeen, LastSeen}].
  absl::StatusOr<boost::json::array> ResolutionsJson(const std::string& domain_key,
                                                     uint64_t* ipv4_total) const;
  // [{Url, Zone}] for referral sections.
  static boost::json::array UrlZoneList(const std::vector<Related>& urls);

 private:
  const StoreView& view_;
  const ReportOptions& options_;
  ObjectJudge judge_;
  const GeoResolver* geo_;
};

boost::json::value TimeJson(UnixSeconds t);  // ISO 8601 string, or null when unknown
boost::json::array CategoriesJson(CategorySet set);
std::string DomainKey(std::string_view domain);

// Sections shared by domain and URL reports, over a set of URL keys.
// UrlReferrals (direction kIn) / UrlReferredTo (kOut): [{Url, Zone}].
absl::StatusOr<boost::json::array> ReferralsJson(ReportContext& ctx,
                                                 const std::vector<std::string>& url_keys,
                                                 Direction direction);
// FilesAccessed: files that accessed the URLs (plus `contacting_files` keys' relations,
// e.g. files that contacted a domain): [{Md5, Zone, FirstSeen, LastSeen}].
absl::StatusOr<boost::json::array> FilesAccessedJson(ReportContext& ctx,
                                                     const std::vector<std::string>& url_keys,
                                                     const std::string& contacted_domain_key);
// FilesDownloaded: files served by the URLs: [{Md5, Zone, FirstSeen, LastSeen, Url}].
absl::StatusOr<boost::json::array> FilesDownloadedJson(ReportContext& ctx,
                                                       const std::vector<Related>& urls,
                                                       uint64_t* total);

absl::StatusOr<boost::json::object> BuildIpReport(ReportContext& ctx, const Indicator& ip,
                                                  bool* found);
absl::StatusOr<boost::json::object> BuildDomainReport(ReportContext& ctx, const Indicator& domain,
                                                      bool* found);
absl::StatusOr<boost::json::object> BuildUrlReport(ReportContext& ctx, const Indicator& url,
                                                   bool* found);
absl::StatusOr<boost::json::object> BuildHashReport(ReportContext& ctx, const Indicator& hash,
                                                    bool* found);

}  // namespace loupe

#endif  // LOUPE_REPORT_REPORT_CONTEXT_H_
