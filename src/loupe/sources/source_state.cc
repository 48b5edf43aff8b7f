#include "loupe/sources/source_state.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "boost/json.hpp"
#include "fmt/format.h"

namespace loupe {
namespace {

namespace json = boost::json;

absl::Status WriteAtomically(const std::string& path, std::string_view bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.flush();
    if (!f) return absl::UnavailableError(fmt::format("cannot write {}", tmp));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return absl::UnavailableError(fmt::format("cannot replace {}: {}", path, ec.message()));
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadAll(const std::string& path, bool& exists) {
  std::error_code ec;
  exists = std::filesystem::exists(path, ec);
  if (!exists) return std::string();
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  if (!f) return absl::UnavailableError(fmt::format("cannot read {}", path));
  return ss.str();
}

template <typename T>
T Get(const json::object& o, std::string_view key, T fallback) {
  auto it = o.find(key);
  if (it == o.end()) return fallback;
  if constexpr (std::is_same_v<T, std::string>) {
    return it->value().is_string() ? std::string(it->value().as_string()) : fallback;
  } else {
    return it->value().is_int64()    ? static_cast<T>(it->value().as_int64())
           : it->value().is_uint64() ? static_cast<T>(it->value().as_uint64())
                                     : fallback;
  }
}

}  // namespace

absl::StatusOr<SourceState> SourceStateStore::Load(const std::string& name) const {
  const std::string path = fmt::format("{}/{}.json", dir_, name);
  bool exists;
  auto text = ReadAll(path, exists);
  if (!text.ok()) return text.status();
  SourceState s;
  if (!exists) return s;
  json::error_code ec;
  json::value v = json::parse(*text, ec);
  if (ec || !v.is_object()) return absl::DataLossError(fmt::format("{}: not a state file", path));
  const json::object& o = v.as_object();
  s.etag = Get<std::string>(o, "etag", "");
  s.last_modified = Get<std::string>(o, "last_modified", "");
  s.digest = Get<std::string>(o, "digest", "");
  s.last_attempt = Get<int64_t>(o, "last_attempt", 0);
  s.last_success = Get<int64_t>(o, "last_success", 0);
  s.last_change = Get<int64_t>(o, "last_change", 0);
  s.last_outcome = Get<std::string>(o, "last_outcome", "");
  s.last_error = Get<std::string>(o, "last_error", "");
  s.pulls = Get<uint64_t>(o, "pulls", 0);
  s.failures = Get<uint64_t>(o, "failures", 0);
  s.records = Get<uint64_t>(o, "records", 0);
  s.accepted = Get<uint64_t>(o, "accepted", 0);
  s.rejected = Get<uint64_t>(o, "rejected", 0);
  s.skipped = Get<uint64_t>(o, "skipped", 0);
  s.expired = Get<uint64_t>(o, "expired", 0);
  s.members = Get<uint64_t>(o, "members", 0);
  s.sequence = Get<uint64_t>(o, "sequence", 0);
  if (auto it = o.find("errors"); it != o.end() && it->value().is_array()) {
    for (const auto& e : it->value().as_array()) {
      if (!e.is_object()) continue;
      const auto& eo = e.as_object();
      s.errors.push_back({Get<std::string>(eo, "file", ""), Get<uint64_t>(eo, "position", 0),
                          Get<std::string>(eo, "reason", "")});
    }
  }
  return s;
}

absl::Status SourceStateStore::Save(const std::string& name, const SourceState& s) const {
  json::object o;
  o["etag"] = s.etag;
  o["last_modified"] = s.last_modified;
  o["digest"] = s.digest;
  o["last_attempt"] = s.last_attempt;
  o["last_success"] = s.last_success;
  o["last_change"] = s.last_change;
  o["last_outcome"] = s.last_outcome;
  o["last_error"] = s.last_error;
  o["pulls"] = s.pulls;
  o["failures"] = s.failures;
  o["records"] = s.records;
  o["accepted"] = s.accepted;
  o["rejected"] = s.rejected;
  o["skipped"] = s.skipped;
  o["expired"] = s.expired;
  o["members"] = s.members;
  o["sequence"] = s.sequence;
  json::array errors;
  for (const auto& e : s.errors) {
    errors.push_back(
        json::object{{"file", e.file}, {"position", e.position}, {"reason", e.reason}});
  }
  o["errors"] = std::move(errors);
  return WriteAtomically(fmt::format("{}/{}.json", dir_, name), json::serialize(o));
}

std::string SourceStateStore::MembersPath(const std::string& name) const {
  return fmt::format("{}/{}.members", dir_, name);
}

absl::Status SourceStateStore::InstallMembers(const std::string& name,
                                              const std::string& file) const {
  const std::string path = MembersPath(name);
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  std::filesystem::rename(file, path, ec);
  if (!ec) return absl::OkStatus();
  const std::string tmp = path + ".tmp";  // another file system: copy, then rename
  std::filesystem::copy_file(file, tmp, std::filesystem::copy_options::overwrite_existing, ec);
  if (!ec) std::filesystem::rename(tmp, path, ec);
  if (ec) return absl::UnavailableError(fmt::format("cannot replace {}: {}", path, ec.message()));
  return absl::OkStatus();
}

void SourceStateStore::Remove(const std::string& name) const {
  std::error_code ec;
  std::filesystem::remove(fmt::format("{}/{}.json", dir_, name), ec);
  std::filesystem::remove(fmt::format("{}/{}.members", dir_, name), ec);
}

}  // namespace loupe
