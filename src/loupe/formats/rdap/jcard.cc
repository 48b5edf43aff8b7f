#include "loupe/formats/rdap/jcard.h"

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"

namespace loupe {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

constexpr size_t kMaxFieldBytes = 1024;

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool ContainsNoCase(std::string_view text, std::string_view word) {
  if (word.size() > text.size()) return false;
  for (size_t i = 0; i + word.size() <= text.size(); ++i) {
    size_t j = 0;
    while (j < word.size() && Lower(text[i + j]) == word[j]) ++j;
    if (j == word.size()) return true;
  }
  return false;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// Cuts at `kMaxFieldBytes` without splitting a UTF-8 sequence.
std::string Clean(std::string_view v) {
  v = Trim(v);
  if (IsRedactionPlaceholder(v)) return "";
  if (v.size() > kMaxFieldBytes) {
    size_t cut = kMaxFieldBytes;
    while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xc0) == 0x80) --cut;
    v = v.substr(0, cut);
  }
  return std::string(v);
}

std::string_view TypeName(const element& e) {
  switch (e.type()) {
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::STRING:
      return "a string";
    case simdjson::dom::element_type::BOOL:
      return "a boolean";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
    default:
      return "a number";
  }
}

absl::Status Bad(std::string_view property, std::string_view what) {
  return absl::InvalidArgumentError(fmt::format("jCard {}: {}", property, what));
}

void Append(std::string& out, std::string_view part, std::string_view sep) {
  if (part.empty()) return;
  if (!out.empty()) out += sep;
  out += part;
}

// A text value or a structured one (an array of texts, or of arrays of texts for
// multi-valued components), flattened with `sep`.
absl::Status Text(element value, std::string_view property, std::string_view sep,
                  std::string& out) {
  // RIPE writes a null value for an address given only by its label.
  if (value.is_null()) return absl::OkStatus();
  std::string_view s;
  if (value.get_string().get(s) == simdjson::SUCCESS) {
    Append(out, Clean(s), sep);
    return absl::OkStatus();
  }
  array parts;
  if (value.get_array().get(parts) != simdjson::SUCCESS) {
    return Bad(property, fmt::format("value is {}, not text", TypeName(value)));
  }
  for (element part : parts) {
    if (part.type() == simdjson::dom::element_type::ARRAY) {
      RETURN_IF_ERROR(Text(part, property, sep, out));
    } else if (part.is_null()) {
      continue;
    } else if (part.get_string().get(s) == simdjson::SUCCESS) {
      Append(out, Clean(s), sep);
    } else {
      return Bad(property, fmt::format("a component is {}, not text", TypeName(part)));
    }
  }
  return absl::OkStatus();
}

// A parameter that may be one string or an array of strings ("type": ["work", "fax"]).
bool ParamHas(object params, std::string_view name, std::string_view word) {
  element p;
  if (params.at_key(name).get(p) != simdjson::SUCCESS) return false;
  std::string_view s;
  if (p.get_string().get(s) == simdjson::SUCCESS) return EqualsNoCase(s, word);
  array items;
  if (p.get_array().get(items) != simdjson::SUCCESS) return false;
  for (element item : items) {
    if (item.get_string().get(s) == simdjson::SUCCESS && EqualsNoCase(s, word)) return true;
  }
  return false;
}

std::string_view StringParam(object params, std::string_view name) {
  std::string_view s;
  if (params.at_key(name).get_string().get(s) != simdjson::SUCCESS) return {};
  return s;
}

bool IsCountryCode(std::string_view s) {
  auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  return s.size() == 2 && letter(s[0]) && letter(s[1]);
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return out;
}

std::string_view DropPrefix(std::string_view s, std::string_view prefix) {
  if (s.size() >= prefix.size() && EqualsNoCase(s.substr(0, prefix.size()), prefix)) {
    s.remove_prefix(prefix.size());
  }
  return s;
}

// ["", "", "street", "city", "region", "code", "country"] (RFC 6350 ADR order); a single
// text is an unstructured address.
absl::Status Address(object params, element value, WhoisContact& c) {
  std::array<std::string, 7> comp;
  array parts;
  if (value.get_array().get(parts) == simdjson::SUCCESS) {
    size_t i = 0;
    for (element part : parts) {
      if (i == comp.size()) break;
      RETURN_IF_ERROR(Text(part, "adr", ", ", comp[i++]));
    }
  } else {
    RETURN_IF_ERROR(Text(value, "adr", ", ", comp[2]));
  }
  std::string address;
  for (int k : {0, 1, 2}) Append(address, comp[k], ", ");
  c.city = Clean(comp[3]);
  c.state = Clean(comp[4]);
  c.postal_code = Clean(comp[5]);
  std::string_view cc = Trim(StringParam(params, "cc"));
  if (IsCountryCode(cc)) {
    c.country_code = Upper(cc);
  } else if (IsCountryCode(comp[6])) {
    c.country_code = Upper(comp[6]);
  } else {
    Append(address, comp[6], ", ");
  }
  const bool empty = address.empty() && c.city.empty() && c.state.empty() &&
                     c.postal_code.empty() && c.country_code.empty();
  if (empty) {
    // Every component blank: the formatted "label" holds the address, one part a line.
    std::string_view label = StringParam(params, "label");
    size_t start = 0;
    while (start < label.size()) {
      size_t nl = label.find('\n', start);
      if (nl == std::string_view::npos) nl = label.size();
      Append(address, Clean(label.substr(start, nl - start)), ", ");
      start = nl + 1;
    }
  }
  c.address = Clean(address);
  return absl::OkStatus();
}

struct Seen {
  bool fn = false, org = false, adr = false, tel = false, fax = false, email = false;
  bool kind_org = false;
};

absl::Status Property(array prop, Seen& seen, WhoisContact& c) {
  element name_el, params_el, type_el, value;
  std::string_view name, type;
  object params;
  if (prop.size() < 4 || prop.at(0).get(name_el) != simdjson::SUCCESS ||
      name_el.get_string().get(name) != simdjson::SUCCESS ||
      prop.at(1).get(params_el) != simdjson::SUCCESS ||
      params_el.get_object().get(params) != simdjson::SUCCESS ||
      prop.at(2).get(type_el) != simdjson::SUCCESS ||
      type_el.get_string().get(type) != simdjson::SUCCESS ||
      prop.at(3).get(value) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("jCard property is not [name, {parameters}, type, value]");
  }
  std::string text;
  if (EqualsNoCase(name, "fn") && !seen.fn) {
    seen.fn = true;
    RETURN_IF_ERROR(Text(value, "fn", " ", text));
    c.name = Clean(text);
  } else if (EqualsNoCase(name, "kind")) {
    std::string_view kind;
    seen.kind_org =
        value.get_string().get(kind) == simdjson::SUCCESS && EqualsNoCase(Trim(kind), "org");
  } else if (EqualsNoCase(name, "org") && !seen.org) {
    seen.org = true;
    RETURN_IF_ERROR(Text(value, "org", ", ", text));
    c.organization = Clean(text);
  } else if (EqualsNoCase(name, "adr") && !seen.adr) {
    seen.adr = true;
    RETURN_IF_ERROR(Address(params, value, c));
  } else if (EqualsNoCase(name, "tel")) {
    const bool fax = ParamHas(params, "type", "fax");
    bool& done = fax ? seen.fax : seen.tel;
    if (done) return absl::OkStatus();
    done = true;
    RETURN_IF_ERROR(Text(value, "tel", " ", text));
    (fax ? c.fax : c.phone) = Clean(DropPrefix(text, "tel:"));
  } else if (EqualsNoCase(name, "email") && !seen.email) {
    seen.email = true;
    RETURN_IF_ERROR(Text(value, "email", " ", text));
    c.email = Clean(DropPrefix(text, "mailto:"));
  }
  return absl::OkStatus();
}

}  // namespace

// Registries and registrars keep the shape of a contact and replace what privacy law hides
// with a placeholder (RFC 9537 "replacementValue"); a placeholder is no data.
bool IsRedactionPlaceholder(std::string_view text) {
  static constexpr std::string_view kWords[] = {"redacted", "non-public data", "not disclosed",
                                                "data protected"};
  for (std::string_view w : kWords) {
    if (ContainsNoCase(text, w)) return true;
  }
  return false;
}

absl::Status ParseJCard(element vcard_array, WhoisContact& contact) {
  array top, props;
  std::string_view tag;
  if (vcard_array.get_array().get(top) != simdjson::SUCCESS || top.size() < 2 ||
      top.at(0).get_string().get(tag) != simdjson::SUCCESS || !EqualsNoCase(tag, "vcard") ||
      top.at(1).get_array().get(props) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("not a jCard ([\"vcard\", [properties]])");
  }
  Seen seen;
  for (element p : props) {
    array prop;
    if (p.get_array().get(prop) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(
          fmt::format("jCard property is {}, not an array", TypeName(p)));
    }
    RETURN_IF_ERROR(Property(prop, seen, contact));
  }
  // An organization's card names it in "fn" (ARIN and RIPE org entities have no "org").
  if (seen.kind_org && contact.organization.empty()) {
    contact.organization = std::move(contact.name);
    contact.name.clear();
  }
  return absl::OkStatus();
}

}  // namespace loupe
