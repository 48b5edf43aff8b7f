// loupe sources list | add NAME ... | remove NAME | pull [NAME...] [--force] | status [NAME]
//
// The registry is <db>/sources.toml unless the global --sources names another file; pull
// state lives in <db>/sources-state/.
#include <chrono>
#include <filesystem>

#include "fmt/format.h"
#include "loupe/base/time.h"
#include "loupe/cli/command.h"
#include "loupe/cli/terminal.h"
#include "loupe/sources/puller.h"

namespace loupe::cli {
namespace {

struct SourcesArgs {
  // add
  SourceConfig config;
  std::string admiralty, interval = "1d", tlp = "clear";
  int reliability = -1;
  bool manual = false, increments = false, disabled = false;
  std::vector<std::string> headers;
  // pull / status / remove
  std::vector<std::string> names;
  bool force = false;
  int64_t timeout_s = 600;
};

SourceStateStore States(const GlobalOptions& global) {
  return SourceStateStore(global.db + "/sources-state");
}

std::string Ago(UnixSeconds t, UnixSeconds now) {
  if (t == 0) return "never";
  return fmt::format("{} ({}s ago)", FormatIsoTime(t), now - t);
}

int List(const SourceRegistry& registry) {
  if (registry.sources().empty()) {
    std::printf("no sources in %s (add one with `loupe sources add`)\n", registry.path().c_str());
    return kExitFound;
  }
  std::printf("%-24s %-14s %-5s %-6s %-8s %-8s %s\n", "NAME", "FORMAT", "REL", "TLP", "INTERVAL",
              "STATE", "LOCATION");
  for (const auto& c : registry.sources()) {
    std::string rel = c.admiralty ? fmt::format("{}/{}", *c.admiralty, c.reliability)
                                  : fmt::format("{}", c.reliability);
    std::string state = !c.enabled ? "disabled" : c.snapshot ? "snapshot" : "stream";
    std::printf("%-24s %-14s %-5s %-6s %-8s %-8s %s\n", c.name.c_str(), c.format.c_str(),
                rel.c_str(), c.tlp.c_str(), FormatInterval(c.interval).c_str(), state.c_str(),
                c.location.c_str());
  }
  return kExitFound;
}

int Add(SourceRegistry& registry, SourcesArgs& args) {
  SourceConfig& c = args.config;
  if (!args.admiralty.empty()) {
    if (args.admiralty.size() != 1) {
      return ReportError(absl::InvalidArgumentError("--admiralty is one letter A-F"));
    }
    auto r = ReliabilityOfGrade(args.admiralty[0]);
    if (!r.ok()) return ReportError(r.status());
    c.admiralty = args.admiralty[0];
    c.reliability = *r;
  }
  if (args.reliability >= 0) {
    if (args.reliability > 100) {
      return ReportError(absl::InvalidArgumentError("--reliability is 0-100"));
    }
    c.reliability = static_cast<uint8_t>(args.reliability);
  }
  auto interval = ParseInterval(args.manual ? "manual" : args.interval);
  if (!interval.ok()) return ReportError(interval.status());
  c.interval = *interval;
  c.tlp = args.tlp;
  c.snapshot = !args.increments;
  c.enabled = !args.disabled;
  for (const auto& h : args.headers) {
    size_t colon = h.find(':');
    if (colon == std::string::npos || colon == 0) {
      return ReportError(absl::InvalidArgumentError("--header is NAME:VALUE"));
    }
    std::string value = h.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    c.headers[h.substr(0, colon)] = value;
  }
  if (!IsUrl(c.location) && !std::filesystem::path(c.location).is_absolute()) {
    // Relative to where the user stands, stored relative to nothing: make it absolute.
    c.location = std::filesystem::absolute(c.location).lexically_normal().string();
  }
  if (auto s = registry.Add(c); !s.ok()) return ReportError(s);
  if (auto s = registry.Save(); !s.ok()) return ReportError(s);
  std::printf("added %s (%s, reliability %d) to %s\n", c.name.c_str(), c.format.c_str(),
              c.reliability, registry.path().c_str());
  return kExitFound;
}

int Remove(SourceRegistry& registry, const SourcesArgs& args, const GlobalOptions& global) {
  for (const auto& name : args.names) {
    if (auto s = registry.Remove(name); !s.ok()) return ReportError(s);
    States(global).Remove(name);
  }
  if (auto s = registry.Save(); !s.ok()) return ReportError(s);
  std::printf("removed %zu source(s); their evidence stays in the store\n", args.names.size());
  return kExitFound;
}

std::vector<const SourceConfig*> Selected(const SourceRegistry& registry,
                                          const std::vector<std::string>& names,
                                          absl::Status& status) {
  std::vector<const SourceConfig*> out;
  if (names.empty()) {
    for (const auto& c : registry.sources()) {
      if (c.enabled && c.format != "mmdb") out.push_back(&c);
    }
    return out;
  }
  for (const auto& name : names) {
    const SourceConfig* c = registry.Find(name);
    if (c == nullptr) {
      status = absl::NotFoundError(fmt::format("no source {} in {}", name, registry.path()));
      return {};
    }
    out.push_back(c);
  }
  return out;
}

int Pull(const SourceRegistry& registry, const SourcesArgs& args, const GlobalOptions& global) {
  absl::Status selected_status;
  auto selected = Selected(registry, args.names, selected_status);
  if (!selected_status.ok()) return ReportError(selected_status);
  auto store = OpenStore(global, false, kWriterBlockCacheBytes);
  if (!store.ok()) return ReportError(store.status());
  auto fetcher = MakeCurlFetcher();
  SourceStateStore states = States(global);
  int exit_code = kExitFound;
  uint64_t total_accepted = 0, total_rejected = 0;
  for (const SourceConfig* c : selected) {
    PullOptions options;
    options.now = SystemClock().Now();
    options.force = args.force;
    options.work_dir = global.db + "/sources-work";
    options.http.timeout_ms = args.timeout_s * 1000;
    ProgressBar progress(c->name);
    options.on_progress = [&](uint64_t done, uint64_t total) { progress.Update(done, total); };
    auto start = std::chrono::steady_clock::now();
    auto report = PullSource(**store, registry, *c, states, *fetcher, options);
    progress.Finish();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!report.ok()) {
      std::fprintf(stderr, "%s: failed: %s\n", c->name.c_str(),
                   std::string(report.status().message()).c_str());
      exit_code = kExitEnvironment;
      continue;
    }
    const IngestReport& r = report->ingest;
    total_accepted += r.accepted;
    total_rejected += r.rejected;
    if (report->outcome == "updated") {
      std::printf(
          "%s: updated from %zu file(s) in %.2f s: %llu records, %llu accepted, %llu rejected, "
          "%llu skipped, %llu expired (changeset %llu)\n",
          c->name.c_str(), report->files.size(), seconds,
          static_cast<unsigned long long>(r.records), static_cast<unsigned long long>(r.accepted),
          static_cast<unsigned long long>(r.rejected), static_cast<unsigned long long>(r.skipped),
          static_cast<unsigned long long>(report->expired),
          static_cast<unsigned long long>(report->sequence));
    } else {
      std::printf("%s: %s, nothing to do\n", c->name.c_str(), report->outcome.c_str());
    }
  }
  if (selected.size() > 1) {
    std::printf("%zu sources: %llu accepted, %llu rejected\n", selected.size(),
                static_cast<unsigned long long>(total_accepted),
                static_cast<unsigned long long>(total_rejected));
  }
  return exit_code;
}

int Status(const SourceRegistry& registry, const SourcesArgs& args, const GlobalOptions& global) {
  absl::Status selected_status;
  auto selected = Selected(registry, args.names, selected_status);
  if (!selected_status.ok()) return ReportError(selected_status);
  SourceStateStore states = States(global);
  const UnixSeconds now = SystemClock().Now();
  for (const SourceConfig* c : selected) {
    auto s = states.Load(c->name);
    if (!s.ok()) return ReportError(s.status());
    std::printf("%s (%s, %s)\n", c->name.c_str(), c->format.c_str(), c->location.c_str());
    std::printf("  last pull:    %s, %s\n", Ago(s->last_attempt, now).c_str(),
                s->last_outcome.empty() ? "-" : s->last_outcome.c_str());
    if (!s->last_error.empty()) std::printf("  last error:   %s\n", s->last_error.c_str());
    std::printf("  last change:  %s (changeset %llu)\n", Ago(s->last_change, now).c_str(),
                static_cast<unsigned long long>(s->sequence));
    std::printf("  pulls:        %llu (%llu failed)\n", static_cast<unsigned long long>(s->pulls),
                static_cast<unsigned long long>(s->failures));
    std::printf(
        "  last content: %llu records: %llu accepted, %llu rejected, %llu skipped; "
        "%llu listed, %llu expired\n",
        static_cast<unsigned long long>(s->records), static_cast<unsigned long long>(s->accepted),
        static_cast<unsigned long long>(s->rejected), static_cast<unsigned long long>(s->skipped),
        static_cast<unsigned long long>(s->members), static_cast<unsigned long long>(s->expired));
    if (!s->etag.empty()) std::printf("  etag:         %s\n", s->etag.c_str());
    for (const auto& e : s->errors) {
      std::printf("  rejected %s:%llu: %s\n", e.file.c_str(),
                  static_cast<unsigned long long>(e.position), e.reason.c_str());
    }
    if (s->rejected > s->errors.size()) {
      std::printf("  ... and %llu more rejected\n",
                  static_cast<unsigned long long>(s->rejected - s->errors.size()));
    }
  }
  return kExitFound;
}

}  // namespace

Command SourcesCommand() {
  return {
      "sources", "manage and pull feed sources (list, add, remove, pull, status)",
      [](CLI::App& app, const GlobalOptions& global) -> std::function<int()> {
        auto args = std::make_shared<SourcesArgs>();
        app.require_subcommand(1);
        CLI::App* list = app.add_subcommand("list", "list the registered sources");
        CLI::App* add = app.add_subcommand("add", "register a source");
        add->add_option("name", args->config.name, "source name (a-z 0-9 - _ .)")->required();
        add->add_option("--format", args->config.format, "feed format name")->required();
        add->add_option("--location", args->config.location, "file, directory or http(s) URL")
            ->required();
        add->add_option("--include", args->config.include,
                        "for directories and archives: files to read (fnmatch, repeatable)");
        add->add_option("--reliability", args->reliability, "0-100");
        add->add_option("--admiralty", args->admiralty,
                        "Admiralty grade A-F (A 95, B 80, C 60, D 40, E 20, F 50)");
        add->add_option("--category", args->config.categories, "category for every record");
        add->add_option("--tlp", args->tlp, "clear, green, amber, amber+strict, red")
            ->capture_default_str();
        add->add_option("--interval", args->interval, "pull interval (30m, 6h, 1d)")
            ->capture_default_str();
        add->add_flag("--manual", args->manual, "never pulled on a schedule");
        add->add_flag("--increments", args->increments,
                      "the source publishes increments, not snapshots: never expire");
        add->add_flag("--disabled", args->disabled, "registered but not pulled");
        add->add_option("--header", args->headers,
                        "HTTP header NAME:VALUE (VALUE env:VAR reads the environment)");
        CLI::App* remove = app.add_subcommand("remove", "unregister sources (evidence stays)");
        remove->add_option("names", args->names, "source names")->required();
        CLI::App* pull = app.add_subcommand("pull", "pull sources now (all enabled by default)");
        pull->add_option("names", args->names, "source names");
        pull->add_flag("--force", args->force, "ingest even if the content did not change");
        pull->add_option("--timeout", args->timeout_s, "seconds per download")
            ->capture_default_str();
        CLI::App* status = app.add_subcommand("status", "what the last pulls did");
        status->add_option("names", args->names, "source names");
        return [=, &global]() -> int {
          auto registry = SourceRegistry::Load(global.SourcesPath());
          if (!registry.ok()) return ReportError(registry.status());
          if (list->parsed()) return List(*registry);
          if (add->parsed()) return Add(*registry, *args);
          if (remove->parsed()) return Remove(*registry, *args, global);
          if (pull->parsed()) return Pull(*registry, *args, global);
          if (status->parsed()) return Status(*registry, *args, global);
          return kExitUsage;
        };
      }};
}

}  // namespace loupe::cli
