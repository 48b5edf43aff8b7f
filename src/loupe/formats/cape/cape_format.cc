#include "loupe/formats/cape/cape_format.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "absl/strings/match.h"
#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/feed/feed_time.h"
#include "loupe/model/attributes.h"
#include "loupe/model/category.h"
#include "loupe/model/ip.h"
#include "loupe/model/url.h"
#include "simdjson.h"

namespace loupe {
namespace {

namespace dom = simdjson::dom;

// Reads that never fail: a missing field, or one of another JSON type, reads as absent.
// Reports come from many CAPE and Cuckoo versions, and none of these fields is required.
std::optional<dom::element> Get(dom::element e, std::string_view key) {
  dom::element out;
  if (e.at_key(key).get(out) != simdjson::SUCCESS) return std::nullopt;
  return out;
}

std::string_view Str(dom::element e, std::string_view key) {
  std::optional<dom::element> v = Get(e, key);
  std::string_view s;
  if (!v || v->get_string().get(s) != simdjson::SUCCESS) return {};
  return s;
}

std::optional<double> Num(dom::element e, std::string_view key) {
  std::optional<dom::element> v = Get(e, key);
  if (!v) return std::nullopt;
  int64_t i;
  uint64_t u;
  double d;
  if (v->get_int64().get(i) == simdjson::SUCCESS) return static_cast<double>(i);
  if (v->get_uint64().get(u) == simdjson::SUCCESS) return static_cast<double>(u);
  if (v->get_double().get(d) == simdjson::SUCCESS && std::isfinite(d)) return d;
  return std::nullopt;
}

// Calls fn(item, index) for each element of the array at `key`, if there is one.
template <typename Fn>
absl::Status ForEach(dom::element e, std::string_view key, Fn&& fn) {
  std::optional<dom::element> v = Get(e, key);
  dom::array items;
  if (!v || v->get_array().get(items) != simdjson::SUCCESS) return absl::OkStatus();
  size_t i = 0;
  for (dom::element item : items) RETURN_IF_ERROR(fn(item, i++));
  return absl::OkStatus();
}

UnixSeconds Time(dom::element info, std::string_view key) {
  absl::StatusOr<UnixSeconds> t = ParseFeedTime(Str(info, key));
  return t.ok() ? *t : 0;
}

// The analysed file, validated before anything is emitted.
struct Sample {
  std::vector<Indicator> hashes;  // strongest first
  FileInfo info;
  std::string_view name;
};

// nullopt for a report of something other than a file (a URL analysis).
absl::StatusOr<std::optional<Sample>> ReadSample(dom::element root) {
  std::optional<dom::element> target = Get(root, "target");
  if (target && Str(*target, "category") == "url") return std::nullopt;
  std::optional<dom::element> file;
  if (target) file = Get(*target, "file");
  if (!file || !file->is_object()) {
    return absl::InvalidArgumentError("target.file: missing (not a file analysis report)");
  }
  Sample s;
  struct HashField {
    std::string_view key;
    IndicatorType type;
    std::string FileInfo::*field;
  };
  constexpr HashField kHashes[] = {{"sha256", IndicatorType::kSha256, &FileInfo::sha256},
                                   {"sha1", IndicatorType::kSha1, &FileInfo::sha1},
                                   {"md5", IndicatorType::kMd5, &FileInfo::md5}};
  for (const HashField& h : kHashes) {
    std::string_view text = Str(*file, h.key);
    if (text.empty()) continue;
    absl::StatusOr<Indicator> hash = ParseIndicatorAs(h.type, text);
    if (!hash.ok()) {
      return absl::InvalidArgumentError(
          fmt::format("target.file.{}: {}", h.key, std::string(hash.status().message())));
    }
    s.info.*h.field = hash->value;
    s.hashes.push_back(*std::move(hash));
  }
  if (s.hashes.empty()) {
    return absl::InvalidArgumentError("target.file: no md5, sha1 or sha256");
  }
  if (std::optional<double> size = Num(*file, "size"); size && *size > 0 && *size < 1e19) {
    s.info.size = static_cast<uint64_t>(*size);
  }
  s.info.format = Str(*file, "type");
  s.name = Str(*file, "name");
  return s;
}

void AddFamily(std::string_view family, std::vector<std::string>& families) {
  if (family.empty() || family == "None" || family == "n/a") return;
  for (const std::string& f : families) {
    if (absl::EqualsIgnoreCase(f, absl::string_view(family.data(), family.size()))) return;
  }
  families.emplace_back(family);
}

// CAPE names families in `detections` (a list of {family} objects; a string in older
// versions), `malfamily` (older versions) and signatures' `families`.
std::vector<std::string> ReadFamilies(dom::element root) {
  std::vector<std::string> families;
  AddFamily(Str(root, "detections"), families);
  (void)ForEach(root, "detections", [&](dom::element d, size_t) {
    std::string_view s;
    AddFamily(d.get_string().get(s) == simdjson::SUCCESS ? s : Str(d, "family"), families);
    return absl::OkStatus();
  });
  AddFamily(Str(root, "malfamily"), families);
  (void)ForEach(root, "signatures", [&](dom::element sig, size_t) {
    return ForEach(sig, "families", [&](dom::element f, size_t) {
      std::string_view s;
      if (f.get_string().get(s) == simdjson::SUCCESS) AddFamily(s, families);
      return absl::OkStatus();
    });
  });
  return families;
}

// CAPE's malscore, or Cuckoo's info.score; 0-10.
std::optional<double> ReadScore(dom::element root) {
  std::optional<double> score = Num(root, "malscore");
  if (!score) {
    if (std::optional<dom::element> info = Get(root, "info")) score = Num(*info, "score");
  }
  if (score) score = std::clamp(*score, 0.0, 10.0);
  return score;
}

bool IsSchemeDefaultPort(std::string_view scheme, double port) {
  return (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
}

// "scheme://host[:port]path" for entries that give the path apart from the host.
std::string JoinUrl(std::string_view scheme, std::string_view host, std::optional<double> port,
                    std::string_view path) {
  bool v6 = std::count(host.begin(), host.end(), ':') > 1 && !host.starts_with('[');
  std::string out =
      v6 ? fmt::format("{}://[{}]", scheme, host) : fmt::format("{}://{}", scheme, host);
  bool host_has_port = !v6 && host.find(':') != std::string_view::npos;
  if (port && *port >= 1 && *port <= 65535 && !host_has_port &&
      !IsSchemeDefaultPort(scheme, *port)) {
    out += fmt::format(":{}", static_cast<int>(*port));
  }
  out += path;
  return out;
}

// Emits what one report says, each relation and sighting once.
class ReportReader {
 public:
  ReportReader(RecordSink& sink, Indicator file, RelationStats stats)
      : sink_(sink), file_(std::move(file)), stats_(stats) {}

  absl::Status ReadNetwork(dom::element network) {
    RETURN_IF_ERROR(
        ForEach(network, "domains", [&](dom::element d, size_t i) { return ReadDomain(d, i); }));
    RETURN_IF_ERROR(
        ForEach(network, "dns", [&](dom::element d, size_t i) { return ReadDns(d, i); }));
    RETURN_IF_ERROR(
        ForEach(network, "hosts", [&](dom::element h, size_t i) { return ReadHost(h, i); }));
    RETURN_IF_ERROR(ForEach(network, "http", [&](dom::element h, size_t i) {
      std::string_view uri = Str(h, "uri");
      std::string_view host = Str(h, "host");
      if (uri.starts_with('/')) {
        return AccessedUrl("http", i, host, JoinUrl("http", host, Num(h, "port"), uri));
      }
      return AccessedUrl("http", i, host, uri);
    }));
    for (std::string_view list : {"http_ex", "https_ex"}) {
      RETURN_IF_ERROR(ForEach(network, list, [&](dom::element h, size_t i) {
        std::string_view scheme = Str(h, "protocol");
        if (scheme != "http" && scheme != "https") scheme = list == "http_ex" ? "http" : "https";
        std::string_view host = Str(h, "host");
        return AccessedUrl(list, i, host, JoinUrl(scheme, host, Num(h, "dport"), Str(h, "uri")));
      }));
    }
    return absl::OkStatus();
  }

 private:
  absl::Status ReadDomain(dom::element entry, size_t i) {
    std::optional<Indicator> domain = Domain(Str(entry, "domain"));
    if (!domain) return absl::OkStatus();
    RETURN_IF_ERROR(Relate(file_, RelationType::kContactedDomain, *domain));
    return ResolvesTo(*domain, Str(entry, "ip"), fmt::format("network.domains[{}].ip", i));
  }

  absl::Status ReadDns(dom::element entry, size_t i) {
    if (Str(entry, "type") == "PTR") return absl::OkStatus();
    std::optional<Indicator> domain = Domain(Str(entry, "request"));
    if (!domain) return absl::OkStatus();
    RETURN_IF_ERROR(Relate(file_, RelationType::kContactedDomain, *domain));
    return ForEach(entry, "answers", [&](dom::element answer, size_t j) -> absl::Status {
      std::string_view type = Str(answer, "type");
      std::string_view data = Str(answer, "data");
      if (type == "A" || type == "AAAA") {
        return ResolvesTo(*domain, data, fmt::format("network.dns[{}].answers[{}]", i, j));
      }
      if (type == "CNAME") {
        std::optional<Indicator> target = Domain(data);
        if (target && target->value != domain->value) {
          return Relate(*domain, RelationType::kCname, *target);
        }
      }
      return absl::OkStatus();
    });
  }

  // Cuckoo lists hosts as IP strings, CAPE as objects with the IP and the name it was
  // resolved from.
  absl::Status ReadHost(dom::element entry, size_t i) {
    std::string_view text;
    if (entry.get_string().get(text) != simdjson::SUCCESS) text = Str(entry, "ip");
    const std::string where = fmt::format("network.hosts[{}]", i);
    std::optional<Indicator> ip = PublicIp(text, where);
    if (!ip) return absl::OkStatus();
    if (seen_.insert("observe " + ip->value).second) {
      RETURN_IF_ERROR(sink_.Observe(*ip, 1, stats_.first_seen));
    }
    if (std::optional<Indicator> domain = Domain(Str(entry, "hostname"))) {
      return Relate(*domain, RelationType::kResolvesTo, *ip);
    }
    return absl::OkStatus();
  }

  absl::Status ResolvesTo(const Indicator& domain, std::string_view ip_text,
                          const std::string& where) {
    if (ip_text.empty()) return absl::OkStatus();
    std::optional<Indicator> ip = PublicIp(ip_text, where);
    if (!ip) return absl::OkStatus();
    return Relate(domain, RelationType::kResolvesTo, *ip);
  }

  // `host` is the entry's host field, when it has one.
  absl::Status AccessedUrl(std::string_view list, size_t i, std::string_view host,
                           std::string_view text) {
    if (text.empty() || IsLocalHost(host.empty() ? HostOf(text) : host)) return absl::OkStatus();
    absl::StatusOr<Indicator> url = ParseIndicatorAs(IndicatorType::kUrl, text);
    if (!url.ok()) {
      sink_.Reject(
          fmt::format("network.{}[{}].uri: {}", list, i, std::string(url.status().message())));
      return absl::OkStatus();
    }
    if (IsNoiseUrl(url->value)) return absl::OkStatus();
    return Relate(file_, RelationType::kAccessedUrl, *url);
  }

  // nullopt for what a sandbox asks for that is not a registrable domain: these names
  // are expected noise, not damage, so they are not rejected.
  static std::optional<Indicator> Domain(std::string_view name) {
    while (name.ends_with('.')) name.remove_suffix(1);
    if (name.empty() || name == "arpa" || name.ends_with(".arpa")) return std::nullopt;
    absl::StatusOr<Indicator> domain = ParseIndicatorAs(IndicatorType::kDomain, name);
    if (!domain.ok()) return std::nullopt;
    return *std::move(domain);
  }

  // An IP the sandbox saw; nullopt for reserved addresses, and a rejection (and nullopt)
  // for text that is no IP, which only a damaged report holds.
  std::optional<Indicator> PublicIp(std::string_view text, const std::string& where) {
    absl::StatusOr<Indicator> ip = ParseIndicator(text);
    if (ip.ok() && !IsIpType(ip->type)) {
      ip = absl::InvalidArgumentError(fmt::format("not an IP address: \"{}\"", ip->value));
    }
    if (!ip.ok()) {
      sink_.Reject(fmt::format("{}: {}", where, std::string(ip.status().message())));
      return std::nullopt;
    }
    absl::StatusOr<IpAddress> address = ParseIp(ip->value);
    if (!address.ok() || IsReservedIp(*address)) return std::nullopt;
    return *std::move(ip);
  }

  // A host the guest reaches that is not on the internet: a reserved IP, or a well-formed
  // name without a registrable domain ("wpad", "fileserver.lan"). URLs on such hosts may
  // not even parse ("http://wpad/wpad.dat" has a one-label host), so this is checked first.
  static bool IsLocalHost(std::string_view host) {
    if (host.starts_with('[')) {
      host = host.substr(1, host.find(']') - 1);
    } else if (std::count(host.begin(), host.end(), ':') == 1) {
      host = host.substr(0, host.find(':'));
    }
    if (absl::StatusOr<IpAddress> ip = ParseIp(host); ip.ok()) return IsReservedIp(*ip);
    if (host.empty() || !std::all_of(host.begin(), host.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
        })) {
      return false;
    }
    return !Domain(host).has_value();
  }

  // The authority of "scheme://host[:port]/...", without userinfo; empty when there is none.
  static std::string_view HostOf(std::string_view url) {
    size_t start = url.find("://");
    if (start == std::string_view::npos) return {};
    url.remove_prefix(start + 3);
    url = url.substr(0, url.find_first_of("/?#"));
    if (size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
    return url;
  }

  static bool IsNoiseUrl(const std::string& url) {
    absl::StatusOr<UrlParts> parts = ParseUrl(url);
    if (!parts.ok()) return true;
    if (!parts->host_is_ip) return parts->registrable_domain.empty();
    absl::StatusOr<IpAddress> address = ParseIp(parts->host);
    return !address.ok() || IsReservedIp(*address);
  }

  absl::Status Relate(const Indicator& from, RelationType type, const Indicator& to) {
    std::string key = fmt::format("{} {} {} {}", IndicatorTypeName(from.type), from.value,
                                  static_cast<int>(type), to.value);
    if (!seen_.insert(std::move(key)).second) return absl::OkStatus();
    return sink_.AddRelation(from, type, to, stats_);
  }

  RecordSink& sink_;
  const Indicator file_;
  const RelationStats stats_;
  std::unordered_set<std::string> seen_;
};

absl::Status EmitSample(const Sample& s, dom::element root, const RelationStats& run,
                        RecordSink& sink) {
  const std::string info = AttributeToJson(s.info);
  for (const Indicator& hash : s.hashes) {
    RETURN_IF_ERROR(sink.SetAttribute(hash, AttributeKind::kFileInfo, "", info));
  }
  if (!s.name.empty()) {
    RETURN_IF_ERROR(sink.SetAttribute(s.hashes[0], AttributeKind::kFileName, s.name, ""));
  }
  std::vector<std::string> families = ReadFamilies(root);
  std::optional<double> score = ReadScore(root);
  if (families.empty() && (!score || *score < 5)) return absl::OkStatus();
  int confidence = score ? static_cast<int>(std::lround(*score * 10)) : 0;
  if (!families.empty()) confidence = std::max<int>(confidence, kFamilyConfidence);
  IndicatorRecord record;
  record.categories = CategoryBit(Category::kMalware);
  record.labels = std::move(families);
  record.confidence = static_cast<uint8_t>(std::clamp(confidence, 0, 100));
  record.first_seen = run.first_seen;
  record.last_seen = run.last_seen;
  for (const Indicator& hash : s.hashes) {
    record.indicator = hash;
    RETURN_IF_ERROR(sink.AddIndicator(record));
  }
  return absl::OkStatus();
}

RelationStats RunStats(dom::element root) {
  RelationStats stats;
  stats.count = 1;
  if (std::optional<dom::element> info = Get(root, "info")) {
    stats.first_seen = Time(*info, "started");
    stats.last_seen = Time(*info, "ended");
  }
  if (stats.first_seen == 0) stats.first_seen = stats.last_seen;
  stats.last_seen = std::max(stats.last_seen, stats.first_seen);
  return stats;
}

class CapeParser : public FeedParser {
 public:
  bool line_oriented() const override { return false; }

  absl::Status ParseDocument(std::string_view text, RecordSink& sink) override {
    sink.set_position(1);
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      sink.Skip();
      return absl::OkStatus();
    }
    simdjson::padded_string padded(text);
    dom::element root;
    if (auto error = parser_.parse(padded).get(root)) {
      sink.Reject(fmt::format("not JSON: {}", simdjson::error_message(error)));
      return absl::OkStatus();
    }
    if (!root.is_object()) {
      sink.Reject("not a sandbox report: the document is not a JSON object");
      return absl::OkStatus();
    }
    absl::StatusOr<std::optional<Sample>> sample = ReadSample(root);
    if (!sample.ok()) {
      sink.Reject(std::string(sample.status().message()));
      return absl::OkStatus();
    }
    if (!sample->has_value()) {
      sink.Skip();
      return absl::OkStatus();
    }
    const Sample& s = **sample;
    const RelationStats run = RunStats(root);
    RETURN_IF_ERROR(EmitSample(s, root, run, sink));
    std::optional<dom::element> network = Get(root, "network");
    if (!network) return absl::OkStatus();
    return ReportReader(sink, s.hashes[0], run).ReadNetwork(*network);
  }

 private:
  dom::parser parser_;
};

}  // namespace

std::unique_ptr<FeedParser> MakeCapeParser() { return std::make_unique<CapeParser>(); }

}  // namespace loupe
