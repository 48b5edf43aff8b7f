#include "loupe/formats/trails/hashlist_format.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"

namespace loupe {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Parse(std::string_view path, std::string_view data) {
  testing::RecordingSink sink;
  auto parser = MakeHashlistParser();
  EXPECT_OK(ParseBuffer(*parser, path, data, sink));
  return sink.lines;
}

TEST(HashlistFormatTest, AnyHashTypeLabelledWithTheCampaignFolder) {
  EXPECT_THAT(
      Parse("eset/emotet/samples.sha256",
            "94D9E787A9F485CE99C026C11ED3739B\r\n"
            "\n"
            "# comment\n"
            "cecc5bba6193d744837e689e68bc25c43eda7235  dropper.exe\n"
            "4915089489c8f7e4f91a2d17a00c9c17a469b1d509983aae0e21dfe6877ee008\n"),
      ElementsAre(
          "indicator md5:94d9e787a9f485ce99c026c11ed3739b cats=malware labels=emotet",
          "indicator sha1:cecc5bba6193d744837e689e68bc25c43eda7235 cats=malware labels=emotet",
          "indicator sha256:4915089489c8f7e4f91a2d17a00c9c17a469b1d509983aae0e21dfe6877ee008 "
          "cats=malware labels=emotet"));
}

TEST(HashlistFormatTest, NoFolderNoLabel) {
  EXPECT_THAT(Parse("samples.md5", "926c77d3d9fdad7217a9b49bdf033336\n"),
              ElementsAre("indicator md5:926c77d3d9fdad7217a9b49bdf033336 cats=malware"));
}

TEST(HashlistFormatTest, RejectsWhatIsNotAHash) {
  EXPECT_THAT(
      Parse("x/samples.sha1",
            "f0295f2e46cebffaf7892a5b33ba54122781c20bs\n"
            "f0295f2e46cebffaf7892a5b33ba54122781c2\n"
            "evil.example.com\n"),
      ElementsAre("reject @1 not an MD5, SHA-1 or SHA-256 hash: "
                  "\"f0295f2e46cebffaf7892a5b33ba54122781c20bs\" holds 's', not a hex digit",
                  "reject @2 not an MD5, SHA-1 or SHA-256 hash: "
                  "\"f0295f2e46cebffaf7892a5b33ba54122781c2\" has 38 hex digits (want 32, 40 or "
                  "64)",
                  "reject @3 not an MD5, SHA-1 or SHA-256 hash: \"evil.example.com\" holds 'v', "
                  "not a hex digit"));
}

TEST(HashlistFormatTest, Golden) {
  testing::RunGoldenCases("hashlist", [] { return MakeHashlistParser(); });
}

}  // namespace
}  // namespace loupe
