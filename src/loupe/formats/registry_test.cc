#include "loupe/formats/registry.h"

#include "loupe/base/testing.h"

namespace loupe {
namespace {

using ::loupe::testing::SharedData;
using ::loupe::testing::StatusIs;
using ::loupe::testing::TestData;

TEST(RegistryTest, EveryFormatHasAParserButMmdb) {
  for (const auto& f : Formats()) {
    SCOPED_TRACE(std::string(f.name));
    EXPECT_TRUE(IsKnownFormat(f.name));
    if (f.name == "mmdb") {
      EXPECT_THAT(MakeParser(f.name), StatusIs(absl::StatusCode::kInvalidArgument));
    } else {
      EXPECT_OK(MakeParser(f.name));
    }
  }
  EXPECT_EQ(Formats().size(), 21u);
  EXPECT_THAT(MakeParser("nope"), StatusIs(absl::StatusCode::kInvalidArgument,
                                           ::testing::HasSubstr("stix")));
}

struct DetectCase {
  std::string path;
  std::string format;
};

TEST(RegistryTest, DetectsEveryFormatFromRealFilesAndFixtures) {
  const DetectCase cases[] = {
      {SharedData("ipsum/ipsum.txt"), "ipsum"},
      {SharedData("maltrail/trails/static/malware/emotet.txt"), "maltrail"},
      {SharedData("eset-malware-ioc/emotet/samples.sha1"), "hashlist"},
      {SharedData("misp-warninglists/lists/tranco10k/list.json"), "warninglist"},
      {SharedData("unit42/stix2-reports/report_json/IcedID_Malware.json"), "stix"},
      {SharedData("eset-malware-ioc/windigo/ebury.misp.json"), "misp"},
      {TestData("formats/misp-feed/feed/manifest.json"), "misp-feed"},
      {TestData("formats/misp-feed/feed/hashes.csv"), "misp-feed"},
      {TestData("formats/urlhaus/csv_recent.txt"), "urlhaus"},
      {TestData("formats/feodo/ipblocklist.csv"), "feodo"},
      {TestData("formats/malwarebazaar/recent.csv"), "malwarebazaar"},
      {TestData("formats/threatfox/recent.csv"), "threatfox"},
      {TestData("formats/threatfox-json/recent.json"), "threatfox-json"},
      {TestData("formats/toplist/tranco-top50.csv"), "toplist"},
      {TestData("formats/cof/pdns.cof.json"), "cof"},
      {TestData("formats/eve-dns/suricata7.eve.json"), "eve-dns"},
      {TestData("formats/zeek-dns/dns.log"), "zeek-dns"},
      {TestData("formats/rdap/arin_ipv4.json"), "rdap"},
      {TestData("formats/cape/cape_agenttesla.json"), "cape"},
  };
  for (const auto& c : cases) {
    if (c.format.empty()) continue;
    SCOPED_TRACE(c.path);
    auto format = DetectFileFormat(c.path);
    ASSERT_OK(format);
    EXPECT_EQ(*format, c.format);
  }
}

TEST(RegistryTest, DetectionFromContentAndName) {
  EXPECT_EQ(*DetectFormat("feed.txt", "# my list\n198.51.100.7\n"), "list");
  EXPECT_EQ(*DetectFormat("GeoLite2-ASN.mmdb", "\x89binary"), "mmdb");
  EXPECT_EQ(*DetectFormat("x.json", R"({"type": "bundle", "id": "bundle--1", "objects": []})"),
            "stix");
  EXPECT_THAT(DetectFormat("notes.txt", "hello world\nthis is prose\n"),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("--format")));
  EXPECT_THAT(DetectFormat("x.json", R"({"some": "json"})"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace loupe
