#include "loupe/formats/misp/misp_feed_format.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"

namespace loupe {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

testing::RecordingSink Parse(std::string_view name, std::string_view text) {
  testing::RecordingSink sink;
  auto parser = MakeMispFeedParser();
  EXPECT_OK(ParseBuffer(*parser, name, text, sink));
  return sink;
}

TEST(MispFeedFormatTest, ManifestEntriesAreSkipsAndBadOnesRejections) {
  auto sink = Parse("feed/manifest.json", R"({
    "3f6c2a1e-8b4d-4f7a-9c21-5d0e7b9a1c44": {"info": "OSINT - LockBit", "date": "2024-02-19"},
    "9a7e41c2-5d3b-4e8f-a1b6-2c4d6e8f0a12": {"info": "APT28", "Tag": []},
    "not-a-uuid": {"info": "x"},
    "e4b2f0d1-7c6a-4b9e-8d53-0f1e2a3b4c5d": {"date": "2023-03-08"},
    "e4b2f0d1-7c6a-4b9e-8d53-0f1e2a3b4c5e": []})");
  EXPECT_EQ(sink.skipped, 2u);
  EXPECT_THAT(
      sink.lines,
      ElementsAre("reject @3 manifest: key \"not-a-uuid\" is not an event UUID",
                  "reject @4 manifest: event e4b2f0d1-7c6a-4b9e-8d53-0f1e2a3b4c5d has no info",
                  "reject @5 manifest: event e4b2f0d1-7c6a-4b9e-8d53-0f1e2a3b4c5e is not a "
                  "JSON object"));
  EXPECT_THAT(Parse("manifest.json", "[]").lines,
              ElementsAre("reject @1 manifest: not a JSON object of events by UUID"));
}

TEST(MispFeedFormatTest, HashesAreSkipped) {
  auto sink = Parse("hashes.csv",
                    "c99991c09e3c905385e9977f4d11bea1,3f6c2a1e-8b4d-4f7a-9c21-5d0e7b9a1c44\r\n"
                    "\n"
                    "4dce74b72895e6cc0c9bd94ee5984154,3f6c2a1e-8b4d-4f7a-9c21-5d0e7b9a1c44\n"
                    "garbage\n");
  EXPECT_EQ(sink.skipped, 2u);
  EXPECT_THAT(sink.lines,
              ElementsAre("reject @4 hashes.csv: not \"<hex digest>,<event uuid>\": \"garbage\""));
}

TEST(MispFeedFormatTest, EventFilesParseAsMisp) {
  auto sink = Parse("feed/3f6c2a1e-8b4d-4f7a-9c21-5d0e7b9a1c44.json",
                    R"({"Event": {"uuid": "3f6c2a1e-8b4d-4f7a-9c21-5d0e7b9a1c44", "info": "x",
                        "Attribute": [{"type": "ip-dst", "category": "Network activity",
                                       "to_ids": true, "value": "192.0.2.1"}]}})");
  EXPECT_THAT(sink.lines, ElementsAre(StartsWith("indicator ipv4:192.0.2.1 cats=malicious ")));
}

TEST(MispFeedFormatTest, AManifestIsKnownByItsShapeWhateverItsName) {
  auto sink = Parse("fuzz-input.txt", R"({"3f6c2a1e-8b4d-4f7a-9c21-5d0e7b9a1c44": {"info": "x"}})");
  EXPECT_EQ(sink.skipped, 1u);
  EXPECT_EQ(sink.lines.size(), 0u);
}

TEST(MispFeedFormatTest, HashesAreKnownByTheirShapeWhateverTheirName) {
  auto sink = Parse("fuzz-input.txt",
                    "c99991c09e3c905385e9977f4d11bea1,3f6c2a1e-8b4d-4f7a-9c21-5d0e7b9a1c44\n");
  EXPECT_EQ(sink.skipped, 1u);
  EXPECT_EQ(sink.lines.size(), 0u);
}

TEST(MispFeedFormatTest, Goldens) {
  testing::RunGoldenCases("misp-feed", [] { return MakeMispFeedParser(); });
}

}  // namespace
}  // namespace loupe
