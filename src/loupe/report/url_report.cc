// The URL report: UrlGeneralInfo, UrlDomainWhoIs, DomainDnsResolutions, UrlReferrals,
// UrlReferredTo, FilesAccessed, FilesDownloaded.
#include "loupe/base/status_macros.h"
#include "loupe/model/object_key.h"
#include "loupe/model/url.h"
#include "loupe/report/report_context.h"

namespace loupe {
namespace json = boost::json;

absl::StatusOr<json::object> BuildUrlReport(ReportContext& ctx, const Indicator& url, bool* found) {
  ASSIGN_OR_RETURN(UrlParts parts, ParseUrl(url.value));
  std::string key = EncodeObjectKey(url);
  ASSIGN_OR_RETURN(auto summary, ctx.Summary(key));
  *found = summary.has_value();
  ASSIGN_OR_RETURN(Verdict verdict, ctx.Judge({key}, IndicatorType::kUrl));
  Related self{key, url, {}, summary, {verdict.zone, verdict.score}, ""};

  json::object report;
  if (ctx.Wants("Zone")) report["Zone"] = ZoneName(verdict.zone);
  uint64_t ipv4_total = 0;
  json::array resolutions;
  if (!parts.host_is_ip) {
    ASSIGN_OR_RETURN(resolutions, ctx.ResolutionsJson(DomainKey(parts.host), &ipv4_total));
  } else {
    ipv4_total = parts.host.find(':') == std::string::npos ? 1 : 0;
  }
  uint64_t files_total = 0;
  ASSIGN_OR_RETURN(json::array downloaded, FilesDownloadedJson(ctx, {self}, &files_total));
  if (ctx.Wants("UrlGeneralInfo")) {
    json::object info{{"Url", url.value},
                      {"Host", parts.host},
                      {"Ipv4Count", ipv4_total},
                      {"FilesCount", files_total},
                      {"HitsCount", summary ? summary->hits : 0},
                      {"FirstSeen", TimeJson(summary ? summary->first_seen : 0)},
                      {"LastSeen", TimeJson(summary ? summary->last_seen : 0)},
                      {"ThreatScore", verdict.score}};
    RETURN_IF_ERROR(ctx.AddCommonInfo(key, summary, info));
    if (info["Categories"].as_array().empty()) info["Categories"] = json::array{"General"};
    report["UrlGeneralInfo"] = std::move(info);
  }
  if (ctx.Wants("Verdict")) report["Verdict"] = ctx.VerdictJson(verdict);
  if (ctx.Wants("UrlDomainWhoIs")) {
    if (parts.host_is_ip) {
      report["UrlDomainWhoIs"] = nullptr;
    } else {
      ASSIGN_OR_RETURN(report["UrlDomainWhoIs"], ctx.DomainWhoisJson(parts.host));
    }
  }
  if (ctx.Wants("DomainDnsResolutions")) report["DomainDnsResolutions"] = std::move(resolutions);
  if (ctx.Wants("UrlReferrals")) {
    ASSIGN_OR_RETURN(report["UrlReferrals"], ReferralsJson(ctx, {key}, Direction::kIn));
  }
  if (ctx.Wants("UrlReferredTo")) {
    ASSIGN_OR_RETURN(report["UrlReferredTo"], ReferralsJson(ctx, {key}, Direction::kOut));
  }
  if (ctx.Wants("FilesAccessed")) {
    ASSIGN_OR_RETURN(report["FilesAccessed"], FilesAccessedJson(ctx, {key}, ""));
  }
  if (ctx.Wants("FilesDownloaded")) report["FilesDownloaded"] = std::move(downloaded);
  return report;
}

}  // namespace loupe
