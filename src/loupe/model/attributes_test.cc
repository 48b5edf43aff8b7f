#include "loupe/model/attributes.h"

#include "gtest/gtest.h"

namespace loupe {
namespace {

TEST(AttributesTest, DomainWhoisRoundTripsThroughJson) {
  DomainWhois w;
  w.domain_name = "example.com";
  w.created = 808372800;
  w.name_servers = {"a.iana-servers.net", "b.iana-servers.net"};
  w.statuses = {"clientTransferProhibited"};
  w.registrar_info = "RESERVED-Internet Assigned Numbers Authority";
  w.registrar_iana_id = "376";
  w.contacts.push_back({.role = "registrant",
                        .name = "<script>alert(1)</script>",
                        .country_code = "US",
                        .email = "x@example.com"});
  EXPECT_EQ(AttributeFromJson<DomainWhois>(AttributeToJson(w)), w);
}

TEST(AttributesTest, EmptyFieldsAreNotWritten) {
  EXPECT_EQ(AttributeToJson(FileInfo{}), "{}");
  EXPECT_EQ(AttributeToJson(GeoInfo{.country_code = "DE", .asn = 3320}),
            R"({"country_code":"DE","asn":3320})");
}

TEST(AttributesTest, MalformedJsonGivesEmptyValue) {
  EXPECT_EQ(AttributeFromJson<NetworkWhois>("{not json"), NetworkWhois{});
  EXPECT_EQ(AttributeFromJson<GeoInfo>(R"({"asn":"text","country_code":7})"), GeoInfo{});
}

}  // namespace
}  // namespace loupe
