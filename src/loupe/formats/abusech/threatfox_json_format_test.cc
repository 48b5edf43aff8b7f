#include "loupe/formats/abusech/threatfox_json_format.h"

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"

namespace loupe {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

testing::RecordingSink Parse(std::string_view text) {
  testing::RecordingSink sink;
  auto parser = MakeThreatFoxJsonParser();
  EXPECT_OK(ParseBuffer(*parser, "recent.json", text, sink));
  return sink;
}

TEST(ThreatFoxJsonFormatTest, Goldens) {
  testing::RunGoldenCases("threatfox-json", [] { return MakeThreatFoxJsonParser(); });
}

TEST(ThreatFoxJsonFormatTest, NullsNumbersAndTagArrays) {
  auto sink = Parse(R"({"1346505": [{"ioc_value": "185.196.9.26:3000", "ioc_type": "ip:port",
      "threat_type": "botnet_cc", "malware": "win.asyncrat", "malware_alias": null,
      "malware_printable": "AsyncRAT", "first_seen_utc": "2024-11-20 09:47:15",
      "last_seen_utc": null, "confidence_level": 75, "reference": null,
      "tags": ["AsyncRAT", "RAT"]}]})");
  EXPECT_THAT(sink.lines,
              ElementsAre("indicator ipv4:185.196.9.26 port=3000 cats=c2,botnet "
                          "labels=AsyncRAT|RAT conf=75 first=2024-11-20T09:47:15Z "
                          "last=2024-11-20T09:47:15Z ref=https://threatfox.abuse.ch/ioc/1346505/"));
}

TEST(ThreatFoxJsonFormatTest, PositionsCountIocObjects) {
  auto sink = Parse(R"({"1": [{"ioc_type": "domain", "ioc_value": "ok.example.com"},
                              {"ioc_type": "domain", "ioc_value": "bad..example"}],
                        "2": 17,
                        "3": [{"ioc_type": "url", "ioc_value": {"x": 1}}, "text"]})");
  EXPECT_EQ(sink.indicators, 1u);
  ASSERT_EQ(sink.rejected, 4u);
  EXPECT_THAT(sink.lines[1], StartsWith("reject @2 ioc 1: ioc_value: not a valid domain"));
  EXPECT_EQ(sink.lines[2], "reject @3 ioc 2: expected an array of IOC objects");
  EXPECT_EQ(sink.lines[3], "reject @4 ioc 3: ioc_value: expected a string or a number");
  EXPECT_EQ(sink.lines[4], "reject @5 ioc 3: expected an object");
}

TEST(ThreatFoxJsonFormatTest, WholeDocumentProblems) {
  EXPECT_EQ(Parse("").skipped, 1u);
  EXPECT_THAT(Parse("[1, 2]").lines, ElementsAre(StartsWith("reject @1 not a ThreatFox export")));
  EXPECT_THAT(Parse("{\"1\": [").lines, ElementsAre(StartsWith("reject @1 not JSON: ")));
  EXPECT_EQ(Parse("{}").lines.size(), 0u);
}

}  // namespace
}  // namespace loupe
