#include "loupe/formats/csv/csv_format.h"

#include "gtest/gtest.h"
#include "loupe/base/testing.h"

namespace loupe {
namespace {

TEST(CsvFormatTest, SplitsQuotedFields) {
  auto f = SplitCsvLine(R"(a,"b,c","d""e",)", ',');
  ASSERT_OK(f);
  EXPECT_EQ(*f, (std::vector<std::string>{"a", "b,c", "d\"e", ""}));
  EXPECT_FALSE(SplitCsvLine(R"(a,"b)", ',').ok());
}

TEST(CsvFormatTest, MapsColumnsByHeaderName) {
  CsvMappingSpec spec;
  spec.header = true;
  ASSERT_OK(AddCsvColumn(spec, "value=url"));
  ASSERT_OK(AddCsvColumn(spec, "first_seen=dateadded"));
  ASSERT_OK(AddCsvColumn(spec, "category=threat"));
  ASSERT_OK(AddCsvColumn(spec, "label=tags"));
  CsvFormat csv(spec);
  EXPECT_FALSE(csv.ParseLine("id,dateadded,url,threat,tags")->has_value());
  auto r = csv.ParseLine(
      R"(1,2025-01-02 03:04:05,"http://evil.example/x.exe",malware_download,"elf|mirai")");
  ASSERT_OK(r);
  ASSERT_TRUE(r->has_value());
  EXPECT_EQ((*r)->indicator.value, "http://evil.example/x.exe");
  EXPECT_EQ((*r)->first_seen, 1735787045);
  EXPECT_TRUE(HasCategory((*r)->categories, Category::kPayloadDelivery));
  EXPECT_EQ((*r)->labels, (std::vector<std::string>{"elf", "mirai"}));
}

TEST(CsvFormatTest, BadMappingStopsTheRunBadRowsDoNot) {
  CsvMappingSpec spec;
  spec.header = true;
  ASSERT_OK(AddCsvColumn(spec, "value=nope"));
  CsvFormat csv(spec);
  EXPECT_THAT(csv.ParseLine("a,b"), testing::StatusIs(absl::StatusCode::kFailedPrecondition));

  CsvMappingSpec numbered;
  ASSERT_OK(AddCsvColumn(numbered, "value=2"));
  CsvFormat csv2(numbered);
  EXPECT_THAT(csv2.ParseLine("only-one-column"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_OK(csv2.ParseLine("x,1.2.3.4"));
  EXPECT_FALSE(AddCsvColumn(numbered, "colour=3").ok());
}

}  // namespace
}  // namespace loupe
