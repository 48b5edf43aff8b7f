#include "loupe/formats/abusech/abusech_csv.h"

#include "gtest/gtest.h"
#include "loupe/base/testing.h"

namespace loupe::abusech {
namespace {

using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

TEST(AbuseChCsvTest, SkipsCommentsBlankLinesAndHeaderRows) {
  EXPECT_FALSE(SplitRow("", "id", 2)->has_value());
  EXPECT_FALSE(SplitRow("  \r", "id", 2)->has_value());
  EXPECT_FALSE(SplitRow("# id,dateadded,url", "id", 2)->has_value());
  EXPECT_FALSE(SplitRow("\xEF\xBB\xBF#####", "id", 2)->has_value());
  EXPECT_FALSE(SplitRow(R"("first_seen_utc","sha256_hash")", "first_seen_utc", 2)->has_value());
}

TEST(AbuseChCsvTest, TrimsTheSpaceAfterEachComma) {
  auto row = SplitRow(R"("2024-11-20 10:02:44", "abc", "n/a" , "a, b")", "x", 4);
  ASSERT_OK(row);
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ(**row, (std::vector<std::string>{"2024-11-20 10:02:44", "abc", "n/a", "a, b"}));
}

TEST(AbuseChCsvTest, ShortRowsAndOpenQuotesAreBad) {
  EXPECT_THAT(SplitRow(R"("1","2")", "id", 3),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("row has 2 columns")));
  EXPECT_THAT(SplitRow(R"("1","2)", "id", 1), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_OK(SplitRow(R"("1","2","3","4")", "id", 3));  // appended columns are fine
}

TEST(AbuseChCsvTest, TimesAndNoValues) {
  EXPECT_EQ(*ParseTimeColumn("t", "2024-11-20 10:10:05"), 1732097405);
  EXPECT_EQ(*ParseTimeColumn("t", "2024-03-21"), 1710979200);
  EXPECT_EQ(*ParseTimeColumn("t", ""), 0);
  EXPECT_EQ(*ParseTimeColumn("t", "None"), 0);
  EXPECT_THAT(ParseTimeColumn("dateadded", "yesterday"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("dateadded: not a time")));
}

TEST(AbuseChCsvTest, LabelsSkipNoValuesAndDuplicates) {
  std::vector<std::string> labels = {"Mozi"};
  AddLabels("32-bit, elf,,None,Mozi,elf", labels);
  EXPECT_EQ(labels, (std::vector<std::string>{"Mozi", "32-bit", "elf"}));
}

TEST(AbuseChCsvTest, OnlyOfflineLowersConfidence) {
  EXPECT_EQ(ConfidenceForStatus("offline"), kOfflineConfidence);
  EXPECT_EQ(ConfidenceForStatus("online"), std::nullopt);
  EXPECT_EQ(ConfidenceForStatus(""), std::nullopt);
}

}  // namespace
}  // namespace loupe::abusech
