#include "loupe/model/attributes.h"

#include "boost/json.hpp"

namespace loupe {
namespace json = boost::json;
namespace {

// Writers skip empty fields so stored values stay small.
void Put(json::object& o, std::string_view key, const std::string& s) {
  if (!s.empty()) o[key] = s;
}
void Put(json::object& o, std::string_view key, int64_t n) {
  if (n != 0) o[key] = n;
}
void Put(json::object& o, std::string_view key, const std::vector<std::string>& list) {
  if (!list.empty()) o[key] = json::value_from(list);
}

const json::object& AsObject(const json::value& v) {
  static const json::object kEmpty;
  return v.is_object() ? v.get_object() : kEmpty;
}
void Get(const json::object& o, std::string_view key, std::string& out) {
  if (auto* p = o.if_contains(key); p && p->is_string()) out = std::string(p->get_string());
}
template <typename Int>
void Get(const json::object& o, std::string_view key, Int& out) {
  if (auto* p = o.if_contains(key)) {
    if (p->is_int64()) out = static_cast<Int>(p->get_int64());
    if (p->is_uint64()) out = static_cast<Int>(p->get_uint64());
  }
}
void Get(const json::object& o, std::string_view key, std::vector<std::string>& out) {
  auto* p = o.if_contains(key);
  if (!p || !p->is_array()) return;
  for (const auto& item : p->get_array()) {
    if (item.is_string()) out.emplace_back(item.get_string());
  }
}
void Get(const json::object& o, std::string_view key, std::vector<WhoisContact>& out) {
  auto* p = o.if_contains(key);
  if (!p || !p->is_array()) return;
  for (const auto& item : p->get_array()) out.push_back(json::value_to<WhoisContact>(item));
}
void Put(json::object& o, std::string_view key, const std::vector<WhoisContact>& list) {
  if (!list.empty()) o[key] = json::value_from(list);
}

}  // namespace

void tag_invoke(json::value_from_tag, json::value& v, const WhoisContact& c) {
  json::object o;
  Put(o, "role", c.role);
  Put(o, "name", c.name);
  Put(o, "organization", c.organization);
  Put(o, "address", c.address);
  Put(o, "city", c.city);
  Put(o, "state", c.state);
  Put(o, "postal_code", c.postal_code);
  Put(o, "country_code", c.country_code);
  Put(o, "phone", c.phone);
  Put(o, "fax", c.fax);
  Put(o, "email", c.email);
  Put(o, "organization_id", c.organization_id);
  v = std::move(o);
}

WhoisContact tag_invoke(json::value_to_tag<WhoisContact>, const json::value& v) {
  const json::object& o = AsObject(v);
  WhoisContact c;
  Get(o, "role", c.role);
  Get(o, "name", c.name);
  Get(o, "organization", c.organization);
  Get(o, "address", c.address);
  Get(o, "city", c.city);
  Get(o, "state", c.state);
  Get(o, "postal_code", c.postal_code);
  Get(o, "country_code", c.country_code);
  Get(o, "phone", c.phone);
  Get(o, "fax", c.fax);
  Get(o, "email", c.email);
  Get(o, "organization_id", c.organization_id);
  return c;
}

void tag_invoke(json::value_from_tag, json::value& v, const DomainWhois& w) {
  json::object o;
  Put(o, "domain_name", w.domain_name);
  Put(o, "created", w.created);
  Put(o, "updated", w.updated);
  Put(o, "expires", w.expires);
  Put(o, "name_servers", w.name_servers);
  Put(o, "statuses", w.statuses);
  Put(o, "registration_organization", w.registration_organization);
  Put(o, "registrar_info", w.registrar_info);
  Put(o, "registrar_iana_id", w.registrar_iana_id);
  Put(o, "registrar_email", w.registrar_email);
  Put(o, "contacts", w.contacts);
  v = std::move(o);
}

DomainWhois tag_invoke(json::value_to_tag<DomainWhois>, const json::value& v) {
  const json::object& o = AsObject(v);
  DomainWhois w;
  Get(o, "domain_name", w.domain_name);
  Get(o, "created", w.created);
  Get(o, "updated", w.updated);
  Get(o, "expires", w.expires);
  Get(o, "name_servers", w.name_servers);
  Get(o, "statuses", w.statuses);
  Get(o, "registration_organization", w.registration_organization);
  Get(o, "registrar_info", w.registrar_info);
  Get(o, "registrar_iana_id", w.registrar_iana_id);
  Get(o, "registrar_email", w.registrar_email);
  Get(o, "contacts", w.contacts);
  return w;
}

void tag_invoke(json::value_from_tag, json::value& v, const NetworkWhois& w) {
  json::object o;
  Put(o, "range_start", w.range_start);
  Put(o, "range_end", w.range_end);
  Put(o, "name", w.name);
  Put(o, "description", w.description);
  Put(o, "created", w.created);
  Put(o, "changed", w.changed);
  Put(o, "country_code", w.country_code);
  Put(o, "contacts", w.contacts);
  v = std::move(o);
}

NetworkWhois tag_invoke(json::value_to_tag<NetworkWhois>, const json::value& v) {
  const json::object& o = AsObject(v);
  NetworkWhois w;
  Get(o, "range_start", w.range_start);
  Get(o, "range_end", w.range_end);
  Get(o, "name", w.name);
  Get(o, "description", w.description);
  Get(o, "created", w.created);
  Get(o, "changed", w.changed);
  Get(o, "country_code", w.country_code);
  Get(o, "contacts", w.contacts);
  return w;
}

void tag_invoke(json::value_from_tag, json::value& v, const GeoInfo& g) {
  json::object o;
  Put(o, "country_code", g.country_code);
  Put(o, "asn", int64_t{g.asn});
  Put(o, "as_description", g.as_description);
  v = std::move(o);
}

GeoInfo tag_invoke(json::value_to_tag<GeoInfo>, const json::value& v) {
  const json::object& o = AsObject(v);
  GeoInfo g;
  Get(o, "country_code", g.country_code);
  Get(o, "asn", g.asn);
  Get(o, "as_description", g.as_description);
  return g;
}

void tag_invoke(json::value_from_tag, json::value& v, const FileInfo& f) {
  json::object o;
  Put(o, "size", static_cast<int64_t>(f.size));
  Put(o, "format", f.format);
  Put(o, "signer", f.signer);
  Put(o, "packer", f.packer);
  Put(o, "md5", f.md5);
  Put(o, "sha1", f.sha1);
  Put(o, "sha256", f.sha256);
  v = std::move(o);
}

FileInfo tag_invoke(json::value_to_tag<FileInfo>, const json::value& v) {
  const json::object& o = AsObject(v);
  FileInfo f;
  Get(o, "size", f.size);
  Get(o, "format", f.format);
  Get(o, "signer", f.signer);
  Get(o, "packer", f.packer);
  Get(o, "md5", f.md5);
  Get(o, "sha1", f.sha1);
  Get(o, "sha256", f.sha256);
  return f;
}

void tag_invoke(json::value_from_tag, json::value& v, const Detection& d) {
  json::object o;
  Put(o, "name", d.name);
  Put(o, "method", d.method);
  Put(o, "last_detect", d.last_detect);
  Put(o, "description_url", d.description_url);
  v = std::move(o);
}

Detection tag_invoke(json::value_to_tag<Detection>, const json::value& v) {
  const json::object& o = AsObject(v);
  Detection d;
  Get(o, "name", d.name);
  Get(o, "method", d.method);
  Get(o, "last_detect", d.last_detect);
  Get(o, "description_url", d.description_url);
  return d;
}

void tag_invoke(json::value_from_tag, json::value& v, const AptReportRef& r) {
  json::object o;
  Put(o, "id", r.id);
  Put(o, "title", r.title);
  v = std::move(o);
}

AptReportRef tag_invoke(json::value_to_tag<AptReportRef>, const json::value& v) {
  const json::object& o = AsObject(v);
  AptReportRef r;
  Get(o, "id", r.id);
  Get(o, "title", r.title);
  return r;
}

template <typename T>
std::string AttributeToJson(const T& value) {
  return json::serialize(json::value_from(value));
}

template <typename T>
T AttributeFromJson(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return T{};
  return json::value_to<T>(v);
}

#define LOUPE_INSTANTIATE_ATTRIBUTE(T)                     \
  template std::string AttributeToJson<T>(const T& value); \
  template T AttributeFromJson<T>(std::string_view text);
LOUPE_INSTANTIATE_ATTRIBUTE(WhoisContact)
LOUPE_INSTANTIATE_ATTRIBUTE(DomainWhois)
LOUPE_INSTANTIATE_ATTRIBUTE(NetworkWhois)
LOUPE_INSTANTIATE_ATTRIBUTE(GeoInfo)
LOUPE_INSTANTIATE_ATTRIBUTE(FileInfo)
LOUPE_INSTANTIATE_ATTRIBUTE(Detection)
LOUPE_INSTANTIATE_ATTRIBUTE(AptReportRef)
#undef LOUPE_INSTANTIATE_ATTRIBUTE

}  // namespace loupe
