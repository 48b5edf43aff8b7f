#include "loupe/feed/feed_testing.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/model/category.h"

namespace loupe::testing {
namespace {

constexpr size_t kGoldenFullLines = 400;

std::string Join(const std::vector<std::string>& words, char sep) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += sep;
    out += w;
  }
  return out;
}

uint64_t Fnv1a(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string RenderIndicator(const Indicator& indicator) {
  std::string out = fmt::format("{}:{}", IndicatorTypeName(indicator.type), indicator.value);
  if (indicator.port) out += fmt::format(" port={}", *indicator.port);
  return out;
}

absl::Status RecordingSink::AddIndicator(const IndicatorRecord& r) {
  ++indicators;
  std::string line = "indicator " + RenderIndicator(r.indicator);
  if (r.categories) line += " cats=" + Join(CategoryNames(r.categories), ',');
  if (!r.labels.empty()) line += " labels=" + Join(r.labels, '|');
  if (r.confidence) line += fmt::format(" conf={}", *r.confidence);
  if (r.first_seen) line += " first=" + FormatIsoTime(r.first_seen);
  if (r.last_seen) line += " last=" + FormatIsoTime(r.last_seen);
  if (!r.reference.empty()) line += " ref=" + r.reference;
  lines.push_back(std::move(line));
  return absl::OkStatus();
}

absl::Status RecordingSink::AddRelation(const Indicator& from, RelationType type,
                                        const Indicator& to, const RelationStats& stats) {
  ++relations;
  lines.push_back(fmt::format("relation {} {} {} first={} last={} count={}", RenderIndicator(from),
                              RelationTypeName(type), RenderIndicator(to),
                              FormatIsoTime(stats.first_seen), FormatIsoTime(stats.last_seen),
                              stats.count));
  return absl::OkStatus();
}

absl::Status RecordingSink::SetAttribute(const Indicator& object, AttributeKind kind,
                                         std::string_view item, std::string_view value) {
  ++attributes;
  lines.push_back(fmt::format("attribute {} kind={} item=\"{}\" value={}", RenderIndicator(object),
                              static_cast<int>(kind), item, value));
  return absl::OkStatus();
}

absl::Status RecordingSink::Observe(const Indicator& object, uint64_t hits, UnixSeconds time) {
  ++observations;
  lines.push_back(
      fmt::format("observe {} hits={} time={}", RenderIndicator(object), hits, FormatIsoTime(time)));
  return absl::OkStatus();
}

void RecordingSink::Reject(std::string_view reason) {
  ++rejected;
  lines.push_back(fmt::format("reject @{} {}", position(), reason));
}

std::string RenderGolden(const RecordingSink& sink) {
  std::string out = fmt::format(
      "# indicators={} relations={} attributes={} observations={} rejected={} skipped={}\n",
      sink.indicators, sink.relations, sink.attributes, sink.observations, sink.rejected,
      sink.skipped);
  uint64_t digest = 14695981039346656037ull;
  for (size_t i = 0; i < sink.lines.size(); ++i) {
    if (i < kGoldenFullLines) {
      out += sink.lines[i];
      out += '\n';
    } else {
      digest = Fnv1a(digest, sink.lines[i]);
      digest = Fnv1a(digest, "\n");
    }
  }
  if (sink.lines.size() > kGoldenFullLines) {
    out += fmt::format("# ... {} more lines, fnv1a64 {:016x}\n",
                       sink.lines.size() - kGoldenFullLines, digest);
  }
  return out;
}

void RunGoldenCases(const std::string& format,
                    const std::function<std::unique_ptr<FeedParser>()>& make) {
  const std::string dir = TestData("formats/" + format);
  std::ifstream cases(dir + "/cases.txt");
  ASSERT_TRUE(cases) << "no cases file in " << dir;
  const bool update = std::getenv("LOUPE_UPDATE_GOLDEN") != nullptr;
  std::string line;
  int count = 0;
  while (std::getline(cases, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string input, golden;
    fields >> input >> golden;
    ASSERT_FALSE(golden.empty()) << "bad case line: " << line;
    if (input.rfind("$SHARED/", 0) == 0) {
      input = SharedData(input.substr(8));
    } else {
      input = dir + "/" + input;
    }
    SCOPED_TRACE(input);
    RecordingSink sink;
    auto parser = make();
    ASSERT_OK(ParseFile(*parser, input, sink));
    const std::string actual = RenderGolden(sink);
    const std::string golden_path = dir + "/" + golden;
    if (update) {
      std::ofstream(golden_path, std::ios::binary) << actual;
    } else {
      EXPECT_EQ(actual, ReadFile(golden_path)) << "golden " << golden_path
                                               << " differs (LOUPE_UPDATE_GOLDEN=1 rewrites)";
    }
    ++count;
  }
  EXPECT_GT(count, 0) << "no cases in " << dir;
}

}  // namespace loupe::testing
