#include "loupe/formats/pdns/zeek_dns_format.h"

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
  auto parser = MakeZeekDnsParser();
  testing::RecordingSink sink;
  EXPECT_OK(ParseBuffer(*parser, "dns.log", input, sink));
  return sink;
}

constexpr std::string_view kHeader =
    "#separator \\x09\n"
    "#set_separator\t,\n"
    "#empty_field\t(empty)\n"
    "#unset_field\t-\n"
    "#path\tdns\n"
    "#fields\tts\tquery\tqtype_name\trcode_name\tanswers\n"
    "#types\ttime\tstring\tstring\tstring\tvector[string]\n";

constexpr std::string_view kStats = "first=2024-05-01T10:00:00Z last=2024-05-01T10:00:00Z count=1";

TEST(ZeekDnsFormatTest, Goldens) {
  testing::RunGoldenCases("zeek-dns", [] { return MakeZeekDnsParser(); });
}

TEST(ZeekDnsFormatTest, NamesInAnswersAreTheCnameChain) {
  auto sink = Parse(std::string(kHeader) +
                    "1714557600.250000\twww.example.com\tA\tNOERROR\t"
                    "www.example.com.cdn.net,edge.cdn.net,192.0.2.1,192.0.2.2\n");
  EXPECT_THAT(
      sink.lines,
      ElementsAre(
          fmt::format("relation domain:www.example.com cname domain:www.example.com.cdn.net {}",
                      kStats),
          fmt::format("relation domain:www.example.com.cdn.net cname domain:edge.cdn.net {}",
                      kStats),
          fmt::format("relation domain:edge.cdn.net resolves_to ipv4:192.0.2.1 {}", kStats),
          fmt::format("relation domain:www.example.com resolves_to ipv4:192.0.2.1 {}", kStats),
          fmt::format("relation domain:edge.cdn.net resolves_to ipv4:192.0.2.2 {}", kStats),
          fmt::format("relation domain:www.example.com resolves_to ipv4:192.0.2.2 {}", kStats),
          "observe domain:www.example.com hits=1 time=2024-05-01T10:00:00Z"));
}

TEST(ZeekDnsFormatTest, ColumnOrderAndSeparatorsComeFromTheHeader) {
  auto sink = Parse(
      "#separator |\n"
      "#set_separator|;\n"
      "#unset_field|NONE\n"
      "#fields|answers|query|ts|rcode_name\n"
      "192.0.2.1;192.0.2.2|example.com|1714557600|NOERROR\n"
      "NONE|example.org|1714557600|NONE\n");
  EXPECT_EQ(sink.relations, 2u);
  EXPECT_EQ(sink.skipped, 5u);  // 4 header lines and the unanswered query
  EXPECT_THAT(sink.lines[1], HasSubstr("domain:example.com resolves_to ipv4:192.0.2.2"));
}

TEST(ZeekDnsFormatTest, SkipsOtherTypesRcodesAndUnanswered) {
  auto sink = Parse(std::string(kHeader) +
                    "1714557600.1\texample.com\tMX\tNOERROR\tmx.example.com\n"
                    "1714557600.1\tnx.example.com\tA\tNXDOMAIN\t-\n"
                    "1714557600.1\tslow.example.com\tA\t-\t-\n"
                    "1714557600.1\tnodata.example.com\tAAAA\tNOERROR\t(empty)\n");
  EXPECT_TRUE(sink.lines.empty());
  EXPECT_EQ(sink.skipped, 7u + 4u);
}

TEST(ZeekDnsFormatTest, ReadsJsonLines) {
  auto sink = Parse(
      R"({"ts":1714557600.25,"uid":"CHhAvVGS1DHFjwGM9","query":"www.example.com",)"
      R"("qtype_name":"AAAA","rcode_name":"NOERROR","answers":["2001:db8::7"],"rejected":false})"
      "\n"
      R"({"ts":"2024-05-01T10:00:00.250000Z","query":"example.net","qtype":1,"rcode":0,)"
      R"("answers":["192.0.2.9"]})");
  EXPECT_THAT(
      sink.lines,
      ElementsAre(
          fmt::format("relation domain:www.example.com resolves_to ipv6:2001:db8::7 {}", kStats),
          "observe domain:www.example.com hits=1 time=2024-05-01T10:00:00Z",
          fmt::format("relation domain:example.net resolves_to ipv4:192.0.2.9 {}", kStats),
          "observe domain:example.net hits=1 time=2024-05-01T10:00:00Z"));
}

TEST(ZeekDnsFormatTest, RejectsLogsThatAreNotDnsLogs) {
  auto sink = Parse("#fields\tts\tuid\tid.orig_h\n1714557600.1\tCx\t10.0.0.1\n");
  ASSERT_EQ(sink.rejected, 1u);
  EXPECT_EQ(sink.lines[0], "reject @2 #fields has no \"query\" column (not a Zeek dns.log)");
}

}  // namespace
}  // namespace loupe
