// Verdict quality on real data (issue 4, "Measured quality"): with ../shared/data pulled
// into a store (`loupe --sources examples/shared-data-sources.toml sources pull`), how
// many top-site domains come out Red or Orange (false positives: the target is <= 0.1%),
// and how many maltrail malware-family trails come out Red.
//
//   verdict_quality STORE SHARED_DATA_DIR
//
// Prints counts by zone per list and up to 10 examples of each false positive class with
// their explanations. Judged as of now, with the default policy.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "boost/json.hpp"
#include "loupe/judge/object_judge.h"
#include "loupe/model/object_key.h"
#include "loupe/store/rocksdb_object_store.h"

namespace loupe {
namespace {

namespace fs = std::filesystem;

struct Tally {
  std::map<Zone, uint64_t> zones;
  uint64_t judged = 0, unparsed = 0;
  uint64_t accused = 0;  // with malicious-class evidence or propagation, whatever the zone
  std::vector<std::string> examples;  // Red/Orange (top sites) or not Red (maltrail)
};

void Judge(const ObjectJudge& judge, const std::string& value, bool want_red, Tally& t) {
  auto indicator = ParseIndicator(value);
  if (!indicator.ok() || indicator->type == IndicatorType::kNetwork) {
    ++t.unparsed;
    return;
  }
  auto verdict = judge.Judge({EncodeObjectKey(*indicator)}, indicator->type);
  if (!verdict.ok()) {
    std::fprintf(stderr, "%s: %s\n", value.c_str(), verdict.status().ToString().c_str());
    std::exit(3);
  }
  ++t.judged;
  ++t.zones[verdict->zone];
  for (const Contribution& c : verdict->contributions) {
    if (c.kind == Contribution::Kind::kMalicious || c.kind == Contribution::Kind::kRelation) {
      ++t.accused;
      break;
    }
  }
  const bool bad = verdict->zone == Zone::kRed || verdict->zone == Zone::kOrange;
  const bool example = want_red ? verdict->zone != Zone::kRed : bad;
  if (!want_red && !bad && t.examples.size() < 10) {
    for (const Contribution& c : verdict->contributions) {
      if (c.kind == Contribution::Kind::kMalicious) {
        t.examples.push_back(value + ": " + verdict->reasons[0]);
        break;
      }
    }
    return;
  }
  if (example && t.examples.size() < 10) t.examples.push_back(value + ": " + verdict->reasons[0]);
}

void Print(const char* name, const Tally& t, bool want_red) {
  std::printf("%s: %llu judged (%llu not an indicator)\n", name,
              static_cast<unsigned long long>(t.judged),
              static_cast<unsigned long long>(t.unparsed));
  for (const auto& [zone, n] : t.zones) {
    std::printf("  %-7s %9llu  %6.3f%%\n", std::string(ZoneName(zone)).c_str(),
                static_cast<unsigned long long>(n), 100.0 * n / std::max<uint64_t>(t.judged, 1));
  }
  const uint64_t bad = (t.zones.count(Zone::kRed) ? t.zones.at(Zone::kRed) : 0) +
                       (t.zones.count(Zone::kOrange) ? t.zones.at(Zone::kOrange) : 0);
  if (!want_red) {
    std::printf("  Red or Orange: %llu = %.3f%%, of %llu with malicious evidence or relations\n",
                static_cast<unsigned long long>(bad), 100.0 * bad / std::max<uint64_t>(t.judged, 1),
                static_cast<unsigned long long>(t.accused));
  }
  for (const auto& e : t.examples) std::printf("    %s\n", e.c_str());
}

std::vector<std::string> WarninglistValues(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<std::string> out;
  const boost::json::value doc = boost::json::parse(ss.str());
  for (const auto& v : doc.at("list").as_array()) {
    if (v.is_string()) out.emplace_back(v.get_string());
  }
  return out;
}

int Main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: verdict_quality STORE SHARED_DATA_DIR\n");
    return 2;
  }
  auto store = OpenRocksDbStore(argv[1], {.create_if_missing = false, .read_only = true});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 3;
  }
  const fs::path data = argv[2];
  auto view = (*store)->Snapshot();
  const VerdictPolicy policy = DefaultVerdictPolicy();
  ObjectJudge judge(*view, policy, std::time(nullptr));
  const auto start = std::chrono::steady_clock::now();
  uint64_t total = 0;
  for (const char* list : {"tranco10k", "majestic_million"}) {
    Tally t;
    for (const auto& v : WarninglistValues(data / "misp-warninglists/lists" / list / "list.json")) {
      Judge(judge, v, false, t);
    }
    Print(list, t, false);
    total += t.judged;
  }
  Tally trails;
  for (const auto& entry : fs::directory_iterator(data / "maltrail/trails/static/malware")) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      Judge(judge, line.substr(0, line.find_first_of(" \t#")), true, trails);
    }
  }
  Print("maltrail malware trails", trails, true);
  total += trails.judged;
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%llu verdicts in %.1f s (%.0f/s, one thread, explanations included)\n",
              static_cast<unsigned long long>(total), s, total / s);
  return 0;
}

}  // namespace
}  // namespace loupe

int main(int argc, char** argv) { return loupe::Main(argc, argv); }
