// loupe lookup FUNCTION VALUE [--format flat|json|table] [--count N]
#include "boost/json.hpp"
#include "fmt/format.h"
#include "loupe/cli/command.h"
#include "loupe/cli/table_format.h"
#include "loupe/cli/terminal.h"
#include "loupe/report/lookup.h"

namespace loupe::cli {
namespace {

struct LookupArgs {
  std::string function, value, format = "flat";
  size_t count = 1000;
};

int Run(const LookupArgs& args, const GlobalOptions& global) {
  auto fn = LookupFunctionFromName(args.function);
  if (!fn) {
    std::string names;
    for (auto n : LookupFunctionNames()) names += fmt::format(" {}", n);
    return ReportError(absl::InvalidArgumentError(
        fmt::format("unknown lookup function \"{}\"; one of:{}", args.function, names)));
  }
  if (args.format != "flat" && args.format != "json" && args.format != "table") {
    return ReportError(absl::InvalidArgumentError("--format is flat, json or table"));
  }
  auto store = OpenStore(global, true);
  if (!store.ok()) return ReportError(store.status());
  auto view = (*store)->Snapshot();
  auto geo = OpenGeo(global);
  if (!geo.ok()) return ReportError(geo.status());
  auto loaded = LoadPolicy(global);
  if (!loaded.ok()) return ReportError(loaded.status());
  const VerdictPolicy& policy = *loaded;
  ReportBuilder builder(*view, policy, geo->get());
  auto result = RunLookup(builder, *fn, args.value, args.count);
  if (!result.ok()) return ReportError(result.status());
  std::string out;
  if (args.format == "flat") out = boost::json::serialize(result->flat) + "\n";
  if (args.format == "json") out = boost::json::serialize(result->report) + "\n";
  if (args.format == "table") out = FlatTable(result->flat, IsTerminal(stdout));
  std::fwrite(out.data(), 1, out.size(), stdout);
  return result->found ? kExitFound : kExitNotFound;
}

}  // namespace

Command LookupCommand() {
  return {
      "lookup", "run one of the seven DNIF lookups (get_ip_report, ...)",
      [](CLI::App& app, const GlobalOptions& global) -> std::function<int()> {
        auto args = std::make_shared<LookupArgs>();
        app.add_option("function", args->function, "lookup function")->required();
        app.add_option("value", args->value, "IP, domain, URL or hash")->required();
        app.add_option("--format", args->format, "flat, json or table")->capture_default_str();
        app.add_option("--count", args->count, "records per list section")->capture_default_str();
        return [args, &global] { return Run(*args, global); };
      }};
}

}  // namespace loupe::cli
