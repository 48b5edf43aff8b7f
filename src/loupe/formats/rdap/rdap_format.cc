#include "loupe/formats/rdap/rdap_format.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/feed/feed_time.h"
#include "loupe/formats/rdap/ip_range.h"
#include "loupe/formats/rdap/jcard.h"
#include "loupe/model/domain.h"
#include "simdjson.h"

namespace loupe {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

constexpr size_t kMaxCidrs = 64;
constexpr size_t kMaxContacts = 32;
constexpr size_t kMaxNameServers = 32;
constexpr size_t kMaxEntities = 256;
constexpr int kMaxEntityDepth = 4;
constexpr size_t kMaxTextBytes = 1024;

// Debian's abseil has its own string_view, which fmt cannot format.
std::string Message(const absl::Status& s) { return std::string(s.message()); }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Outside text quoted in a rejection reason, cut so that garbage cannot flood the report.
std::string Quote(std::string_view s) {
  constexpr size_t kMax = 64;
  if (s.size() <= kMax) return fmt::format("\"{}\"", s);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80) --cut;
  return fmt::format("\"{}...\"", s.substr(0, cut));
}

std::string Cut(std::string_view s) {
  s = Trim(s);
  if (s.size() <= kMaxTextBytes) return std::string(s);
  size_t cut = kMaxTextBytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80) --cut;
  return std::string(s.substr(0, cut));
}

std::string_view TypeName(const element& e) {
  switch (e.type()) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    case element_type::NULL_VALUE:
      return "null";
    default:
      return "a number";
  }
}

absl::Status WrongType(std::string_view path, std::string_view want, const element& got) {
  return absl::InvalidArgumentError(fmt::format("{} is {}, not {}", path, TypeName(got), want));
}

// Members: absent (or null) is nullopt; present with the wrong JSON type is an error
// naming the member.
absl::StatusOr<std::optional<std::string_view>> StringMember(object o, std::string_view key,
                                                             std::string_view path) {
  element e;
  if (o.at_key(key).get(e) != simdjson::SUCCESS || e.is_null()) return std::nullopt;
  std::string_view s;
  if (e.get_string().get(s) != simdjson::SUCCESS) {
    return WrongType(fmt::format("{}{}", path, key), "a string", e);
  }
  return s;
}

absl::StatusOr<std::optional<array>> ArrayMember(object o, std::string_view key,
                                                 std::string_view path) {
  element e;
  if (o.at_key(key).get(e) != simdjson::SUCCESS || e.is_null()) return std::nullopt;
  array a;
  if (e.get_array().get(a) != simdjson::SUCCESS) {
    return WrongType(fmt::format("{}{}", path, key), "an array", e);
  }
  return a;
}

absl::StatusOr<std::vector<std::string_view>> StringList(object o, std::string_view key,
                                                         std::string_view path) {
  std::vector<std::string_view> out;
  ASSIGN_OR_RETURN(std::optional<array> list, ArrayMember(o, key, path));
  if (!list) return out;
  size_t i = 0;
  for (element e : *list) {
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS) {
      return WrongType(fmt::format("{}{}[{}]", path, key, i), "a string", e);
    }
    out.push_back(s);
    ++i;
  }
  return out;
}

// The members of the array `key` of `o`, each of which must be an object.
absl::StatusOr<std::vector<object>> ObjectList(object o, std::string_view key,
                                               std::string_view path) {
  std::vector<object> out;
  ASSIGN_OR_RETURN(std::optional<array> list, ArrayMember(o, key, path));
  if (!list) return out;
  size_t i = 0;
  for (element e : *list) {
    object item;
    if (e.get_object().get(item) != simdjson::SUCCESS) {
      return WrongType(fmt::format("{}{}[{}]", path, key, i), "an object", e);
    }
    out.push_back(item);
    ++i;
  }
  return out;
}

// ---- events

struct Events {
  UnixSeconds registration = 0, expiration = 0, last_changed = 0;
};

// A date that does not parse leaves its field unknown: the rest of the record is still
// good context.
absl::StatusOr<Events> ParseEvents(object o) {
  Events out;
  ASSIGN_OR_RETURN(std::vector<object> events, ObjectList(o, "events", ""));
  for (size_t i = 0; i < events.size(); ++i) {
    const std::string path = fmt::format("events[{}].", i);
    ASSIGN_OR_RETURN(std::optional<std::string_view> action,
                     StringMember(events[i], "eventAction", path));
    ASSIGN_OR_RETURN(std::optional<std::string_view> date,
                     StringMember(events[i], "eventDate", path));
    if (!action || !date) continue;
    absl::StatusOr<UnixSeconds> t = ParseFeedTime(Trim(*date));
    if (!t.ok()) continue;
    // Earliest registration, latest change and expiry, should a server repeat an action.
    if (EqualsNoCase(*action, "registration")) {
      if (out.registration == 0 || *t < out.registration) out.registration = *t;
    } else if (EqualsNoCase(*action, "expiration")) {
      out.expiration = std::max(out.expiration, *t);
    } else if (EqualsNoCase(*action, "last changed")) {
      out.last_changed = std::max(out.last_changed, *t);
    }
  }
  return out;
}

// ---- entities

struct Entity {
  std::vector<std::string> roles;  // lower-case
  WhoisContact contact;            // vCard fields and organization_id (the handle)
  std::string iana_id;             // publicIds "IANA Registrar ID"
  bool under_registrar = false;    // nested inside a "registrar" entity
  bool HasRole(std::string_view role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  }
};

absl::Status ParseEntity(object o, const std::string& path, Entity& out) {
  ASSIGN_OR_RETURN(std::vector<std::string_view> roles, StringList(o, "roles", path));
  for (std::string_view r : roles) out.roles.push_back(LowerCopy(Trim(r)));
  ASSIGN_OR_RETURN(std::optional<std::string_view> handle, StringMember(o, "handle", path));
  if (handle && !IsRedactionPlaceholder(*handle)) out.contact.organization_id = Cut(*handle);
  element card;
  if (o.at_key("vcardArray").get(card) == simdjson::SUCCESS && !card.is_null()) {
    absl::Status s = ParseJCard(card, out.contact);
    if (!s.ok()) {
      return absl::InvalidArgumentError(fmt::format("{}vcardArray: {}", path, Message(s)));
    }
  }
  ASSIGN_OR_RETURN(std::vector<object> ids, ObjectList(o, "publicIds", path));
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string id_path = fmt::format("{}publicIds[{}].", path, i);
    ASSIGN_OR_RETURN(std::optional<std::string_view> type, StringMember(ids[i], "type", id_path));
    ASSIGN_OR_RETURN(std::optional<std::string_view> id,
                     StringMember(ids[i], "identifier", id_path));
    if (type && id && EqualsNoCase(Trim(*type), "IANA Registrar ID") && out.iana_id.empty()) {
      out.iana_id = Cut(*id);
    }
  }
  return absl::OkStatus();
}

// Flattens the entity tree under `parent` (registries nest the registrar's abuse contact
// in the registrar, RIRs the abuse and technical contacts in the organization).
absl::Status CollectEntities(object parent, const std::string& path, int depth,
                             bool under_registrar, std::vector<Entity>& out) {
  if (depth >= kMaxEntityDepth) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::vector<object> entities, ObjectList(parent, "entities", path));
  for (size_t i = 0; i < entities.size() && out.size() < kMaxEntities; ++i) {
    const std::string here = fmt::format("{}entities[{}].", path, i);
    Entity e;
    RETURN_IF_ERROR(ParseEntity(entities[i], here, e));
    e.under_registrar = under_registrar;
    const bool registrar = e.HasRole("registrar");
    out.push_back(std::move(e));
    RETURN_IF_ERROR(
        CollectEntities(entities[i], here, depth + 1, under_registrar || registrar, out));
  }
  return absl::OkStatus();
}

bool HasData(const WhoisContact& c) {
  return !(c.name.empty() && c.organization.empty() && c.address.empty() && c.city.empty() &&
           c.state.empty() && c.postal_code.empty() && c.country_code.empty() && c.phone.empty() &&
           c.fax.empty() && c.email.empty() && c.organization_id.empty());
}

// One contact per role of every entity but registrars (whose data has fields of its own
// in DomainWhois), in document order.
std::vector<WhoisContact> Contacts(const std::vector<Entity>& entities) {
  std::vector<WhoisContact> out;
  for (const Entity& e : entities) {
    if (e.HasRole("registrar") || !HasData(e.contact)) continue;
    for (const std::string& role : e.roles) {
      if (out.size() == kMaxContacts) return out;
      out.push_back(e.contact);
      out.back().role = role;
    }
  }
  return out;
}

// ---- domain

struct DomainRecord {
  Indicator domain;
  DomainWhois whois;
};

void FillRegistrar(const std::vector<Entity>& entities, DomainWhois& w) {
  const Entity* registrar = nullptr;
  for (const Entity& e : entities) {
    if (e.HasRole("registrar")) {
      registrar = &e;
      break;
    }
  }
  if (registrar == nullptr) return;
  const WhoisContact& c = registrar->contact;
  w.registrar_info = !c.organization.empty() ? c.organization : c.name;
  w.registrar_iana_id = registrar->iana_id;
  w.registrar_email = c.email;
  if (!w.registrar_email.empty()) return;
  for (const Entity& e : entities) {
    if (e.under_registrar && e.HasRole("abuse") && !e.contact.email.empty()) {
      w.registrar_email = e.contact.email;
      return;
    }
  }
}

absl::Status FillDomain(object o, DomainWhois& w) {
  ASSIGN_OR_RETURN(Events events, ParseEvents(o));
  w.created = events.registration;
  w.updated = events.last_changed;
  w.expires = events.expiration;
  ASSIGN_OR_RETURN(std::vector<object> servers, ObjectList(o, "nameservers", ""));
  for (size_t i = 0; i < servers.size() && w.name_servers.size() < kMaxNameServers; ++i) {
    ASSIGN_OR_RETURN(std::optional<std::string_view> ns,
                     StringMember(servers[i], "ldhName", fmt::format("nameservers[{}].", i)));
    if (!ns) continue;
    // A name server is a host name, not necessarily under a listed suffix.
    absl::StatusOr<std::string> host = CanonicalizeDomain(Trim(*ns));
    if (host.ok() &&
        std::find(w.name_servers.begin(), w.name_servers.end(), *host) == w.name_servers.end()) {
      w.name_servers.push_back(*std::move(host));
    }
  }
  ASSIGN_OR_RETURN(std::vector<std::string_view> statuses, StringList(o, "status", ""));
  for (std::string_view s : statuses) {
    if (!Trim(s).empty()) w.statuses.push_back(Cut(s));
  }
  std::vector<Entity> entities;
  RETURN_IF_ERROR(CollectEntities(o, "", 0, false, entities));
  FillRegistrar(entities, w);
  w.contacts = Contacts(entities);
  for (const WhoisContact& c : w.contacts) {
    if (c.role == "registrant" && !c.organization.empty()) {
      w.registration_organization = c.organization;
      break;
    }
  }
  return absl::OkStatus();
}

// InvalidArgument reasons name the domain once it is known.
absl::StatusOr<DomainRecord> MapDomain(object o) {
  ASSIGN_OR_RETURN(std::optional<std::string_view> ldh, StringMember(o, "ldhName", ""));
  ASSIGN_OR_RETURN(std::optional<std::string_view> unicode, StringMember(o, "unicodeName", ""));
  std::optional<std::string_view> name = ldh ? ldh : unicode;
  if (!name) return absl::InvalidArgumentError("no ldhName");
  absl::StatusOr<Indicator> domain = ParseIndicatorAs(IndicatorType::kDomain, *name);
  if (!domain.ok() || domain->port) {
    return absl::InvalidArgumentError(
        fmt::format("ldhName {}: {}", Quote(*name),
                    domain.ok() ? "not a valid domain: has a port" : Message(domain.status())));
  }
  DomainRecord r{*std::move(domain), {}};
  r.whois.domain_name = r.domain.value;
  absl::Status s = FillDomain(o, r.whois);
  if (!s.ok()) {
    return absl::InvalidArgumentError(fmt::format("{}: {}", r.domain.value, Message(s)));
  }
  return r;
}

// ---- ip network

struct NetworkRecord {
  std::vector<Indicator> networks;
  NetworkWhois whois;
};

absl::StatusOr<IpAddress> Address(object o, std::string_view key) {
  ASSIGN_OR_RETURN(std::optional<std::string_view> text, StringMember(o, key, ""));
  if (!text) return absl::InvalidArgumentError(fmt::format("no {}", key));
  // RIPE's server once wrote the ends as host networks ("2a00:1450::/128"); that suffix
  // adds nothing, any other prefix length would make the end ambiguous.
  std::string_view addr = Trim(*text);
  if (addr.ends_with("/128")) {
    addr.remove_suffix(4);
  } else if (addr.ends_with("/32") && addr.find(':') == std::string_view::npos) {
    addr.remove_suffix(3);
  }
  absl::StatusOr<IpAddress> ip = ParseIp(addr);
  if (!ip.ok()) {
    return absl::InvalidArgumentError(
        fmt::format("{} {}: {}", key, Quote(*text), Message(ip.status())));
  }
  return ip;
}

// The "cidr0_cidrs" extension's networks, when every entry is well formed and inside
// [first, last]; nullopt otherwise (the caller computes the cover itself).
std::optional<std::vector<IpNetwork>> Cidr0Networks(object o, const IpAddress& first,
                                                    const IpAddress& last) {
  array list;
  if (o.at_key("cidr0_cidrs").get_array().get(list) != simdjson::SUCCESS) return std::nullopt;
  std::vector<IpNetwork> out;
  for (element e : list) {
    std::string_view prefix;
    uint64_t length;
    if (e.at_key(first.v6 ? "v6prefix" : "v4prefix").get_string().get(prefix) !=
            simdjson::SUCCESS ||
        e.at_key("length").get_uint64().get(length) != simdjson::SUCCESS || length > 128) {
      return std::nullopt;
    }
    absl::StatusOr<IpNetwork> net = ParseNetwork(fmt::format("{}/{}", Trim(prefix), length));
    if (!net.ok() || net->base.v6 != first.v6 || net->base < first || last < net->Last()) {
      return std::nullopt;
    }
    if (std::find(out.begin(), out.end(), *net) == out.end()) out.push_back(*net);
    if (out.size() > kMaxCidrs) return std::nullopt;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::string Description(const std::vector<object>& remarks) {
  std::string out;
  for (object remark : remarks) {
    std::string_view title;
    if (remark.at_key("title").get_string().get(title) == simdjson::SUCCESS &&
        !EqualsNoCase(Trim(title), "description")) {
      continue;
    }
    array lines;
    if (remark.at_key("description").get_array().get(lines) != simdjson::SUCCESS) continue;
    for (element line : lines) {
      std::string_view s;
      if (line.get_string().get(s) != simdjson::SUCCESS || Trim(s).empty()) continue;
      if (!out.empty()) out += "; ";
      out += Trim(s);
      if (out.size() > kMaxTextBytes) return Cut(out);
    }
  }
  return out;
}

absl::Status FillNetwork(object o, NetworkWhois& w) {
  ASSIGN_OR_RETURN(std::optional<std::string_view> name, StringMember(o, "name", ""));
  if (name) w.name = Cut(*name);
  ASSIGN_OR_RETURN(std::optional<std::string_view> country, StringMember(o, "country", ""));
  if (country && Trim(*country).size() == 2) {
    for (char c : Trim(*country)) {
      w.country_code += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
  }
  ASSIGN_OR_RETURN(std::vector<object> remarks, ObjectList(o, "remarks", ""));
  w.description = Description(remarks);
  ASSIGN_OR_RETURN(Events events, ParseEvents(o));
  w.created = events.registration;
  w.changed = events.last_changed;
  std::vector<Entity> entities;
  RETURN_IF_ERROR(CollectEntities(o, "", 0, false, entities));
  w.contacts = Contacts(entities);
  return absl::OkStatus();
}

// InvalidArgument reasons name the range once it is known.
absl::StatusOr<NetworkRecord> MapNetwork(object o) {
  ASSIGN_OR_RETURN(IpAddress first, Address(o, "startAddress"));
  ASSIGN_OR_RETURN(IpAddress last, Address(o, "endAddress"));
  const std::string range = fmt::format("{} - {}", FormatIp(first), FormatIp(last));
  ASSIGN_OR_RETURN(std::optional<std::string_view> version, StringMember(o, "ipVersion", ""));
  if (version && first.v6 == last.v6 &&
      ((EqualsNoCase(Trim(*version), "v4") && first.v6) ||
       (EqualsNoCase(Trim(*version), "v6") && !first.v6))) {
    return absl::InvalidArgumentError(fmt::format("{}: ipVersion {} but the range is {}", range,
                                                  Quote(*version), first.v6 ? "IPv6" : "IPv4"));
  }
  std::vector<IpNetwork> nets;
  const bool ordered = first.v6 == last.v6 && !(last < first);
  if (auto cidr0 = ordered ? Cidr0Networks(o, first, last) : std::nullopt) {
    nets = *std::move(cidr0);
  } else {
    absl::StatusOr<std::vector<IpNetwork>> cover = CoverRange(first, last, kMaxCidrs);
    if (!cover.ok()) return cover.status();
    nets = *std::move(cover);
  }
  NetworkRecord r;
  for (const IpNetwork& net : nets) {
    // Canonical by construction; ParseIndicatorAs keeps the one rule for network keys.
    ASSIGN_OR_RETURN(Indicator ind, ParseIndicatorAs(IndicatorType::kNetwork, FormatNetwork(net)));
    r.networks.push_back(std::move(ind));
  }
  r.whois.range_start = FormatIp(first);
  r.whois.range_end = FormatIp(last);
  absl::Status s = FillNetwork(o, r.whois);
  if (!s.ok()) return absl::InvalidArgumentError(fmt::format("{}: {}", range, Message(s)));
  return r;
}

// ---- the parser

class RdapParser : public FeedParser {
 public:
  bool line_oriented() const override { return false; }
  absl::Status ParseDocument(std::string_view text, RecordSink& sink) override;

 private:
  absl::Status Response(element e, RecordSink& sink);
  absl::Status Record(element e, RecordSink& sink);

  simdjson::dom::parser json_;
  uint64_t position_ = 0;
};

absl::Status RdapParser::ParseDocument(std::string_view text, RecordSink& sink) {
  position_ = 0;
  sink.set_position(1);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    sink.Reject("rdap: empty document");
    return absl::OkStatus();
  }
  simdjson::padded_string padded(text.data(), text.size());
  element doc;
  if (auto error = json_.parse(padded).get(doc); error != simdjson::SUCCESS) {
    sink.Reject(fmt::format("rdap: not valid JSON: {}", simdjson::error_message(error)));
    return absl::OkStatus();
  }
  array items;
  if (doc.get_array().get(items) != simdjson::SUCCESS) return Response(doc, sink);
  for (element item : items) RETURN_IF_ERROR(Response(item, sink));
  return absl::OkStatus();
}

// One response: an object, or a search result whose results are the records.
absl::Status RdapParser::Response(element e, RecordSink& sink) {
  object o;
  if (e.get_object().get(o) == simdjson::SUCCESS && o.at_key("objectClassName").error()) {
    for (auto [key, value] : o) {
      if (!key.ends_with("SearchResults")) continue;
      array results;
      if (value.get_array().get(results) != simdjson::SUCCESS) {
        sink.set_position(++position_);
        sink.Reject(fmt::format("rdap: {}", Message(WrongType(key, "an array", value))));
        return absl::OkStatus();
      }
      for (element r : results) RETURN_IF_ERROR(Record(r, sink));
      return absl::OkStatus();
    }
  }
  return Record(e, sink);
}

absl::Status RdapParser::Record(element e, RecordSink& sink) {
  sink.set_position(++position_);
  object o;
  if (e.get_object().get(o) != simdjson::SUCCESS) {
    sink.Reject(fmt::format("rdap: record is {}, not an object", TypeName(e)));
    return absl::OkStatus();
  }
  element code;
  if (o.at_key("errorCode").get(code) == simdjson::SUCCESS) {
    std::string_view title;
    if (o.at_key("title").get_string().get(title) != simdjson::SUCCESS) title = "";
    int64_t number = 0;
    if (code.get_int64().get(number) != simdjson::SUCCESS) number = 0;
    sink.Reject(fmt::format("rdap: error response {} {}", number, Quote(title)));
    return absl::OkStatus();
  }
  absl::StatusOr<std::optional<std::string_view>> cls = StringMember(o, "objectClassName", "");
  if (!cls.ok() || !cls->has_value()) {
    sink.Reject(cls.ok() ? "rdap: record has no objectClassName"
                         : fmt::format("rdap: {}", Message(cls.status())));
    return absl::OkStatus();
  }
  const std::string_view name = Trim(**cls);
  if (name == "domain") {
    absl::StatusOr<DomainRecord> r = MapDomain(o);
    if (!r.ok()) {
      sink.Reject(fmt::format("domain: {}", Message(r.status())));
      return absl::OkStatus();
    }
    return sink.SetAttribute(r->domain, AttributeKind::kDomainWhois, "", AttributeToJson(r->whois));
  }
  if (name == "ip network") {
    absl::StatusOr<NetworkRecord> r = MapNetwork(o);
    if (!r.ok()) {
      sink.Reject(fmt::format("ip network: {}", Message(r.status())));
      return absl::OkStatus();
    }
    const std::string value = AttributeToJson(r->whois);
    for (const Indicator& net : r->networks) {
      RETURN_IF_ERROR(sink.SetAttribute(net, AttributeKind::kNetworkWhois, "", value));
    }
    return absl::OkStatus();
  }
  if (name == "autnum" || name == "nameserver" || name == "entity") {
    sink.Skip();
    return absl::OkStatus();
  }
  sink.Reject(fmt::format("rdap: unknown objectClassName {}", Quote(name)));
  return absl::OkStatus();
}

}  // namespace

std::unique_ptr<FeedParser> MakeRdapParser() { return std::make_unique<RdapParser>(); }

}  // namespace loupe
