#include "loupe/model/attributes.h"

#include <concepts>
#include <type_traits>

#include "boost/json.hpp"

namespace loupe {
namespace json = boost::json;
namespace {

// Each struct's fields, listed once: `fn(name, member)` for every field, const or not.
// Both directions of the JSON conversion walk this list.
template <typename S, typename Fn>
requires std::same_as<std::remove_const_t<S>, WhoisContact>
void VisitFields(S& c, Fn&& fn) {
  fn("role", c.role);
  fn("name", c.name);
  fn("organization", c.organization);
  fn("address", c.address);
  fn("city", c.city);
  fn("state", c.state);
  fn("postal_code", c.postal_code);
  fn("country_code", c.country_code);
  fn("phone", c.phone);
  fn("fax", c.fax);
  fn("email", c.email);
  fn("organization_id", c.organization_id);
}

template <typename S, typename Fn>
requires std::same_as<std::remove_const_t<S>, DomainWhois>
void VisitFields(S& w, Fn&& fn) {
  fn("domain_name", w.domain_name);
  fn("created", w.created);
  fn("updated", w.updated);
  fn("expires", w.expires);
  fn("name_servers", w.name_servers);
  fn("statuses", w.statuses);
  fn("registration_organization", w.registration_organization);
  fn("registrar_info", w.registrar_info);
  fn("registrar_iana_id", w.registrar_iana_id);
  fn("registrar_email", w.registrar_email);
  fn("contacts", w.contacts);
}

template <typename S, typename Fn>
requires std::same_as<std::remove_const_t<S>, NetworkWhois>
void VisitFields(S& w, Fn&& fn) {
  fn("range_start", w.range_start);
  fn("range_end", w.range_end);
  fn("name", w.name);
  fn("description", w.description);
  fn("created", w.created);
  fn("changed", w.changed);
  fn("country_code", w.country_code);
  fn("contacts", w.contacts);
}

template <typename S, typename Fn>
requires std::same_as<std::remove_const_t<S>, GeoInfo>
void VisitFields(S& g, Fn&& fn) {
  fn("country_code", g.country_code);
  fn("asn", g.asn);
  fn("as_description", g.as_description);
}

template <typename S, typename Fn>
requires std::same_as<std::remove_const_t<S>, FileInfo>
void VisitFields(S& f, Fn&& fn) {
  fn("size", f.size);
  fn("format", f.format);
  fn("signer", f.signer);
  fn("packer", f.packer);
  fn("md5", f.md5);
  fn("sha1", f.sha1);
  fn("sha256", f.sha256);
}

template <typename S, typename Fn>
requires std::same_as<std::remove_const_t<S>, Detection>
void VisitFields(S& d, Fn&& fn) {
  fn("name", d.name);
  fn("method", d.method);
  fn("last_detect", d.last_detect);
  fn("description_url", d.description_url);
}

template <typename S, typename Fn>
requires std::same_as<std::remove_const_t<S>, AptReportRef>
void VisitFields(S& r, Fn&& fn) {
  fn("id", r.id);
  fn("title", r.title);
}

// Writers skip empty fields so stored values stay small.
template <typename T>
void Put(json::object& o, std::string_view key, const T& value) {
  if constexpr (std::is_integral_v<T>) {
    if (value != 0) o[key] = value;
  } else if (!value.empty()) {
    o[key] = json::value_from(value);
  }
}

// Readers ignore fields of the wrong type: a stored value written by an older loupe (or
// damaged) yields what can be read, never an exception.
void Get(const json::value& v, std::string& out) {
  if (v.is_string()) out = std::string(v.get_string());
}
template <typename T>
requires std::is_integral_v<T>
void Get(const json::value& v, T& out) {
  if (v.is_int64()) out = static_cast<T>(v.get_int64());
  if (v.is_uint64()) out = static_cast<T>(v.get_uint64());
}
void Get(const json::value& v, std::vector<std::string>& out) {
  if (!v.is_array()) return;
  for (const auto& item : v.get_array()) {
    if (item.is_string()) out.emplace_back(item.get_string());
  }
}
void Get(const json::value& v, std::vector<WhoisContact>& out) {
  if (!v.is_array()) return;
  for (const auto& item : v.get_array()) out.push_back(json::value_to<WhoisContact>(item));
}

template <typename T>
void ToJson(json::value& v, const T& value) {
  json::object o;
  VisitFields(value, [&](std::string_view key, const auto& field) { Put(o, key, field); });
  v = std::move(o);
}

template <typename T>
T FromJson(const json::value& v) {
  T out;
  if (!v.is_object()) return out;
  const json::object& o = v.get_object();
  VisitFields(out, [&](std::string_view key, auto& field) {
    if (const json::value* p = o.if_contains(key)) Get(*p, field);
  });
  return out;
}

}  // namespace

#define LOUPE_JSON_CONVERSIONS(T)                                                     \
  void tag_invoke(json::value_from_tag, json::value& v, const T& x) { ToJson(v, x); } \
  T tag_invoke(json::value_to_tag<T>, const json::value& v) { return FromJson<T>(v); }
LOUPE_JSON_CONVERSIONS(WhoisContact)
LOUPE_JSON_CONVERSIONS(DomainWhois)
LOUPE_JSON_CONVERSIONS(NetworkWhois)
LOUPE_JSON_CONVERSIONS(GeoInfo)
LOUPE_JSON_CONVERSIONS(FileInfo)
LOUPE_JSON_CONVERSIONS(Detection)
LOUPE_JSON_CONVERSIONS(AptReportRef)
#undef LOUPE_JSON_CONVERSIONS

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
