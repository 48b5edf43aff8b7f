#include "loupe/sources/source_registry.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fmt/format.h"
#include "loupe/base/status_macros.h"
#include "loupe/base/toml_text.h"
#include "toml++/toml.h"

namespace loupe {
namespace {

absl::StatusOr<SourceConfig> FromToml(const std::string& name, const toml::table& t) {
  SourceConfig c;
  c.name = name;
  c.format = t["format"].value_or(std::string());
  c.location = t["location"].value_or(std::string());
  if (auto grade = t["admiralty"].value<std::string>()) {
    if (grade->size() != 1) {
      return absl::InvalidArgumentError(fmt::format("source {}: admiralty is one letter", name));
    }
    c.admiralty = (*grade)[0];
    ASSIGN_OR_RETURN(c.reliability, ReliabilityOfGrade((*grade)[0]));
  }
  if (auto r = t["reliability"].value<int64_t>()) {
    if (*r < 0 || *r > 100) {
      return absl::InvalidArgumentError(fmt::format("source {}: reliability is 0-100", name));
    }
    c.reliability = static_cast<uint8_t>(*r);
  }
  if (auto* cats = t["categories"].as_array()) {
    for (const auto& v : *cats) c.categories.push_back(v.value_or(std::string()));
  }
  if (auto* inc = t["include"].as_array()) {
    for (const auto& v : *inc) c.include.push_back(v.value_or(std::string()));
  }
  c.tlp = t["tlp"].value_or(std::string("clear"));
  if (auto i = t["interval"].value<std::string>()) {
    ASSIGN_OR_RETURN(c.interval, ParseInterval(*i));
  } else if (auto n = t["interval"].value<int64_t>()) {
    c.interval = *n;
  }
  c.enabled = t["enabled"].value_or(true);
  c.snapshot = t["snapshot"].value_or(true);
  if (auto* headers = t["headers"].as_table()) {
    for (const auto& [k, v] : *headers) {
      c.headers[std::string(k.str())] = v.value_or(std::string());
    }
  }
  RETURN_IF_ERROR(ValidateSourceConfig(c));
  return c;
}

toml::table ToToml(const SourceConfig& c) {
  toml::table t;
  t.insert("format", c.format);
  t.insert("location", c.location);
  if (c.admiralty) {
    t.insert("admiralty", std::string(1, *c.admiralty));
  } else {
    t.insert("reliability", int64_t{c.reliability});
  }
  if (!c.categories.empty()) {
    toml::array a;
    for (const auto& w : c.categories) a.push_back(w);
    t.insert("categories", std::move(a));
  }
  if (!c.include.empty()) {
    toml::array a;
    for (const auto& w : c.include) a.push_back(w);
    t.insert("include", std::move(a));
  }
  t.insert("tlp", c.tlp);
  t.insert("interval", FormatInterval(c.interval));
  t.insert("enabled", c.enabled);
  t.insert("snapshot", c.snapshot);
  if (!c.headers.empty()) {
    toml::table h;
    for (const auto& [k, v] : c.headers) h.insert(k, v);
    t.insert("headers", std::move(h));
  }
  return t;
}

}  // namespace

absl::StatusOr<SourceRegistry> SourceRegistry::Load(const std::string& path) {
  SourceRegistry registry(path);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return registry;
  std::string text;
  {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in) return absl::UnavailableError(fmt::format("cannot read {}", path));
    text = ss.str();
  }
  RETURN_IF_ERROR(CheckTomlText(text, path));
  toml::table root;
  try {  // Debian's toml++ is built with exceptions: they stop here
    root = toml::parse(text, path);
  } catch (const toml::parse_error& err) {
    return absl::InvalidArgumentError(
        fmt::format("{}:{}: {}", path, err.source().begin.line, std::string(err.description())));
  }
  if (auto* sources = root["source"].as_table()) {
    for (const auto& [name, node] : *sources) {
      const auto* t = node.as_table();
      if (t == nullptr) {
        return absl::InvalidArgumentError(
            fmt::format("{}: source.{} is not a table", path, std::string(name.str())));
      }
      auto config = FromToml(std::string(name.str()), *t);
      if (!config.ok()) {
        return absl::InvalidArgumentError(
            fmt::format("{}: {}", path, std::string(config.status().message())));
      }
      registry.sources_.push_back(*std::move(config));
    }
  }
  return registry;
}

absl::Status SourceRegistry::Save() const {
  toml::table sources;
  for (const auto& c : sources_) sources.insert(c.name, ToToml(c));
  toml::table root;
  root.insert("source", std::move(sources));
  std::ostringstream out;
  out << "# loupe source registry (`loupe sources --help`). Rewritten by `loupe sources "
         "add|remove`.\n\n"
      << root << "\n";
  std::filesystem::path target(path_);
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
  const std::string tmp = path_ + ".tmp";
  {
    std::ofstream f(tmp, std::ios::trunc);
    f << out.str();
    f.flush();
    if (!f) return absl::UnavailableError(fmt::format("cannot write {}", tmp));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path_, ec);
  if (ec) return absl::UnavailableError(fmt::format("cannot replace {}: {}", path_, ec.message()));
  return absl::OkStatus();
}

const SourceConfig* SourceRegistry::Find(std::string_view name) const {
  for (const auto& c : sources_) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

absl::Status SourceRegistry::Add(SourceConfig config) {
  RETURN_IF_ERROR(ValidateSourceConfig(config));
  if (Find(config.name) != nullptr) {
    return absl::AlreadyExistsError(fmt::format("source {} exists already", config.name));
  }
  sources_.push_back(std::move(config));
  return absl::OkStatus();
}

absl::Status SourceRegistry::Remove(std::string_view name) {
  auto it = std::find_if(sources_.begin(), sources_.end(),
                         [&](const SourceConfig& c) { return c.name == name; });
  if (it == sources_.end()) return absl::NotFoundError(fmt::format("no source {}", name));
  sources_.erase(it);
  return absl::OkStatus();
}

std::string SourceRegistry::ResolveLocation(const SourceConfig& config) const {
  if (IsUrl(config.location)) return config.location;
  std::filesystem::path location(config.location);
  if (location.is_absolute()) return config.location;
  std::filesystem::path base = std::filesystem::path(path_).parent_path();
  return (base / location).lexically_normal().string();
}

absl::StatusOr<std::string> ResolveHeaderValue(const std::string& value) {
  if (value.rfind("env:", 0) != 0) return value;
  const char* v = std::getenv(value.c_str() + 4);
  if (v == nullptr) {
    return absl::FailedPreconditionError(
        fmt::format("environment variable {} is not set", value.substr(4)));
  }
  return std::string(v);
}

}  // namespace loupe
