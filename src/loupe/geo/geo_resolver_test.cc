#include "loupe/geo/geo_resolver.h"

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/geo/geo_testing.h"

namespace loupe {
namespace {

using ::loupe::testing::MakeMmdb;
using ::loupe::testing::StatusIs;

IpAddress Ip(std::string_view text) { return *ParseIp(text); }

class GeoResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    country_ = (dir_.path() / "country.mmdb").string();
    asn_ = (dir_.path() / "asn.mmdb").string();
    ipinfo_ = (dir_.path() / "ipinfo.mmdb").string();
    ASSERT_OK(MakeMmdb(country_, R"({"database_type": "GeoLite2-Country", "networks": [
        {"network": "8.8.8.0/24", "data": {"country": {"iso_code": "US"}}},
        {"network": "2001:4860::/32", "data": {"registered_country": {"iso_code": "US"}}},
        {"network": "193.0.0.0/21", "data": {"country": {"iso_code": "NL"}}}]})"));
    ASSERT_OK(MakeMmdb(asn_, R"({"database_type": "GeoLite2-ASN", "record_size": 28, "networks": [
        {"network": "8.8.8.0/24", "data": {"autonomous_system_number": 15169, "autonomous_system_organization": "GOOGLE"}},
        {"network": "2001:4860::/32", "data": {"autonomous_system_number": 15169, "autonomous_system_organization": "GOOGLE"}},
        {"network": "9.9.9.0/24", "data": {"autonomous_system_number": 19281, "autonomous_system_organization": "QUAD9-AS-1"}}]})"));
    ASSERT_OK(MakeMmdb(ipinfo_, R"json({"database_type": "ipinfo country_asn.mmdb", "networks": [
        {"network": "8.8.8.0/24", "data": {"country": "CA", "asn": "AS64500", "as_name": "Other Org"}},
        {"network": "193.0.0.0/21", "data": {"country": "NL", "asn": "AS3333", "as_name": "Reseaux IP Europeens Network Coordination Centre (RIPE NCC)"}}]})json"));
  }

  testing::ScratchDir dir_;
  std::string country_, asn_, ipinfo_;
};

TEST_F(GeoResolverTest, MergesCountryAndAsnDatabases) {
  auto geo = GeoResolver::Open({country_, asn_});
  ASSERT_OK(geo);
  EXPECT_EQ((*geo)->size(), 2u);
  EXPECT_EQ((*geo)->Lookup(Ip("8.8.8.8")), (GeoInfo{"US", 15169, {"GOOGLE"}}));
  EXPECT_EQ((*geo)->Lookup(Ip("2001:4860:4860::8844")), (GeoInfo{"US", 15169, {"GOOGLE"}}));
  EXPECT_EQ((*geo)->Lookup(Ip("9.9.9.9")), (GeoInfo{"", 19281, {"QUAD9-AS-1"}}));
  EXPECT_EQ((*geo)->Lookup(Ip("193.0.6.139")), (GeoInfo{"NL", 0, {}}));
  EXPECT_FALSE((*geo)->Lookup(Ip("203.0.113.1")));
}

TEST_F(GeoResolverTest, EarlierReadersWinAndAsnKeepsItsDescription) {
  auto geo = GeoResolver::Open({country_, asn_, ipinfo_});
  ASSERT_OK(geo);
  // Country from the first database, the ASN from the second: the third's are ignored.
  EXPECT_EQ((*geo)->Lookup(Ip("8.8.8.8")), (GeoInfo{"US", 15169, {"GOOGLE"}}));
  // The ASN database has nothing here: the number and its name come from IPinfo together.
  EXPECT_EQ((*geo)->Lookup(Ip("193.0.6.139")),
            (GeoInfo{"NL", 3333, {"Reseaux IP Europeens Network Coordination Centre (RIPE NCC)"}}));

  auto reversed = GeoResolver::Open({ipinfo_, country_, asn_});
  ASSERT_OK(reversed);
  EXPECT_EQ((*reversed)->Lookup(Ip("8.8.8.8")), (GeoInfo{"CA", 64500, {"Other Org"}}));
}

TEST_F(GeoResolverTest, OpenFailsOnTheFirstBadFile) {
  EXPECT_THAT(GeoResolver::Open({country_, (dir_.path() / "missing.mmdb").string()}),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(GeoResolverTest, NoReadersKnowNothing) {
  auto geo = GeoResolver::Open({});
  ASSERT_OK(geo);
  EXPECT_FALSE((*geo)->Lookup(Ip("8.8.8.8")));
}

}  // namespace
}  // namespace loupe
