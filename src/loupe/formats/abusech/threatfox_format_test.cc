#include "loupe/formats/abusech/threatfox_format.h"

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"
#include "loupe/formats/abusech/threatfox_ioc.h"
#include "loupe/model/category.h"

namespace loupe {
namespace {

using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ThreatFoxFormatTest, Goldens) {
  testing::RunGoldenCases("threatfox", [] { return MakeThreatFoxParser(); });
}

TEST(ThreatFoxFormatTest, BotnetCcIpPort) {
  auto r = ParseThreatFoxLine(
      R"("2024-11-20 10:05:12", "1346512", "45.61.136.82:443", "ip:port", "botnet_cc", )"
      R"("win.cobalt_strike", "Agentemis,BEACON,CobaltStrike", "Cobalt Strike", "", "100", )"
      R"("None", "c2,CobaltStrike", "0", "abuse_ch")");
  ASSERT_OK(r);
  ASSERT_TRUE(r->has_value());
  const IndicatorRecord& rec = **r;
  EXPECT_EQ(rec.indicator.value, "45.61.136.82");
  EXPECT_EQ(rec.indicator.port, 443);
  EXPECT_EQ(rec.categories, CategoryBit(Category::kC2) | CategoryBit(Category::kBotnet));
  EXPECT_EQ(rec.labels, (std::vector<std::string>{"Cobalt Strike", "Agentemis", "BEACON",
                                                  "CobaltStrike", "c2"}));
  EXPECT_EQ(rec.confidence, 100);
  EXPECT_EQ(rec.last_seen, rec.first_seen);
  EXPECT_EQ(rec.reference, "https://threatfox.abuse.ch/ioc/1346512/");
}

abusech::ThreatFoxIoc Ioc(std::string_view type, std::string_view value, std::string_view threat) {
  abusech::ThreatFoxIoc ioc;
  ioc.id = "7";
  ioc.value = value;
  ioc.type = type;
  ioc.threat_type = threat;
  ioc.malware = "unknown";
  ioc.malware_printable = "Unknown malware";
  ioc.first_seen = "2024-11-20 10:00:00";
  ioc.confidence = "50";
  ioc.reference = "https://example.org/report";
  return ioc;
}

TEST(ThreatFoxFormatTest, ThreatTypesAndIocTypes) {
  auto payload = abusech::MapThreatFoxIoc(
      Ioc("sha256_hash", "A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90",
          "payload"));
  ASSERT_OK(payload);
  EXPECT_EQ((*payload)->indicator.type, IndicatorType::kSha256);
  EXPECT_EQ((*payload)->categories, CategoryBit(Category::kMalware));
  EXPECT_TRUE((*payload)->labels.empty());  // "Unknown malware" is no label
  EXPECT_EQ((*payload)->reference, "https://example.org/report");

  auto delivery = abusech::MapThreatFoxIoc(
      Ioc("url", "https://cdn-dl.store-fix.online/upd/Setup_x64.zip", "payload_delivery"));
  ASSERT_OK(delivery);
  EXPECT_EQ((*delivery)->categories, CategoryBit(Category::kPayloadDelivery));

  auto skimming = abusech::MapThreatFoxIoc(Ioc("domain", "shop-cdn.example.com", "cc_skimming"));
  ASSERT_OK(skimming);
  EXPECT_EQ((*skimming)->categories, CategoryBit(Category::kMalicious));
  EXPECT_EQ((*skimming)->labels, std::vector<std::string>{"cc_skimming"});

  EXPECT_FALSE(abusech::MapThreatFoxIoc(Ioc("unknown_type", "x", "botnet_cc"))->has_value());
  EXPECT_THAT(abusech::MapThreatFoxIoc(Ioc("ip:port", "a.b.c.d:80", "botnet_cc")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ioc_value: ")));
  EXPECT_THAT(abusech::MapThreatFoxIoc(Ioc("ip:port", "evil.example.com:80", "botnet_cc")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("is a domain, but ioc_type is ip:port")));
  EXPECT_THAT(
      abusech::MapThreatFoxIoc(Ioc("md5_hash", "d41d8cd98f00b204e9800998ecf8427", "payload")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ioc_value: ")));
}

TEST(ThreatFoxFormatTest, ConfidenceMustBe0To100) {
  auto ioc = Ioc("domain", "stealc-panel.duckdns.org", "botnet_cc");
  ioc.confidence = "150";
  EXPECT_THAT(abusech::MapThreatFoxIoc(ioc),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("confidence_level")));
  ioc.confidence = "";
  EXPECT_EQ((*abusech::MapThreatFoxIoc(ioc))->confidence, std::nullopt);
}

}  // namespace
}  // namespace loupe
