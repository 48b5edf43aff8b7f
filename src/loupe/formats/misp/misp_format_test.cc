#include "loupe/formats/misp/misp_format.h"

#include <filesystem>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"

namespace loupe {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr std::string_view kUuid = "5bbe52cb-40b0-4bda-8140-79220a016219";

testing::RecordingSink Parse(std::string_view json) {
  testing::RecordingSink sink;
  auto parser = MakeMispParser();
  EXPECT_OK(ParseBuffer(*parser, "event.json", json, sink));
  return sink;
}

// An event with the given info, event tags (JSON array text) and attributes.
std::string Event(std::string_view info, std::string_view tags, std::string_view attributes,
                  std::string_view objects = "[]") {
  return fmt::format(
      R"({{"Event": {{"uuid": "{}", "info": "{}", "date": "2018-10-10", "Tag": {},
          "Attribute": {}, "Object": {}}}}})",
      kUuid, info, tags, attributes, objects);
}

std::string Attr(std::string_view type, std::string_view value, bool to_ids = true,
                 std::string_view category = "Network activity") {
  return fmt::format(
      R"({{"uuid": "a1", "type": "{}", "category": "{}", "to_ids": {}, "timestamp": "1539199734",
          "deleted": false, "value": "{}"}})",
      type, category, to_ids ? "true" : "false", value);
}

TEST(MispFormatTest, IpPortKeepsThePort) {
  auto sink = Parse(Event("SSHDoor", "[]", "[" + Attr("ip-dst|port", "94.75.207.3|35247") + "]"));
  EXPECT_THAT(sink.lines, ElementsAre("indicator ipv4:94.75.207.3 port=35247 cats=malicious "
                                      "first=2018-10-10T00:00:00Z last=2018-10-10T19:28:54Z "
                                      "ref=misp:event/5bbe52cb-40b0-4bda-8140-79220a016219"));
}

TEST(MispFormatTest, FilenameHashGivesTheHashAndItsName) {
  auto sink = Parse(
      Event("Zebrocy", "[]",
            "[" +
                Attr("filename|sha256",
                     "joiner.dll|DD2C989E93AE3D0AB9F43991EEE33C7E4CF8794AB469196DCCC7C26DD2A1411A",
                     true, "Payload installation") +
                "]"));
  const std::string hash = "dd2c989e93ae3d0ab9f43991eee33c7e4cf8794ab469196dccc7c26dd2a1411a";
  ASSERT_EQ(sink.lines.size(), 2u);
  EXPECT_THAT(sink.lines[0], StartsWith("indicator sha256:" + hash + " cats=malware "));
  EXPECT_EQ(sink.lines[1], "attribute sha256:" + hash + " kind=4 item=\"joiner.dll\" value=");
}

TEST(MispFormatTest, DomainIpGivesBothAndTheResolution) {
  auto sink = Parse(Event("x", "[]", "[" + Attr("domain|ip", "Evil.example.com|192.0.2.1") + "]"));
  EXPECT_THAT(sink.lines, ElementsAre(StartsWith("indicator domain:evil.example.com "),
                                      StartsWith("indicator ipv4:192.0.2.1 "),
                                      StartsWith("relation domain:evil.example.com resolves_to "
                                                 "ipv4:192.0.2.1 first=2018-10-10")));
}

TEST(MispFormatTest, ToIdsFalseIsContextWithLowerConfidence) {
  auto sink = Parse(Event("x", "[]", "[" + Attr("domain", "c2.example.com", false) + "]"));
  ASSERT_EQ(sink.lines.size(), 1u);
  // No detection flag: no "malicious" from Network activity, confidence 40.
  EXPECT_THAT(sink.lines[0], AllOf(HasSubstr("conf=40"), Not(HasSubstr("cats="))));
}

TEST(MispFormatTest, CategoriesFollowTheMispCategory) {
  auto sink =
      Parse(Event("x", "[]",
                  "[" + Attr("url", "http://a.example.com/x.exe", true, "Payload delivery") + "," +
                      Attr("md5", "d41d8cd98f00b204e9800998ecf8427e", true, "Artifacts dropped") +
                      "," + Attr("ip-src", "192.0.2.9", true, "External analysis") + "]"));
  ASSERT_EQ(sink.lines.size(), 3u);
  EXPECT_THAT(sink.lines[0], HasSubstr(" cats=payload_delivery "));
  EXPECT_THAT(sink.lines[1], HasSubstr(" cats=malware "));
  EXPECT_THAT(sink.lines[2], Not(HasSubstr("cats=")));
}

TEST(MispFormatTest, TagsGiveLabelsCategoriesAndTheAptReport) {
  auto sink = Parse(Event("Turla Crutch",
                          R"([{"name": "tlp:white"}, {"name": "Type:OSINT"},
                              {"name": "misp-galaxy:threat-actor=\"Turla Group\""}])",
                          "[" + Attr("domain", "c2.example.com") + "]"));
  ASSERT_EQ(sink.lines.size(), 2u);
  EXPECT_THAT(sink.lines[0], HasSubstr(" cats=malicious,apt labels=tlp:white|Turla Group "));
  EXPECT_EQ(sink.lines[1],
            "attribute domain:c2.example.com kind=7 item=\"5bbe52cb-40b0-4bda-8140-79220a016219\" "
            "value={\"id\":\"5bbe52cb-40b0-4bda-8140-79220a016219\",\"title\":\"Turla Crutch\"}");
}

TEST(MispFormatTest, InfoMentioningAptGivesTheReportWithoutACategory) {
  auto sink = Parse(Event("APT28 phishing", "[]", "[" + Attr("domain", "c2.example.com") + "]"));
  ASSERT_EQ(sink.lines.size(), 2u);
  EXPECT_THAT(sink.lines[0], HasSubstr(" cats=malicious "));
  EXPECT_THAT(sink.lines[1], StartsWith("attribute domain:c2.example.com kind=7 "));
}

TEST(MispFormatTest, OtherEventsGiveNoReport) {
  auto sink = Parse(Event("Glupteba IoCs", R"([{"name": "Glupteba"}])",
                          "[" + Attr("domain", "c2.example.com") + "]"));
  EXPECT_THAT(sink.lines, ElementsAre(HasSubstr(" labels=Glupteba ")));
}

TEST(MispFormatTest, BadAttributesAreRejectedWithTypeUuidAndPosition) {
  auto sink =
      Parse(Event("x", "[]",
                  "[" + Attr("domain", "ok.example.com") + "," + Attr("ip-dst", "256.1.1.1") + "," +
                      Attr("ip-dst|port", "192.0.2.1|0") + "]"));
  EXPECT_EQ(sink.indicators, 1u);
  EXPECT_THAT(sink.lines, Contains(StartsWith("reject @2 ip-dst a1: not a valid IPv4")));
  EXPECT_THAT(sink.lines, Contains("reject @3 ip-dst|port a1: not a valid port: '0'"));
}

TEST(MispFormatTest, DeletedAndUninterestingAttributesAreSkipped) {
  auto sink = Parse(Event("x", "[]",
                          R"([{"type": "ip-dst", "deleted": true, "value": "not an ip"},
          {"type": "link", "category": "External analysis", "value": "https://blog.example.com/"},
          {"type": "url", "category": "External analysis", "value": "https://blog.example.com/"},
          {"type": "uri", "category": "Network activity", "value": "/gate.php"},
          {"type": "mutex", "category": "Artifacts dropped", "value": "Global\\x"}])"));
  EXPECT_EQ(sink.lines.size(), 0u);
  EXPECT_EQ(sink.skipped, 5u);
}

TEST(MispFormatTest, FileObjectsGiveFileInfoNamesAndRelations) {
  const std::string objects = R"([
    {"name": "file", "uuid": "f1", "Attribute": [
      {"type": "filename", "object_relation": "filename", "value": "update.exe"},
      {"type": "md5", "object_relation": "md5", "category": "Payload delivery", "to_ids": true,
       "value": "d41d8cd98f00b204e9800998ecf8427e"},
      {"type": "sha256", "object_relation": "sha256", "category": "Payload delivery",
       "to_ids": true,
       "value": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"type": "size-in-bytes", "object_relation": "size-in-bytes", "value": "1024"}],
     "ObjectReference": [{"referenced_uuid": "u1", "relationship_type": "downloaded-from"}]},
    {"name": "url", "uuid": "u1", "Attribute": [
      {"type": "url", "object_relation": "url", "category": "Network activity", "to_ids": true,
       "value": "http://dl.example.com/update.exe"}]}])";
  auto sink = Parse(Event("x", "[]", "[]", objects));
  const std::string md5 = "md5:d41d8cd98f00b204e9800998ecf8427e";
  const std::string sha256 =
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const std::string info =
      R"({"size":1024,"md5":"d41d8cd98f00b204e9800998ecf8427e","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"})";
  EXPECT_THAT(sink.lines, Contains("attribute " + md5 + " kind=3 item=\"\" value=" + info));
  EXPECT_THAT(sink.lines, Contains("attribute " + sha256 + " kind=3 item=\"\" value=" + info));
  EXPECT_THAT(sink.lines, Contains("attribute " + sha256 + " kind=4 item=\"update.exe\" value="));
  EXPECT_THAT(sink.lines, Contains(StartsWith("relation url:http://dl.example.com/update.exe "
                                              "downloaded_file " +
                                              sha256 + " ")));
  EXPECT_EQ(sink.relations, 1u);
}

TEST(MispFormatTest, AcceptsEveryDocumentShape) {
  const std::string event = R"({"uuid": "e1", "Attribute": [{"type": "domain",
      "category": "Network activity", "to_ids": true, "value": "c2.example.com"}]})";
  for (const std::string& doc :
       {event, R"({"Event": )" + event + "}", R"({"response": [{"Event": )" + event + "}]}",
        "[" + event + ", {\"Event\": " + event + "}]"}) {
    auto sink = Parse(doc);
    EXPECT_GE(sink.indicators, 1u) << doc;
    EXPECT_EQ(sink.rejected, 0u) << doc;
  }
}

TEST(MispFormatTest, RejectsWhatIsNotAMispEvent) {
  EXPECT_THAT(Parse("{\"Event\": ").lines, ElementsAre(StartsWith("reject @1 not valid JSON: ")));
  EXPECT_THAT(Parse(R"({"duvelDetails": {}})").lines,
              ElementsAre(StartsWith("reject @1 not a MISP event: no Event, response")));
  EXPECT_THAT(Parse("42").lines,
              ElementsAre("reject @1 not a MISP event: the document is a number"));
  EXPECT_THAT(Parse("[1]").lines, ElementsAre("reject @1 event: not a JSON object"));
}

TEST(MispFormatTest, ParsesEveryEsetEvent) {
  // Every MISP JSON in the ESET corpus parses without failing the run (a few events hold
  // only detection names, file paths and e-mail addresses, so yield no indicator); the
  // two files that are no MISP event are one rejection each.
  const std::filesystem::path root = testing::SharedData("eset-malware-ioc");
  int files = 0;
  uint64_t indicators = 0;
  std::vector<std::string> rejections;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    SCOPED_TRACE(entry.path().string());
    testing::RecordingSink sink;
    auto parser = MakeMispParser();
    ASSERT_OK(ParseFile(*parser, entry.path().string(), sink));
    const std::string name = entry.path().filename().string();
    if (name == "malicious_pypi_packages.misp-event.json" ||
        name == "rqz-dnsduvel_blocklist.json") {
      EXPECT_EQ(sink.rejected, 1u);
      EXPECT_EQ(sink.indicators, 0u);
    } else {
      indicators += sink.indicators;
      for (const std::string& line : sink.lines) {
        if (line.starts_with("reject")) rejections.push_back(name + " " + line);
      }
    }
  }
  EXPECT_GE(files, 50);
  EXPECT_GT(indicators, 2500u);
  EXPECT_LT(rejections.size(), 10u) << ::testing::PrintToString(rejections);
}

TEST(MispFormatTest, Goldens) {
  testing::RunGoldenCases("misp", [] { return MakeMispParser(); });
}

}  // namespace
}  // namespace loupe
