// The domain report: DomainGeneralInfo, DomainDnsResolutions, DomainWhoIsInfo, UrlReferrals,
// UrlReferredTo, Subdomains, FilesAccessed, FilesDownloaded.
#include "loupe/base/status_macros.h"
#include "loupe/report/report_context.h"

namespace loupe {
namespace json = boost::json;
namespace {

absl::StatusOr<json::array> SubdomainsSection(ReportContext& ctx, const std::string& key) {
  ASSIGN_OR_RETURN(
      auto subs, ctx.ListRelated({key}, RelationType::kHasSubdomain, Direction::kOut, ctx.count()));
  json::array out;
  for (const auto& s : subs) {
    out.push_back({{"Subdomain", s.indicator.value},
                   {"Zone", ZoneName(s.verdict.zone)},
                   {"HitsCount", s.summary ? s.summary->hits : 0},
                   {"FirstSeen", TimeJson(s.summary ? s.summary->first_seen : 0)},
                   {"LastSeen", TimeJson(s.summary ? s.summary->last_seen : 0)}});
  }
  return out;
}

}  // namespace

absl::StatusOr<json::object> BuildDomainReport(ReportContext& ctx, const Indicator& domain,
                                               bool* found) {
  std::string key = DomainKey(domain.value);
  ASSIGN_OR_RETURN(auto summary, ctx.Summary(key));
  *found = summary.has_value();
  ASSIGN_OR_RETURN(Verdict verdict, ctx.Judge({key}, IndicatorType::kDomain));
  uint64_t url_total = 0;
  ASSIGN_OR_RETURN(auto urls, ctx.ListRelated({key}, RelationType::kHasUrl, Direction::kOut,
                                              ctx.count(), &url_total));
  std::vector<std::string> url_keys;
  url_keys.reserve(urls.size());
  for (const auto& u : urls) url_keys.push_back(u.key);

  json::object report;
  if (ctx.Wants("Zone")) report["Zone"] = ZoneName(verdict.zone);
  uint64_t ipv4_total = 0;
  ASSIGN_OR_RETURN(json::array resolutions, ctx.ResolutionsJson(key, &ipv4_total));
  uint64_t files_total = 0;
  ASSIGN_OR_RETURN(json::array downloaded, FilesDownloadedJson(ctx, urls, &files_total));
  if (ctx.Wants("DomainGeneralInfo")) {
    json::object info{{"Domain", domain.value},
                      {"FilesCount", files_total},
                      {"UrlsCount", url_total},
                      {"HitsCount", summary ? summary->hits : 0},
                      {"Ipv4Count", ipv4_total},
                      {"FirstSeen", TimeJson(summary ? summary->first_seen : 0)},
                      {"LastSeen", TimeJson(summary ? summary->last_seen : 0)},
                      {"ThreatScore", verdict.score}};
    RETURN_IF_ERROR(ctx.AddCommonInfo(key, summary, info));
    report["DomainGeneralInfo"] = std::move(info);
  }
  if (ctx.Wants("Verdict")) report["Verdict"] = ctx.VerdictJson(verdict);
  if (ctx.Wants("DomainDnsResolutions")) report["DomainDnsResolutions"] = std::move(resolutions);
  if (ctx.Wants("DomainWhoIsInfo")) {
    ASSIGN_OR_RETURN(report["DomainWhoIsInfo"], ctx.DomainWhoisJson(domain.value));
  }
  if (ctx.Wants("UrlReferrals")) {
    ASSIGN_OR_RETURN(report["UrlReferrals"], ReferralsJson(ctx, url_keys, Direction::kIn));
  }
  if (ctx.Wants("UrlReferredTo")) {
    ASSIGN_OR_RETURN(report["UrlReferredTo"], ReferralsJson(ctx, url_keys, Direction::kOut));
  }
  if (ctx.Wants("Subdomains")) {
    ASSIGN_OR_RETURN(report["Subdomains"], SubdomainsSection(ctx, key));
  }
  if (ctx.Wants("FilesAccessed")) {
    ASSIGN_OR_RETURN(report["FilesAccessed"], FilesAccessedJson(ctx, url_keys, key));
  }
  if (ctx.Wants("FilesDownloaded")) report["FilesDownloaded"] = std::move(downloaded);
  return report;
}

}  // namespace loupe
