#include "loupe/report/report_context.h"

#include <cmath>

#include "absl/container/flat_hash_set.h"
#include "loupe/base/status_macros.h"
#include "loupe/model/attributes.h"
#include "loupe/model/domain.h"
#include "loupe/model/object_key.h"

namespace loupe {
namespace json = boost::json;

namespace {

std::string_view ZoneOfCategory(Category c) {
  switch (ClassOf(c)) {
    case CategoryClass::kMalicious:
      return "Red";
    case CategoryClass::kSuspicious:
      return "Orange";
    case CategoryClass::kAdware:
      return "Yellow";
    case CategoryClass::kBenign:
      return "Green";
    case CategoryClass::kNeutral:
      break;
  }
  return "Grey";
}

json::array ContactsJson(const std::vector<WhoisContact>& contacts) {
  json::array out;
  for (const auto& c : contacts) {
    out.push_back({{"ContactType", c.role},
                   {"Name", c.name},
                   {"Organization", c.organization},
                   {"Address", c.address},
                   {"City", c.city},
                   {"State", c.state},
                   {"PostalCode", c.postal_code},
                   {"CountryCode", c.country_code},
                   {"Phone", c.phone},
                   {"Fax", c.fax},
                   {"Email", c.email}});
  }
  return out;
}

}  // namespace

json::value TimeJson(UnixSeconds t) {
  if (t == 0) return nullptr;
  return json::value(FormatIsoTime(t));
}

json::array CategoriesJson(CategorySet set) {
  json::array out;
  for (const auto& name : CategoryNames(set)) out.emplace_back(name);
  return out;
}

std::string DomainKey(std::string_view domain) {
  return EncodeObjectKey({IndicatorType::kDomain, std::string(domain), std::nullopt});
}

ReportContext::ReportContext(const StoreView& view, const VerdictPolicy& policy,
                             const ReportOptions& options, const GeoResolver* geo, UnixSeconds now)
    : view_(view), options_(options), judge_(view, policy, now), geo_(geo) {}

bool ReportContext::Wants(std::string_view section) const {
  return options_.sections.empty() || options_.sections.count(std::string(section)) > 0;
}

absl::StatusOr<std::optional<ObjectSummary>> ReportContext::Summary(std::string_view key) const {
  return view_.GetSummary(key);
}

absl::Status ReportContext::Resolve(std::vector<Related>& related) const {
  std::vector<std::string_view> keys;
  keys.reserve(related.size());
  for (const auto& r : related) keys.push_back(r.key);
  std::vector<std::optional<ObjectSummary>> summaries;
  RETURN_IF_ERROR(view_.GetSummaries(keys, summaries));
  for (size_t i = 0; i < related.size(); ++i) related[i].summary = summaries[i];
  RETURN_IF_ERROR(ResolveFiles(related));
  // Files known by several hashes are judged on read across all of them; stored verdicts
  // are per key.
  std::vector<std::string> single;
  std::vector<IndicatorType> types;
  std::vector<size_t> index;
  std::vector<std::string> keys_of;
  for (size_t i = 0; i < related.size(); ++i) {
    Related& r = related[i];
    if (r.other_keys.empty()) {
      single.push_back(r.key);
      types.push_back(r.indicator.type);
      index.push_back(i);
      continue;
    }
    keys_of.assign(1, r.key);
    keys_of.insert(keys_of.end(), r.other_keys.begin(), r.other_keys.end());
    ASSIGN_OR_RETURN(r.verdict, judge_.Base(keys_of, r.indicator.type));
  }
  ASSIGN_OR_RETURN(std::vector<ZoneScore> listed, judge_.ListVerdicts(single, types));
  for (size_t j = 0; j < index.size(); ++j) related[index[j]].verdict = listed[j];
  return absl::OkStatus();
}

// Files: their FileInfo names their other hashes, whose summaries merge in; all reads
// batched, since a report may list a thousand files.
absl::Status ReportContext::ResolveFiles(std::vector<Related>& related) const {
  std::vector<size_t> files;
  std::vector<std::string_view> keys;
  for (size_t i = 0; i < related.size(); ++i) {
    if (!IsHashType(related[i].indicator.type)) continue;
    files.push_back(i);
    keys.push_back(related[i].key);
    if (related[i].indicator.type == IndicatorType::kMd5)
      related[i].md5 = related[i].indicator.value;
  }
  if (files.empty()) return absl::OkStatus();
  std::vector<std::optional<std::string>> infos;
  RETURN_IF_ERROR(view_.GetAttributes(keys, AttributeKind::kFileInfo, infos));
  std::vector<std::string> sibling_keys;
  std::vector<size_t> sibling_owner;  // index into `related`
  for (size_t f = 0; f < files.size(); ++f) {
    if (!infos[f]) continue;
    Related& file = related[files[f]];
    FileInfo info = AttributeFromJson<FileInfo>(*infos[f]);
    if (file.md5.empty()) file.md5 = info.md5;
    for (const std::string* other : {&info.md5, &info.sha1, &info.sha256}) {
      if (other->empty() || *other == file.indicator.value) continue;
      auto parsed = ParseIndicator(*other);
      if (!parsed.ok() || !IsHashType(parsed->type)) continue;
      sibling_keys.push_back(EncodeObjectKey(*parsed));
      sibling_owner.push_back(files[f]);
      file.other_keys.push_back(sibling_keys.back());
    }
  }
  if (sibling_keys.empty()) return absl::OkStatus();
  std::vector<std::string_view> views(sibling_keys.begin(), sibling_keys.end());
  std::vector<std::optional<ObjectSummary>> summaries;
  RETURN_IF_ERROR(view_.GetSummaries(views, summaries));
  for (size_t s = 0; s < summaries.size(); ++s) {
    if (!summaries[s]) continue;
    auto& target = related[sibling_owner[s]].summary;
    if (target) {
      target->Merge(*summaries[s]);
    } else {
      target = summaries[s];
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Related>> ReportContext::ListRelated(
    const std::vector<std::string>& keys, RelationType type, Direction direction, size_t limit,
    uint64_t* total) const {
  std::vector<Related> out;
  absl::flat_hash_set<std::string> seen;
  uint64_t sum = 0;
  for (const auto& key : keys) {
    ASSIGN_OR_RETURN(auto page, view_.ListRelated(key, type, direction, limit));
    sum += page.total;
    for (auto& item : page.items) {
      if (out.size() >= limit || !seen.insert(item.object).second) continue;
      std::string_view in = item.object;
      ASSIGN_OR_RETURN(Indicator indicator, DecodeObjectKey(in));
      out.push_back({std::move(item.object), std::move(indicator), item.stats, {}, {}, {}});
    }
  }
  if (total != nullptr) *total = sum;
  RETURN_IF_ERROR(Resolve(out));
  return out;
}

json::object ReportContext::VerdictJson(const Verdict& verdict) const {
  json::array reasons;
  for (const auto& r : verdict.reasons) reasons.emplace_back(r);
  json::array contributions;
  for (const auto& c : verdict.contributions) {
    json::object item{{"Kind", ContributionKindName(c.kind)},
                      {"Source", c.source},
                      {"Weight", static_cast<int>(std::lround(c.weight * 100))},
                      {"Text", c.text}};
    if (c.last_seen != 0) item["LastSeen"] = TimeJson(c.last_seen);
    contributions.push_back(std::move(item));
  }
  return {{"Zone", ZoneName(verdict.zone)}, {"ThreatScore", verdict.score},
          {"HasApt", verdict.has_apt},      {"JudgedAt", TimeJson(judge_.now())},
          {"Reasons", std::move(reasons)},  {"Contributions", std::move(contributions)}};
}

absl::Status ReportContext::AddCommonInfo(std::string_view key,
                                          const std::optional<ObjectSummary>& summary,
                                          json::object& info) const {
  CategorySet categories = summary ? summary->categories : 0;
  info["Categories"] = CategoriesJson(categories);
  json::array with_zone;
  for (int i = 0; i < kCategoryCount; ++i) {
    auto c = static_cast<Category>(i);
    if (HasCategory(categories, c)) {
      with_zone.push_back({{"Name", CategoryName(c)}, {"Zone", ZoneOfCategory(c)}});
    }
  }
  info["CategoriesWithZone"] = std::move(with_zone);
  ASSIGN_OR_RETURN(auto reports, view_.ListAttributes(key, AttributeKind::kAptReport, count()));
  json::array related;
  for (const auto& item : reports.items) {
    AptReportRef ref = AttributeFromJson<AptReportRef>(item.value);
    related.push_back({{"Title", ref.title}, {"Id", ref.id.empty() ? item.item : ref.id}});
  }
  info["HasApt"] = reports.total > 0 || HasCategory(categories, Category::kApt);
  info["RelatedAptReports"] = std::move(related);
  return absl::OkStatus();
}

absl::StatusOr<json::value> ReportContext::DomainWhoisJson(std::string_view domain) const {
  ASSIGN_OR_RETURN(auto text, view_.GetAttribute(DomainKey(domain), AttributeKind::kDomainWhois));
  if (!text) {
    std::string parent = RegistrableDomain(domain);
    if (!parent.empty() && parent != domain) {
      ASSIGN_OR_RETURN(text, view_.GetAttribute(DomainKey(parent), AttributeKind::kDomainWhois));
    }
  }
  if (!text) return nullptr;
  DomainWhois w = AttributeFromJson<DomainWhois>(*text);
  return json::object{
      {"DomainName", w.domain_name},
      {"Created", TimeJson(w.created)},
      {"Updated", TimeJson(w.updated)},
      {"Expires", TimeJson(w.expires)},
      {"NameServers", json::value_from(w.name_servers)},
      {"DomainStatus", json::value_from(w.statuses)},
      {"RegistrationOrganization", w.registration_organization},
      {"Registrar",
       {{"Info", w.registrar_info}, {"IanaId", w.registrar_iana_id}, {"Email", w.registrar_email}}},
      {"Contacts", ContactsJson(w.contacts)}};
}

absl::StatusOr<json::array> ReportContext::ResolutionsJson(const std::string& domain_key,
                                                           uint64_t* ipv4_total) const {
  ASSIGN_OR_RETURN(auto ips, ListRelated({domain_key}, RelationType::kResolvesTo, Direction::kOut,
                                         count(), ipv4_total));
  json::array out;
  for (const auto& ip : ips) {
    out.push_back({{"Ip", ip.indicator.value},
                   {"Zone", ZoneName(ip.verdict.zone)},
                   {"HitsCount", ip.stats.count},
                   {"FirstSeen", TimeJson(ip.stats.first_seen)},
                   {"LastSeen", TimeJson(ip.stats.last_seen)}});
  }
  return out;
}

json::array ReportContext::UrlZoneList(const std::vector<Related>& urls) {
  json::array out;
  for (const auto& u : urls) {
    out.push_back({{"Url", u.indicator.value}, {"Zone", ZoneName(u.verdict.zone)}});
  }
  return out;
}

}  // namespace loupe
