// loupe ingest FILE... [--format NAME] [--source NAME] [--reliability N] [--category C]
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>

#include "fmt/format.h"
#include "loupe/base/time.h"
#include "loupe/cli/command.h"
#include "loupe/cli/terminal.h"
#include "loupe/base/status_macros.h"
#include "loupe/geo/mmdb_reader.h"
#include "loupe/ingest/ingester.h"
#include "loupe/sources/puller.h"
#include "loupe/sources/source_registry.h"

namespace loupe::cli {
namespace {

struct IngestArgs {
  std::vector<std::string> files;
  std::string format;
  std::string source = "manual";
  int reliability = 50;
  int confidence = 100;
  std::vector<std::string> categories;
  std::vector<std::string> columns;
  bool header = false;
  std::string delimiter = ",";
  size_t batch = 1 << 19;
  bool print_commits = false;
};

void PrintReport(const IngestReport& report, double seconds, bool detected) {
  if (detected) {  // say what detection chose, so a surprise is visible
    std::map<std::string, int> counts;
    for (const auto& f : report.formats) ++counts[f];
    std::string text;
    for (const auto& [format, n] : counts) {
      text += fmt::format("{}{} ({} file{})", text.empty() ? "" : ", ", format, n, n == 1 ? "" : "s");
    }
    std::fprintf(stderr, "format detected: %s\n", text.c_str());
  }
  std::fprintf(stderr,
               "ingested %llu records in %.2f s (%.0f records/s): %llu accepted, %llu rejected, "
               "%llu skipped, %llu changesets\n",
               static_cast<unsigned long long>(report.records), seconds,
               seconds > 0 ? report.records / seconds : 0.0,
               static_cast<unsigned long long>(report.accepted),
               static_cast<unsigned long long>(report.rejected),
               static_cast<unsigned long long>(report.skipped),
               static_cast<unsigned long long>(report.changesets));
  for (const auto& e : report.errors) {
    std::fprintf(stderr, "  %s:%llu: %s\n", e.file.c_str(), static_cast<unsigned long long>(e.position),
                 e.reason.c_str());
  }
  if (report.rejected > report.errors.size()) {
    std::fprintf(stderr, "  ... and %llu more rejected lines\n",
                 static_cast<unsigned long long>(report.rejected - report.errors.size()));
  }
}

// A MaxMind DB is not copied into the store: it becomes an "mmdb" source in the registry,
// read at report time. Returns the files left to ingest.
absl::StatusOr<std::vector<std::string>> RegisterMmdbFiles(const IngestArgs& args,
                                                           const GlobalOptions& global) {
  std::vector<std::string> rest;
  std::optional<SourceRegistry> registry;
  for (const auto& file : args.files) {
    bool mmdb = args.format == "mmdb";
    if (args.format.empty() && file != "-") {
      auto detected = DetectFileFormat(file);
      mmdb = detected.ok() && *detected == "mmdb";
    }
    if (!mmdb) {
      rest.push_back(file);
      continue;
    }
    ASSIGN_OR_RETURN(auto reader, MmdbReader::Open(file));
    if (!registry) {
      ASSIGN_OR_RETURN(registry, SourceRegistry::Load(global.SourcesPath()));
    }
    SourceConfig c;
    c.name = args.source != "manual" && args.files.size() == 1
                 ? args.source
                 : "geo-" + std::filesystem::path(file).stem().string();
    for (auto& ch : c.name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    c.format = "mmdb";
    c.location = std::filesystem::absolute(file).lexically_normal().string();
    c.interval = 0;
    c.snapshot = false;
    registry->Remove(c.name).IgnoreError();  // re-registering replaces
    RETURN_IF_ERROR(registry->Add(c));
    std::fprintf(stderr, "registered %s as GeoIP/ASN source \"%s\" (read at report time)\n",
                 file.c_str(), c.name.c_str());
  }
  if (registry) RETURN_IF_ERROR(registry->Save());
  return rest;
}

int Run(const IngestArgs& args, const GlobalOptions& global) {
  IngestOptions options;
  if (!args.format.empty() && !IsKnownFormat(args.format)) {
    return ReportError(MakeParser(args.format).status());
  }
  options.format = args.format;
  if (args.reliability < 0 || args.reliability > 100 || args.confidence < 0 ||
      args.confidence > 100) {
    return ReportError(absl::InvalidArgumentError("--reliability and --confidence are 0-100"));
  }
  if (args.delimiter.size() != 1) {
    return ReportError(absl::InvalidArgumentError("--delimiter is one character"));
  }
  CsvMappingSpec& csv = options.format_options.csv;
  csv.header = args.header;
  csv.delimiter = args.delimiter[0];
  for (const auto& column : args.columns) {
    if (auto s = AddCsvColumn(csv, column); !s.ok()) return ReportError(s);
  }
  if (csv.value.empty()) csv.value = "1";
  options.source = args.source;
  options.reliability = static_cast<uint8_t>(args.reliability);
  options.confidence = static_cast<uint8_t>(args.confidence);
  options.categories = args.categories;
  options.now = SystemClock().Now();
  options.batch_ops = args.batch;
  ProgressBar progress("ingest");
  options.on_progress = [&](uint64_t done, uint64_t total) { progress.Update(done, total); };
  if (args.print_commits) {
    // One line per durable commit, flushed at once: the crash test reads these as the
    // acknowledgements that must survive kill -9.
    options.on_commit = [](uint64_t seq, const std::string& file, uint64_t line) {
      std::printf("committed %llu %s %llu\n", static_cast<unsigned long long>(seq), file.c_str(),
                  static_cast<unsigned long long>(line));
      std::fflush(stdout);
    };
  }
  // A directory stands for its files (a MISP feed, a maltrail tree), recursively, sorted.
  IngestArgs expanded = args;
  expanded.files.clear();
  for (const auto& f : args.files) {
    std::error_code ec;
    if (f != "-" && std::filesystem::is_directory(f, ec)) {
      auto listed = ListInputs(f, {});
      if (!listed.ok()) return ReportError(listed.status());
      expanded.files.insert(expanded.files.end(), listed->begin(), listed->end());
    } else {
      expanded.files.push_back(f);
    }
  }
  auto files = RegisterMmdbFiles(expanded, global);
  if (!files.ok()) return ReportError(files.status());
  if (files->empty()) return kExitFound;
  auto store = OpenStore(global, false, kWriterBlockCacheBytes);
  if (!store.ok()) return ReportError(store.status());
  auto start = std::chrono::steady_clock::now();
  auto report = IngestFiles(**store, *files, options);
  progress.Finish();
  if (!report.ok()) return ReportError(report.status());
  PrintReport(*report,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
              args.format.empty());
  return kExitFound;
}

}  // namespace

Command IngestCommand() {
  return {
      "ingest", "ingest indicator lists and CSV feeds into the store",
      [](CLI::App& app, const GlobalOptions& global) -> std::function<int()> {
        auto args = std::make_shared<IngestArgs>();
        app.add_option("files", args->files, "files to read (- for stdin)")->required();
        std::string formats = "Formats (--format; detected when left out):\n";
        for (const auto& f : Formats()) formats += fmt::format("  {:<15} {}\n", f.name, f.description);
        app.footer(formats);
        app.add_option("--format", args->format,
                       "feed format (below); detected from the name and first bytes when left out");
        app.add_option("--source", args->source, "source name")->capture_default_str();
        app.add_option("--reliability", args->reliability, "source reliability 0-100")
            ->capture_default_str();
        app.add_option("--confidence", args->confidence, "record confidence 0-100")
            ->capture_default_str();
        app.add_option("--category", args->categories,
                       "category for every record (repeatable): malware, c2, phishing, "
                       "adware, benign, ... (default: malicious)");
        app.add_option("--column", args->columns,
                       "CSV mapping FIELD=COLUMN (value, type, category, label, reference, "
                       "first_seen, last_seen, confidence); COLUMN is a 1-based number or "
                       "a header name");
        app.add_flag("--header", args->header, "the CSV file starts with a header line");
        app.add_option("--delimiter", args->delimiter, "CSV delimiter")->capture_default_str();
        app.add_option("--batch", args->batch, "operations per changeset")->capture_default_str();
        app.add_flag("--print-commits", args->print_commits,
                     "print 'committed SEQ FILE LINE' after each durable commit");
        return [args, &global] { return Run(*args, global); };
      }};
}

}  // namespace loupe::cli
