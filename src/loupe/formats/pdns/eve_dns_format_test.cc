#include "loupe/formats/pdns/eve_dns_format.h"

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

std::vector<std::string> Parse(std::string_view input) {
  auto parser = MakeEveDnsParser();
  testing::RecordingSink sink;
  EXPECT_OK(ParseBuffer(*parser, "eve.json", input, sink));
  return sink.lines;
}

// One EVE dns event at 2024-05-01T10:00:00Z with the given dns object.
std::string Event(std::string_view dns, std::string_view flow = "1") {
  return fmt::format(
      R"({{"timestamp":"2024-05-01T10:00:00.123456+0000","flow_id":{},"event_type":"dns",)"
      R"("src_ip":"10.0.0.5","src_port":53211,"dest_ip":"10.0.0.53","dest_port":53,)"
      R"("proto":"UDP","dns":{}}})",
      flow, dns);
}

constexpr std::string_view kStats = "first=2024-05-01T10:00:00Z last=2024-05-01T10:00:00Z count=1";

TEST(EveDnsFormatTest, Goldens) {
  testing::RunGoldenCases("eve-dns", [] { return MakeEveDnsParser(); });
}

TEST(EveDnsFormatTest, FollowsTheCnameChainToTheAddresses) {
  auto lines = Parse(Event(
      R"({"version":2,"type":"answer","id":1,"rrname":"a.example.com","rrtype":"A",)"
      R"("rcode":"NOERROR",)"
      R"("answers":[{"rrname":"a.example.com","rrtype":"CNAME","ttl":60,"rdata":"b.example.net"},)"
      R"({"rrname":"b.example.net","rrtype":"CNAME","ttl":60,"rdata":"c.example.org"},)"
      R"({"rrname":"c.example.org","rrtype":"A","ttl":60,"rdata":"192.0.2.7"}]})"));
  EXPECT_THAT(
      lines, ElementsAre(
                 fmt::format("relation domain:a.example.com cname domain:b.example.net {}", kStats),
                 fmt::format("relation domain:b.example.net cname domain:c.example.org {}", kStats),
                 fmt::format("relation domain:c.example.org resolves_to ipv4:192.0.2.7 {}", kStats),
                 fmt::format("relation domain:a.example.com resolves_to ipv4:192.0.2.7 {}", kStats),
                 "observe domain:a.example.com hits=1 time=2024-05-01T10:00:00Z"));
}

TEST(EveDnsFormatTest, AddressesOfNamesOutsideTheChainAreNotTheQuerys) {
  auto lines = Parse(Event(
      R"({"version":2,"type":"answer","rrname":"a.example.com","rrtype":"A","rcode":"NOERROR",)"
      R"("answers":[{"rrname":"a.example.com","rrtype":"A","rdata":"192.0.2.1"},)"
      R"({"rrname":"other.example.com","rrtype":"A","rdata":"192.0.2.2"}]})"));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_THAT(lines[1], HasSubstr("domain:other.example.com resolves_to ipv4:192.0.2.2"));
  EXPECT_THAT(lines[2], HasSubstr("observe domain:a.example.com hits=1"));
}

TEST(EveDnsFormatTest, SkipsQueriesFailuresOtherTypesAndOtherEvents) {
  auto parser = MakeEveDnsParser();
  testing::RecordingSink sink;
  std::string input =
      Event(R"({"type":"query","id":1,"rrname":"a.example.com","rrtype":"A"})") + "\n" +
      Event(R"({"version":2,"type":"answer","rrname":"nx.example.com","rrtype":"A",)"
            R"("rcode":"NXDOMAIN"})") +
      "\n" +
      Event(R"({"version":2,"type":"answer","rrname":"example.com","rrtype":"MX",)"
            R"("rcode":"NOERROR","answers":[{"rrname":"example.com","rrtype":"MX",)"
            R"("rdata":"mx.example.com"}]})") +
      "\n" +
      R"({"timestamp":"2024-05-01T10:00:00.000000+0000","event_type":"alert",)"
      R"("dns":{"version":2,"type":"answer","answers":[{"rrname":"a.example.com",)"
      R"("rrtype":"A","rdata":"192.0.2.1"}]}})" +
      "\n";
  ASSERT_OK(ParseBuffer(*parser, "eve.json", input, sink));
  EXPECT_TRUE(sink.lines.empty()) << sink.lines[0];
  EXPECT_EQ(sink.skipped, 4u);
}

TEST(EveDnsFormatTest, VersionOneLinesOfOneResponseFormOneSet) {
  std::string cname = Event(
      R"({"type":"answer","id":7,"rcode":"NOERROR","rrname":"www.example.com","rrtype":"CNAME",)"
      R"("ttl":60,"rdata":"edge.example.net"})",
      "42");
  std::string a =
      Event(R"({"type":"answer","id":7,"rcode":"NOERROR","rrname":"edge.example.net","rrtype":"A",)"
            R"("ttl":60,"rdata":"198.51.100.4"})",
            "42");
  std::string other =
      Event(R"({"type":"answer","id":8,"rcode":"NOERROR","rrname":"edge.example.net","rrtype":"A",)"
            R"("ttl":60,"rdata":"198.51.100.5"})",
            "43");
  auto lines = Parse(cname + "\n" + a + "\n" + other + "\n");
  EXPECT_THAT(
      lines,
      ElementsAre(
          fmt::format("relation domain:www.example.com cname domain:edge.example.net {}", kStats),
          "observe domain:www.example.com hits=1 time=2024-05-01T10:00:00Z",
          fmt::format("relation domain:edge.example.net resolves_to ipv4:198.51.100.4 {}", kStats),
          fmt::format("relation domain:www.example.com resolves_to ipv4:198.51.100.4 {}", kStats),
          fmt::format("relation domain:edge.example.net resolves_to ipv4:198.51.100.5 {}", kStats),
          "observe domain:edge.example.net hits=1 time=2024-05-01T10:00:00Z"));
}

TEST(EveDnsFormatTest, GoodAnswersSurviveABadOneAndTheLineIsRejectedOnce) {
  auto parser = MakeEveDnsParser();
  testing::RecordingSink sink;
  ASSERT_OK(ParseBuffer(
      *parser, "eve.json",
      Event(
          R"({"version":2,"type":"answer","rrname":"a.example.com","rrtype":"A","rcode":"NOERROR",)"
          R"("answers":[{"rrname":"a.example.com","rrtype":"A","rdata":"192.0.2.300"},)"
          R"({"rrname":"a.example.com","rrtype":"A","rdata":"::1"},)"
          R"({"rrname":"a.example.com","rrtype":"A","rdata":"192.0.2.3"}]})"),
      sink));
  EXPECT_EQ(sink.relations, 1u);
  EXPECT_EQ(sink.observations, 1u);
  ASSERT_EQ(sink.rejected, 1u);
  EXPECT_THAT(sink.lines.back(),
              HasSubstr("reject @1 dns.answers[].rdata \"192.0.2.300\": not a valid IPv4"));
}

TEST(EveDnsFormatTest, NamesAreCanonical) {
  auto lines =
      Parse(Event(R"({"version":2,"type":"answer","rrname":"WWW.Example.COM.","rrtype":"AAAA",)"
                  R"("rcode":"NOERROR","answers":[{"rrname":"WWW.Example.COM.","rrtype":"AAAA",)"
                  R"("rdata":"2001:0db8:0000:0000:0000:0000:0000:0001"}]})"));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], HasSubstr("domain:www.example.com resolves_to ipv6:2001:db8::1"));
}

TEST(EveDnsFormatTest, RejectsWhatIsNotEve) {
  auto parser = MakeEveDnsParser();
  testing::RecordingSink sink;
  ASSERT_OK(ParseBuffer(*parser, "eve.json", "{\"a\":\n[1,2]\n{\"timestamp\":\"x\"}\n\n", sink));
  EXPECT_EQ(sink.rejected, 3u);
  EXPECT_EQ(sink.skipped, 1u);
  EXPECT_THAT(sink.lines[0], HasSubstr("reject @1 unreadable JSON"));
  EXPECT_EQ(sink.lines[1], "reject @2 not a JSON object");
  EXPECT_EQ(sink.lines[2], "reject @3 event_type: missing (not a Suricata EVE record)");
}

}  // namespace
}  // namespace loupe
