#include "loupe/formats/trails/toplist_format.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"

namespace loupe {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

std::vector<std::string> Parse(std::string_view data) {
  testing::RecordingSink sink;
  auto parser = MakeToplistParser();
  EXPECT_OK(ParseBuffer(*parser, "top-1m.csv", data, sink));
  return sink.lines;
}

TEST(ToplistFormatTest, ConfidenceFallsWithRank) {
  EXPECT_EQ(ToplistConfidence(1), 95);
  EXPECT_EQ(ToplistConfidence(100), 95);
  EXPECT_EQ(ToplistConfidence(101), 90);
  EXPECT_EQ(ToplistConfidence(10'000), 80);
  EXPECT_EQ(ToplistConfidence(10'001), 65);
  EXPECT_EQ(ToplistConfidence(1'000'000), 50);
  EXPECT_EQ(ToplistConfidence(1'000'001), 40);
}

TEST(ToplistFormatTest, RankDomainWithoutHeader) {
  EXPECT_THAT(Parse("1,google.com\r\n25000,Example.ORG\n"),
              ElementsAre("indicator domain:google.com cats=benign,popular labels=rank:1 conf=95",
                          "indicator domain:example.org cats=benign,popular labels=rank:25000 "
                          "conf=65"));
}

TEST(ToplistFormatTest, ByteOrderMarkIsIgnored) {
  EXPECT_THAT(Parse("\xEF\xBB\xBFrank,domain\n1,google.com\n"),
              ElementsAre(StartsWith("indicator domain:google.com ")));
  EXPECT_THAT(Parse("\xEF\xBB\xBF"
                    "1,google.com\n"),
              ElementsAre(StartsWith("indicator domain:google.com ")));
}

TEST(ToplistFormatTest, HeaderNamesTheColumns) {
  EXPECT_THAT(Parse("rank,domain\n2,youtube.com\n"),
              ElementsAre("indicator domain:youtube.com cats=benign,popular labels=rank:2 "
                          "conf=95"));
  EXPECT_THAT(Parse("GlobalRank,TldRank,Domain,TLD,RefSubNets,RefIPs,IDN_Domain,IDN_TLD,"
                    "PrevGlobalRank,PrevTldRank,PrevRefSubNets,PrevRefIPs\n"
                    "3,2,\"wikipedia.org\",org,380518,1032214,wikipedia.org,org,3,2,380374,"
                    "1031858\n"),
              ElementsAre("indicator domain:wikipedia.org cats=benign,popular labels=rank:3 "
                          "conf=95"));
}

TEST(ToplistFormatTest, RejectsBadRows) {
  EXPECT_THAT(Parse("1,google.com\n0,zero.com\nx,y.com\n7\n8,not_a_domain\n9,1.2.3.4\n"),
              ElementsAre(StartsWith("indicator domain:google.com"),
                          "reject @2 toplist: rank \"0\" in column 1 is not a positive number",
                          "reject @3 toplist: rank \"x\" in column 1 is not a positive number",
                          "reject @4 toplist: no domain in column 2",
                          StartsWith("reject @5 toplist: \"not_a_domain\": not a valid domain"),
                          "reject @6 toplist: \"1.2.3.4\" is not a domain (type ipv4)"));
}

TEST(ToplistFormatTest, HeaderWithoutARankColumnIsRejected) {
  EXPECT_THAT(Parse("domain\ngoogle.com\n"),
              ElementsAre(StartsWith("reject @1 toplist: header \"domain\" names no rank column"),
                          StartsWith("reject @2 toplist: rank \"google.com\"")));
}

TEST(ToplistFormatTest, Golden) {
  testing::RunGoldenCases("toplist", [] { return MakeToplistParser(); });
}

}  // namespace
}  // namespace loupe
