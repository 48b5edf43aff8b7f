#include "loupe/base/coding.h"

#include <limits>

#include "gtest/gtest.h"

namespace loupe {
namespace {

TEST(CodingTest, VarintRoundTrips) {
  for (uint64_t v : {uint64_t{0}, uint64_t{1}, uint64_t{127}, uint64_t{128}, uint64_t{300},
                     uint64_t{1} << 35, std::numeric_limits<uint64_t>::max()}) {
    std::string buf;
    PutVarint(buf, v);
    std::string_view in = buf;
    uint64_t got = 0;
    ASSERT_TRUE(GetVarint(in, got));
    EXPECT_EQ(got, v);
    EXPECT_TRUE(in.empty());
  }
}

TEST(CodingTest, TruncatedVarintFails) {
  std::string buf;
  PutVarint(buf, 1u << 20);
  std::string_view in(buf.data(), buf.size() - 1);
  uint64_t v;
  EXPECT_FALSE(GetVarint(in, v));
}

TEST(CodingTest, OverlongVarintFails) {
  std::string buf(11, '\xff');
  std::string_view in = buf;
  uint64_t v;
  EXPECT_FALSE(GetVarint(in, v));
}

TEST(CodingTest, FixedBigEndianSortsNumerically) {
  std::string a, b;
  PutFixed64BE(a, 255);
  PutFixed64BE(b, 256);
  EXPECT_LT(a, b);
  std::string_view in = b;
  uint64_t v;
  ASSERT_TRUE(GetFixed64BE(in, v));
  EXPECT_EQ(v, 256u);
}

TEST(CodingTest, LengthPrefixedRejectsLengthPastEnd) {
  std::string buf;
  PutVarint(buf, 10);
  buf += "abc";
  std::string_view in = buf, out;
  EXPECT_FALSE(GetLengthPrefixed(in, out));
}

}  // namespace
}  // namespace loupe
