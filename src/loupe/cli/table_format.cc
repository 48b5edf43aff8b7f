#include "loupe/cli/table_format.h"

#include "boost/json.hpp"
#include "fmt/format.h"
#include "loupe/cli/terminal.h"

namespace loupe::cli {
namespace json = boost::json;
namespace {

std::string Plain(const json::value& v, bool colour, std::string_view key) {
  if (v.is_string()) {
    std::string_view s(v.get_string().data(), v.get_string().size());
    if (key == "Zone" || key == "$KLZone") return ColourZone(s, colour);
    return std::string(s);
  }
  if (v.is_null()) return "-";
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v.get_array()) {
      if (!out.empty()) out += ", ";
      out += Plain(item, false, "");
    }
    return out.empty() ? "-" : out;
  }
  if (v.is_object()) {
    std::string out;
    for (const auto& [k, item] : v.get_object()) {
      if (item.is_null() || (item.is_string() && item.get_string().empty())) continue;
      if (!out.empty()) out += "  ";
      out += fmt::format("{}={}", std::string_view(k), Plain(item, colour, k));
    }
    return out;
  }
  return json::serialize(v);
}

void Fields(std::string& out, const json::object& o, bool colour, std::string_view indent) {
  size_t width = 0;
  for (const auto& [k, v] : o) width = std::max(width, k.size());
  for (const auto& [k, v] : o) {
    out += fmt::format("{}{:<{}}  {}\n", indent, std::string_view(k), width, Plain(v, colour, k));
  }
}

std::string_view StringOr(const json::object& o, std::string_view key, std::string_view fallback) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string_view(v->get_string()) : fallback;
}

// The explanation as an analyst reads it: the headline, then one line per contribution,
// marked by which way it pushed (+ toward the zone's threat, - against, ! an override,
// . no weight).
void VerdictSection(std::string& out, const json::object& v, bool colour) {
  const json::value* reasons = v.if_contains("Reasons");
  std::string headline = reasons && reasons->is_array() && !reasons->get_array().empty() &&
                                 reasons->get_array()[0].is_string()
                             ? std::string(reasons->get_array()[0].get_string())
                             : "";
  const std::string_view zone = StringOr(v, "Zone", "Grey");
  if (headline.starts_with(zone))
    headline = ColourZone(zone, colour) + headline.substr(zone.size());
  out += fmt::format("\nVerdict\n  {}\n", headline);
  if (const json::value* c = v.if_contains("Contributions"); c && c->is_array()) {
    for (const auto& item : c->get_array()) {
      if (!item.is_object()) continue;
      const std::string_view kind = StringOr(item.get_object(), "Kind", "");
      const char* mark = kind == "benign"                         ? "-"
                         : kind == "override"                     ? "!"
                         : kind == "context" || kind == "expired" ? "."
                                                                  : "+";
      out += fmt::format("    {} {}\n", mark, StringOr(item.get_object(), "Text", ""));
    }
  }
  const json::value* apt = v.if_contains("HasApt");
  out += fmt::format("  judged at {}{}\n", StringOr(v, "JudgedAt", "-"),
                     apt && apt->is_bool() && apt->get_bool() ? "; linked to an APT" : "");
}

}  // namespace

std::string FlatTable(const json::object& flat, bool colour) {
  std::string out;
  Fields(out, flat, colour, "");
  return out;
}

std::string ReportTable(const json::object& report, bool colour, size_t rows) {
  std::string out;
  for (const auto& [section, value] : report) {
    std::string_view name(section);
    if (value.is_string()) {
      out += fmt::format("{}: {}\n", name, Plain(value, colour, name));
    } else if (name == "Verdict" && value.is_object()) {
      VerdictSection(out, value.get_object(), colour);
    } else if (value.is_object()) {
      out += fmt::format("\n{}\n", name);
      Fields(out, value.get_object(), colour, "  ");
    } else if (value.is_array()) {
      const auto& list = value.get_array();
      out += fmt::format("\n{} ({})\n", name, list.size());
      for (size_t i = 0; i < list.size() && i < rows; ++i) {
        out += fmt::format("  {}\n", Plain(list[i], colour, ""));
      }
      if (list.size() > rows) out += fmt::format("  ... {} more\n", list.size() - rows);
    } else if (value.is_null()) {
      out += fmt::format("\n{}: -\n", name);
    }
  }
  return out;
}

}  // namespace loupe::cli
