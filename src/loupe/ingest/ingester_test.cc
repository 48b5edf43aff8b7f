// Ingestion on the real corpora in ../shared/data (read in place).
#include "loupe/ingest/ingester.h"

#include <fstream>

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/line_reader.h"
#include "loupe/formats/list/list_format.h"
#include "loupe/model/object_key.h"

namespace loupe {
namespace {

using ::loupe::testing::ScratchDir;
using ::loupe::testing::SharedData;

class IngesterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = OpenRocksDbStore((dir_.path() / "db").string(), {.sync = false});
    ASSERT_OK(store);
    store_ = *std::move(store);
  }
  IngestOptions Options(const std::string& source) {
    IngestOptions o;
    o.source = source;
    o.reliability = 80;
    o.now = 1764547200;
    o.batch_ops = 10000;
    o.format = "list";
    return o;
  }
  std::optional<ObjectSummary> Summary(const char* text) {
    auto s = store_->Snapshot()->GetSummary(EncodeObjectKey(*ParseIndicator(text)));
    EXPECT_OK(s);
    return *s;
  }
  // Every indicator a list file holds, parsed the way the ingester does.
  static std::vector<Indicator> Indicators(const std::string& path) {
    std::vector<Indicator> out;
    auto reader = LineReader::Open(path);
    std::string_view line;
    bool too_long;
    while ((*reader)->Next(line, too_long)) {
      auto r = ParseListLine(line);
      if (r.ok() && r->has_value()) out.push_back((*r)->indicator);
    }
    return out;
  }
  ScratchDir dir_;
  std::unique_ptr<ObjectStore> store_;
};

TEST_F(IngesterTest, IpsumEveryListedIpBecomesEvidence) {
  std::string path = SharedData("ipsum/ipsum.txt");
  auto report = IngestFiles(*store_, {path}, Options("ipsum"));
  ASSERT_OK(report);
  auto expected = Indicators(path);
  EXPECT_GT(expected.size(), 100000u);
  EXPECT_EQ(report->accepted, expected.size());
  EXPECT_EQ(report->rejected, 0u);
  EXPECT_EQ(report->accepted + report->skipped, report->records);
  EXPECT_GT(report->changesets, 10u);
  auto view = store_->Snapshot();
  for (size_t i = 0; i < expected.size(); i += 997) {
    auto s = view->GetSummary(EncodeObjectKey(expected[i]));
    ASSERT_OK(s);
    ASSERT_TRUE(s->has_value()) << expected[i].value;
    EXPECT_EQ((*s)->malicious, 80);  // no category given: a blocklist entry
  }
}

TEST_F(IngesterTest, MaltrailTrailWithPortsUrlsAndDomains) {
  std::string path = SharedData("maltrail/trails/static/malware/emotet.txt");
  IngestOptions options = Options("maltrail");
  options.categories = {"malware"};
  auto report = IngestFiles(*store_, {path}, options);
  ASSERT_OK(report);
  EXPECT_GT(report->accepted, 100u);
  EXPECT_EQ(report->accepted + report->rejected + report->skipped, report->records);
  auto ip = Summary("66.210.228.178");  // listed as IP:port
  ASSERT_TRUE(ip.has_value());
  EXPECT_TRUE(HasCategory(ip->categories, Category::kMalware));
  auto domain = Summary("dvr.petcp.com");
  ASSERT_TRUE(domain.has_value());
  // The registrable domain is known through the derived subdomain relation, without evidence.
  auto parent = Summary("petcp.com");
  ASSERT_TRUE(parent.has_value());
  EXPECT_FALSE(parent->HasEvidence());
}

TEST_F(IngesterTest, EsetHashListsOfEveryKind) {
  std::vector<std::string> files;
  for (const char* f : {"samples.md5", "samples.sha1", "samples.sha256"}) {
    files.push_back(SharedData(std::string("eset-malware-ioc/emotet/") + f));
  }
  auto report = IngestFiles(*store_, files, Options("eset"));
  ASSERT_OK(report);
  EXPECT_GT(report->accepted, 10u);
  EXPECT_EQ(report->rejected, 0u);
  for (const auto& f : files) {
    for (const auto& indicator : Indicators(f)) {
      EXPECT_TRUE(IsHashType(indicator.type));
      auto s = store_->Snapshot()->GetSummary(EncodeObjectKey(indicator));
      ASSERT_TRUE(s.ok() && s->has_value()) << indicator.value;
    }
  }
}

TEST_F(IngesterTest, BadLinesAreCountedWithLineNumbersAndGoodLinesGoOn) {
  std::string path = (dir_.path() / "mixed.txt").string();
  std::ofstream(path) << "# header\n1.2.3.4\n999.1.1.1\nexample.com\nnot a domain!\n"
                      << std::string("\0bad\n", 5) << "d41d8cd98f00b204e9800998ecf8427e\n";
  auto report = IngestFiles(*store_, {path}, Options("mixed"));
  ASSERT_OK(report);
  EXPECT_EQ(report->accepted, 3u);
  EXPECT_EQ(report->rejected, 3u);
  EXPECT_EQ(report->skipped, 1u);
  ASSERT_EQ(report->errors.size(), 3u);
  EXPECT_EQ(report->errors[0].position, 3u);
  EXPECT_EQ(report->errors[1].position, 5u);
  EXPECT_EQ(report->errors[2].position, 6u);
  EXPECT_NE(report->errors[0].reason.find("999"), std::string::npos) << report->errors[0].reason;
  EXPECT_TRUE(Summary("example.com").has_value());
}

TEST_F(IngesterTest, ReingestingTheSameListKeepsOneEvidenceRecordPerSource) {
  std::string path = (dir_.path() / "small.txt").string();
  std::ofstream(path) << "1.2.3.4\n5.6.7.8\n";
  ASSERT_OK(IngestFiles(*store_, {path}, Options("small")));
  ASSERT_OK(IngestFiles(*store_, {path}, Options("small")));
  auto evidence = store_->Snapshot()->GetEvidence(EncodeObjectKey(*ParseIndicator("1.2.3.4")));
  ASSERT_OK(evidence);
  EXPECT_EQ(evidence->size(), 1u);
}

TEST_F(IngesterTest, CsvWithColumnMapping) {
  std::string path = (dir_.path() / "feed.csv").string();
  std::ofstream(path) << "first_seen,url,threat\n"
                      << "2025-06-01 10:00:00,http://bad.example/payload.bin,malware_download\n"
                      << "2025-06-02 10:00:00,::not-a-url::,malware_download\n";
  IngestOptions options = Options("csv");
  options.format = "csv";
  options.format_options.csv.header = true;
  ASSERT_OK(AddCsvColumn(options.format_options.csv, "value=url"));
  ASSERT_OK(AddCsvColumn(options.format_options.csv, "first_seen=first_seen"));
  ASSERT_OK(AddCsvColumn(options.format_options.csv, "category=threat"));
  auto report = IngestFiles(*store_, {path}, options);
  ASSERT_OK(report);
  EXPECT_EQ(report->accepted, 1u);
  EXPECT_EQ(report->rejected, 1u);
  auto url = Summary("http://bad.example/payload.bin");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->first_seen, 1748772000);
  EXPECT_TRUE(HasCategory(url->categories, Category::kPayloadDelivery));
}

TEST_F(IngesterTest, UrlsAreLinkedToTheirHostAndSubdomainsToTheirParent) {
  std::string path = (dir_.path() / "urls.txt").string();
  std::ofstream(path) << "http://cdn.evil.example.com/a.exe\nhttp://github.io/x\n"
                      << "http://203.0.113.9:8080/gate.php\n";
  ASSERT_OK(IngestFiles(*store_, {path}, Options("urls")));
  auto view = store_->Snapshot();
  auto related = [&](const char* from, RelationType type) {
    IndicatorType kind = from[0] == '2' ? IndicatorType::kIpv4 : IndicatorType::kDomain;
    auto page =
        view->ListRelated(EncodeObjectKey({kind, from, std::nullopt}), type, Direction::kOut, 10);
    EXPECT_OK(page);
    return page->total;
  };

  EXPECT_EQ(related("cdn.evil.example.com", RelationType::kHasUrl), 1u);
  EXPECT_EQ(related("example.com", RelationType::kHasSubdomain), 1u);
  EXPECT_EQ(related("github.io", RelationType::kHasUrl), 1u);
  EXPECT_EQ(related("203.0.113.9", RelationType::kHostsUrl), 1u);
}

TEST_F(IngesterTest, UnknownCategoryIsAUsageError) {
  IngestOptions options = Options("x");
  options.categories = {"definitely-not-a-category"};
  EXPECT_THAT(IngestFiles(*store_, {}, options),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace loupe
