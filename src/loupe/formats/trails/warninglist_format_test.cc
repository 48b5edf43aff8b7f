#include "loupe/formats/trails/warninglist_format.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"

namespace loupe {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

struct Result {
  std::vector<std::string> lines;
  uint64_t skipped = 0;
};

Result Parse(std::string_view json, std::string_view path = "lists/test-list/list.json") {
  testing::RecordingSink sink;
  auto parser = MakeWarninglistParser();
  EXPECT_OK(ParseBuffer(*parser, path, json, sink));
  return {sink.lines, sink.skipped};
}

TEST(WarninglistFormatTest, TopSitesLists) {
  EXPECT_TRUE(IsTopSitesWarninglist("Top 10K most-used sites from Tranco", ""));
  EXPECT_TRUE(IsTopSitesWarninglist("Top 1000 websites from Cisco Umbrella", ""));
  EXPECT_TRUE(IsTopSitesWarninglist("Top 1,000 domains from Cloudflare Radar", ""));
  EXPECT_TRUE(IsTopSitesWarninglist("x", "entries from the top 500 of the most used domains"));
  EXPECT_TRUE(IsTopSitesWarninglist("Top 1000 website from Alexa", ""));
  EXPECT_FALSE(
      IsTopSitesWarninglist("cisco-umbrella-blockpage-hostname", "Umbrella blockpage hostnames"));
  EXPECT_FALSE(IsTopSitesWarninglist("List of known Office 365 URLs", "laptop 365 stopwatch"));
  EXPECT_FALSE(IsTopSitesWarninglist("LOTS Project Domains", "List of popular legitimate domains"));
}

TEST(WarninglistFormatTest, StringListsTakeAnyIndicator) {
  auto r = Parse(R"({"name": "Top 5 sites", "type": "string", "list":
      ["Google.com", "8.8.8.8", "d41d8cd98f00b204e9800998ecf8427e", "https://a.example.com/x",
       ".microsoft.com", "10.0.0.0/8"]})");
  const std::string tail = " cats=benign,popular labels=Top 5 sites ref=misp-warninglist:test-list";
  EXPECT_THAT(r.lines,
              ElementsAre("indicator domain:google.com" + tail, "indicator ipv4:8.8.8.8" + tail,
                          "indicator md5:d41d8cd98f00b204e9800998ecf8427e" + tail,
                          "indicator url:https://a.example.com/x" + tail,
                          "indicator domain:microsoft.com cats=benign,popular labels=Top 5 "
                          "sites|warninglist-hostname ref=misp-warninglist:test-list",
                          "indicator network:10.0.0.0/8" + tail));
}

TEST(WarninglistFormatTest, TypeDefaultsToString) {
  auto r = Parse(R"({"name": "n", "list": ["example.com"]})", "n.json");
  EXPECT_THAT(r.lines, ElementsAre("indicator domain:example.com cats=benign labels=n "
                                   "ref=misp-warninglist:n"));
}

TEST(WarninglistFormatTest, ByteOrderMarkIsIgnored) {
  EXPECT_THAT(Parse("\xEF\xBB\xBF{\"name\": \"n\", \"list\": [\"example.com\"]}").lines,
              ElementsAre(StartsWith("indicator domain:example.com ")));
}

TEST(WarninglistFormatTest, HostnameListsCoverSubdomains) {
  auto r = Parse(R"({"name": "Dyn", "type": "hostname", "list":
      [".bmw.de", "no-ip.com", "1.1.1.1", "http://x.example.com/"]})");
  EXPECT_THAT(r.lines,
              ElementsAre("indicator domain:bmw.de cats=benign labels=Dyn|warninglist-hostname "
                          "ref=misp-warninglist:test-list",
                          "indicator domain:no-ip.com cats=benign labels=Dyn|warninglist-hostname "
                          "ref=misp-warninglist:test-list",
                          "indicator ipv4:1.1.1.1 cats=benign labels=Dyn "
                          "ref=misp-warninglist:test-list",
                          "reject @4 warninglist: \"http://x.example.com/\" (url) is not a "
                          "hostname, as a hostname list holds"));
}

TEST(WarninglistFormatTest, CidrListsTakeNetworksAndAddresses) {
  auto r = Parse(R"({"name": "Stackpath CDN", "type": "cidr", "list":
      ["103.228.104.0/24", "FE80::/10", "1.0.0.1", "example.com", "10.0.0.0/33"]})");
  EXPECT_THAT(r.lines,
              ElementsAre(StartsWith("indicator network:103.228.104.0/24 cats=benign,cdn "),
                          StartsWith("indicator network:fe80::/10 cats=benign,cdn "),
                          StartsWith("indicator ipv4:1.0.0.1 cats=benign,cdn "),
                          "reject @4 warninglist: \"example.com\" (domain) is not an IP address "
                          "or network, as a cidr list holds",
                          StartsWith("reject @5 warninglist: \"10.0.0.0/33\": ")));
}

TEST(WarninglistFormatTest, ContextCategories) {
  EXPECT_THAT(
      Parse(R"({"name": "List of known sinkholes", "type": "cidr", "list": ["1.2.3.4"]})").lines,
      ElementsAre(StartsWith("indicator ipv4:1.2.3.4 cats=benign,sinkhole ")));
  EXPECT_THAT(Parse(R"({"name": "vpn-ipv4 addresses", "type": "cidr", "list": ["1.2.3.4"]})").lines,
              ElementsAre(StartsWith("indicator ipv4:1.2.3.4 cats=proxy,benign ")));
}

TEST(WarninglistFormatTest, PatternListsAreSkipped) {
  auto r = Parse(R"({"name": "s", "type": "substring", "list": ["abc", "def"]})");
  EXPECT_TRUE(r.lines.empty());
  EXPECT_EQ(r.skipped, 2u);
  r = Parse(R"({"name": "r", "type": "regex", "list": ["/^a.*$/i"]})");
  EXPECT_TRUE(r.lines.empty());
  EXPECT_EQ(r.skipped, 1u);
}

TEST(WarninglistFormatTest, ListsForOtherAttributesAreSkipped) {
  auto r = Parse(R"({"name": "appid", "type": "string",
      "matching_attributes": ["azure-application-id"],
      "list": ["14d82eec-204b-4c2f-b7e8-296a70dab67e"]})");
  EXPECT_TRUE(r.lines.empty());
  EXPECT_EQ(r.skipped, 1u);
  r = Parse(R"({"name": "h", "matching_attributes": ["filename|sha1"],
      "list": ["da39a3ee5e6b4b0d3255bfef95601890afd80709"]})");
  EXPECT_THAT(r.lines, ElementsAre(StartsWith("indicator sha1:")));
}

TEST(WarninglistFormatTest, MatchingAttributesBoundTheTypes) {
  auto r = Parse(R"({"name": "Empty", "matching_attributes": ["md5", "sha1", "ssdeep"],
      "list": ["3::", "d41d8cd98f00b204e9800998ecf8427e", "example.com"]})");
  EXPECT_THAT(r.lines,
              ElementsAre("reject @1 warninglist: \"3::\" (ipv6) is not of a type the list's "
                          "matching_attributes name (md5, sha1)",
                          StartsWith("indicator md5:d41d8cd98f00b204e9800998ecf8427e "),
                          "reject @3 warninglist: \"example.com\" (domain) is not of a type the "
                          "list's matching_attributes name (md5, sha1)"));
  r = Parse(R"({"name": "Pairs", "matching_attributes": ["domain|ip", "ip-dst|port"],
      "list": ["example.com", "192.0.2.0/24", "https://example.com/"]})");
  EXPECT_THAT(r.lines,
              ElementsAre(StartsWith("indicator domain:example.com "),
                          StartsWith("indicator network:192.0.2.0/24 "),
                          "reject @3 warninglist: \"https://example.com/\" (url) is not of a type "
                          "the list's matching_attributes name (ipv4, ipv6, network, domain)"));
}

TEST(WarninglistFormatTest, BadEntriesAndDocuments) {
  EXPECT_THAT(
      Parse(
          R"({"name": "n", "list": ["AAA", 7, "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"]})")
          .lines,
      ElementsAre(StartsWith("reject @1 warninglist: \"AAA\": not a valid domain"),
                  "reject @2 warninglist: entry is not a string",
                  StartsWith("reject @3 warninglist: \"cf83e1357e")));
  EXPECT_THAT(Parse("{\"list\": [").lines,
              ElementsAre(StartsWith("reject @1 warninglist: not valid JSON: ")));
  EXPECT_THAT(Parse(R"(["a.com"])").lines,
              ElementsAre("reject @1 warninglist: not a JSON object with a \"list\" array"));
  EXPECT_THAT(Parse(R"({"type": "glob", "list": []})").lines,
              ElementsAre("reject @1 warninglist: unknown type \"glob\" (string, substring, "
                          "hostname, cidr, regex)"));
  EXPECT_THAT(Parse("").lines, ElementsAre(StartsWith("reject @1 warninglist: not valid JSON")));
}

TEST(WarninglistFormatTest, Golden) {
  testing::RunGoldenCases("warninglist", [] { return MakeWarninglistParser(); });
}

}  // namespace
}  // namespace loupe
