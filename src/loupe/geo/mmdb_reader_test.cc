#include "loupe/geo/mmdb_reader.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/geo/geo_testing.h"

namespace loupe {
namespace {

using ::loupe::testing::MakeMmdb;
using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

// GeoLite2-Country records as MaxMind writes them (trimmed to the keys that matter and a
// few that do not), with nested networks, a registered-country-only range and IPv6.
constexpr std::string_view kCountrySpec = R"({
  "database_type": "GeoLite2-Country", "record_size": 24, "build_epoch": 1764547200,
  "languages": ["de", "en"],
  "networks": [
    {"network": "81.2.69.0/24", "data": {
      "continent": {"code": "EU", "geoname_id": 6255148, "names": {"de": "Europa", "en": "Europe"}},
      "country": {"geoname_id": 2635167, "iso_code": "GB", "names": {"de": "Vereinigtes Königreich", "en": "United Kingdom"}},
      "registered_country": {"geoname_id": 2635167, "iso_code": "GB", "names": {"en": "United Kingdom"}}}},
    {"network": "10.0.0.0/8", "data": {"country": {"iso_code": "US"}}},
    {"network": "10.1.0.0/16", "data": {"country": {"iso_code": "DE", "is_in_european_union": true}}},
    {"network": "10.1.2.0/24", "data": {"country": {"iso_code": "fr"}}},
    {"network": "192.0.2.0/24", "data": {"registered_country": {"iso_code": "NL"}}},
    {"network": "198.51.100.0/24", "data": {"country": {"iso_code": "XYZ"}}},
    {"network": "2a02:c7c::/32", "data": {"country": {"iso_code": "GB"}}},
    {"network": "2001:db8::/32", "data": {"country": {"iso_code": "JP"}}}
  ]})";

constexpr std::string_view kAsnSpec = R"({
  "database_type": "GeoLite2-ASN", "record_size": 28,
  "networks": [
    {"network": "8.8.8.0/24", "data": {"autonomous_system_number": 15169, "autonomous_system_organization": "GOOGLE"}},
    {"network": "1.1.1.0/24", "data": {"autonomous_system_number": 13335, "autonomous_system_organization": "CLOUDFLARENET"}},
    {"network": "2001:4860::/32", "data": {"autonomous_system_number": 15169, "autonomous_system_organization": "GOOGLE"}},
    {"network": "81.2.0.0/16", "data": {"autonomous_system_number": 20712, "autonomous_system_organization": "Andrews & Arnold Ltd"}}
  ]})";

IpAddress Ip(std::string_view text) { return *ParseIp(text); }

class MmdbReaderTest : public ::testing::Test {
 protected:
  std::unique_ptr<MmdbReader> Build(const std::string& name, std::string_view spec) {
    auto path = MakeMmdb((dir_.path() / name).string(), spec);
    EXPECT_OK(path);
    if (!path.ok()) return nullptr;
    auto reader = MmdbReader::Open(*path);
    EXPECT_OK(reader);
    return reader.ok() ? *std::move(reader) : nullptr;
  }
  std::string Path(const std::string& name) const { return (dir_.path() / name).string(); }

  testing::ScratchDir dir_;
};

TEST_F(MmdbReaderTest, CountryDatabase) {
  auto db = Build("country.mmdb", kCountrySpec);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->database_type(), "GeoLite2-Country");
  EXPECT_EQ(db->layout(), MmdbLayout::kMaxMind);
  EXPECT_EQ(db->Lookup(Ip("81.2.69.160")), (GeoInfo{"GB", 0, {}}));
  // Nested networks: the most specific wins.
  EXPECT_EQ(db->Lookup(Ip("10.200.0.1"))->country_code, "US");
  EXPECT_EQ(db->Lookup(Ip("10.1.200.1"))->country_code, "DE");
  EXPECT_EQ(db->Lookup(Ip("10.1.2.3"))->country_code, "FR");  // upper-cased
  // No "country": the registered country.
  EXPECT_EQ(db->Lookup(Ip("192.0.2.1"))->country_code, "NL");
  // IPv6.
  EXPECT_EQ(db->Lookup(Ip("2a02:c7c:1234::1"))->country_code, "GB");
  EXPECT_EQ(db->Lookup(Ip("2001:db8:ffff::"))->country_code, "JP");
  // Misses, and data loupe cannot use.
  EXPECT_FALSE(db->Lookup(Ip("11.0.0.1")));
  EXPECT_FALSE(db->Lookup(Ip("2001:db9::1")));
  EXPECT_FALSE(db->Lookup(Ip("::1")));
  EXPECT_FALSE(db->Lookup(Ip("198.51.100.7")));
}

TEST_F(MmdbReaderTest, AsnDatabase) {
  auto db = Build("asn.mmdb", kAsnSpec);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->Lookup(Ip("8.8.8.8")), (GeoInfo{"", 15169, {"GOOGLE"}}));
  EXPECT_EQ(db->Lookup(Ip("1.1.1.1")), (GeoInfo{"", 13335, {"CLOUDFLARENET"}}));
  EXPECT_EQ(db->Lookup(Ip("2001:4860:4860::8888")), (GeoInfo{"", 15169, {"GOOGLE"}}));
  EXPECT_EQ(db->Lookup(Ip("81.2.69.160"))->asn, 20712u);
  EXPECT_FALSE(db->Lookup(Ip("9.9.9.9")));
}

TEST_F(MmdbReaderTest, RecordSizes) {
  for (int size : {24, 28, 32}) {
    SCOPED_TRACE(size);
    std::string spec(kAsnSpec);
    spec.replace(spec.find("\"record_size\": 28"), 17, fmt::format("\"record_size\": {}", size));
    auto db = Build(fmt::format("asn{}.mmdb", size), spec);
    ASSERT_NE(db, nullptr);
    EXPECT_EQ(db->Lookup(Ip("8.8.4.4")), std::nullopt);
    EXPECT_EQ(db->Lookup(Ip("8.8.8.8"))->asn, 15169u);
    EXPECT_EQ(db->Lookup(Ip("2001:4860::1"))->asn, 15169u);
  }
}

TEST_F(MmdbReaderTest, OtherProducersAndEditions) {
  struct Case {
    const char* type;
    const char* data;
    GeoInfo want;
  };
  const Case cases[] = {
      {"GeoLite2-City",
       R"({"city": {"geoname_id": 2643743, "names": {"en": "London"}}, "country": {"iso_code": "GB"},
           "location": {"latitude": 51.5142, "longitude": -0.0931, "accuracy_radius": 20},
           "postal": {"code": "EC2V"}, "subdivisions": [{"iso_code": "ENG"}]})",
       {"GB", 0, {}}},
      {"DBIP-Country-Lite",
       R"({"country": {"iso_code": "SE", "names": {"en": "Sweden"}}})",
       {"SE", 0, {}}},
      {"DBIP-ASN-Lite (compat=GeoLite2-ASN)",
       R"({"autonomous_system_number": 1299, "autonomous_system_organization": "Arelion Sweden AB"})",
       {"", 1299, {"Arelion Sweden AB"}}},
      {"GeoIP2-Enterprise",
       R"({"country": {"iso_code": "US"}, "traits": {"autonomous_system_number": 7922,
           "autonomous_system_organization": "COMCAST-7922", "isp": "Comcast Cable"}})",
       {"US", 7922, {"COMCAST-7922"}}},
      {"ipinfo country_asn.mmdb",
       R"({"country": "US", "country_name": "United States", "continent": "NA",
           "asn": "AS15169", "as_name": "Google LLC", "as_domain": "google.com"})",
       {"US", 15169, {"Google LLC"}}},
      {"ipinfo lite.mmdb",
       R"({"country_code": "DE", "country": "Germany", "continent_code": "EU",
           "asn": "AS3320", "as_name": "Deutsche Telekom AG", "as_domain": "telekom.com"})",
       {"DE", 3320, {"Deutsche Telekom AG"}}},
  };
  int i = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.type);
    auto db =
        Build(fmt::format("db{}.mmdb", i++), fmt::format(R"({{"database_type": "{}", "networks": [
                                      {{"network": "203.0.113.0/24", "data": {}}}]}})",
                                                         c.type, c.data));
    ASSERT_NE(db, nullptr);
    EXPECT_NE(db->layout(), MmdbLayout::kUnknown);
    EXPECT_EQ(db->Lookup(Ip("203.0.113.9")), c.want);
  }
}

TEST_F(MmdbReaderTest, UnknownTypeOpensButYieldsNothing) {
  auto db = Build("custom.mmdb", R"({"database_type": "Acme-Threat-Intel", "networks": [
      {"network": "203.0.113.0/24", "data": {"country": {"iso_code": "US"}}}]})");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->layout(), MmdbLayout::kUnknown);
  EXPECT_FALSE(db->Lookup(Ip("203.0.113.9")));
}

TEST_F(MmdbReaderTest, Ipv4OnlyDatabase) {
  auto db = Build("v4.mmdb", R"({"database_type": "GeoLite2-Country", "ip_version": 4,
      "networks": [{"network": "203.0.113.0/24", "data": {"country": {"iso_code": "AU"}}}]})");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(db->Lookup(Ip("203.0.113.9"))->country_code, "AU");
  EXPECT_FALSE(db->Lookup(Ip("2001:db8::1")));  // an IPv6 lookup in an IPv4 tree
}

TEST(MmdbLayoutTest, ByDatabaseType) {
  EXPECT_EQ(MmdbLayoutFor("GeoLite2-ASN"), MmdbLayout::kMaxMind);
  EXPECT_EQ(MmdbLayoutFor("GeoIP2-ISP"), MmdbLayout::kMaxMind);
  EXPECT_EQ(MmdbLayoutFor("dbip-city-lite"), MmdbLayout::kMaxMind);
  EXPECT_EQ(MmdbLayoutFor("ipinfo standard_location.mmdb"), MmdbLayout::kIpinfo);
  EXPECT_EQ(MmdbLayoutFor("GeoIP"), MmdbLayout::kUnknown);
  EXPECT_EQ(MmdbLayoutFor(""), MmdbLayout::kUnknown);
}

TEST_F(MmdbReaderTest, OpenErrors) {
  EXPECT_THAT(MmdbReader::Open(Path("absent.mmdb")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("absent.mmdb")));
  EXPECT_THAT(MmdbReader::Open(dir_.path().string()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a MaxMind DB")));
  std::ofstream(Path("empty.mmdb"));
  EXPECT_THAT(MmdbReader::Open(Path("empty.mmdb")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a MaxMind DB")));
  std::mt19937 rng(42);
  std::string noise(64 << 10, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  std::ofstream(Path("noise.mmdb"), std::ios::binary) << noise;
  EXPECT_THAT(MmdbReader::Open(Path("noise.mmdb")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a MaxMind DB")));
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST_F(MmdbReaderTest, TruncatedFilesAreNotDatabases) {
  auto path = MakeMmdb(Path("asn.mmdb"), kAsnSpec);
  ASSERT_OK(path);
  const std::string bytes = ReadAll(*path);
  for (size_t keep : {bytes.size() - 1, bytes.size() - 20, bytes.size() / 2, size_t{10}}) {
    SCOPED_TRACE(keep);
    std::ofstream(Path("cut.mmdb"), std::ios::binary) << bytes.substr(0, keep);
    EXPECT_THAT(MmdbReader::Open(Path("cut.mmdb")),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a MaxMind DB")));
  }
}

TEST_F(MmdbReaderTest, ForgedNodeCountIsRejected) {
  // Too many nodes for the file; and a count whose tree size wraps to a few bytes in 32
  // bits (715827883 * 6 = 2^32 + 2).
  for (uint64_t count : {uint64_t{4000000000}, uint64_t{715827883 + 40}, uint64_t{1}}) {
    SCOPED_TRACE(count);
    std::string spec(kCountrySpec);
    spec.insert(1, fmt::format(R"("forge_node_count": {}, )", count));
    auto path = MakeMmdb(Path("forged.mmdb"), spec);
    ASSERT_OK(path);
    auto db = MmdbReader::Open(*path);
    if (count == 1) {
      // One node that fits: the file opens, and every lookup lands outside the tree's
      // idea of the data, harmlessly.
      if (db.ok()) (*db)->Lookup(Ip("81.2.69.160"));
      continue;
    }
    EXPECT_THAT(db, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a MaxMind DB")));
  }
}

// A data section overwritten with noise: the file still opens (its tree and metadata are
// intact) and lookups give nothing or something, but never crash.
TEST_F(MmdbReaderTest, CorruptDataSectionNeverCrashes) {
  auto path = MakeMmdb(Path("country.mmdb"), kCountrySpec);
  ASSERT_OK(path);
  std::string bytes = ReadAll(*path);
  const size_t meta = bytes.rfind("\xab\xcd\xefMaxMind.com");
  ASSERT_NE(meta, std::string::npos);
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::string bad = bytes;
    // The data section is the last ~1 KiB before the metadata.
    for (size_t i = meta > 900 ? meta - 900 : 0; i < meta; ++i) {
      if (rng() % 3 == 0) bad[i] = static_cast<char>(rng());
    }
    std::ofstream(Path("bad.mmdb"), std::ios::binary) << bad;
    auto db = MmdbReader::Open(Path("bad.mmdb"));
    if (!db.ok()) continue;
    for (std::string_view ip : {"81.2.69.160", "10.1.2.3", "192.0.2.1", "2001:db8::1", "1.1.1.1"}) {
      (*db)->Lookup(Ip(ip));
    }
  }
}

TEST_F(MmdbReaderTest, ConcurrentLookups) {
  auto db = Build("country.mmdb", kCountrySpec);
  ASSERT_NE(db, nullptr);
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        if (db->Lookup(Ip("10.1.2.3"))->country_code != "FR") ++wrong[t];
        if (db->Lookup(Ip("2a02:c7c::1"))->country_code != "GB") ++wrong[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace loupe
