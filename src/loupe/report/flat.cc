// The flat DNIF rendering: "$KL..." fields from a TIP-layout report (reference doc,
// section 3: lists only when non-empty, scalars only when present, zone-split lists as
// $KL<Zone>..., WHOIS contacts as $KL<Role><Attribute> with the role title-cased).
#include <cctype>
#include <map>

#include "absl/container/flat_hash_set.h"
#include "boost/json.hpp"
#include "fmt/format.h"
#include "loupe/report/lookup.h"

namespace loupe {
namespace json = boost::json;
namespace {

constexpr std::string_view kZones[] = {"Red", "Orange", "Yellow", "Grey", "Green"};

const json::value* Path(const json::object& o, std::initializer_list<std::string_view> keys) {
  const json::value* v = nullptr;
  const json::object* cur = &o;
  for (auto key : keys) {
    if (cur == nullptr) return nullptr;
    v = cur->if_contains(key);
    if (v == nullptr) return nullptr;
    cur = v->if_object();
  }
  return v;
}

const json::array& ArrayAt(const json::object& o, std::string_view key) {
  static const json::array kEmpty;
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? v->get_array() : kEmpty;
}

bool Present(const json::value& v) {
  if (v.is_null()) return false;
  if (v.is_string()) return !v.get_string().empty();
  if (v.is_array()) return !v.get_array().empty();
  return true;
}

void Scalar(json::object& out, std::string_view field, const json::value* v) {
  if (v != nullptr && Present(*v)) out[field] = *v;
}

// Appends `v` to a list field, keeping first-seen order and dropping duplicates.
class Lists {
 public:
  void Add(const std::string& field, const json::value& v) {
    if (!Present(v)) return;
    std::string token = json::serialize(v);
    if (!seen_[field].insert(token).second) return;
    auto it =
        std::find_if(lists_.begin(), lists_.end(), [&](const auto& p) { return p.first == field; });
    if (it == lists_.end()) {
      lists_.emplace_back(field, json::array());
      it = std::prev(lists_.end());
    }
    it->second.push_back(v);
  }
  void WriteTo(json::object& out) {
    for (auto& [field, list] : lists_) out[field] = std::move(list);
  }

 private:
  std::vector<std::pair<std::string, json::array>> lists_;
  std::map<std::string, absl::flat_hash_set<std::string>> seen_;
};

// Zone-split list: each row's `value_key` goes to $KL<Zone><suffix>.
void ZoneSplit(Lists& lists, const json::array& rows, std::string_view value_key,
               std::string_view suffix) {
  for (const auto& row : rows) {
    const json::object* o = row.if_object();
    if (o == nullptr) continue;
    const json::value* zone = o->if_contains("Zone");
    const json::value* value = o->if_contains(value_key);
    if (zone == nullptr || !zone->is_string() || value == nullptr) continue;
    std::string_view z(zone->get_string().data(), zone->get_string().size());
    if (std::find(std::begin(kZones), std::end(kZones), z) == std::end(kZones)) continue;
    lists.Add(fmt::format("$KL{}{}", z, suffix), *value);
  }
}

// Python's str.title(): upper-case after every non-letter, lower-case elsewhere.
std::string TitleCase(std::string_view s) {
  std::string out;
  bool upper = true;
  for (char c : s) {
    bool alpha = std::isalpha(static_cast<unsigned char>(c)) != 0;
    out.push_back(alpha ? static_cast<char>(upper ? std::toupper(static_cast<unsigned char>(c))
                                                  : std::tolower(static_cast<unsigned char>(c)))
                        : c);
    upper = !alpha;
  }
  return out;
}

void Contacts(json::object& out, const json::value* contacts,
              std::initializer_list<std::string_view> attributes) {
  if (contacts == nullptr || !contacts->is_array()) return;
  for (const auto& c : contacts->get_array()) {
    const json::object* o = c.if_object();
    const json::value* role = o ? o->if_contains("ContactType") : nullptr;
    if (role == nullptr || !role->is_string() || role->get_string().empty()) continue;
    std::string title =
        TitleCase(std::string_view(role->get_string().data(), role->get_string().size()));
    for (auto attribute : attributes) {
      Scalar(out, fmt::format("$KL{}{}", title, attribute), o->if_contains(attribute));
    }
  }
}

void DomainWhois(json::object& out, const json::value* whois, bool url_form) {
  const json::object* w = whois ? whois->if_object() : nullptr;
  if (w == nullptr) return;
  Scalar(out, "$KLCreated", w->if_contains("Created"));
  Scalar(out, "$KLDomainName", w->if_contains("DomainName"));
  Scalar(out, "$KLDomainStatus", w->if_contains("DomainStatus"));
  Scalar(out, "$KLExpires", w->if_contains("Expires"));
  Scalar(out, "$KLNameServers", w->if_contains("NameServers"));
  Scalar(out, "$KLRegistrationOrganization", w->if_contains("RegistrationOrganization"));
  Scalar(out, "$KLUpdated", w->if_contains("Updated"));
  Scalar(out, "$KLRegistrarEmail", Path(*w, {"Registrar", "Email"}));
  Scalar(out, "$KLRegistrarIanaId", Path(*w, {"Registrar", "IanaId"}));
  Scalar(out, "$KLRegistrarInfo", Path(*w, {"Registrar", "Info"}));
  (void)url_form;
  Contacts(out, w->if_contains("Contacts"),
           {"Address", "City", "CountryCode", "Email", "Fax", "Name", "Organization", "Phone",
            "PostalCode", "State"});
}

void FlattenIp(const json::object& r, json::object& out, Lists& lists) {
  for (const auto& row : ArrayAt(r, "IpDnsResolutions")) {
    if (const auto* o = row.if_object()) {
      if (const auto* cats = o->if_contains("Categories"); cats && cats->is_array()) {
        for (const auto& c : cats->get_array()) lists.Add("$KLIPDNSResolustionsCategories", c);
      }
      if (const auto* d = o->if_contains("Domain")) lists.Add("$KLIPDNSResolustionsDomains", *d);
    }
  }
  Scalar(out, "$KLCategory", Path(r, {"IpGeneralInfo", "Categories"}));
  Scalar(out, "$KLFirstSeen", Path(r, {"IpGeneralInfo", "FirstSeen"}));
  Scalar(out, "$KLHits", Path(r, {"IpGeneralInfo", "HitsCount"}));
  Scalar(out, "$KLThreatScore", Path(r, {"IpGeneralInfo", "ThreatScore"}));
  Scalar(out, "$KLHasAdvancedPersistThreat", Path(r, {"IpGeneralInfo", "HasApt"}));
  Scalar(out, "$KLCreated", Path(r, {"IpWhoIs", "Net", "Created"}));
  Scalar(out, "$KLChanged", Path(r, {"IpWhoIs", "Net", "Changed"}));
  const json::value* start = Path(r, {"IpWhoIs", "Net", "RangeStart"});
  const json::value* end = Path(r, {"IpWhoIs", "Net", "RangeEnd"});
  if (start && end && start->is_string() && end->is_string() && Present(*start)) {
    out["$KLIPRange"] = fmt::format("{}-{}", std::string_view(start->get_string()),
                                    std::string_view(end->get_string()));
  }
  Scalar(out, "$KLNetname", Path(r, {"IpWhoIs", "Net", "Name"}));
  Scalar(out, "$KLNetDescription", Path(r, {"IpWhoIs", "Net", "Description"}));
  Scalar(out, "$KLZone", r.if_contains("Zone"));
  if (const auto* asn = Path(r, {"IpWhoIs", "Asn"}); asn && asn->is_array()) {
    for (const auto& a : asn->get_array()) {
      const auto* o = a.if_object();
      if (o == nullptr) continue;
      if (const auto* n = o->if_contains("Number")) lists.Add("$KLASN", *n);
      if (const auto* d = o->if_contains("Description"); d && d->is_array()) {
        for (const auto& text : d->get_array()) lists.Add("$KLASDescription", text);
      }
    }
  }
  Contacts(out, Path(r, {"IpWhoIs", "Contacts"}),
           {"Address", "Name", "Fax", "Email", "OrganizationId", "Phone"});
}

void FlattenIpFiles(const json::object& r, json::object&, Lists& lists) {
  for (const auto& row : ArrayAt(r, "HostedUrls")) {
    if (const auto* o = row.if_object(); o && o->if_contains("Url")) {
      lists.Add("$KLHostedURL", o->at("Url"));
    }
  }
  ZoneSplit(lists, ArrayAt(r, "FilesDownloadedFromIp"), "Md5", "Md5");
}

void FlattenUrl(const json::object& r, json::object& out, Lists& lists) {
  Scalar(out, "$KLZone", r.if_contains("Zone"));
  ZoneSplit(lists, ArrayAt(r, "UrlReferredTo"), "Url", "UrlReferredTo");
  ZoneSplit(lists, ArrayAt(r, "UrlReferrals"), "Url", "UrlReferrals");
  Scalar(out, "$KLURLCategories", Path(r, {"UrlGeneralInfo", "Categories"}));
  Scalar(out, "$KLFilesCount", Path(r, {"UrlGeneralInfo", "FilesCount"}));
  Scalar(out, "$KLIPv4Count", Path(r, {"UrlGeneralInfo", "Ipv4Count"}));
  Scalar(out, "$KLHasAdvancedPersistThreat", Path(r, {"UrlGeneralInfo", "HasApt"}));
  Scalar(out, "$KLURL", Path(r, {"UrlGeneralInfo", "Url"}));
  Scalar(out, "$KLHost", Path(r, {"UrlGeneralInfo", "Host"}));
  ZoneSplit(lists, ArrayAt(r, "DomainDnsResolutions"), "Ip", "IPResoutions");
  DomainWhois(out, r.if_contains("UrlDomainWhoIs"), true);
}

void FlattenFiles(const json::object& r, json::object&, Lists& lists) {
  ZoneSplit(lists, ArrayAt(r, "FilesAccessed"), "Md5", "FileAccessedMd5");
  ZoneSplit(lists, ArrayAt(r, "FilesDownloaded"), "Md5", "FileDownloadedMd5");
}

void FlattenDomain(const json::object& r, json::object& out, Lists& lists) {
  Scalar(out, "$KLCategories", Path(r, {"DomainGeneralInfo", "Categories"}));
  Scalar(out, "$KLDomain", Path(r, {"DomainGeneralInfo", "Domain"}));
  Scalar(out, "$KLFilesCount", Path(r, {"DomainGeneralInfo", "FilesCount"}));
  Scalar(out, "$KLHits", Path(r, {"DomainGeneralInfo", "HitsCount"}));
  Scalar(out, "$KLIPv4Count", Path(r, {"DomainGeneralInfo", "Ipv4Count"}));
  Scalar(out, "$KLURLCount", Path(r, {"DomainGeneralInfo", "UrlsCount"}));
  Scalar(out, "$KLHasAdvancedPersistThreat", Path(r, {"DomainGeneralInfo", "HasApt"}));
  ZoneSplit(lists, ArrayAt(r, "DomainDnsResolutions"), "Ip", "DomainDnsResolutionsIP");
  ZoneSplit(lists, ArrayAt(r, "UrlReferrals"), "Url", "URLReferrals");
  ZoneSplit(lists, ArrayAt(r, "UrlReferredTo"), "Url", "URLReferredTo");
  DomainWhois(out, r.if_contains("DomainWhoIsInfo"), false);
  Scalar(out, "$KLZone", r.if_contains("Zone"));
  if (const auto* subs = r.if_contains("Subdomains"); subs && subs->is_array()) {
    out["$KLSubdomainsFilesCount"] = subs->get_array().size();
  }
  ZoneSplit(lists, ArrayAt(r, "Subdomains"), "Subdomain", "Subdomains");
}

void FlattenHash(const json::object& r, json::object& out, Lists& lists) {
  Scalar(out, "$KLHits", Path(r, {"FileGeneralInfo", "HitsCount"}));
  Scalar(out, "$KLFirstSeen", Path(r, {"FileGeneralInfo", "FirstSeen"}));
  Scalar(out, "$KLLastSeen", Path(r, {"FileGeneralInfo", "LastSeen"}));
  Scalar(out, "$KLMd5", Path(r, {"FileGeneralInfo", "Md5"}));
  Scalar(out, "$KLSha1", Path(r, {"FileGeneralInfo", "Sha1"}));
  Scalar(out, "$KLSha256", Path(r, {"FileGeneralInfo", "Sha256"}));
  Scalar(out, "$KLFormat", Path(r, {"FileGeneralInfo", "Type"}));
  const json::value* size = Path(r, {"FileGeneralInfo", "Size"});
  if (size != nullptr && !(size->is_number() && size->to_number<double>() == 0)) {
    Scalar(out, "$KLSize", size);
  }
  Scalar(out, "$KLSigner", Path(r, {"FileGeneralInfo", "Signer"}));
  Scalar(out, "$KLPacker", Path(r, {"FileGeneralInfo", "Packer"}));
  for (const auto& row : ArrayAt(r, "DetectionsInfo")) {
    if (const auto* o = row.if_object()) {
      if (const auto* n = o->if_contains("DetectionName")) lists.Add("$KLDetectionNames", *n);
      if (const auto* u = o->if_contains("DescriptionUrl")) lists.Add("$KLDescriptionURL", *u);
    }
  }
  for (const auto& row : ArrayAt(r, "FileNames")) {
    if (const auto* o = row.if_object(); o && o->if_contains("FileName")) {
      lists.Add("$KLFileNames", o->at("FileName"));
    }
  }
  Scalar(out, "$KLZone", r.if_contains("Zone"));
  ZoneSplit(lists, ArrayAt(r, "FileAccessedUrls"), "Url", "FileAccessedURL");
  ZoneSplit(lists, ArrayAt(r, "FileAccessedUrls"), "Domain", "FileAccessedDomain");
}

}  // namespace

json::object FlattenReport(LookupFunction fn, const json::object& report) {
  json::object out;
  Lists lists;
  switch (fn) {
    case LookupFunction::kIpReport:
      FlattenIp(report, out, lists);
      break;
    case LookupFunction::kIpFileHostDownloadReport:
      FlattenIpFiles(report, out, lists);
      break;
    case LookupFunction::kUrlReport:
      FlattenUrl(report, out, lists);
      break;
    case LookupFunction::kUrlReportFile:
    case LookupFunction::kDomainReportFile:
      FlattenFiles(report, out, lists);
      break;
    case LookupFunction::kDomainReport:
      FlattenDomain(report, out, lists);
      break;
    case LookupFunction::kHashReport:
      FlattenHash(report, out, lists);
      break;
  }
  lists.WriteTo(out);
  return out;
}

}  // namespace loupe
