#include "loupe/formats/trails/ipsum_format.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"

namespace loupe {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Parse(std::string_view path, std::string_view data) {
  testing::RecordingSink sink;
  auto parser = MakeIpsumParser();
  EXPECT_OK(ParseBuffer(*parser, path, data, sink));
  return sink.lines;
}

TEST(IpsumFormatTest, ConfidenceGrowsWithTheNumberOfLists) {
  EXPECT_EQ(IpsumConfidence(1), 30);
  EXPECT_EQ(IpsumConfidence(2), 40);
  EXPECT_EQ(IpsumConfidence(5), 70);
  EXPECT_EQ(IpsumConfidence(8), 100);
  EXPECT_EQ(IpsumConfidence(10), 100);
  EXPECT_EQ(IpsumConfidence(1000), 100);
}

TEST(IpsumFormatTest, CountColumn) {
  EXPECT_THAT(Parse("ipsum.txt",
                    "# IP\tnumber of (black)lists\n"
                    "#\n"
                    "77.90.185.20\t10\n"
                    "45.154.244.193\t3\r\n"
                    "2001:db8::1 1\n"),
              ElementsAre("indicator ipv4:77.90.185.20 cats=malicious labels=ipsum conf=100",
                          "indicator ipv4:45.154.244.193 cats=malicious labels=ipsum conf=50",
                          "indicator ipv6:2001:db8::1 cats=malicious labels=ipsum conf=30"));
}

TEST(IpsumFormatTest, LevelFilesTakeTheCountFromTheirName) {
  EXPECT_THAT(Parse("ipsum/levels/3.txt", "77.90.185.20\n"),
              ElementsAre("indicator ipv4:77.90.185.20 cats=malicious labels=ipsum conf=50"));
  EXPECT_THAT(Parse("ipsum/levels/8.txt", "77.90.185.20\n"),
              ElementsAre("indicator ipv4:77.90.185.20 cats=malicious labels=ipsum conf=100"));
  EXPECT_THAT(Parse("other.txt", "77.90.185.20\n"),
              ElementsAre("indicator ipv4:77.90.185.20 cats=malicious labels=ipsum conf=30"));
}

TEST(IpsumFormatTest, RejectsWhatIsNotAnIpOrACount) {
  EXPECT_THAT(
      Parse("ipsum.txt",
            "evil.example.com\t3\n"
            "1.2.3.4:80\t3\n"
            "1.2.3.4\tmany\n"
            "1.2.3.4\t0\n"
            "1.2.3.999\t1\n"),
      ElementsAre("reject @1 ipsum: \"evil.example.com\" is not a bare IP address (type domain)",
                  "reject @2 ipsum: \"1.2.3.4:80\" is not a bare IP address (it has a port)",
                  "reject @3 ipsum: count \"many\" is not a number of lists from 1 to 1000",
                  "reject @4 ipsum: count \"0\" is not a number of lists from 1 to 1000",
                  ::testing::StartsWith("reject @5 ipsum: \"1.2.3.999\": not a valid IPv4")));
}

TEST(IpsumFormatTest, Golden) {
  testing::RunGoldenCases("ipsum", [] { return MakeIpsumParser(); });
}

}  // namespace
}  // namespace loupe
