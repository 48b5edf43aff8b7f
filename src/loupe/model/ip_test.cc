#include "loupe/model/ip.h"

#include "loupe/base/testing.h"

namespace loupe {
namespace {

using ::loupe::testing::IsOk;
using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

IpAddress Ip(std::string_view text) {
  absl::StatusOr<IpAddress> ip = ParseIp(text);
  EXPECT_THAT(ip, IsOk()) << text;
  return ip.value_or(IpAddress{});
}

TEST(ParseIpv4Test, AcceptsDottedQuads) {
  IpAddress ip = Ip("192.0.2.255");
  EXPECT_FALSE(ip.v6);
  EXPECT_EQ(ip.size(), 4u);
  EXPECT_EQ(ip.view(), std::string_view("\xc0\x00\x02\xff", 4));
  EXPECT_EQ(ip.bytes[4], 0);  // the unused tail stays zero, so == and <=> work
}

TEST(ParseIpv4Test, RejectsShorthandAndOctal) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"256.0.0.1", "octet 256"},
      {"1.2.3", "expected 4 octets, got 3"},
      {"010.0.0.1", "leading zero"},
      {"0x7f.0.0.1", "not decimal"},
      {"1.2.3.4.5", "got 5"},
      {"1..3.4", "empty octet"},
      {"", "empty"},
      {"1.2.3.99999999999", "out of range"},
      {"+1.2.3.4", "not decimal"},
      {"1.2.3.4 ", "not decimal"},
  };
  for (const auto& [in, reason] : cases) {
    EXPECT_THAT(ParseIpv4(in), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(reason)))
        << in;
  }
}

TEST(ParseIpv6Test, RejectsMalformed) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"1::2::3", "more than one '::'"},
      {"1:2:3:4:5:6:7:8:9", "too many groups"},
      {"1:2:3:4:5:6:7", "expected 8 groups"},
      {"fe80::1%eth0", "zone ids"},
      {"12345::", "too long"},
      {"::g", "not hex"},
      {":1::", "empty group"},
      {"1::2:", "trailing ':'"},
      {"::ffff:1.2.3.256", "embedded IPv4"},
      {"", "empty"},
  };
  for (const auto& [in, reason] : cases) {
    EXPECT_THAT(ParseIpv6(in), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(reason)))
        << in;
  }
}

TEST(FormatIpTest, Rfc5952RoundTrips) {
  // Canonical text parses and formats back unchanged.
  for (std::string_view text :
       {"::", "::1", "1::", "2001:db8::1", "2001:db8:0:1:1:1:1:1", "2001:0:0:1::1",
        "2001:db8::1:0:0:1", "fe80::abcd:ef01", "1:2:3:4:5:6:7:8", "::102:304", "0.0.0.0",
        "255.255.255.255", "64:ff9b::c000:221", "ff02::1:ff00:0"}) {
    EXPECT_EQ(FormatIp(Ip(text)), text);
  }
}

TEST(FormatIpTest, CompressesPerRfc5952) {
  EXPECT_EQ(FormatIp(Ip("2001:0DB8:0000:0000:0000:0000:0000:0001")), "2001:db8::1");
  EXPECT_EQ(FormatIp(Ip("2001:db8:0:0:1:0:0:1")), "2001:db8::1:0:0:1");  // first of a tie
  EXPECT_EQ(FormatIp(Ip("2001:db8:0:1:0:0:0:1")), "2001:db8:0:1::1");    // the longest run
  EXPECT_EQ(FormatIp(Ip("1:0:2:0:3:0:4:0")), "1:0:2:0:3:0:4:0");         // no lone "::"
}

TEST(ParseIpTest, FoldsV4MappedToIpv4) {
  IpAddress ip = Ip("::ffff:192.0.2.1");
  EXPECT_FALSE(ip.v6);
  EXPECT_EQ(FormatIp(ip), "192.0.2.1");
  EXPECT_EQ(Ip("::FFFF:c000:201"), ip);
  EXPECT_TRUE(Ip("::192.0.2.1").v6);  // IPv4-compatible (deprecated) is not mapped
}

TEST(FormatIpTest, PrintsMappedV6InMixedNotation) {
  // Parsing never produces this, but a hand-built value prints per RFC 5952 section 5.
  IpAddress ip;
  ip.v6 = true;
  ip.bytes[10] = ip.bytes[11] = 0xff;
  ip.bytes[12] = 1;
  EXPECT_EQ(FormatIp(ip), "::ffff:1.0.0.0");
}

TEST(IpFromBytesTest, AcceptsFourOrSixteenBytes) {
  for (std::string_view text : {"1.2.3.4", "2001:db8::7"}) {
    IpAddress ip = Ip(text);
    absl::StatusOr<IpAddress> back = IpFromBytes(ip.view());
    ASSERT_THAT(back, IsOk());
    EXPECT_EQ(*back, ip);
  }
  std::string mapped(16, '\0');
  mapped[10] = mapped[11] = '\xff';
  EXPECT_EQ(FormatIp(IpFromBytes(mapped).value()), "0.0.0.0");
  EXPECT_THAT(IpFromBytes("abc"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(IpFromBytes(""), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(IpAddressTest, OrdersV4BeforeV6AndNumerically) {
  EXPECT_LT(Ip("9.255.255.255"), Ip("10.0.0.0"));
  EXPECT_LT(Ip("255.255.255.255"), Ip("::"));
}

TEST(IsReservedIpTest, KnowsSpecialPurposeRanges) {
  for (std::string_view text :
       {"0.1.2.3",     "10.0.0.1",        "100.64.0.1",     "100.127.255.255", "127.0.0.1",
        "169.254.1.1", "172.16.0.1",      "172.31.255.255", "192.0.0.8",       "192.0.2.1",
        "192.168.1.1", "198.18.0.1",      "198.19.255.255", "198.51.100.7",    "203.0.113.9",
        "224.0.0.1",   "239.255.255.250", "240.0.0.1",      "255.255.255.255", "::",
        "::1",         "fc00::1",         "fdff::1",        "fe80::1",         "febf::1",
        "ff02::1",     "2001:db8::1",     "::ffff:10.0.0.1"}) {
    EXPECT_TRUE(IsReservedIp(Ip(text))) << text;
  }
  for (std::string_view text :
       {"1.1.1.1", "8.8.8.8", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0",
        "192.0.1.1", "192.169.0.1", "198.20.0.1", "223.255.255.255", "2001:4860:4860::8888",
        "2606:4700::1111", "fbff::1", "fe7f::1", "::2", "2001:db9::1"}) {
    EXPECT_FALSE(IsReservedIp(Ip(text))) << text;
  }
}

TEST(ParseNetworkTest, ClearsHostBits) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"10.1.2.3/8", "10.0.0.0/8"},
      {"192.168.1.77/24", "192.168.1.0/24"},
      {"1.2.3.4/32", "1.2.3.4/32"},
      {"1.2.3.4/0", "0.0.0.0/0"},
      {"172.31.255.255/12", "172.16.0.0/12"},
      {"2001:db8:ffff::1/32", "2001:db8::/32"},
      {"::1/0", "::/0"},
      {"fe80::1:2/127", "fe80::1:2/127"},
      {"fe80::1:3/127", "fe80::1:2/127"},
      {"::ffff:10.1.2.3/104", "10.0.0.0/8"},
      {"10.0.0.0/08", "10.0.0.0/8"},
  };
  for (const auto& [in, want] : cases) {
    absl::StatusOr<IpNetwork> net = ParseNetwork(in);
    ASSERT_THAT(net, IsOk()) << in;
    EXPECT_EQ(FormatNetwork(*net), want);
  }
}

TEST(ParseNetworkTest, RejectsBadPrefixLengths) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"10.0.0.0/33", "prefix length 33 exceeds 32"},
      {"::/129", "prefix length 129 exceeds 128"},
      {"10.0.0.0/-1", "'-1' is not a number"},
      {"10.0.0.0/", "'' is not a number"},
      {"10.0.0.0/99999999999999999999", "exceeds 32"},
      {"10.0.0.0", "missing '/prefix'"},
      {"10.0.0/8", "not a valid IPv4"},
  };
  for (const auto& [in, reason] : cases) {
    EXPECT_THAT(ParseNetwork(in), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(reason)))
        << in;
  }
}

TEST(IpNetworkTest, LastAndContains) {
  IpNetwork net = ParseNetwork("10.0.0.0/8").value();
  EXPECT_EQ(FormatIp(net.Last()), "10.255.255.255");
  EXPECT_TRUE(net.Contains(Ip("10.200.1.1")));
  EXPECT_FALSE(net.Contains(Ip("11.0.0.0")));
  EXPECT_FALSE(net.Contains(Ip("::a00:1")));  // other family

  IpNetwork v6 = ParseNetwork("2001:db8::/33").value();
  EXPECT_EQ(FormatIp(v6.Last()), "2001:db8:7fff:ffff:ffff:ffff:ffff:ffff");
  EXPECT_TRUE(v6.Contains(Ip("2001:db8:7fff::1")));
  EXPECT_FALSE(v6.Contains(Ip("2001:db8:8000::")));

  IpNetwork all = ParseNetwork("0.0.0.0/0").value();
  EXPECT_EQ(FormatIp(all.Last()), "255.255.255.255");
  EXPECT_TRUE(all.Contains(Ip("1.2.3.4")));
  IpNetwork host = ParseNetwork("1.2.3.4/32").value();
  EXPECT_EQ(host.Last(), host.base);
}

}  // namespace
}  // namespace loupe
