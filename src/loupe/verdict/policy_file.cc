#include "loupe/verdict/policy_file.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "fmt/format.h"
#include "loupe/base/toml_text.h"
#include "toml++/toml.h"

namespace loupe {
namespace {

absl::Status Bad(std::string_view name, std::string_view what) {
  return absl::InvalidArgumentError(fmt::format("{}: {}", name, what));
}

absl::Status OnlyKeys(const toml::table& t, std::string_view where,
                      const std::set<std::string_view>& known, std::string_view name) {
  for (const auto& [key, node] : t) {
    if (!known.count(key.str())) {
      return Bad(name, fmt::format("unknown key {}{}", where, std::string(key.str())));
    }
  }
  return absl::OkStatus();
}

absl::Status Int(const toml::table& t, std::string_view key, int lo, int hi, int& out,
                 std::string_view name) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return absl::OkStatus();
  auto v = n->value<int64_t>();
  if (!v || *v < lo || *v > hi) {
    return Bad(name, fmt::format("{} must be a whole number from {} to {}", key, lo, hi));
  }
  out = static_cast<int>(*v);
  return absl::OkStatus();
}

absl::Status Fraction(const toml::table& t, std::string_view key, double& out,
                      std::string_view name) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return absl::OkStatus();
  auto v = n->value<double>();
  if (!v || *v < 0 || *v > 1) return Bad(name, fmt::format("{} must be a number from 0 to 1", key));
  out = *v;
  return absl::OkStatus();
}

// "30d", "12h", or "never" (no decay).
absl::StatusOr<int64_t> HalfLife(const toml::node& n, std::string_view key, std::string_view name) {
  auto text = n.value<std::string>();
  if (!text) return Bad(name, fmt::format("{} must be a duration string such as \"30d\"", key));
  if (*text == "never") return 0;
  auto d = ParseDuration(*text);
  if (!d.ok() || *d == 0) {
    return Bad(name,
               fmt::format("{}: \"{}\" is not a duration like 30d, or \"never\"", key, *text));
  }
  return *d;
}

absl::Status Zones(const toml::table& t, VerdictPolicy& p, std::string_view name) {
  if (auto s = OnlyKeys(t, "zones.",
                        {"red_at", "orange_at", "yellow_at", "green_at", "suspicious_cap"}, name);
      !s.ok()) {
    return s;
  }
  for (auto [key, field] : {std::pair<std::string_view, int*>{"red_at", &p.red_at},
                            {"orange_at", &p.orange_at},
                            {"yellow_at", &p.yellow_at},
                            {"green_at", &p.green_at},
                            {"suspicious_cap", &p.suspicious_cap}}) {
    if (auto s = Int(t, key, 1, 100, *field, name); !s.ok()) return s;
  }
  if (p.orange_at >= p.red_at) return Bad(name, "zones.orange_at must be below red_at");
  if (p.suspicious_cap >= 100) return Bad(name, "zones.suspicious_cap must be below 100");
  return absl::OkStatus();
}

absl::Status HalfLives(const toml::table& t, VerdictPolicy& p, std::string_view name) {
  for (const auto& [key, node] : t) {
    auto type = IndicatorTypeFromName(key.str());
    if (!type)
      return Bad(name, fmt::format("half_life.{}: not an object type", std::string(key.str())));
    auto seconds = HalfLife(node, key.str(), name);
    if (!seconds.ok()) return seconds.status();
    p.type_half_life[static_cast<size_t>(*type)] = *seconds;
  }
  return absl::OkStatus();
}

absl::Status CategoryHalfLives(const toml::array& a, VerdictPolicy& p, std::string_view name) {
  p.category_half_life.clear();  // the file's list replaces the default one
  for (const auto& node : a) {
    const toml::table* t = node.as_table();
    if (t == nullptr) return Bad(name, "category_half_life entries are tables");
    if (auto s = OnlyKeys(*t, "category_half_life.", {"type", "category", "half_life"}, name);
        !s.ok()) {
      return s;
    }
    auto type =
        IndicatorTypeFromName(t->get("type") ? t->get("type")->value_or(std::string()) : "");
    auto category =
        CategoryFromName(t->get("category") ? t->get("category")->value_or(std::string()) : "");
    if (!type || !category || t->get("half_life") == nullptr) {
      return Bad(name, "category_half_life entries need type, category and half_life");
    }
    auto seconds = HalfLife(*t->get("half_life"), "half_life", name);
    if (!seconds.ok()) return seconds.status();
    p.category_half_life.push_back({*type, *category, *seconds});
  }
  return absl::OkStatus();
}

absl::Status Propagation(const toml::table& t, VerdictPolicy& p, std::string_view name) {
  if (auto s = OnlyKeys(t, "propagation.",
                        {"fan_out", "cap", "resolves_to_red", "served_red_files", "on_red_host",
                         "hosts_red_domains"},
                        name);
      !s.ok()) {
    return s;
  }
  int fan_out = static_cast<int>(p.fan_out);
  if (auto s = Int(t, "fan_out", 0, 10000, fan_out, name); !s.ok()) return s;
  p.fan_out = static_cast<size_t>(fan_out);
  if (auto s = Fraction(t, "cap", p.propagation_cap, name); !s.ok()) return s;
  const std::pair<std::string_view, PropagationRule> rules[] = {
      {"resolves_to_red", PropagationRule::kResolvesToRed},
      {"served_red_files", PropagationRule::kServesRedFile},
      {"on_red_host", PropagationRule::kOnRedHost},
      {"hosts_red_domains", PropagationRule::kHostsRedDomains}};
  for (const auto& [key, rule] : rules) {
    if (auto s = Fraction(t, key, p.propagation_factor[static_cast<size_t>(rule)], name); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<VerdictPolicy> ParseVerdictPolicy(std::string_view text, std::string_view name) {
  if (auto s = CheckTomlText(text, name); !s.ok()) return s;
  toml::table root;
  try {  // Debian's toml++ is built with exceptions: they stop here
    root = toml::parse(text, name);
  } catch (const toml::parse_error& err) {
    return Bad(name,
               fmt::format("line {}: {}", err.source().begin.line, std::string(err.description())));
  }
  VerdictPolicy p = DefaultVerdictPolicy();
  if (auto s =
          OnlyKeys(root, "", {"zones", "half_life", "category_half_life", "propagation"}, name);
      !s.ok()) {
    return s;
  }
  auto table = [&](std::string_view key) {
    return root.get(key) ? root.get(key)->as_table() : nullptr;
  };
  for (std::string_view key : {"zones", "half_life", "propagation"}) {
    if (root.get(key) != nullptr && table(key) == nullptr) {
      return Bad(name, fmt::format("[{}] must be a table", key));
    }
  }
  if (const toml::table* t = table("zones")) {
    if (auto s = Zones(*t, p, name); !s.ok()) return s;
  }
  if (const toml::table* t = table("half_life")) {
    if (auto s = HalfLives(*t, p, name); !s.ok()) return s;
  }
  if (const toml::node* n = root.get("category_half_life")) {
    if (n->as_array() == nullptr) return Bad(name, "category_half_life is an array of tables");
    if (auto s = CategoryHalfLives(*n->as_array(), p, name); !s.ok()) return s;
  }
  if (const toml::table* t = table("propagation")) {
    if (auto s = Propagation(*t, p, name); !s.ok()) return s;
  }
  return p;
}

absl::StatusOr<VerdictPolicy> LoadVerdictPolicy(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return DefaultVerdictPolicy();
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in) return absl::UnavailableError(fmt::format("cannot read {}", path));
  return ParseVerdictPolicy(ss.str(), path);
}

}  // namespace loupe
