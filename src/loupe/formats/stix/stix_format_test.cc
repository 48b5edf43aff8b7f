#include "loupe/formats/stix/stix_format.h"

#include <string>
#include <vector>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"

namespace loupe {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

testing::RecordingSink Parse(std::string_view json) {
  testing::RecordingSink sink;
  auto parser = MakeStixParser();
  EXPECT_OK(ParseBuffer(*parser, "test.json", json, sink));
  return sink;
}

std::string Bundle(const std::vector<std::string>& objects) {
  std::string out = R"({"type": "bundle", "id": "bundle--1", "objects": [)";
  for (size_t i = 0; i < objects.size(); ++i) {
    if (i > 0) out += ",";
    out += objects[i];
  }
  return out + "]}";
}

std::string Indicator(std::string_view id, std::string_view pattern, std::string_view extra = "") {
  return fmt::format(R"({{"type": "indicator", "id": "{}", "created": "2024-01-01T00:00:00Z",)"
                     R"( "modified": "2024-01-02T00:00:00Z", "valid_from": "2024-01-01T00:00:00Z",)"
                     R"( "pattern": "{}"{}}})",
                     id, pattern, extra);
}

std::string Named(std::string_view type, std::string_view id, std::string_view name,
                  std::string_view extra = "") {
  return fmt::format(R"({{"type": "{}", "id": "{}", "name": "{}"{}}})", type, id, name, extra);
}

std::string Rel(std::string_view type, std::string_view from, std::string_view to) {
  return fmt::format(
      R"({{"type": "relationship", "id": "relationship--{}-{}-{}", "relationship_type": "{}",)"
      R"( "source_ref": "{}", "target_ref": "{}", "created": "2024-01-03T00:00:00Z",)"
      R"( "modified": "2024-01-04T00:00:00Z"}})",
      type, from, to, type, from, to);
}

std::string Sco(std::string_view type, std::string_view id, std::string_view value) {
  return fmt::format(R"({{"type": "{}", "id": "{}", "value": "{}"}})", type, id, value);
}

TEST(StixFormatTest, Golden) {
  testing::RunGoldenCases("stix", [] { return MakeStixParser(); });
}

TEST(StixFormatTest, IndicatesLendsTargetNamesAndFollowsAttributionOneHop) {
  auto sink = Parse(Bundle({
      Indicator("indicator--a", "[domain-name:value = 'evil.example.com']"),
      Indicator("indicator--b", "[ipv4-addr:value = '1.2.3.4']"),
      Indicator("indicator--c", "[ipv4-addr:value = '1.2.3.5']"),
      Named("malware", "malware--m", "Conti", R"(, "malware_types": ["ransomware", "odd"])"),
      Named("campaign", "campaign--c", "Wave 3"),
      Named("intrusion-set", "intrusion-set--i", "Wizard Spider"),
      Named("threat-actor", "threat-actor--t", "Bob"),
      Rel("attributed-to", "malware--m", "intrusion-set--i"),
      Rel("attributed-to", "campaign--c", "threat-actor--t"),
      Rel("attributed-to", "intrusion-set--i", "threat-actor--t"),  // a second hop: not followed
      Rel("indicates", "indicator--a", "malware--m"),
      Rel("indicates", "indicator--b", "campaign--c"),
      Rel("indicates", "indicator--c", "attack-pattern--x"),  // not a named target
  }));
  ASSERT_EQ(sink.indicators, 3u);
  EXPECT_THAT(sink.lines[0],
              HasSubstr("domain:evil.example.com cats=malicious,malware,ransomware,apt "
                        "labels=Conti|Wizard Spider "));
  EXPECT_THAT(sink.lines[1], HasSubstr("ipv4:1.2.3.4 cats=malicious,apt labels=Wave 3|Bob "));
  EXPECT_THAT(sink.lines[2], HasSubstr("ipv4:1.2.3.5 cats=malicious first="));
  EXPECT_EQ(sink.skipped, 10u);  // 4 named objects, 6 relationships
}

TEST(StixFormatTest, IndicatorWordsBecomeCategoriesOrLabels) {
  auto sink = Parse(Bundle({
      Indicator("indicator--1", "[ipv4-addr:value = '1.2.3.4']",
                R"(, "labels": ["anomalous-activity", "Emotet"])"),
      Indicator("indicator--2", "[ipv4-addr:value = '1.2.3.5']",
                R"(, "indicator_types": ["benign"], "confidence": 0)"),
      Indicator("indicator--3", "[ipv4-addr:value = '1.2.3.6']",
                R"(, "indicator_types": ["compromised", "attribution", "unknown"])"),
      Indicator("indicator--4", "[ipv4-addr:value = '1.2.3.7']", R"(, "labels": ["C2"])"),
  }));
  ASSERT_EQ(sink.lines.size(), 4u);
  EXPECT_THAT(sink.lines[0], HasSubstr("ipv4:1.2.3.4 cats=suspicious labels=Emotet first="));
  EXPECT_THAT(sink.lines[1], HasSubstr("ipv4:1.2.3.5 cats=benign conf=0 first="));
  EXPECT_THAT(sink.lines[2], HasSubstr("ipv4:1.2.3.6 cats=malicious,apt labels=unknown first="));
  EXPECT_THAT(sink.lines[3], HasSubstr("ipv4:1.2.3.7 cats=c2 first="));
}

TEST(StixFormatTest, TimesValidUntilAndReferences) {
  auto sink = Parse(Bundle({
      Indicator(
          "indicator--1", "[ipv4-addr:value = '1.2.3.4']",
          R"(, "valid_until": "2024-01-05T00:00:00Z", "external_references": [)"
          R"({"source_name": "x"}, {"source_name": "blog", "url": "https://blog.example/p"}])"),
      R"({"type": "indicator", "id": "indicator--2", "created": "2023-12-30T00:00:00Z",)"
      R"( "modified": "2024-01-02T00:00:00Z", "pattern": "[ipv4-addr:value = '1.2.3.5']"})",
      R"({"type": "report", "id": "report--r", "name": "Big report",)"
      R"( "object_refs": ["indicator--1", "indicator--2"]})",
  }));
  ASSERT_EQ(sink.lines.size(), 4u);
  EXPECT_EQ(sink.lines[0],
            "indicator ipv4:1.2.3.4 cats=malicious first=2024-01-01T00:00:00Z "
            "last=2024-01-02T00:00:00Z ref=https://blog.example/p");
  EXPECT_EQ(sink.lines[1],
            "indicator ipv4:1.2.3.5 cats=malicious first=2023-12-30T00:00:00Z "
            "last=2024-01-02T00:00:00Z ref=Big report");
  EXPECT_EQ(
      sink.lines[2],
      R"(attribute ipv4:1.2.3.4 kind=8 item="report--r" value={"id":"report--r","title":"Big report"})");
}

TEST(StixFormatTest, OnlyReportsNamingAnActorAreAptReports) {
  auto sink = Parse(Bundle({
      Indicator("indicator--1", "[ipv4-addr:value = '1.2.3.4']", ""),
      R"({"type": "intrusion-set", "id": "intrusion-set--a", "name": "APT99"})",
      R"({"type": "report", "id": "report--apt", "name": "APT99 returns",)"
      R"( "object_refs": ["indicator--1", "intrusion-set--a"]})",
      R"({"type": "report", "id": "report--crime", "name": "Invoice lures",)"
      R"( "object_refs": ["indicator--1"]})",
  }));
  EXPECT_THAT(sink.lines, ::testing::Contains(HasSubstr("kind=7 item=\"report--apt\"")));
  EXPECT_THAT(sink.lines, ::testing::Contains(HasSubstr("kind=8 item=\"report--crime\"")));
}

TEST(StixFormatTest, RelationsBetweenSingleValuesWhereLoupeHasThem) {
  const std::string sha = "63b711843ed97bf32edc7969506ddd464d250960191f51710a596c143d67fa79";
  const std::string md5 = "ab40e35c1f73992b9a276ea9bbbc18d3";
  auto sink = Parse(Bundle({
      Sco("domain-name", "domain-name--d", "a.example.com"),
      Sco("ipv4-addr", "ipv4-addr--i", "1.2.3.4"),
      Sco("url", "url--u", "http://a.example.com/x.exe"),
      fmt::format(
          R"({{"type": "file", "id": "file--f", "hashes": {{"MD5": "{}", "SHA-256": "{}"}}}})", md5,
          sha),
      Indicator("indicator--two", "[ipv4-addr:value = '1.1.1.1' OR ipv4-addr:value = '2.2.2.2']"),
      Rel("resolves-to", "domain-name--d", "ipv4-addr--i"),
      Rel("communicates-with", "file--f", "url--u"),
      Rel("communicates-with", "file--f", "domain-name--d"),
      Rel("downloads", "url--u", "file--f"),
      Rel("downloads", "ipv4-addr--i", "file--f"),
      Rel("downloads", "domain-name--d", "file--f"),           // no loupe relation: skipped
      Rel("downloads", "file--f", "file--f"),                  // skipped
      Rel("related-to", "domain-name--d", "ipv4-addr--i"),     // skipped
      Rel("resolves-to", "domain-name--d", "indicator--two"),  // two values: skipped
      Rel("resolves-to", "domain-name--d", "ipv4-addr--missing"),
  }));
  std::vector<std::string> relations;
  for (const auto& l : sink.lines) {
    if (l.starts_with("relation ")) relations.push_back(l);
  }
  const std::string stats = "first=2024-01-03T00:00:00Z last=2024-01-04T00:00:00Z count=1";
  EXPECT_THAT(
      relations,
      ElementsAre(
          "relation domain:a.example.com resolves_to ipv4:1.2.3.4 " + stats,
          "relation sha256:" + sha + " accessed_url url:http://a.example.com/x.exe " + stats,
          "relation sha256:" + sha + " contacted_domain domain:a.example.com " + stats,
          "relation url:http://a.example.com/x.exe downloaded_file sha256:" + sha + " " + stats,
          "relation ipv4:1.2.3.4 served_file sha256:" + sha + " " + stats));
  // The file's two hashes are tied by FileInfo.
  EXPECT_EQ(sink.attributes, 2u);
  EXPECT_EQ(sink.rejected, 0u);
}

TEST(StixFormatTest, LatestVersionOfAnIdWins) {
  auto sink = Parse(Bundle({
      R"({"type": "indicator", "id": "indicator--v", "modified": "2024-03-01T00:00:00Z",)"
      R"( "pattern": "[ipv4-addr:value = '1.2.3.4']"})",
      R"({"type": "indicator", "id": "indicator--v", "modified": "2024-02-01T00:00:00Z",)"
      R"( "pattern": "[ipv4-addr:value = '1.2.3.5']"})",
  }));
  EXPECT_EQ(sink.indicators, 1u);
  EXPECT_THAT(sink.lines[0], HasSubstr("ipv4:1.2.3.4"));
  EXPECT_EQ(sink.skipped, 1u);
}

TEST(StixFormatTest, BadDocumentsAreOneRejection) {
  struct Case {
    std::string input;
    std::string line;
  };
  const Case cases[] = {
      {"", "reject @1 not valid JSON: "},
      {"{\"type\": \"bundle\", \"objects\": [", "reject @1 not valid JSON: "},
      {"42", "reject @1 not a STIX bundle, object or array of objects"},
      {R"({"type": "bundle", "objects": {}})", "reject @1 bundle: objects is not an array"},
      {R"({"objects": []})", "reject @1 object has no type"},
      {R"([1])", "reject @1 not a JSON object"},
      {std::string(2000, '[') + std::string(2000, ']'), "reject @1 not valid JSON: "},
  };
  for (const Case& c : cases) {
    auto sink = Parse(c.input);
    ASSERT_EQ(sink.lines.size(), 1u) << c.input;
    EXPECT_THAT(sink.lines[0], HasSubstr(c.line)) << c.input;
  }
  EXPECT_EQ(Parse(R"({"type": "bundle", "id": "bundle--e"})").lines.size(), 0u);
}

TEST(StixFormatTest, ObservedDataObservesAndSightingsCount) {
  auto sink = Parse(Bundle({
      Indicator("indicator--s", "[url:value = 'http://a.example.com/p']"),
      R"({"type": "sighting", "id": "sighting--1", "count": 3, "last_seen": "2024-02-01T00:00:00Z",)"
      R"( "sighting_of_ref": "indicator--s"})",
      R"({"type": "observed-data", "id": "observed-data--1", "first_observed": "2024-01-01T00:00:00Z",)"
      R"( "last_observed": "2024-01-03T00:00:00Z", "number_observed": 5, "objects": {)"
      R"("0": {"type": "domain-name", "value": "a.example.com", "resolves_to_refs": ["1", "9"]},)"
      R"("1": {"type": "ipv4-addr", "value": "1.2.3.4"}, "2": {"type": "x509-certificate"}}})",
  }));
  EXPECT_THAT(sink.lines,
              ElementsAre(HasSubstr("indicator url:http://a.example.com/p"),
                          "observe url:http://a.example.com/p hits=3 time=2024-02-01T00:00:00Z",
                          "observe domain:a.example.com hits=5 time=2024-01-03T00:00:00Z",
                          "relation domain:a.example.com resolves_to ipv4:1.2.3.4 "
                          "first=2024-01-01T00:00:00Z last=2024-01-03T00:00:00Z count=5",
                          "observe ipv4:1.2.3.4 hits=5 time=2024-01-03T00:00:00Z"));
}

}  // namespace
}  // namespace loupe
