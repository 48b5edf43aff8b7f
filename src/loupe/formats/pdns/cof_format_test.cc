#include "loupe/formats/pdns/cof_format.h"

#include <string>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"

namespace loupe {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

testing::RecordingSink Parse(std::string_view input) {
  auto parser = MakeCofParser();
  testing::RecordingSink sink;
  EXPECT_OK(ParseBuffer(*parser, "pdns.json", input, sink));
  return sink;
}

TEST(CofFormatTest, Goldens) {
  testing::RunGoldenCases("cof", [] { return MakeCofParser(); });
}

TEST(CofFormatTest, OneRelationPerRdataAndOneObservation) {
  auto sink = Parse(
      R"({"rrname":"example.com.","rrtype":"A","rdata":["192.0.2.1","192.0.2.2"],)"
      R"("time_first":1714521600,"time_last":1714608000,"count":42,"bailiwick":"example.com."})");
  const std::string stats = "first=2024-05-01T00:00:00Z last=2024-05-02T00:00:00Z count=42";
  EXPECT_THAT(
      sink.lines,
      ElementsAre(fmt::format("relation domain:example.com resolves_to ipv4:192.0.2.1 {}", stats),
                  fmt::format("relation domain:example.com resolves_to ipv4:192.0.2.2 {}", stats),
                  "observe domain:example.com hits=42 time=2024-05-02T00:00:00Z"));
}

TEST(CofFormatTest, CnameIsAnAliasRelation) {
  auto sink = Parse(R"({"rrname":"WWW.Example.COM.","rrtype":"CNAME","rdata":"Edge.Example.NET.",)"
                    R"("time_first":1714521600,"time_last":1714521600})");
  ASSERT_EQ(sink.lines.size(), 2u);
  EXPECT_EQ(sink.lines[0],
            "relation domain:www.example.com cname domain:edge.example.net "
            "first=2024-05-01T00:00:00Z last=2024-05-01T00:00:00Z count=1");
}

TEST(CofFormatTest, OtherTypesAreSkippedWithoutLookingAtTheirNames) {
  auto sink = Parse(R"({"rrname":"_dmarc.corp.local","rrtype":"TXT","rdata":"v=DMARC1",)"
                    R"("time_first":1,"time_last":2})"
                    "\n"
                    R"({"rrname":"example.com","rrtype":"NS","rdata":["a.iana-servers.net."],)"
                    R"("time_first":1,"time_last":2})"
                    "\n"
                    R"({"rrname":"example.com","rrtype":15,"rdata":"10 mx.example.com.",)"
                    R"("time_first":1,"time_last":2})");
  EXPECT_TRUE(sink.lines.empty());
  EXPECT_EQ(sink.skipped, 3u);
}

TEST(CofFormatTest, CountsAreClampedAndDefaulted) {
  auto count_of = [](std::string_view count) {
    auto sink = Parse(fmt::format(
        R"({{"rrname":"example.com","rrtype":"A","rdata":"192.0.2.1","time_first":1714521600,)"
        R"("time_last":1714521600{}}})",
        count));
    return sink.lines.empty() ? std::string() : sink.lines.back();
  };
  EXPECT_THAT(count_of(""), HasSubstr("hits=1 "));
  EXPECT_THAT(count_of(R"(,"count":0)"), HasSubstr("hits=1 "));
  EXPECT_THAT(count_of(R"(,"count":"97167")"), HasSubstr("hits=97167 "));
  EXPECT_THAT(count_of(R"(,"count":18446744073709551615)"),
              HasSubstr(fmt::format("hits={} ", kMaxCofCount)));
  EXPECT_THAT(count_of(R"(,"count":1e30)"), HasSubstr(fmt::format("hits={} ", kMaxCofCount)));
  EXPECT_THAT(count_of(R"(,"count":-1)"), HasSubstr("count \"-1\": not a non-negative integer"));
  EXPECT_THAT(count_of(R"(,"count":2.5)"), HasSubstr("count \"2.5\": not a non-negative integer"));
}

TEST(CofFormatTest, TimesMustBeOrderedSeconds) {
  auto sink = Parse(
      R"({"rrname":"example.com","rrtype":"A","rdata":"192.0.2.1","time_first":20,"time_last":10})"
      "\n"
      R"({"rrname":"example.com","rrtype":"A","rdata":"192.0.2.1","time_first":1714521600123})");
  EXPECT_EQ(sink.rejected, 2u);
  EXPECT_EQ(sink.lines[0], "reject @1 time_last 10 is before time_first 20");
  EXPECT_EQ(sink.lines[1], "reject @2 time_first \"1714521600123\": not a Unix time in seconds");
}

TEST(CofFormatTest, ReadsDnsdbSafLines) {
  auto sink = Parse(R"({"cond":"begin"})"
                    "\n"
                    R"({"obj":{"count":2,"time_first":1714521600,"time_last":1714521600,)"
                    R"("rrname":"a.example.com.",)"
                    R"("rrtype":"AAAA","bailiwick":"example.com.","rdata":["2001:db8::5"]}})"
                    "\n"
                    R"({"cond":"succeeded"})");
  EXPECT_EQ(sink.skipped, 2u);
  EXPECT_EQ(sink.relations, 1u);
  EXPECT_THAT(sink.lines[0], HasSubstr("domain:a.example.com resolves_to ipv6:2001:db8::5"));
}

}  // namespace
}  // namespace loupe
