#include "loupe/formats/rdap/ip_range.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "loupe/base/testing.h"

namespace loupe {
namespace {

using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

struct CoverCase {
  const char* first;
  const char* last;
  std::vector<std::string> want;
};

const CoverCase kCovers[] = {
    // IPv4
    {"8.8.8.0", "8.8.8.255", {"8.8.8.0/24"}},
    {"8.8.8.8", "8.8.8.8", {"8.8.8.8/32"}},
    {"0.0.0.0", "255.255.255.255", {"0.0.0.0/0"}},
    {"104.16.0.0", "104.16.5.255", {"104.16.0.0/22", "104.16.4.0/23"}},
    {"10.0.0.1", "10.0.0.6", {"10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"}},
    {"192.168.0.255", "192.168.1.0", {"192.168.0.255/32", "192.168.1.0/32"}},
    {"255.255.255.254", "255.255.255.255", {"255.255.255.254/31"}},
    {"128.0.0.0", "255.255.255.255", {"128.0.0.0/1"}},
    {"0.0.0.0", "127.255.255.255", {"0.0.0.0/1"}},
    {"193.0.28.0", "193.0.31.255", {"193.0.28.0/22"}},
    {"62.0.0.0", "62.0.47.255", {"62.0.0.0/19", "62.0.32.0/20"}},
    // IPv6
    {"2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", {"2001:db8::/32"}},
    {"::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", {"::/0"}},
    {"::", "::", {"::/128"}},
    {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
     "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
     {"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"}},
    {"2a0e:7d40::", "2a0e:7d47:ffff:ffff:ffff:ffff:ffff:ffff", {"2a0e:7d40::/29"}},
    {"2001:db8::", "2001:db8:2:ffff:ffff:ffff:ffff:ffff", {"2001:db8::/47", "2001:db8:2::/48"}},
    {"2001:db8::ff", "2001:db8::100", {"2001:db8::ff/128", "2001:db8::100/128"}},
    {"8000::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", {"8000::/1"}},
    {"::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", {}},  // 254 networks: checked below
};

std::vector<std::string> Format(const std::vector<IpNetwork>& nets) {
  std::vector<std::string> out;
  for (const IpNetwork& n : nets) out.push_back(FormatNetwork(n));
  return out;
}

TEST(IpRangeTest, MinimalCovers) {
  for (const CoverCase& c : kCovers) {
    if (c.want.empty()) continue;
    SCOPED_TRACE(std::string(c.first) + " - " + c.last);
    auto cover = CoverRange(*ParseIp(c.first), *ParseIp(c.last), 300);
    ASSERT_OK(cover);
    EXPECT_EQ(Format(*cover), c.want);
  }
}

// The worst cases: every prefix length but the shortest, twice.
TEST(IpRangeTest, WorstCaseSizes) {
  auto v4 = CoverRange(*ParseIp("0.0.0.1"), *ParseIp("255.255.255.254"), 300);
  ASSERT_OK(v4);
  EXPECT_EQ(v4->size(), 62u);
  auto v6 = CoverRange(*ParseIp("::1"), *ParseIp("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"), 300);
  ASSERT_OK(v6);
  EXPECT_EQ(v6->size(), 254u);
  EXPECT_EQ(FormatNetwork(v6->front()), "::1/128");
  EXPECT_EQ(FormatNetwork(v6->back()), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128");
}

// Every cover is contiguous, aligned and exact, on a sweep of small ranges.
TEST(IpRangeTest, CoversAreExactOnASweep) {
  IpAddress base = *ParseIp("10.0.0.0");
  for (int a = 0; a < 40; ++a) {
    for (int b = a; b < 40; ++b) {
      IpAddress first = base, last = base;
      first.bytes[3] = static_cast<uint8_t>(a);
      last.bytes[3] = static_cast<uint8_t>(b);
      auto cover = CoverRange(first, last, 64);
      ASSERT_OK(cover);
      IpAddress next = first;
      for (const IpNetwork& n : *cover) {
        EXPECT_EQ(n.base, next);
        IpAddress end = n.Last();
        next = end;
        next.bytes[3]++;
      }
      EXPECT_EQ(cover->back().Last(), last);
    }
  }
}

TEST(IpRangeTest, Errors) {
  EXPECT_THAT(CoverRange(*ParseIp("10.0.0.255"), *ParseIp("10.0.0.0"), 64),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("range 10.0.0.255 - 10.0.0.0 ends before it starts")));
  EXPECT_THAT(CoverRange(*ParseIp("10.0.0.0"), *ParseIp("2001:db8::"), 64),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("mixes IPv4 and IPv6")));
  EXPECT_THAT(
      CoverRange(*ParseIp("::1"), *ParseIp("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"), 64),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("needs more than 64 CIDR networks")));
  EXPECT_OK(CoverRange(*ParseIp("0.0.0.1"), *ParseIp("255.255.255.254"), 62));
  EXPECT_THAT(CoverRange(*ParseIp("0.0.0.1"), *ParseIp("255.255.255.254"), 61),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace loupe
