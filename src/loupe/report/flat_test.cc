#include "boost/json.hpp"
#include "gtest/gtest.h"
#include "loupe/report/lookup.h"

namespace loupe {
namespace {

namespace json = boost::json;

TEST(FlatTest, IpReportFollowsThePluginRules) {
  json::object report = json::parse(R"({
    "Zone": "Red",
    "IpGeneralInfo": {"Categories": [], "FirstSeen": "2025-01-01T00:00:00Z", "HitsCount": 3,
                      "ThreatScore": 90, "HasApt": false},
    "IpWhoIs": {"Asn": [{"Number": 64512, "Description": ["AS-TEST"]}],
                "Net": {"RangeStart": "1.2.3.0", "RangeEnd": "1.2.3.255", "Created": null,
                        "Changed": "2024-01-01T00:00:00Z", "Name": "TEST-NET", "Description": ""},
                "Contacts": [{"ContactType": "owner", "Name": "Owner Ltd", "Phone": "",
                              "Email": "noc@example.org"},
                             {"ContactType": "tech-c", "Name": "Tech"}]},
    "IpDnsResolutions": [{"Domain": "a.example.com", "Categories": ["c2"]},
                         {"Domain": "b.example.com", "Categories": ["c2", "malware"]},
                         {"Domain": "a.example.com", "Categories": []}]
  })")
                            .as_object();
  json::object flat = FlattenReport(LookupFunction::kIpReport, report);
  EXPECT_EQ(flat.at("$KLZone"), "Red");
  EXPECT_EQ(flat.at("$KLThreatScore"), 90);
  EXPECT_EQ(flat.at("$KLHasAdvancedPersistThreat"), false);
  EXPECT_FALSE(flat.contains("$KLCategory"));  // empty list: not written
  EXPECT_FALSE(flat.contains("$KLCreated"));   // null: not written
  EXPECT_FALSE(flat.contains("$KLNetDescription"));
  EXPECT_EQ(flat.at("$KLIPRange"), "1.2.3.0-1.2.3.255");
  EXPECT_EQ(flat.at("$KLASN"), json::array{64512});
  EXPECT_EQ(flat.at("$KLOwnerEmail"), "noc@example.org");
  EXPECT_FALSE(flat.contains("$KLOwnerPhone"));
  EXPECT_EQ(flat.at("$KLTech-CName"), "Tech");
  EXPECT_EQ(flat.at("$KLIPDNSResolustionsDomains"),
            (json::array{"a.example.com", "b.example.com"}));
  EXPECT_EQ(flat.at("$KLIPDNSResolustionsCategories"), (json::array{"c2", "malware"}));
}

TEST(FlatTest, ZoneSplitListsIncludeOrange) {
  json::object report = json::parse(R"({
    "FilesDownloadedFromIp": [{"Md5": "a", "Zone": "Red"}, {"Md5": "b", "Zone": "Orange"},
                              {"Md5": null, "Zone": "Red"}, {"Md5": "c", "Zone": "Purple"}],
    "HostedUrls": []
  })")
                            .as_object();
  json::object flat = FlattenReport(LookupFunction::kIpFileHostDownloadReport, report);
  EXPECT_EQ(flat.at("$KLRedMd5"), json::array{"a"});
  EXPECT_EQ(flat.at("$KLOrangeMd5"), json::array{"b"});
  EXPECT_FALSE(flat.contains("$KLHostedURL"));
  EXPECT_EQ(flat.size(), 2u);
}

}  // namespace
}  // namespace loupe
