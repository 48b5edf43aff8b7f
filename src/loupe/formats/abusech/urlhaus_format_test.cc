#include "loupe/formats/abusech/urlhaus_format.h"

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"
#include "loupe/model/category.h"

namespace loupe {
namespace {

using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

TEST(UrlhausFormatTest, Goldens) {
  testing::RunGoldenCases("urlhaus", [] { return MakeUrlhausParser(); });
}

TEST(UrlhausFormatTest, MapsAnOnlineRow) {
  auto r =
      ParseUrlhausLine(R"("3300013","2024-11-20 10:10:05","http://115.55.1.2:47123/i","online",)"
                       R"("2024-11-20 10:12:00","malware_download","32-bit,elf,mips,Mozi",)"
                       R"("https://urlhaus.abuse.ch/url/3300013/","geenensp")");
  ASSERT_OK(r);
  ASSERT_TRUE(r->has_value());
  const IndicatorRecord& rec = **r;
  EXPECT_EQ(rec.indicator.type, IndicatorType::kUrl);
  EXPECT_EQ(rec.indicator.value, "http://115.55.1.2:47123/i");
  EXPECT_EQ(rec.categories,
            CategoryBit(Category::kMalware) | CategoryBit(Category::kPayloadDelivery));
  EXPECT_EQ(rec.labels, (std::vector<std::string>{"32-bit", "elf", "mips", "Mozi"}));
  EXPECT_EQ(rec.first_seen, 1732097405);
  EXPECT_EQ(rec.last_seen, 1732097520);
  EXPECT_EQ(rec.reference, "https://urlhaus.abuse.ch/url/3300013/");
  EXPECT_EQ(rec.confidence, std::nullopt);
}

TEST(UrlhausFormatTest, OfflineNeverOnlineRow) {
  auto r = ParseUrlhausLine(
      R"("3300008","2024-11-20 09:51:33","http://59.97.250.129:41522/Mozi.m","offline","",)"
      R"("malware_download","None","https://urlhaus.abuse.ch/url/3300008/","lrz_urlhaus")");
  ASSERT_OK(r);
  EXPECT_EQ((*r)->confidence, 60);
  EXPECT_EQ((*r)->last_seen, (*r)->first_seen);  // never seen online: dateadded
  EXPECT_TRUE((*r)->labels.empty());
}

TEST(UrlhausFormatTest, BadRowsNameTheColumn) {
  EXPECT_THAT(ParseUrlhausLine(R"x("1","2024-11-20 09:40:00","javascript:alert(1)","online","",)x"
                               R"("malware_download","","","x")"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("url: ")));
  EXPECT_THAT(ParseUrlhausLine(R"("1","2024-11-20","http://a.example.com/","online")"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("columns")));
  EXPECT_FALSE(
      ParseUrlhausLine("id,dateadded,url,url_status,last_online,threat,tags")->has_value());
}

}  // namespace
}  // namespace loupe
