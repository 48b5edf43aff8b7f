#include "loupe/formats/rdap/rdap_format.h"

#include <string>

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"
#include "loupe/model/attributes.h"

namespace loupe {
namespace {

using ::loupe::testing::RecordingSink;

TEST(RdapFormatTest, GoldenCases) { testing::RunGoldenCases("rdap", MakeRdapParser); }

// Parses `json` as one input and returns the sink.
RecordingSink Parse(std::string_view json) {
  RecordingSink sink;
  auto parser = MakeRdapParser();
  EXPECT_OK(ParseBuffer(*parser, "test.json", json, sink));
  return sink;
}

// The JSON value of the one attribute line of `sink` (everything after "value=").
template <typename T>
T OnlyValue(const RecordingSink& sink) {
  EXPECT_EQ(sink.attributes, 1u);
  EXPECT_EQ(sink.lines.size(), 1u);
  if (sink.lines.empty()) return T{};
  const std::string& line = sink.lines[0];
  return AttributeFromJson<T>(line.substr(line.find("value=") + 6));
}

TEST(RdapFormatTest, DomainEventsRegistrarAndContacts) {
  RecordingSink sink = Parse(R"({
    "objectClassName": "domain", "ldhName": "EXAMPLE.COM",
    "status": ["client transfer prohibited"],
    "events": [
      {"eventAction": "registration", "eventDate": "1995-08-14T04:00:00Z"},
      {"eventAction": "expiration", "eventDate": "2026-08-13T04:00:00Z"},
      {"eventAction": "last changed", "eventDate": "2025-08-14T07:01:44Z"},
      {"eventAction": "last update of RDAP database", "eventDate": "2026-12-01T10:00:00Z"}],
    "nameservers": [{"ldhName": "A.IANA-SERVERS.NET"}, {"ldhName": "a.iana-servers.net."}],
    "entities": [
      {"roles": ["registrar"], "handle": "376",
       "publicIds": [{"type": "IANA Registrar ID", "identifier": "376"}],
       "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "RESERVED-Internet Assigned Numbers Authority"]]],
       "entities": [{"roles": ["abuse"], "vcardArray": ["vcard", [["email", {}, "text", "abuse@iana.org"]]]}]},
      {"roles": ["registrant", "administrative"], "handle": "IANA-1",
       "vcardArray": ["vcard", [["kind", {}, "text", "org"], ["fn", {}, "text", "Internet Assigned Numbers Authority"]]]}]
  })");
  ASSERT_EQ(sink.rejected, 0u) << sink.lines[0];
  ASSERT_EQ(sink.lines.size(), 1u);
  EXPECT_EQ(sink.lines[0].rfind("attribute domain:example.com kind=1 item=\"\" value=", 0), 0u);
  auto w = OnlyValue<DomainWhois>(sink);
  EXPECT_EQ(w.domain_name, "example.com");
  EXPECT_EQ(FormatIsoTime(w.created), "1995-08-14T04:00:00Z");
  EXPECT_EQ(FormatIsoTime(w.updated), "2025-08-14T07:01:44Z");
  EXPECT_EQ(FormatIsoTime(w.expires), "2026-08-13T04:00:00Z");
  EXPECT_EQ(w.name_servers, std::vector<std::string>{"a.iana-servers.net"});
  EXPECT_EQ(w.statuses, std::vector<std::string>{"client transfer prohibited"});
  EXPECT_EQ(w.registrar_info, "RESERVED-Internet Assigned Numbers Authority");
  EXPECT_EQ(w.registrar_iana_id, "376");
  EXPECT_EQ(w.registrar_email, "abuse@iana.org");  // the registrar's abuse contact
  EXPECT_EQ(w.registration_organization, "Internet Assigned Numbers Authority");
  ASSERT_EQ(w.contacts.size(), 3u);  // abuse, then registrant and administrative
  EXPECT_EQ(w.contacts[0].role, "abuse");
  EXPECT_EQ(w.contacts[1].role, "registrant");
  EXPECT_EQ(w.contacts[1].organization_id, "IANA-1");
  EXPECT_EQ(w.contacts[1].organization, "Internet Assigned Numbers Authority");
  EXPECT_EQ(w.contacts[1].name, "");
  EXPECT_EQ(w.contacts[2].role, "administrative");
}

TEST(RdapFormatTest, UnicodeNameWhenNoLdhName) {
  auto w =
      OnlyValue<DomainWhois>(Parse(R"({"objectClassName": "domain", "unicodeName": "bücher.de"})"));
  EXPECT_EQ(w.domain_name, "xn--bcher-kva.de");
}

TEST(RdapFormatTest, RedactedContactsAreDropped) {
  auto w = OnlyValue<DomainWhois>(Parse(R"({"objectClassName": "domain", "ldhName": "a-shop.com",
    "entities": [{"roles": ["technical"], "handle": "REDACTED FOR PRIVACY",
      "vcardArray": ["vcard", [["fn", {}, "text", "REDACTED FOR PRIVACY"], ["email", {}, "text", "Redacted for Privacy"]]]}]})"));
  EXPECT_TRUE(w.contacts.empty());
}

TEST(RdapFormatTest, NetworkUsesCidr0WhenInsideTheRange) {
  RecordingSink sink = Parse(R"({"objectClassName": "ip network", "startAddress": "8.8.8.0",
    "endAddress": "8.8.8.255", "ipVersion": "v4", "name": "GOGL", "country": "us",
    "cidr0_cidrs": [{"v4prefix": "8.8.8.0", "length": 24}]})");
  auto w = OnlyValue<NetworkWhois>(sink);
  EXPECT_EQ(sink.lines[0].rfind("attribute network:8.8.8.0/24 kind=2 ", 0), 0u);
  EXPECT_EQ(w.range_start, "8.8.8.0");
  EXPECT_EQ(w.range_end, "8.8.8.255");
  EXPECT_EQ(w.name, "GOGL");
  EXPECT_EQ(w.country_code, "US");
}

TEST(RdapFormatTest, NetworkComputesTheCoverWhenCidr0DisagreesWithTheRange) {
  RecordingSink sink = Parse(R"({"objectClassName": "ip network", "startAddress": "10.0.0.0",
    "endAddress": "10.0.2.255", "cidr0_cidrs": [{"v4prefix": "10.0.0.0", "length": 8}]})");
  ASSERT_EQ(sink.lines.size(), 2u);
  EXPECT_EQ(sink.lines[0].rfind("attribute network:10.0.0.0/23 ", 0), 0u);
  EXPECT_EQ(sink.lines[1].rfind("attribute network:10.0.2.0/24 ", 0), 0u);
}

TEST(RdapFormatTest, SearchResultsAndArraysNumberRecords) {
  RecordingSink sink = Parse(R"([
    {"domainSearchResults": [{"objectClassName": "domain", "ldhName": "a.com"},
                             {"objectClassName": "domain", "ldhName": "-bad-"}]},
    {"objectClassName": "autnum", "handle": "AS1"},
    {"objectClassName": "thing"}])");
  EXPECT_EQ(sink.attributes, 1u);
  EXPECT_EQ(sink.skipped, 1u);
  ASSERT_EQ(sink.rejected, 2u);
  EXPECT_EQ(sink.lines[1].rfind("reject @2 domain: ldhName \"-bad-\"", 0), 0u) << sink.lines[1];
  EXPECT_EQ(sink.lines[2], "reject @4 rdap: unknown objectClassName \"thing\"");
}

TEST(RdapFormatTest, SearchResultsThatAreNotAnArrayAreOneRejection) {
  RecordingSink sink = Parse(R"({"rdapConformance": ["rdap_level_0"], "domainSearchResults": 3})");
  ASSERT_EQ(sink.lines.size(), 1u);
  EXPECT_EQ(sink.lines[0], "reject @1 rdap: domainSearchResults is a number, not an array");
}

TEST(RdapFormatTest, GarbageNeverFailsTheParse) {
  for (std::string_view input : {"", "{", "[]", "[[[[", "\"x\"", "{\"domainSearchResults\": 3}",
                                 "{\"objectClassName\": \"ip network\", \"startAddress\": \"::\","
                                 " \"endAddress\": \"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\"}"}) {
    RecordingSink sink = Parse(input);
    for (const std::string& line : sink.lines) EXPECT_FALSE(line.empty());
  }
}

}  // namespace
}  // namespace loupe
