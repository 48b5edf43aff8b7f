// loupe report VALUE [--format json|table] [--sections A,B] [--count N] [--as-of TIME]
#include "absl/strings/str_split.h"
#include "boost/json.hpp"
#include "loupe/cli/command.h"
#include "loupe/cli/table_format.h"
#include "loupe/cli/terminal.h"
#include "loupe/report/report_builder.h"

namespace loupe::cli {
namespace {

struct ReportArgs {
  std::string value, format = "json", sections, as_of;
  size_t count = 1000;
};

int Run(const ReportArgs& args, const GlobalOptions& global) {
  if (args.format != "json" && args.format != "table") {
    return ReportError(absl::InvalidArgumentError("--format is json or table"));
  }
  auto indicator = ParseIndicator(args.value);
  if (!indicator.ok()) return ReportError(indicator.status());
  auto store = OpenStore(global, true);
  if (!store.ok()) return ReportError(store.status());
  auto view = (*store)->Snapshot();
  auto geo = OpenGeo(global);
  if (!geo.ok()) return ReportError(geo.status());
  UnixSeconds as_of = 0;
  if (!args.as_of.empty()) {
    auto parsed = ParseIsoTime(args.as_of);
    if (!parsed.ok()) return ReportError(parsed.status());
    as_of = *parsed;
  }
  auto loaded = LoadPolicy(global);
  if (!loaded.ok()) return ReportError(loaded.status());
  const VerdictPolicy& policy = *loaded;
  ReportBuilder builder(*view, policy, geo->get(), as_of);
  ReportOptions options;
  options.count = args.count;
  for (auto s : absl::StrSplit(args.sections, ',', absl::SkipEmpty())) {
    options.sections.insert(std::string(s));
  }
  bool found = false;
  auto report = builder.Build(*indicator, options, &found);
  if (!report.ok()) return ReportError(report.status());
  std::string out = args.format == "json" ? boost::json::serialize(*report) + "\n"
                                          : ReportTable(*report, IsTerminal(stdout));
  std::fwrite(out.data(), 1, out.size(), stdout);
  return found ? kExitFound : kExitNotFound;
}

}  // namespace

Command ReportCommand() {
  return {
      "report", "the full investigation report of an IP, domain, URL or hash",
      [](CLI::App& app, const GlobalOptions& global) -> std::function<int()> {
        auto args = std::make_shared<ReportArgs>();
        app.add_option("value", args->value, "IP, domain, URL or hash")->required();
        app.add_option("--format", args->format, "json or table")->capture_default_str();
        app.add_option("--sections", args->sections, "comma-separated TIP sections");
        app.add_option("--count", args->count, "records per list section")->capture_default_str();
        app.add_option("--as-of", args->as_of,
                       "judge verdicts as of this time (ISO 8601, e.g. 2026-10-01T00:00:00Z): "
                       "what loupe would have said then");
        return [args, &global] { return Run(*args, global); };
      }};
}

}  // namespace loupe::cli
