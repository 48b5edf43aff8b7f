// The IP report: IpGeneralInfo, IpWhoIs, IpDnsResolutions, FilesDownloadedFromIp, HostedUrls.
#include "absl/container/flat_hash_set.h"
#include "loupe/base/status_macros.h"
#include "loupe/model/attributes.h"
#include "loupe/model/ip.h"
#include "loupe/model/object_key.h"
#include "loupe/report/report_context.h"

namespace loupe {
namespace json = boost::json;
namespace {

absl::StatusOr<json::object> WhoisSection(ReportContext& ctx, const std::string& ip_key,
                                          const IpAddress& ip, std::string& country) {
  ASSIGN_OR_RETURN(auto net_key, ctx.view().FindNetwork(ip));
  json::object section{{"Asn", json::array()}, {"Net", nullptr}, {"Contacts", json::array()}};
  // Geo/ASN may sit on the IP itself, come from the MaxMind DB sources, or sit on its
  // network, in that order of preference.
  ASSIGN_OR_RETURN(auto geo_text, ctx.view().GetAttribute(ip_key, AttributeKind::kGeo));
  std::optional<GeoInfo> looked_up;
  if (!geo_text && ctx.geo() != nullptr) looked_up = ctx.geo()->Lookup(ip);
  if (!geo_text && !looked_up && net_key) {
    ASSIGN_OR_RETURN(geo_text, ctx.view().GetAttribute(*net_key, AttributeKind::kGeo));
  }
  if (geo_text || looked_up) {
    GeoInfo geo = looked_up ? *looked_up : AttributeFromJson<GeoInfo>(*geo_text);
    country = geo.country_code;
    if (geo.asn != 0) {
      section["Asn"] =
          json::array{{{"Number", geo.asn}, {"Description", json::value_from(geo.as_description)}}};
    }
  }
  if (!net_key) return section;
  ASSIGN_OR_RETURN(auto whois_text,
                   ctx.view().GetAttribute(*net_key, AttributeKind::kNetworkWhois));
  if (!whois_text) return section;
  NetworkWhois w = AttributeFromJson<NetworkWhois>(*whois_text);
  if (country.empty()) country = w.country_code;
  section["Net"] = json::object{
      {"RangeStart", w.range_start},    {"RangeEnd", w.range_end}, {"Created", TimeJson(w.created)},
      {"Changed", TimeJson(w.changed)}, {"Name", w.name},          {"Description", w.description}};
  json::array contacts;
  for (const auto& c : w.contacts) {
    contacts.push_back({{"ContactType", c.role},
                        {"Name", c.name},
                        {"Address", c.address},
                        {"Phone", c.phone},
                        {"Fax", c.fax},
                        {"Email", c.email},
                        {"OrganizationId", c.organization_id}});
  }
  section["Contacts"] = std::move(contacts);
  return section;
}

absl::StatusOr<json::array> ResolutionsSection(ReportContext& ctx, const std::string& ip_key) {
  ASSIGN_OR_RETURN(auto domains, ctx.ListRelated({ip_key}, RelationType::kResolvesTo,
                                                 Direction::kIn, ctx.count()));
  json::array out;
  for (const auto& d : domains) {
    out.push_back({{"Domain", d.indicator.value},
                   {"Zone", ZoneName(d.verdict.zone)},
                   {"HitsCount", d.stats.count},
                   {"FirstSeen", TimeJson(d.stats.first_seen)},
                   {"LastSeen", TimeJson(d.stats.last_seen)},
                   {"Categories", CategoriesJson(d.summary ? d.summary->categories : 0)}});
  }
  return out;
}

absl::StatusOr<json::array> FilesSection(ReportContext& ctx, const std::string& ip_key) {
  ASSIGN_OR_RETURN(auto files, ctx.ListRelated({ip_key}, RelationType::kServedFile, Direction::kOut,
                                               ctx.count()));
  json::array out;
  for (const auto& f : files) {
    const std::string& md5 = f.md5;
    ASSIGN_OR_RETURN(auto detections,
                     ctx.view().ListAttributes(f.key, AttributeKind::kDetection, 1));
    json::object row{
        {"Md5", md5.empty() ? json::value(nullptr) : json::value(md5)},
        {"Zone", ZoneName(f.verdict.zone)},
        {"DownloadHitsCount", f.stats.count},
        {"DetectionName",
         detections.items.empty() ? json::value(nullptr) : json::value(detections.items[0].item)},
        {"FirstSeen", TimeJson(f.stats.first_seen)},
        {"LastSeen", TimeJson(f.stats.last_seen)}};
    if (f.indicator.type != IndicatorType::kMd5) {
      row[f.indicator.type == IndicatorType::kSha1 ? "Sha1" : "Sha256"] = f.indicator.value;
    }
    out.push_back(std::move(row));
  }
  return out;
}

// URLs on the IP itself, then URLs of the domains that resolve to it, up to `count`.
absl::StatusOr<json::array> HostedUrlsSection(ReportContext& ctx, const std::string& ip_key) {
  ASSIGN_OR_RETURN(
      auto urls, ctx.ListRelated({ip_key}, RelationType::kHostsUrl, Direction::kOut, ctx.count()));
  if (urls.size() < ctx.count()) {
    ASSIGN_OR_RETURN(auto domains, ctx.ListRelated({ip_key}, RelationType::kResolvesTo,
                                                   Direction::kIn, ctx.count()));
    std::vector<std::string> domain_keys;
    domain_keys.reserve(domains.size());
    for (auto& d : domains) domain_keys.push_back(std::move(d.key));
    ASSIGN_OR_RETURN(auto more, ctx.ListRelated(domain_keys, RelationType::kHasUrl, Direction::kOut,
                                                ctx.count() - urls.size()));
    absl::flat_hash_set<std::string> seen;
    for (const auto& u : urls) seen.insert(u.key);
    for (auto& u : more) {
      if (seen.insert(u.key).second) urls.push_back(std::move(u));
    }
  }
  json::array out;
  for (const auto& u : urls) {
    out.push_back({{"Url", u.indicator.value},
                   {"Zone", ZoneName(u.verdict.zone)},
                   {"HitsCount", u.summary ? u.summary->hits : 0},
                   {"FirstSeen", TimeJson(u.stats.first_seen)},
                   {"LastSeen", TimeJson(u.stats.last_seen)}});
  }
  return out;
}

}  // namespace

absl::StatusOr<json::object> BuildIpReport(ReportContext& ctx, const Indicator& indicator,
                                           bool* found) {
  ASSIGN_OR_RETURN(IpAddress ip, ParseIp(indicator.value));
  std::string key = EncodeObjectKey(indicator);
  ASSIGN_OR_RETURN(auto summary, ctx.Summary(key));
  *found = summary.has_value();
  ASSIGN_OR_RETURN(Verdict verdict, ctx.Judge({key}, indicator.type));
  const bool reserved = IsReservedIp(ip);
  json::object report;
  if (ctx.Wants("Zone")) report["Zone"] = ZoneName(verdict.zone);
  std::string country;
  json::object whois;
  if (ctx.Wants("IpWhoIs") || ctx.Wants("IpGeneralInfo")) {
    ASSIGN_OR_RETURN(whois, WhoisSection(ctx, key, ip, country));
  }
  if (ctx.Wants("IpGeneralInfo")) {
    json::object info{
        {"Ip", indicator.value},
        {"Status", reserved ? "reserved" : (*found ? "known" : "NoInfo")},
        {"CountryCode", country.empty() ? json::value(nullptr) : json::value(country)},
        {"HitsCount", summary ? summary->hits : 0},
        {"FirstSeen", TimeJson(summary ? summary->first_seen : 0)},
        {"LastSeen", TimeJson(summary ? summary->last_seen : 0)},
        {"ThreatScore", verdict.score}};
    RETURN_IF_ERROR(ctx.AddCommonInfo(key, summary, info));
    report["IpGeneralInfo"] = std::move(info);
  }
  if (ctx.Wants("IpWhoIs")) report["IpWhoIs"] = std::move(whois);
  if (ctx.Wants("Verdict")) report["Verdict"] = ctx.VerdictJson(verdict);
  if (reserved) return report;  // TIP answers only general info and WHOIS for these
  if (ctx.Wants("IpDnsResolutions")) {
    ASSIGN_OR_RETURN(auto section, ResolutionsSection(ctx, key));
    report["IpDnsResolutions"] = std::move(section);
  }
  if (ctx.Wants("FilesDownloadedFromIp")) {
    ASSIGN_OR_RETURN(auto section, FilesSection(ctx, key));
    report["FilesDownloadedFromIp"] = std::move(section);
  }
  if (ctx.Wants("HostedUrls")) {
    ASSIGN_OR_RETURN(auto section, HostedUrlsSection(ctx, key));
    report["HostedUrls"] = std::move(section);
  }
  return report;
}

}  // namespace loupe
