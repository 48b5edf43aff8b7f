#include "loupe/formats/cape/cape_format.h"

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"

namespace loupe {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

constexpr std::string_view kMd5 = "3c9b3a9b1cbbd5a3f2f0ad9a1b0f1d2e";
constexpr std::string_view kSha256 =
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

// A minimal report: `verdict` and `network` are spliced in as JSON members.
std::string Report(std::string_view verdict, std::string_view network = R"("network": {})") {
  return fmt::format(
      R"({{"info": {{"started": "2024-11-20 10:20:01", "ended": "2024-11-20 10:24:37"}},
          "target": {{"category": "file", "file": {{"name": "a.exe", "size": 1024,
             "type": "PE32 executable (GUI) Intel 80386, for MS Windows",
             "md5": "{}", "sha256": "{}"}}}},
          {}{}{}}})",
      kMd5, kSha256, verdict, verdict.empty() ? "" : ", ", network);
}

testing::RecordingSink Parse(std::string_view text) {
  testing::RecordingSink sink;
  auto parser = MakeCapeParser();
  EXPECT_OK(ParseBuffer(*parser, "report.json", text, sink));
  return sink;
}

std::vector<std::string> IndicatorLines(const testing::RecordingSink& sink) {
  std::vector<std::string> out;
  for (const auto& line : sink.lines) {
    if (line.starts_with("indicator ")) out.push_back(line);
  }
  return out;
}

TEST(CapeFormatTest, Goldens) {
  testing::RunGoldenCases("cape", [] { return MakeCapeParser(); });
}

TEST(CapeFormatTest, NamedFamilyIsEvidenceOnEveryHash) {
  auto sink = Parse(Report(R"("detections": [{"family": "AgentTesla"}], "malscore": 10.0)"));
  const std::string rest =
      " cats=malware labels=AgentTesla conf=100 first=2024-11-20T10:20:01Z "
      "last=2024-11-20T10:24:37Z";
  EXPECT_THAT(IndicatorLines(sink), ElementsAre(fmt::format("indicator sha256:{}{}", kSha256, rest),
                                                fmt::format("indicator md5:{}{}", kMd5, rest)));
}

TEST(CapeFormatTest, ConfidenceComesFromTheScore) {
  // A family named with a low behavioural score: the family decides.
  auto low = Parse(Report(R"("detections": "Emotet", "malfamily": "emotet", "malscore": 2.0)"));
  EXPECT_THAT(IndicatorLines(low), Contains(HasSubstr("labels=Emotet conf=75 ")));
  // No family, score >= 5: score x 10.
  auto scored = Parse(Report(R"("malscore": 6.5)"));
  EXPECT_THAT(IndicatorLines(scored), Contains(HasSubstr("cats=malware conf=65 ")));
  // Cuckoo's info.score is read when there is no malscore; above 10 is clamped.
  auto cuckoo = Parse(R"({"info": {"score": 12.4}, "signatures": [{"families": ["Dridex"]}],
      "target": {"file": {"md5": "3c9b3a9b1cbbd5a3f2f0ad9a1b0f1d2e"}}})");
  EXPECT_THAT(IndicatorLines(cuckoo), Contains(HasSubstr("labels=Dridex conf=100")));
}

TEST(CapeFormatTest, NoFamilyAndLowScoreGivesNoEvidence) {
  auto sink =
      Parse(Report(R"("malscore": 4.9)",
                   R"("network": {"domains": [{"domain": "ip-api.com", "ip": "208.95.112.1"}]})"));
  EXPECT_EQ(sink.indicators, 0u);
  EXPECT_EQ(sink.attributes, 3u);  // FileInfo x2, FileName
  EXPECT_EQ(sink.relations, 2u);
}

TEST(CapeFormatTest, AttributesOnTheSampleHashes) {
  auto sink = Parse(Report(""));
  const std::string info =
      R"({"size":1024,"format":"PE32 executable (GUI) Intel 80386, for MS Windows",)"
      R"("md5":"3c9b3a9b1cbbd5a3f2f0ad9a1b0f1d2e",)"
      R"("sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"})";
  EXPECT_THAT(
      sink.lines,
      ElementsAre(fmt::format("attribute sha256:{} kind=3 item=\"\" value={}", kSha256, info),
                  fmt::format("attribute md5:{} kind=3 item=\"\" value={}", kMd5, info),
                  fmt::format("attribute sha256:{} kind=4 item=\"a.exe\" value=", kSha256)));
}

TEST(CapeFormatTest, NetworkRelationsOnceEachAndNoiseLeftOut) {
  auto sink = Parse(Report("", R"("network": {
      "hosts": ["149.154.167.220", {"ip": "192.168.56.1"}, {"ip": "149.154.167.220"}],
      "domains": [{"domain": "api.telegram.org", "ip": "149.154.167.220"},
                  {"domain": "wpad", "ip": "10.0.0.1"}],
      "dns": [{"request": "api.telegram.org", "type": "A",
               "answers": [{"type": "A", "data": "149.154.167.220"},
                           {"type": "A", "data": "0.0.0.0"}]},
              {"request": "www.evil.example.com", "type": "A",
               "answers": [{"type": "CNAME", "data": "evil.example.com."}]},
              {"request": "1.56.168.192.in-addr.arpa", "type": "PTR", "answers": []}],
      "http": [{"uri": "/gate.php", "host": "evil.example.com", "port": 8080},
               {"uri": "http://192.168.56.1/wpad.dat"}, {"uri": "http://wpad/wpad.dat"},
               {"host": "fileserver.lan", "uri": "http://fileserver.lan/share/x"}],
      "https_ex": [{"protocol": "https", "host": "api.telegram.org", "dport": 443,
                    "uri": "/bot1:AA/sendMessage"}]})"));
  const std::string t = "first=2024-11-20T10:20:01Z last=2024-11-20T10:24:37Z count=1";
  const std::string file = fmt::format("sha256:{}", kSha256);
  std::vector<std::string> relations;
  for (const auto& line : sink.lines) {
    if (!line.starts_with("attribute ")) relations.push_back(line);
  }
  EXPECT_THAT(
      relations,
      ElementsAre(
          fmt::format("relation {} contacted_domain domain:api.telegram.org {}", file, t),
          fmt::format("relation domain:api.telegram.org resolves_to ipv4:149.154.167.220 {}", t),
          fmt::format("relation {} contacted_domain domain:www.evil.example.com {}", file, t),
          fmt::format("relation domain:www.evil.example.com cname domain:evil.example.com {}", t),
          "observe ipv4:149.154.167.220 hits=1 time=2024-11-20T10:20:01Z",
          fmt::format("relation {} accessed_url url:http://evil.example.com:8080/gate.php {}", file,
                      t),
          fmt::format(
              "relation {} accessed_url url:https://api.telegram.org/bot1:AA/sendMessage {}", file,
              t)));
}

TEST(CapeFormatTest, DamagedNetworkEntriesAreRejectedOneByOne) {
  auto sink = Parse(Report("", R"("network": {"hosts": ["1.2.3"],
      "dns": [{"request": "ok.example.com", "answers": [{"type": "A", "data": "ok.example.com"}]}],
      "http": [{"uri": "http://:80:80/"}, {"uri": "http://ok.example.com/a"}]})"));
  EXPECT_EQ(sink.rejected, 3u);
  EXPECT_THAT(sink.lines, Contains(StartsWith("reject @1 network.hosts[0]: not a valid IPv4")));
  EXPECT_THAT(sink.lines, Contains("reject @1 network.dns[0].answers[0]: not an IP address: "
                                   "\"ok.example.com\""));
  EXPECT_THAT(sink.lines, Contains(StartsWith("reject @1 network.http[0].uri: not a valid URL")));
  EXPECT_THAT(sink.lines, Contains(HasSubstr("accessed_url url:http://ok.example.com/a")));
}

TEST(CapeFormatTest, WholeReportProblems) {
  EXPECT_THAT(Parse("{\"target\": ").lines, ElementsAre(StartsWith("reject @1 not JSON: ")));
  EXPECT_THAT(Parse("[]").lines, ElementsAre(StartsWith("reject @1 not a sandbox report")));
  EXPECT_THAT(Parse(R"({"info": {}})").lines,
              ElementsAre("reject @1 target.file: missing (not a file analysis report)"));
  EXPECT_THAT(Parse(R"({"target": {"file": {"name": "a.exe", "md5": ""}}})").lines,
              ElementsAre("reject @1 target.file: no md5, sha1 or sha256"));
  EXPECT_THAT(Parse(R"({"target": {"file": {"sha256": "abc"}}})").lines,
              ElementsAre(StartsWith("reject @1 target.file.sha256: not a valid")));
  auto url = Parse(R"({"target": {"category": "url", "url": "http://example.com/"}})");
  EXPECT_THAT(url.lines, IsEmpty());
  EXPECT_EQ(url.skipped, 1u);
  EXPECT_EQ(Parse(" \n").skipped, 1u);
}

}  // namespace
}  // namespace loupe
