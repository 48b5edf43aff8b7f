#include "loupe/formats/trails/maltrail_format.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"

namespace loupe {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Parse(std::string_view path, std::string_view data) {
  testing::RecordingSink sink;
  auto parser = MakeMaltrailParser();
  EXPECT_OK(ParseBuffer(*parser, path, data, sink));
  return sink.lines;
}

std::vector<std::string> Names(CategorySet set) { return CategoryNames(set); }

TEST(MaltrailCategoriesTest, FolderGivesTheBaseCategory) {
  EXPECT_THAT(Names(MaltrailCategories("trails/static/malware/emotet.txt")),
              ElementsAre("malware"));
  EXPECT_THAT(Names(MaltrailCategories("trails/static/malicious/keitaro_tds.txt")),
              ElementsAre("malicious"));
  EXPECT_THAT(Names(MaltrailCategories("trails/static/suspicious/dynamic_domain.txt")),
              ElementsAre("suspicious"));
  EXPECT_THAT(Names(MaltrailCategories("custom/bad.txt")), ElementsAre("malicious"));
  EXPECT_THAT(Names(MaltrailCategories("fuzz-input.txt")), ElementsAre("malicious"));
}

TEST(MaltrailCategoriesTest, FileNamesRefineOrReplaceIt) {
  EXPECT_THAT(Names(MaltrailCategories("static/mass_scanner.txt")), ElementsAre("scanner"));
  EXPECT_THAT(Names(MaltrailCategories("static/mass_scanner_cidr.txt")), ElementsAre("scanner"));
  EXPECT_THAT(Names(MaltrailCategories("static/suspicious/pua.txt")), ElementsAre("pua"));
  EXPECT_THAT(Names(MaltrailCategories("static/suspicious/android_pua.txt")), ElementsAre("pua"));
  EXPECT_THAT(Names(MaltrailCategories("static/suspicious/osx_pua.txt")), ElementsAre("pua"));
  EXPECT_THAT(Names(MaltrailCategories("static/suspicious/some_adware.txt")),
              ElementsAre("adware"));
  EXPECT_THAT(Names(MaltrailCategories("static/malware/apt_lazarus.txt")),
              ElementsAre("malware", "apt"));
  EXPECT_THAT(Names(MaltrailCategories("static/malware/blacksuit_ransomware.txt")),
              ElementsAre("malware", "ransomware"));
  EXPECT_THAT(Names(MaltrailCategories("static/malware/elf_coinminer.txt")),
              ElementsAre("malware", "miner"));
  EXPECT_THAT(Names(MaltrailCategories("static/malware/sinkhole_conficker.txt")),
              ElementsAre("sinkhole"));
  EXPECT_THAT(Names(MaltrailCategories("static/malicious/adaptix_c2.txt")),
              ElementsAre("malicious", "c2"));
  EXPECT_THAT(Names(MaltrailCategories("static/malicious/ek_rig.txt")),
              ElementsAre("malicious", "exploit"));
  EXPECT_THAT(Names(MaltrailCategories("static/malicious/bad_proxy.txt")),
              ElementsAre("malicious", "proxy"));
  EXPECT_THAT(Names(MaltrailCategories("static/suspicious/anonymous_web_proxy.txt")),
              ElementsAre("suspicious", "proxy"));
  EXPECT_THAT(Names(MaltrailCategories("static/suspicious/onion.txt")),
              ElementsAre("suspicious", "tor"));
}

TEST(MaltrailCategoriesTest, MalwareNamedAfterProxiesOrTorStaysMalware) {
  EXPECT_THAT(Names(MaltrailCategories("static/malware/tor_backdoor.txt")), ElementsAre("malware"));
  EXPECT_THAT(Names(MaltrailCategories("static/malware/proxyback.txt")), ElementsAre("malware"));
  EXPECT_THAT(Names(MaltrailCategories("static/malicious/proxychanger.txt")),
              ElementsAre("malicious"));
  EXPECT_THAT(Names(MaltrailCategories("static/malware/torrentlocker.txt")),
              ElementsAre("malware"));
}

TEST(MaltrailFormatTest, TrailsWithAPathAreHttpUrls) {
  EXPECT_THAT(Parse("malware/x.txt", "Example.com/path/gate.php\n1.2.3.4:8080/a?b=1\n"),
              ElementsAre("indicator url:http://example.com/path/gate.php cats=malware labels=x",
                          "indicator url:http://1.2.3.4:8080/a?b=1 cats=malware labels=x"));
}

TEST(MaltrailFormatTest, DomainsIpsPortsNetworksAndComments) {
  EXPECT_THAT(Parse("malware/x.txt",
                    "  .evil.example.com.  \n"
                    "66.210.228.178:443\n"
                    "5.63.151.0/24 # scanners.labs.rapid7.com\n"
                    "https://Bad.example.net\n"),
              ElementsAre("indicator domain:evil.example.com cats=malware labels=x",
                          "indicator ipv4:66.210.228.178 port=443 cats=malware labels=x",
                          "indicator network:5.63.151.0/24 cats=malware labels=x",
                          "indicator url:https://bad.example.net/ cats=malware labels=x"));
}

TEST(MaltrailFormatTest, AliasesAddLowerCasedLabelsWithoutDuplicates) {
  EXPECT_THAT(Parse("trails/static/malware/emotet.txt",
                    "# Aliases: Emotet, Heodo, geodo,, heodo\n"
                    "evil.example.com\n"),
              ElementsAre("indicator domain:evil.example.com cats=malware "
                          "labels=emotet|heodo|geodo"));
}

TEST(MaltrailFormatTest, TheFirstReferenceOfAStackNamesTheBlock) {
  auto lines = Parse("malware/x.txt",
                     "a.example.com\n"
                     "# Reference: https://one.example/report (# 2024-01-02)\n"
                     "# Reference: https://two.example/report\n"
                     "\n"
                     "b.example.com\n"
                     "# Reference: curl -vv\n"
                     "# reference https://three.example/\n"
                     "c.example.com\n"
                     "# Reference:\n"
                     "d.example.com\n");
  EXPECT_THAT(lines, ElementsAre("indicator domain:a.example.com cats=malware labels=x",
                                 "indicator domain:b.example.com cats=malware labels=x "
                                 "ref=https://one.example/report",
                                 "indicator domain:c.example.com cats=malware labels=x "
                                 "ref=https://three.example/",
                                 "indicator domain:d.example.com cats=malware labels=x"));
}

TEST(MaltrailFormatTest, StateIsPerInput) {
  testing::RecordingSink sink;
  auto parser = MakeMaltrailParser();
  ASSERT_OK(ParseBuffer(*parser, "malware/a.txt",
                        "# Aliases: alpha\n# Reference: https://r.example/\nx.example.com\n",
                        sink));
  ASSERT_OK(ParseBuffer(*parser, "suspicious/b.txt", "y.example.com\n", sink));
  EXPECT_THAT(sink.lines, ElementsAre("indicator domain:x.example.com cats=malware labels=a|alpha "
                                      "ref=https://r.example/",
                                      "indicator domain:y.example.com cats=suspicious labels=b"));
}

TEST(MaltrailFormatTest, BadTrailsAreRejectedWithTheirReason) {
  auto lines = Parse("malware/x.txt",
                     "invoice.pdf/x\n"
                     "300.1.1.1\n"
                     "d41d8cd98f00b204e9800998ecf8427e\n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_THAT(lines[0], HasSubstr("reject @1 trail \"invoice.pdf/x\": not a valid URL"));
  EXPECT_THAT(lines[1], HasSubstr("reject @2 trail \"300.1.1.1\": not a valid IPv4"));
  EXPECT_THAT(lines[2], HasSubstr("reject @3 trail \"d41d8cd98f00b204e9800998ecf8427e\": a file "
                                  "hash is not a network trail"));
}

TEST(MaltrailFormatTest, Golden) {
  testing::RunGoldenCases("maltrail", [] { return MakeMaltrailParser(); });
}

}  // namespace
}  // namespace loupe
