#include "loupe/demo/demo_world.h"

#include <random>

#include "absl/strings/ascii.h"
#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/model/attributes.h"
#include "loupe/model/domain.h"
#include "loupe/model/hash.h"
#include "loupe/model/object_key.h"

namespace loupe {
namespace {

constexpr UnixSeconds kDay = 86400;
constexpr std::string_view kSyllables[] = {"ka", "lo", "mi", "ne", "ro", "ta", "vi", "zu", "pe",
                                           "sa", "do", "ri", "fu", "ge", "ho", "ja", "ky", "no"};
constexpr std::string_view kTlds[] = {"com", "net",   "org", "info", "ru",
                                      "de",  "co.uk", "xyz", "io",   "biz"};
constexpr std::string_view kFamilies[] = {"emotet", "qakbot",  "agenttesla", "formbook",
                                          "remcos", "lokibot", "icedid",     "trickbot"};
constexpr std::string_view kFormats[] = {"PE32", "PE32+", "ZIP", "DOCX", "ELF", "JS", "PDF"};
constexpr std::string_view kRoles[] = {"registrant", "administrative", "technical"};

// The evidence profile an object gets; the proportions give the demo's zone mix.
enum class Profile { kNone, kWeak, kRed, kOrange, kYellow, kGreen };

struct DemoSources {
  Source c2, blocklist, adware, allowlist, scanners;
};

class WorldBuilder {
 public:
  WorldBuilder(ObjectStore& store, const DemoOptions& options, DemoSources sources)
      : store_(store), options_(options), sources_(std::move(sources)), rng_(options.seed) {
    NewChangeset();
  }

  absl::StatusOr<DemoStats> Build();

 private:
  uint64_t Uniform(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  std::string Word(int syllables);
  std::string Hex(size_t bytes);
  UnixSeconds PastTime(int max_days) {
    return options_.now - static_cast<UnixSeconds>(Uniform(max_days * kDay));
  }
  Profile DrawProfile();
  void AddEvidence(const std::string& key, Profile profile, CategorySet extra);
  void RememberExample(const std::string& key, Profile profile);
  absl::Status MaybeCommit();
  void NewChangeset() { cs_ = std::make_unique<Changeset>(options_.now, "demo"); }

  std::string Network(uint32_t index, std::string& ip_prefix);
  std::string Ip(const std::string& prefix);
  std::string Domain(std::string& registrable);
  void DomainWhoisFor(const std::string& key, const std::string& name);
  std::string File(Profile profile);
  void Link(const std::string& from, RelationType type, const std::string& to);

  ObjectStore& store_;
  const DemoOptions& options_;
  DemoSources sources_;
  std::mt19937_64 rng_;
  std::unique_ptr<Changeset> cs_;
  DemoStats stats_;
};

std::string WorldBuilder::Word(int syllables) {
  std::string w;
  for (int i = 0; i < syllables; ++i) w += kSyllables[Uniform(std::size(kSyllables))];
  return w;
}

std::string WorldBuilder::Hex(size_t bytes) {
  std::string raw;
  for (size_t i = 0; i < bytes; ++i) raw.push_back(static_cast<char>(Uniform(256)));
  return BytesToHex(raw);
}

Profile WorldBuilder::DrawProfile() {
  uint64_t r = Uniform(1000);
  if (r < 80) return Profile::kRed;      //  8%
  if (r < 120) return Profile::kOrange;  //  4%
  if (r < 170) return Profile::kYellow;  //  5%
  if (r < 320) return Profile::kGreen;   // 15%
  if (r < 420) return Profile::kWeak;    // 10% weak evidence, still Grey
  return Profile::kNone;                 // 58% known only through relations
}

std::string_view ExpectedZone(Profile profile) {
  switch (profile) {
    case Profile::kRed:
      return "Red";
    case Profile::kOrange:
      return "Orange";
    case Profile::kYellow:
      return "Yellow";
    case Profile::kGreen:
      return "Green";
    case Profile::kWeak:
    case Profile::kNone:
      break;
  }
  return "Grey";
}

void WorldBuilder::RememberExample(const std::string& key, Profile profile) {
  std::string_view in = key;
  auto indicator = DecodeObjectKey(in);
  if (!indicator.ok()) return;
  std::string zone(ExpectedZone(profile));
  std::string type(IsHashType(indicator->type) ? "hash" : IndicatorTypeName(indicator->type));
  for (const auto& e : stats_.examples) {
    if (e.zone == zone && e.type == type) return;
  }
  stats_.examples.push_back({zone, type, indicator->value});
}

void WorldBuilder::AddEvidence(const std::string& key, Profile profile, CategorySet extra) {
  RememberExample(key, profile);
  if (profile == Profile::kNone) return;
  Evidence e;
  e.first_seen = PastTime(365);
  // The lists still carry what they judge (seen in the last day, as a daily feed would);
  // weak evidence is old, and has decayed (docs/verdicts.md).
  e.last_seen =
      profile == Profile::kWeak
          ? std::min(options_.now, e.first_seen + static_cast<UnixSeconds>(Uniform(90 * kDay)))
          : std::max(e.first_seen, options_.now - static_cast<UnixSeconds>(Uniform(kDay)));
  e.reference = fmt::format("https://demo.loupe.invalid/ref/{}", Hex(4));
  switch (profile) {
    case Profile::kRed:
      e.source = sources_.c2.id;
      e.confidence = static_cast<uint8_t>(90 + Uniform(11));
      e.categories = CategoryBit(Chance(0.5) ? Category::kC2 : Category::kMalware) | extra;
      e.labels = {std::string(kFamilies[Uniform(std::size(kFamilies))])};
      if (Chance(0.05)) e.categories |= CategoryBit(Category::kApt);
      break;
    case Profile::kOrange:
      e.source = sources_.blocklist.id;
      e.confidence = static_cast<uint8_t>(90 + Uniform(11));
      e.categories = CategoryBit(Category::kMalicious) | extra;
      break;
    case Profile::kYellow:
      e.source = sources_.adware.id;
      e.confidence = 90;
      e.categories = CategoryBit(Chance(0.5) ? Category::kAdware : Category::kPua);
      break;
    case Profile::kGreen:
      e.source = sources_.allowlist.id;
      e.confidence = 100;
      e.categories = CategoryBit(Category::kBenign);
      break;
    case Profile::kWeak:
      e.source = sources_.scanners.id;
      e.confidence = static_cast<uint8_t>(40 + Uniform(40));
      e.categories = CategoryBit(Category::kScanner);
      break;
    case Profile::kNone:
      return;
  }
  cs_->AddEvidence(key, e);
  cs_->Observe(key, 1 + Uniform(5000), e.last_seen);
  ++stats_.evidence;
}

void WorldBuilder::Link(const std::string& from, RelationType type, const std::string& to) {
  UnixSeconds first = PastTime(365);
  cs_->AddRelation(
      from, type, to,
      {first, std::min(options_.now, first + static_cast<UnixSeconds>(Uniform(120 * kDay))),
       1 + Uniform(500)});
  ++stats_.relations;
}

absl::Status WorldBuilder::MaybeCommit() {
  if (cs_->op_count() < options_.batch_ops) return absl::OkStatus();
  RETURN_IF_ERROR(store_.Commit(*cs_).status());
  ++stats_.changesets;
  NewChangeset();
  return absl::OkStatus();
}

std::string WorldBuilder::Network(uint32_t index, std::string& ip_prefix) {
  // Public-looking /24s spread over 11.0.0.0-223.255.255.0, skipping reserved first octets.
  uint32_t a = 11 + (index / 65536) % 150, b = (index / 256) % 256, c = index % 256;
  if (a == 100 || a == 127 || a == 169 || a == 172 || a == 192 || a == 198) a += 1;
  ip_prefix = fmt::format("{}.{}.{}.", a, b, c);
  std::string cidr = ip_prefix + "0/24";
  std::string key = EncodeObjectKey(*ParseIndicator(cidr));
  NetworkWhois whois;
  whois.range_start = ip_prefix + "0";
  whois.range_end = ip_prefix + "255";
  whois.name = fmt::format("{}-NET", absl::AsciiStrToUpper(Word(2)));
  whois.description = fmt::format("{} Hosting Ltd", Word(3));
  whois.created = PastTime(3650);
  whois.changed = whois.created + static_cast<UnixSeconds>(Uniform(365 * kDay));
  whois.country_code = std::string(Chance(0.5) ? "DE" : (Chance(0.5) ? "US" : "NL"));
  whois.contacts.push_back({.role = "owner",
                            .name = whois.description,
                            .address = fmt::format("{} Street 1", Word(2)),
                            .phone = "+49 30 1234567",
                            .email = fmt::format("noc@{}.net", Word(2)),
                            .organization_id = fmt::format("ORG-{}", Hex(3))});
  cs_->SetAttribute(key, AttributeKind::kNetworkWhois, "", AttributeToJson(whois));
  GeoInfo geo{whois.country_code,
              static_cast<uint32_t>(64512 + index % 1000),
              {fmt::format("AS-{} {}", absl::AsciiStrToUpper(Word(2)), whois.description)}};
  cs_->SetAttribute(key, AttributeKind::kGeo, "", AttributeToJson(geo));
  ++stats_.networks;
  return key;
}

std::string WorldBuilder::Ip(const std::string& prefix) {
  std::string ip = fmt::format("{}{}", prefix, 1 + Uniform(254));
  std::string key = EncodeObjectKey(*ParseIndicator(ip));
  AddEvidence(key, DrawProfile(), 0);
  ++stats_.ips;
  return key;
}

void WorldBuilder::DomainWhoisFor(const std::string& key, const std::string& name) {
  DomainWhois w;
  w.domain_name = name;
  w.created = PastTime(3000);
  w.updated = w.created + static_cast<UnixSeconds>(Uniform(300 * kDay));
  w.expires = w.created + 365 * kDay * static_cast<UnixSeconds>(1 + Uniform(10));
  w.name_servers = {fmt::format("ns1.{}.net", Word(2)), fmt::format("ns2.{}.net", Word(2))};
  w.statuses = {"clientTransferProhibited"};
  w.registration_organization = fmt::format("{} Registry", Word(2));
  w.registrar_info = fmt::format("{} Registrar Inc.", Word(2));
  w.registrar_iana_id = std::to_string(100 + Uniform(3000));
  w.registrar_email = fmt::format("abuse@{}.com", Word(2));
  for (auto role : kRoles) {
    w.contacts.push_back({.role = std::string(role),
                          .name = Word(2) + " " + Word(3),
                          .organization = Word(3) + " GmbH",
                          .address = Word(2) + " Str. 5",
                          .city = "Berlin",
                          .state = "BE",
                          .postal_code = "10115",
                          .country_code = "DE",
                          .phone = "+49.301234567",
                          .email = fmt::format("{}@{}", role, name)});
  }
  cs_->SetAttribute(key, AttributeKind::kDomainWhois, "", AttributeToJson(w));
}

std::string WorldBuilder::Domain(std::string& registrable) {
  registrable = fmt::format("{}.{}", Word(2 + static_cast<int>(Uniform(2))),
                            kTlds[Uniform(std::size(kTlds))]);
  std::string name = Chance(0.3) ? fmt::format("{}.{}", Word(1), registrable) : registrable;
  std::string key = EncodeObjectKey(*ParseIndicator(name));
  std::string parent_key = EncodeObjectKey(*ParseIndicator(registrable));
  if (name != registrable) Link(parent_key, RelationType::kHasSubdomain, key);
  DomainWhoisFor(parent_key, registrable);
  AddEvidence(key, DrawProfile(), 0);
  ++stats_.domains;
  return key;
}

std::string WorldBuilder::File(Profile profile) {
  FileInfo info{.size = 1024 + Uniform(4 << 20),
                .format = std::string(kFormats[Uniform(std::size(kFormats))]),
                .md5 = Hex(16),
                .sha1 = Hex(20),
                .sha256 = Hex(32)};
  if (profile == Profile::kGreen) info.signer = "Microsoft Corporation";
  if (Chance(0.2)) info.packer = "UPX";
  std::string json = AttributeToJson(info);
  std::string md5 = EncodeObjectKey(*ParseIndicator(info.md5));
  for (const std::string* h : {&info.md5, &info.sha1, &info.sha256}) {
    cs_->SetAttribute(EncodeObjectKey(*ParseIndicator(*h)), AttributeKind::kFileInfo, "", json);
  }
  AddEvidence(md5, profile, 0);
  cs_->SetAttribute(md5, AttributeKind::kFileName, fmt::format("{}.exe", Word(3)), "");
  if (profile == Profile::kRed || profile == Profile::kOrange || profile == Profile::kYellow) {
    std::string family(kFamilies[Uniform(std::size(kFamilies))]);
    std::string name = profile == Profile::kYellow
                           ? fmt::format("not-a-virus:AdWare.Win32.{}", family)
                           : fmt::format("Trojan.Win32.{}.gen", family);
    Detection d{name, "signature", PastTime(30),
                fmt::format("https://demo.loupe.invalid/threats/{}", family)};
    cs_->SetAttribute(md5, AttributeKind::kDetection, name, AttributeToJson(d));
  }
  ++stats_.files;
  return md5;
}

absl::StatusOr<DemoStats> WorldBuilder::Build() {
  // Each "cluster" is one network with a few IPs, a domain resolving to them, URLs on the
  // domain, and files downloaded from / contacting those URLs: 8 objects.
  constexpr uint64_t kObjectsPerCluster = 8;
  const uint64_t clusters = std::max<uint64_t>(1, options_.objects / kObjectsPerCluster);
  std::vector<std::string> recent_urls;
  for (uint64_t i = 0; i < clusters; ++i) {
    std::string prefix;
    Network(static_cast<uint32_t>(i), prefix);
    std::vector<std::string> ips;
    for (int k = 0; k < 2; ++k) ips.push_back(Ip(prefix));
    std::string registrable;
    std::string domain = Domain(registrable);
    for (const auto& ip : ips) Link(domain, RelationType::kResolvesTo, ip);
    std::string_view dk = domain;
    std::string domain_name = DecodeObjectKey(dk)->value;
    for (int u = 0; u < 3; ++u) {
      std::string url = fmt::format("http://{}/{}/{}.php", domain_name, Word(2), Word(2));
      std::string key = EncodeObjectKey(*ParseIndicator(url));
      Link(domain, RelationType::kHasUrl, key);
      Link(ips[0], RelationType::kHostsUrl, key);
      AddEvidence(key, DrawProfile(), CategoryBit(Category::kPayloadDelivery));
      ++stats_.urls;
      if (!recent_urls.empty())
        Link(recent_urls[Uniform(recent_urls.size())], RelationType::kRefersTo, key);
      recent_urls.push_back(key);
      if (recent_urls.size() > 64) recent_urls.erase(recent_urls.begin());
      if (u < 2) {
        std::string file = File(DrawProfile());
        Link(key, RelationType::kDownloadedFile, file);
        Link(ips[0], RelationType::kServedFile, file);
        Link(file, RelationType::kAccessedUrl, recent_urls[Uniform(recent_urls.size())]);
        Link(file, RelationType::kContactedDomain, domain);
      }
    }
    RETURN_IF_ERROR(MaybeCommit());
    if (options_.on_progress && i % 1000 == 0) options_.on_progress(i, clusters);
  }
  if (!cs_->empty()) {
    RETURN_IF_ERROR(store_.Commit(*cs_).status());
    ++stats_.changesets;
  }
  if (options_.on_progress) options_.on_progress(clusters, clusters);
  static constexpr std::string_view kOrder[] = {"Red", "Orange", "Yellow", "Green", "Grey"};
  auto rank = [](const DemoStats::Example& e) {
    return std::find(std::begin(kOrder), std::end(kOrder), e.zone) - std::begin(kOrder);
  };
  std::stable_sort(stats_.examples.begin(), stats_.examples.end(),
                   [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  return stats_;
}

}  // namespace

absl::StatusOr<DemoStats> GenerateDemoWorld(ObjectStore& store, const DemoOptions& options) {
  DemoSources sources;
  ASSIGN_OR_RETURN(sources.c2, store.EnsureSource("demo-c2-tracker", 90));
  ASSIGN_OR_RETURN(sources.blocklist, store.EnsureSource("demo-blocklist", 60));
  ASSIGN_OR_RETURN(sources.adware, store.EnsureSource("demo-adware-list", 70));
  ASSIGN_OR_RETURN(sources.allowlist, store.EnsureSource("demo-allowlist", 95));
  ASSIGN_OR_RETURN(sources.scanners, store.EnsureSource("demo-scanners", 50));
  WorldBuilder builder(store, options, std::move(sources));
  return builder.Build();
}

}  // namespace loupe
