// Golden tests: the fixture world in, expected JSON out, for every lookup function (TIP
// layout and flat DNIF form) and the full report of each object type.
// LOUPE_UPDATE_GOLDEN=1 rewrites the expected files (review the diff before committing).
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "boost/json.hpp"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/report/lookup.h"
#include "loupe/report/report_fixture.h"

namespace loupe {
namespace {

namespace json = boost::json;

// Stable, readable JSON: two-space indentation, keys in insertion order.
void Pretty(std::string& out, const json::value& v, int indent) {
  std::string pad(indent, ' ');
  if (v.is_object() && !v.get_object().empty()) {
    out += "{\n";
    size_t i = 0;
    for (const auto& [k, item] : v.get_object()) {
      out += pad + "  " + json::serialize(json::string(k)) + ": ";
      Pretty(out, item, indent + 2);
      out += ++i < v.get_object().size() ? ",\n" : "\n";
    }
    out += pad + "}";
  } else if (v.is_array() && !v.get_array().empty()) {
    out += "[\n";
    size_t i = 0;
    for (const auto& item : v.get_array()) {
      out += pad + "  ";
      Pretty(out, item, indent + 2);
      out += ++i < v.get_array().size() ? ",\n" : "\n";
    }
    out += pad + "]";
  } else {
    out += json::serialize(v);
  }
}

struct GoldenCase {
  const char* name;
  const char* function;  // empty: full report
  const char* value;
};

class ReportGoldenTest : public ::testing::TestWithParam<GoldenCase> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::ScratchDir();
    auto store = OpenRocksDbStore((dir_->path() / "db").string(), {.sync = false});
    ASSERT_OK(store);
    store_ = store->release();
    ASSERT_OK(BuildReportFixture(*store_));
  }
  static void TearDownTestSuite() {
    delete store_;
    delete dir_;
  }
  static testing::ScratchDir* dir_;
  static ObjectStore* store_;
};
testing::ScratchDir* ReportGoldenTest::dir_ = nullptr;
ObjectStore* ReportGoldenTest::store_ = nullptr;

TEST_P(ReportGoldenTest, MatchesExpectedJson) {
  const GoldenCase& c = GetParam();
  auto view = store_->Snapshot();
  const VerdictPolicy policy = DefaultVerdictPolicy();
  ReportBuilder builder(*view, policy, nullptr, kFixtureNow);
  json::object actual;
  if (*c.function != '\0') {
    auto fn = LookupFunctionFromName(c.function);
    ASSERT_TRUE(fn.has_value());
    auto result = RunLookup(builder, *fn, c.value);
    ASSERT_OK(result);
    actual = {{"found", result->found}, {"report", result->report}, {"flat", result->flat}};
  } else {
    bool found = false;
    auto report = builder.Build(*ParseIndicator(c.value), {}, &found);
    ASSERT_OK(report);
    actual = {{"found", found}, {"report", *report}};
  }
  std::string text;
  Pretty(text, actual, 0);
  text += "\n";
  std::string path = testing::TestData(std::string("report/") + c.name + ".json");
  if (std::getenv("LOUPE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path) << text;
    GTEST_SKIP() << "rewrote " << path;
  }
  std::ifstream in(path);
  ASSERT_TRUE(in.good()) << "missing golden file " << path << " (LOUPE_UPDATE_GOLDEN=1)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(text, expected.str()) << "golden mismatch for " << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Fixture, ReportGoldenTest,
    ::testing::Values(
        GoldenCase{"get_ip_report", "get_ip_report", kFixtureRedIp},
        GoldenCase{"get_ip_filehostdownload_report", "get_ip_filehostdownload_report",
                   kFixtureRedIp},
        GoldenCase{"get_ip_report_file_alias", "get_ip_report_file", kFixtureRedIp},
        GoldenCase{"get_url_report", "get_url_report", kFixtureRedUrl},
        GoldenCase{"get_url_report_file", "get_url_report_file", kFixtureRedUrl},
        GoldenCase{"get_domain_report", "get_domain_report", kFixtureRedDomain},
        GoldenCase{"get_domain_report_subdomain", "get_domain_report", "dl.badcdn.net"},
        GoldenCase{"get_domain_report_file", "get_domain_report_file", "dl.badcdn.net"},
        GoldenCase{"get_domain_report_files_alias", "get_domain_report_files", "badcdn.net"},
        GoldenCase{"get_hash_report_md5", "get_hash_report", kFixtureRedMd5},
        GoldenCase{"get_hash_report_sha256", "get_hash_report", kFixtureRedSha256},
        GoldenCase{"get_ip_report_unknown", "get_ip_report", "8.8.4.4"},
        GoldenCase{"get_ip_report_reserved", "get_ip_report", "10.1.2.3"},
        GoldenCase{"report_ip", "", kFixtureRedIp}, GoldenCase{"report_domain", "", "adsy.biz"},
        GoldenCase{"report_url", "", "http://adsy.biz/toolbar"},
        GoldenCase{"report_hash_green", "", "e99a18c428cb38d5f260853678922e03"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(LookupTest, WrongTypeIsInvalidArgument) {
  testing::ScratchDir dir;
  auto store = OpenRocksDbStore(dir.path().string(), {.sync = false});
  ASSERT_OK(store);
  auto view = (*store)->Snapshot();
  const VerdictPolicy policy = DefaultVerdictPolicy();
  ReportBuilder builder(*view, policy, nullptr, kFixtureNow);
  EXPECT_THAT(RunLookup(builder, LookupFunction::kIpReport, "example.com"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(RunLookup(builder, LookupFunction::kHashReport, "1.2.3.4"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(RunLookup(builder, LookupFunction::kDomainReport, "not a domain"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(LookupTest, NamesAndAliases) {
  EXPECT_EQ(LookupFunctionNames().size(), 7u);
  EXPECT_EQ(LookupFunctionFromName("get_ip_report_file"),
            LookupFunction::kIpFileHostDownloadReport);
  EXPECT_EQ(LookupFunctionFromName("get_domain_report_files"), LookupFunction::kDomainReportFile);
  EXPECT_EQ(LookupFunctionFromName("get_everything"), std::nullopt);
}

}  // namespace
}  // namespace loupe
