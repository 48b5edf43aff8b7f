#include "loupe/report/report_fixture.h"

#include "loupe/base/status_macros.h"
#include "loupe/model/attributes.h"
#include "loupe/model/object_key.h"

namespace loupe {
namespace {

constexpr UnixSeconds kT0 = 1735689600;  // 2025-01-01
constexpr UnixSeconds kDay = 86400;

std::string K(const char* text) { return EncodeObjectKey(*ParseIndicator(text)); }

Evidence E(const Source& s, Category c, std::vector<std::string> labels = {}) {
  return {.source = s.id,
          .first_seen = kT0,
          .last_seen = kT0 + 30 * kDay,
          .confidence = 100,
          .categories = CategoryBit(c),
          .labels = std::move(labels),
          .reference = "https://intel.example.org/" + s.name};
}

void Rel(Changeset& cs, const char* from, RelationType type, const char* to, uint64_t count) {
  cs.AddRelation(K(from), type, K(to), {kT0 + kDay, kT0 + 20 * kDay, count});
}

void Whois(Changeset& cs) {
  NetworkWhois net{.range_start = "45.9.148.0",
                   .range_end = "45.9.148.255",
                   .name = "NICEHOST-NET",
                   .description = "Nice Hosting Ltd",
                   .created = kT0 - 400 * kDay,
                   .changed = kT0 - 10 * kDay,
                   .country_code = "NL"};
  net.contacts.push_back({.role = "owner",
                          .name = "Nice Hosting Ltd",
                          .address = "Keizersgracht 1, Amsterdam",
                          .phone = "+31 20 0000000",
                          .email = "abuse@nicehost.example",
                          .organization_id = "ORG-NH1"});
  cs.SetAttribute(K("45.9.148.0/24"), AttributeKind::kNetworkWhois, "", AttributeToJson(net));
  cs.SetAttribute(K("45.9.148.0/24"), AttributeKind::kGeo, "",
                  AttributeToJson(GeoInfo{"NL", 57523, {"CHANG-WAY-AS Chang Way Technologies"}}));
  DomainWhois d{.domain_name = "badcdn.net",
                .created = kT0 - 40 * kDay,
                .updated = kT0 - 5 * kDay,
                .expires = kT0 + 325 * kDay,
                .name_servers = {"ns1.parkdns.example", "ns2.parkdns.example"},
                .statuses = {"clientTransferProhibited"},
                .registration_organization = "Privacy Guard",
                .registrar_info = "NameCheap, Inc.",
                .registrar_iana_id = "1068",
                .registrar_email = "abuse@namecheap.com"};
  d.contacts.push_back({.role = "registrant",
                        .name = "<script>alert(1)</script>",
                        .organization = "Privacy Guard",
                        .city = "Reykjavik",
                        .country_code = "IS",
                        .email = "x@privacy.example"});
  cs.SetAttribute(K("badcdn.net"), AttributeKind::kDomainWhois, "", AttributeToJson(d));
}

void Files(Changeset& cs, const Source& c2, const Source& allow) {
  FileInfo red{.size = 73216,
               .format = "PE32",
               .packer = "UPX",
               .md5 = kFixtureRedMd5,
               .sha1 = "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
               .sha256 = kFixtureRedSha256};
  for (const std::string* h : {&red.md5, &red.sha1, &red.sha256}) {
    cs.SetAttribute(K(h->c_str()), AttributeKind::kFileInfo, "", AttributeToJson(red));
  }
  cs.AddEvidence(K(kFixtureRedSha256), E(c2, Category::kMalware, {"emotet"}));
  cs.SetAttribute(K(kFixtureRedMd5), AttributeKind::kFileName, "invoice.exe", "");
  cs.SetAttribute(K(kFixtureRedMd5), AttributeKind::kFileName, "scan_0042.exe", "");
  cs.SetAttribute(K(kFixtureRedMd5), AttributeKind::kDetection, "Trojan.Win32.Emotet.gen",
                  AttributeToJson(Detection{"Trojan.Win32.Emotet.gen", "signature", kT0 + 29 * kDay,
                                            "https://threats.example/Trojan.Win32.Emotet"}));
  cs.Observe(K(kFixtureRedMd5), 120, kT0 + 29 * kDay);
  FileInfo good{.size = 1048576,
                .format = "PE32+",
                .signer = "Microsoft Corporation",
                .md5 = "e99a18c428cb38d5f260853678922e03"};
  cs.SetAttribute(K(good.md5.c_str()), AttributeKind::kFileInfo, "", AttributeToJson(good));
  cs.AddEvidence(K(good.md5.c_str()), E(allow, Category::kBenign));
}

}  // namespace

absl::Status BuildReportFixture(ObjectStore& store) {
  ASSIGN_OR_RETURN(Source c2, store.EnsureSource("c2feed", 90));
  ASSIGN_OR_RETURN(Source blocklist, store.EnsureSource("blocklist", 60));
  ASSIGN_OR_RETURN(Source adware, store.EnsureSource("adware", 70));
  ASSIGN_OR_RETURN(Source allow, store.EnsureSource("allowlist", 95));
  Changeset cs(kT0, "fixture");
  cs.AddEvidence(K(kFixtureRedIp), E(c2, Category::kC2, {"emotet"}));
  cs.Observe(K(kFixtureRedIp), 42, kT0 + 30 * kDay);
  cs.AddEvidence(K("45.9.148.11"), E(allow, Category::kBenign));
  cs.AddEvidence(K(kFixtureRedDomain), E(c2, Category::kC2, {"emotet"}));
  cs.AddEvidence(K("dl.badcdn.net"), E(blocklist, Category::kMalicious));
  cs.AddEvidence(K("goodsite.org"), E(allow, Category::kBenign));
  cs.AddEvidence(K("adsy.biz"), E(adware, Category::kAdware));
  cs.AddEvidence(K(kFixtureRedUrl), E(c2, Category::kPayloadDelivery));
  cs.AddEvidence(K("http://adsy.biz/toolbar"), E(adware, Category::kPua));
  cs.AddEvidence(K("http://goodsite.org/index.html"), E(allow, Category::kBenign));
  cs.SetAttribute(K(kFixtureRedDomain), AttributeKind::kAptReport, "apt-2025-001",
                  AttributeToJson(AptReportRef{"apt-2025-001", "Emotet returns via badcdn"}));
  Rel(cs, "badcdn.net", RelationType::kResolvesTo, kFixtureRedIp, 17);
  Rel(cs, "dl.badcdn.net", RelationType::kResolvesTo, kFixtureRedIp, 230);
  Rel(cs, "goodsite.org", RelationType::kResolvesTo, "45.9.148.11", 5000);
  Rel(cs, "badcdn.net", RelationType::kHasSubdomain, "dl.badcdn.net", 1);
  Rel(cs, "badcdn.net", RelationType::kHasSubdomain, "cdn.badcdn.net", 1);
  Rel(cs, "dl.badcdn.net", RelationType::kHasUrl, kFixtureRedUrl, 1);
  Rel(cs, "adsy.biz", RelationType::kHasUrl, "http://adsy.biz/toolbar", 1);
  Rel(cs, "goodsite.org", RelationType::kHasUrl, "http://goodsite.org/index.html", 1);
  Rel(cs, kFixtureRedIp, RelationType::kHostsUrl, "http://45.9.148.10/gate.php", 3);
  Rel(cs, "http://adsy.biz/toolbar", RelationType::kRefersTo, kFixtureRedUrl, 8);
  Rel(cs, kFixtureRedUrl, RelationType::kRefersTo, "http://goodsite.org/index.html", 2);
  Rel(cs, kFixtureRedUrl, RelationType::kDownloadedFile, kFixtureRedMd5, 64);
  Rel(cs, kFixtureRedIp, RelationType::kServedFile, kFixtureRedMd5, 64);
  Rel(cs, kFixtureRedIp, RelationType::kServedFile, "e99a18c428cb38d5f260853678922e03", 2);
  Rel(cs, kFixtureRedSha256, RelationType::kAccessedUrl, "http://adsy.biz/toolbar", 4);
  Rel(cs, kFixtureRedSha256, RelationType::kAccessedUrl, "http://goodsite.org/index.html", 1);
  Rel(cs, kFixtureRedMd5, RelationType::kContactedDomain, "badcdn.net", 9);
  Whois(cs);
  Files(cs, c2, allow);
  return store.Commit(cs).status();
}

}  // namespace loupe
