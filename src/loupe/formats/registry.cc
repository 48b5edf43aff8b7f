#include "loupe/formats/registry.h"

#include <cstdio>
#include <functional>
#include <optional>

#include "fmt/format.h"
#include "loupe/formats/abusech/feodo_format.h"
#include "loupe/formats/abusech/malwarebazaar_format.h"
#include "loupe/formats/abusech/threatfox_format.h"
#include "loupe/formats/abusech/threatfox_json_format.h"
#include "loupe/formats/abusech/urlhaus_format.h"
#include "loupe/formats/cape/cape_format.h"
#include "loupe/formats/list/list_format.h"
#include "loupe/formats/misp/misp_feed_format.h"
#include "loupe/formats/misp/misp_format.h"
#include "loupe/formats/pdns/cof_format.h"
#include "loupe/formats/pdns/eve_dns_format.h"
#include "loupe/formats/pdns/zeek_dns_format.h"
#include "loupe/formats/rdap/rdap_format.h"
#include "loupe/formats/stix/stix_format.h"
#include "loupe/formats/trails/hashlist_format.h"
#include "loupe/formats/trails/ipsum_format.h"
#include "loupe/formats/trails/maltrail_format.h"
#include "loupe/formats/trails/toplist_format.h"
#include "loupe/formats/trails/warninglist_format.h"
#include "loupe/model/indicator.h"

namespace loupe {
namespace {

struct Entry {
  FormatInfo info;
  std::function<std::unique_ptr<FeedParser>(const FormatOptions&)> make;  // null: no parser
};

const std::vector<Entry>& Entries() {
  static const auto* entries = new std::vector<Entry>{
      {{"list", "one indicator a line, types mixed (text after whitespace ignored)"},
       [](const FormatOptions&) { return MakeListParser(); }},
      {{"csv", "CSV with a column mapping (--column value=N ...)"},
       [](const FormatOptions& o) { return MakeCsvParser(o.csv); }},
      {{"maltrail", "maltrail trails: family from the file name, aliases and references"},
       [](const FormatOptions&) { return MakeMaltrailParser(); }},
      {{"ipsum", "ipsum IP<TAB>count (the count of lists raises confidence)"},
       [](const FormatOptions&) { return MakeIpsumParser(); }},
      {{"hashlist", "one file hash a line; the parent directory names the campaign"},
       [](const FormatOptions&) { return MakeHashlistParser(); }},
      {{"warninglist", "MISP warninglist list.json: known-benign values as counter-evidence"},
       [](const FormatOptions&) { return MakeWarninglistParser(); }},
      {{"toplist", "top-sites list rank,domain (Tranco, Umbrella, Majestic): benign, popular"},
       [](const FormatOptions&) { return MakeToplistParser(); }},
      {{"cof", "passive DNS Common Output Format NDJSON"},
       [](const FormatOptions&) { return MakeCofParser(); }},
      {{"eve-dns", "Suricata EVE JSON dns answers: passive DNS, CNAME chains followed"},
       [](const FormatOptions&) { return MakeEveDnsParser(); }},
      {{"zeek-dns", "Zeek dns.log (TSV with its header, or JSON lines): passive DNS"},
       [](const FormatOptions&) { return MakeZeekDnsParser(); }},
      {{"rdap", "RDAP (RFC 9083) domain and IP network answers: WHOIS context, no verdict"},
       [](const FormatOptions&) { return MakeRdapParser(); }},
      {{"mmdb", "MaxMind DB (GeoLite2 / DB-IP country and ASN), read at report time"}, nullptr},
      {{"misp", "MISP event JSON (an event, a search response or an array of events)"},
       [](const FormatOptions&) { return MakeMispParser(); }},
      {{"misp-feed", "the files of a MISP feed directory (manifest.json, events, hashes.csv)"},
       [](const FormatOptions&) { return MakeMispFeedParser(); }},
      {{"urlhaus", "abuse.ch URLhaus CSV (csv.txt, csv_recent.txt)"},
       [](const FormatOptions&) { return MakeUrlhausParser(); }},
      {{"feodo", "abuse.ch Feodo Tracker C2 IP blocklist CSV"},
       [](const FormatOptions&) { return MakeFeodoParser(); }},
      {{"malwarebazaar", "abuse.ch MalwareBazaar CSV export"},
       [](const FormatOptions&) { return MakeMalwareBazaarParser(); }},
      {{"threatfox", "abuse.ch ThreatFox CSV export"},
       [](const FormatOptions&) { return MakeThreatFoxParser(); }},
      {{"threatfox-json", "abuse.ch ThreatFox JSON export"},
       [](const FormatOptions&) { return MakeThreatFoxJsonParser(); }},
      {{"cape", "CAPE / Cuckoo sandbox report JSON: the sample, what it contacted and fetched"},
       [](const FormatOptions&) { return MakeCapeParser(); }},
      {{"stix", "STIX 2.0 / 2.1 bundles: indicator patterns, observables, relationships, reports"},
       [](const FormatOptions&) { return MakeStixParser(); }},
  };
  return *entries;
}

}  // namespace

const std::vector<FormatInfo>& Formats() {
  static const auto* formats = [] {
    auto* out = new std::vector<FormatInfo>;
    for (const auto& e : Entries()) out->push_back(e.info);
    return out;
  }();
  return *formats;
}

bool IsKnownFormat(std::string_view name) {
  for (const auto& e : Entries()) {
    if (e.info.name == name) return true;
  }
  return false;
}

absl::StatusOr<std::unique_ptr<FeedParser>> MakeParser(std::string_view name,
                                                       const FormatOptions& options) {
  std::string known;
  for (const auto& e : Entries()) {
    if (e.info.name == name) {
      if (!e.make) {
        return absl::InvalidArgumentError(
            fmt::format("format \"{}\" is not parsed into the store", name));
      }
      return e.make(options);
    }
    known += known.empty() ? "" : ", ";
    known += e.info.name;
  }
  return absl::InvalidArgumentError(fmt::format("unknown format \"{}\" ({})", name, known));
}

namespace {

bool Has(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

std::string_view BaseName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The first line that is neither blank nor a '#' comment.
std::string_view FirstDataLine(std::string_view head) {
  while (!head.empty()) {
    size_t nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    head.remove_prefix(nl == std::string_view::npos ? head.size() : nl + 1);
    size_t i = line.find_first_not_of(" \t\r");
    if (i != std::string_view::npos && line[i] != '#') return line.substr(i);
  }
  return {};
}

// JSON inputs, told apart by the keys their first bytes show.
std::optional<std::string_view> DetectJson(std::string_view name, std::string_view head,
                                           std::string_view first_line) {
  if (Has(head, "\"list\"") && (Has(head, "\"matching_attributes\"") || name == "list.json")) {
    return "warninglist";  // the key can follow a long list, past the head
  }
  if (Has(head, "\"objectClassName\"") || Has(head, "\"rdapConformance\"")) return "rdap";
  if (Has(head, "\"Event\"") || Has(head, "\"Attribute\"")) return "misp";
  if (Has(head, "\"spec_version\"") || Has(head, "\"bundle--") ||
      Has(head, "\"type\": \"bundle\"") || Has(head, "\"type\":\"bundle\"") ||
      Has(head, "\"indicator--")) {
    return "stix";
  }
  if (Has(first_line, "\"event_type\"")) return "eve-dns";
  if (Has(first_line, "\"rrname\"") && Has(first_line, "\"rrtype\"")) return "cof";
  if (Has(first_line, "\"qtype_name\"") || (Has(first_line, "\"uid\"") && Has(first_line, "\"query\""))) {
    return "zeek-dns";
  }
  if (Has(head, "\"ioc_value\"")) return "threatfox-json";
  if (Has(head, "\"target\"") && (Has(head, "\"network\"") || Has(head, "\"behavior\""))) {
    return "cape";
  }
  return std::nullopt;
}

std::optional<std::string_view> DetectText(std::string_view path, std::string_view name,
                                           std::string_view head, std::string_view first_line) {
  if (Has(head, "#separator") && Has(head, "#path\tdns")) return "zeek-dns";
  if (Has(head, "id,dateadded,url,url_status")) return "urlhaus";
  if (Has(head, "first_seen_utc,dst_ip,dst_port")) return "feodo";
  if (Has(head, "\"sha256_hash\",\"md5_hash\"") || Has(head, "\"sha256_hash\", \"md5_hash\"")) {
    return "malwarebazaar";
  }
  if (Has(head, "\"ioc_id\",\"ioc_value\"") || Has(head, "\"ioc_id\", \"ioc_value\"")) {
    return "threatfox";
  }
  if (name.rfind("samples.", 0) == 0) return "hashlist";
  if (name == "ipsum.txt" || Has(path, "/ipsum/")) return "ipsum";
  if (Has(path, "/trails/") || Has(path, "maltrail")) return "maltrail";
  // "rank,domain" lines: a top-sites list.
  size_t comma = first_line.find(',');
  if (comma != std::string_view::npos && comma > 0 &&
      first_line.substr(0, comma).find_first_not_of("0123456789") == std::string_view::npos) {
    return "toplist";
  }
  if (Has(first_line, "GlobalRank,TldRank,Domain")) return "toplist";
  return std::nullopt;
}

}  // namespace

absl::StatusOr<std::string> DetectFormat(std::string_view path, std::string_view head) {
  const std::string_view name = BaseName(path);
  if (EndsWith(name, ".mmdb")) return std::string("mmdb");
  if (name == "manifest.json" || name == "hashes.csv") return std::string("misp-feed");
  const std::string_view first_line = FirstDataLine(head);
  std::optional<std::string_view> found;
  if (!first_line.empty() && (first_line[0] == '{' || first_line[0] == '[')) {
    found = DetectJson(name, head, first_line);
  } else {
    found = DetectText(path, name, head, first_line);
  }
  if (!found && !first_line.empty() && ParseIndicator(first_line.substr(
                                           0, first_line.find_first_of(" \t"))).ok()) {
    found = "list";
  }
  if (!found || !IsKnownFormat(*found)) {
    return absl::InvalidArgumentError(fmt::format(
        "cannot tell the format of {}{}; pass --format", path,
        found ? fmt::format(" (looks like {}, which this build lacks)", *found) : ""));
  }
  return std::string(*found);
}

absl::StatusOr<std::string> DetectFileFormat(const std::string& path) {
  std::string head(size_t{64} << 10, '\0');
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return absl::NotFoundError(fmt::format("cannot open {}", path));
  head.resize(std::fread(head.data(), 1, head.size(), f));
  std::fclose(f);
  return DetectFormat(path, head);
}

}  // namespace loupe
