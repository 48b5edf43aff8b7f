#include "loupe/formats/misp/misp_value.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"

namespace loupe {
namespace {

using ::testing::HasSubstr;

// The value of an attribute that must map.
MispValue Must(std::string_view type, std::string_view value,
               std::string_view category = "Network activity") {
  absl::StatusOr<std::optional<MispValue>> v = ParseMispValue(type, category, value);
  EXPECT_TRUE(v.ok()) << v.status();
  if (!v.ok() || !v->has_value()) return {};
  return **v;
}

TEST(MispCompositeTest, SplitsAtTheLastBar) {
  auto ip_port = SplitMispComposite("94.75.207.3|35247");
  ASSERT_TRUE(ip_port);
  EXPECT_EQ(ip_port->first, "94.75.207.3");
  EXPECT_EQ(ip_port->second, "35247");
  auto file_hash = SplitMispComposite(
      "joiner.dll|dd2c989e93ae3d0ab9f43991eee33c7e4cf8794ab469196dccc7c26dd2a1411a");
  ASSERT_TRUE(file_hash);
  EXPECT_EQ(file_hash->first, "joiner.dll");
  EXPECT_EQ(file_hash->second.size(), 64u);
  auto odd_name = SplitMispComposite("a|b.exe|d41d8cd98f00b204e9800998ecf8427e");
  ASSERT_TRUE(odd_name);
  EXPECT_EQ(odd_name->first, "a|b.exe");
  EXPECT_FALSE(SplitMispComposite("1.2.3.4"));
  auto empty = SplitMispComposite("|");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->first, "");
  EXPECT_EQ(empty->second, "");
}

TEST(MispValueTest, IpPortSplitsIntoTheIpWithItsPort) {
  MispValue v = Must("ip-dst|port", "94.75.207.3|35247");
  ASSERT_EQ(v.indicators.size(), 1u);
  EXPECT_EQ(v.indicators[0], (Indicator{IndicatorType::kIpv4, "94.75.207.3", 35247}));
  v = Must("ip-src|port", "2001:DB8::1|443");
  ASSERT_EQ(v.indicators.size(), 1u);
  EXPECT_EQ(v.indicators[0], (Indicator{IndicatorType::kIpv6, "2001:db8::1", 443}));
}

TEST(MispValueTest, IpPortRejectsBadParts) {
  EXPECT_THAT(ParseMispValue("ip-dst|port", "", "1.2.3.4|0"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a valid port")));
  EXPECT_THAT(ParseMispValue("ip-dst|port", "", "1.2.3.4|http"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a valid port")));
  EXPECT_THAT(ParseMispValue("ip-dst|port", "", "1.2.3.4"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument,
                                HasSubstr("expected IP|port, got '1.2.3.4'")));
  EXPECT_THAT(ParseMispValue("ip-dst|port", "", "10.0.0.0/8|80"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is a network")));
  EXPECT_THAT(ParseMispValue("ip-dst|port", "", "evil.com|80"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("IPv4")));
}

TEST(MispValueTest, FilenameHashSplitsIntoTheHashAndItsName) {
  MispValue v = Must("filename|sha256",
                     "joiner.dll|DD2C989E93AE3D0AB9F43991EEE33C7E4CF8794AB469196DCCC7C26DD2A1411A",
                     "Payload installation");
  ASSERT_EQ(v.indicators.size(), 1u);
  EXPECT_EQ(v.indicators[0].type, IndicatorType::kSha256);
  EXPECT_EQ(v.indicators[0].value,
            "dd2c989e93ae3d0ab9f43991eee33c7e4cf8794ab469196dccc7c26dd2a1411a");
  EXPECT_EQ(v.file_name, "joiner.dll");
  EXPECT_FALSE(v.resolves);
  // Paths keep their backslashes; the hash must be the type the attribute says.
  EXPECT_EQ(Must("filename|md5", "%PUBLIC%\\Videos\\audev.exe|d41d8cd98f00b204e9800998ecf8427e")
                .file_name,
            "%PUBLIC%\\Videos\\audev.exe");
  EXPECT_THAT(ParseMispValue("filename|sha256", "", "a.exe|d41d8cd98f00b204e9800998ecf8427e"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is md5")));
  EXPECT_THAT(ParseMispValue("filename|sha1", "", "a.exe"),
              testing::StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("expected")));
}

TEST(MispValueTest, DomainIpGivesBothAndResolves) {
  MispValue v = Must("domain|ip", "Evil.Example.com|192.0.2.1");
  ASSERT_EQ(v.indicators.size(), 2u);
  EXPECT_EQ(v.indicators[0], (Indicator{IndicatorType::kDomain, "evil.example.com", {}}));
  EXPECT_EQ(v.indicators[1], (Indicator{IndicatorType::kIpv4, "192.0.2.1", {}}));
  EXPECT_TRUE(v.resolves);
}

TEST(MispValueTest, IpsNetworksAndUrls) {
  EXPECT_EQ(Must("ip-src", "203.0.113.0/24").indicators[0].type, IndicatorType::kNetwork);
  EXPECT_EQ(Must("ip-dst", "203.0.113.7/32").indicators[0],
            (Indicator{IndicatorType::kIpv4, "203.0.113.7", {}}));
  EXPECT_EQ(Must("hostname|port", "mx.example.net|25").indicators[0].port, 25);
  EXPECT_EQ(Must("url", "http://45.124.132.127/DOVIDNIK - (2018).zip").indicators[0].value,
            "http://45.124.132.127/DOVIDNIK%20-%20(2018).zip");
  EXPECT_EQ(Must("uri", "hxxp://evil[.]example.com/gate.php").indicators[0].value,
            "http://evil.example.com/gate.php");
  EXPECT_THAT(
      ParseMispValue("url", "Network activity", "smb://198.51.100.1/share/DPU.exe"),
      testing::StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unsupported scheme 'smb'")));
}

TEST(MispValueTest, UnmappedValuesAreNullopt) {
  for (auto [type, category, value] :
       {std::tuple{"link", "External analysis", "https://www.welivesecurity.com/x/"},
        std::tuple{"url", "External analysis", "https://www.welivesecurity.com/x/"},
        std::tuple{"uri", "Network activity", "/scripts/m/query.php?id="},
        std::tuple{"email-src", "Payload delivery", "a@example.com"},
        std::tuple{"text", "Antivirus detection", "Linux/SSHDoor.BE"},
        std::tuple{"filename", "Artifacts dropped", "/var/tmp/.pipe.sock"},
        std::tuple{"sha512", "Payload delivery", "00"}}) {
    absl::StatusOr<std::optional<MispValue>> v = ParseMispValue(type, category, value);
    ASSERT_TRUE(v.ok()) << type;
    EXPECT_FALSE(v->has_value()) << type;
  }
}

}  // namespace
}  // namespace loupe
