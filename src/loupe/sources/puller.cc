#include "loupe/sources/puller.h"

#include <fnmatch.h>
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "fmt/format.h"
#include "loupe/base/key_files.h"
#include "loupe/base/status_macros.h"
#include "loupe/sources/archive.h"

namespace loupe {
namespace {

namespace fs = std::filesystem;

// Memory for a snapshot's member keys; beyond it they are sorted on disk.
constexpr size_t kMemberSortBytes = size_t{32} << 20;

bool Included(const std::string& rel, const std::vector<std::string>& include) {
  if (include.empty()) return true;
  for (const auto& pattern : include) {
    if (fnmatch(pattern.c_str(), rel.c_str(), 0) == 0) return true;
  }
  return false;
}

// SHA-256 over every input's name (relative to `base`) and bytes, in order.
absl::StatusOr<std::string> DigestOf(const std::vector<std::string>& files, const fs::path& base) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::vector<unsigned char> buf(1 << 16);
  for (const auto& file : files) {
    std::string name = fs::path(file).lexically_relative(base).string();
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(name.data()),
                              name.size() + 1);
    std::unique_ptr<std::FILE, decltype(&std::fclose)> f(std::fopen(file.c_str(), "rb"),
                                                         std::fclose);
    if (!f) return absl::NotFoundError(fmt::format("cannot read {}", file));
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) {
      crypto_hash_sha256_update(&st, buf.data(), n);
    }
  }
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, out);
  std::string hex;
  for (unsigned char c : out) hex += fmt::format("{:02x}", c);
  return hex;
}

struct Inputs {
  std::vector<std::string> files;
  fs::path base;  // names in the digest are relative to it
  bool not_modified = false;
  std::string etag, last_modified;
};

absl::StatusOr<std::vector<std::string>> Unpacked(const std::vector<std::string>& files,
                                                  const std::string& dir,
                                                  const std::vector<std::string>& include) {
  std::vector<std::string> out;
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string dest = fmt::format("{}/unpacked-{}", dir, i);
    ASSIGN_OR_RETURN(auto plain, UnpackIfArchive(files[i], dest));
    if (plain.size() == 1 && plain[0] == files[i]) {
      out.push_back(files[i]);
      continue;
    }
    for (auto& p : plain) {
      if (Included(fs::path(p).lexically_relative(dest).string(), include)) {
        out.push_back(std::move(p));
      }
    }
  }
  return out;
}

absl::StatusOr<Inputs> GatherInputs(const std::string& location, const SourceConfig& config,
                                    const SourceState& state, Fetcher& fetcher,
                                    const PullOptions& options, const std::string& work) {
  Inputs in;
  std::vector<std::string> files;
  if (IsUrl(location)) {
    FetchRequest request = options.http;
    request.url = location;
    for (const auto& [k, v] : config.headers) {
      ASSIGN_OR_RETURN(request.headers[k], ResolveHeaderValue(v));
    }
    if (!options.force) {
      request.etag = state.etag;
      request.last_modified = state.last_modified;
    }
    const std::string dest = work + "/download";
    ASSIGN_OR_RETURN(FetchResult fetched, fetcher.Fetch(request, dest));
    in.etag = fetched.etag;
    in.last_modified = fetched.last_modified;
    if (fetched.not_modified) {
      in.not_modified = true;
      return in;
    }
    files = {dest};
    in.base = work;
  } else {
    ASSIGN_OR_RETURN(files,
                     ListInputs(location, fs::is_directory(location) ? config.include
                                                                     : std::vector<std::string>{}));
    in.base = fs::is_directory(location) ? fs::path(location) : fs::path(location).parent_path();
  }
  ASSIGN_OR_RETURN(in.files, Unpacked(files, work, config.include));
  return in;
}

// Walks this pull's keys (sorted, unique) beside the last pull's member list: writes them
// as the new list to `members_file` and adds an expiry for each old member that is gone.
struct MemberCounts {
  uint64_t members = 0, expired = 0;
};
absl::StatusOr<MemberCounts> AddExpiries(Changeset& changeset, const std::string& previous_file,
                                         ExternalSorter& current, const std::string& members_file,
                                         SourceId source, UnixSeconds now) {
  MemberCounts counts;
  const Evidence marker = Evidence::Expiry(source, now);
  KeyFileReader previous;
  RETURN_IF_ERROR(previous.Open(previous_file, /*missing_ok=*/true));
  bool more = previous.Next();
  KeyFileWriter members;
  RETURN_IF_ERROR(members.Open(members_file));
  RETURN_IF_ERROR(current.ForEachSorted([&](std::string_view key) -> absl::Status {
    for (; more && previous.key() < key; more = previous.Next()) {
      changeset.AddEvidence(previous.key(), marker);
      ++counts.expired;
    }
    if (more && previous.key() == key) more = previous.Next();
    ++counts.members;
    return members.Add(key);
  }));
  for (; more; more = previous.Next()) {
    changeset.AddEvidence(previous.key(), marker);
    ++counts.expired;
  }
  RETURN_IF_ERROR(previous.status());
  RETURN_IF_ERROR(members.Close());
  return counts;
}

absl::StatusOr<PullReport> Pull(ObjectStore& store, const SourceRegistry& registry,
                                const SourceConfig& config, const SourceStateStore& states,
                                Fetcher& fetcher, const PullOptions& options, SourceState& state) {
  PullReport report;
  report.source = config.name;
  if (config.format == "mmdb") {
    return absl::InvalidArgumentError(
        fmt::format("source {}: mmdb sources are read at report time, not pulled", config.name));
  }
  const std::string work = fmt::format("{}/{}", options.work_dir, config.name);
  std::error_code ec;
  fs::remove_all(work, ec);
  fs::create_directories(work);
  struct Cleanup {
    std::string dir;
    ~Cleanup() {
      std::error_code e;
      fs::remove_all(dir, e);
    }
  } cleanup{work};

  ASSIGN_OR_RETURN(Inputs in, GatherInputs(registry.ResolveLocation(config), config, state, fetcher,
                                           options, work));
  if (in.not_modified) {
    report.outcome = "not-modified";
    return report;
  }
  report.files = in.files;
  ASSIGN_OR_RETURN(std::string digest, DigestOf(in.files, in.base));
  if (digest == state.digest && !options.force) {
    report.outcome = "unchanged";
    if (!in.etag.empty()) state.etag = in.etag;
    if (!in.last_modified.empty()) state.last_modified = in.last_modified;
    return report;
  }

  ASSIGN_OR_RETURN(Source source, store.EnsureSource(config.name, config.reliability));
  const std::string sort_dir = work + "/members-sort";
  fs::create_directories(sort_dir);
  ExternalSorter current(sort_dir, kMemberSortBytes);
  absl::Status member_status;
  const std::string members_file = work + "/members";
  MemberCounts counts;
  IngestOptions ingest;
  ingest.format = config.format;
  ingest.source = config.name;
  ingest.reliability = config.reliability;
  ingest.categories = config.categories;
  ingest.now = options.now;
  ingest.batch_ops = SIZE_MAX;  // one changeset: the pull lands whole or not at all
  ingest.spill_dir = work;
  ingest.on_progress = options.on_progress;
  if (config.snapshot) {
    ingest.on_indicator = [&](std::string_view key) {
      if (member_status.ok()) member_status = current.Add(key);
    };
    ingest.before_last_commit = [&](Changeset& changeset) -> absl::Status {
      RETURN_IF_ERROR(member_status);
      ASSIGN_OR_RETURN(counts, AddExpiries(changeset, states.MembersPath(config.name), current,
                                           members_file, source.id, options.now));
      report.expired = counts.expired;
      return absl::OkStatus();
    };
  }
  ingest.on_commit = [&](uint64_t seq, const std::string&, uint64_t) { report.sequence = seq; };
  ASSIGN_OR_RETURN(report.ingest, IngestFiles(store, in.files, ingest));
  if (config.snapshot) RETURN_IF_ERROR(states.InstallMembers(config.name, members_file));

  report.outcome = "updated";
  state.digest = digest;
  state.etag = in.etag;
  state.last_modified = in.last_modified;
  state.last_change = options.now;
  state.records = report.ingest.records;
  state.accepted = report.ingest.accepted;
  state.rejected = report.ingest.rejected;
  state.skipped = report.ingest.skipped;
  state.expired = report.expired;
  state.members = counts.members;
  state.sequence = report.sequence;
  state.errors.clear();
  for (const auto& e : report.ingest.errors) state.errors.push_back({e.file, e.position, e.reason});
  return report;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ListInputs(const std::string& location,
                                                    const std::vector<std::string>& include) {
  std::error_code ec;
  if (!fs::exists(location, ec))
    return absl::NotFoundError(fmt::format("no such file: {}", location));
  if (!fs::is_directory(location, ec)) return std::vector<std::string>{location};
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(location, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::string rel = it->path().lexically_relative(location).string();
    if (Included(rel, include)) files.push_back(it->path().string());
  }
  if (ec) return absl::UnavailableError(fmt::format("cannot list {}: {}", location, ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

absl::StatusOr<PullReport> PullSource(ObjectStore& store, const SourceRegistry& registry,
                                      const SourceConfig& config, const SourceStateStore& states,
                                      Fetcher& fetcher, const PullOptions& options) {
  if (options.now == 0 || options.work_dir.empty()) {
    return absl::InvalidArgumentError("a pull needs its time and a work directory");
  }
  if (sodium_init() < 0) return absl::InternalError("libsodium failed to initialize");
  ASSIGN_OR_RETURN(SourceState state, states.Load(config.name));
  state.last_attempt = options.now;
  ++state.pulls;
  auto report = Pull(store, registry, config, states, fetcher, options, state);
  if (report.ok()) {
    state.last_outcome = report->outcome;
    state.last_success = options.now;
    state.last_error.clear();
  } else {
    state.last_outcome = "failed";
    state.last_error = std::string(report.status().message());
    ++state.failures;
  }
  RETURN_IF_ERROR(states.Save(config.name, state));
  return report;
}

}  // namespace loupe
