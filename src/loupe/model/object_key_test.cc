#include "loupe/model/object_key.h"

#include "gtest/gtest.h"
#include "loupe/base/testing.h"

namespace loupe {
namespace {

class ObjectKeyRoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(ObjectKeyRoundTrip, DecodesToTheSameIndicator) {
  auto indicator = ParseIndicator(GetParam());
  ASSERT_OK(indicator);
  std::string key = EncodeObjectKey(*indicator);
  EXPECT_EQ(ObjectKeyType(key), indicator->type);
  std::string_view in = key;
  auto decoded = DecodeObjectKey(in);
  ASSERT_OK(decoded);
  EXPECT_EQ(decoded->value, indicator->value);
  EXPECT_EQ(decoded->type, indicator->type);
  EXPECT_TRUE(in.empty());
}

INSTANTIATE_TEST_SUITE_P(
    AllTypes, ObjectKeyRoundTrip,
    ::testing::Values("1.2.3.4", "2001:db8::1", "10.0.0.0/8", "2001:db8::/32", "example.com",
                      "http://example.com/a?b=c", "d41d8cd98f00b204e9800998ecf8427e",
                      "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));

TEST(ObjectKeyTest, KeysAreCompactAndSelfDelimiting) {
  std::string two =
      EncodeObjectKey(*ParseIndicator("1.2.3.4")) + EncodeObjectKey(*ParseIndicator("example.com"));
  EXPECT_EQ(EncodeObjectKey(*ParseIndicator("1.2.3.4")).size(), 6u);
  std::string_view in = two, first;
  ASSERT_TRUE(SplitObjectKey(in, first));
  EXPECT_EQ(first.size(), 6u);
  auto second = DecodeObjectKey(in);
  ASSERT_OK(second);
  EXPECT_EQ(second->value, "example.com");
}

TEST(ObjectKeyTest, CorruptKeysAreErrorsNotCrashes) {
  for (std::string bad : {std::string(""), std::string("\x01"), std::string("\x01\x09\x01"),
                          std::string("\x63\x01\x01"), std::string("\x01\x03\x01\x02\x03")}) {
    std::string_view in = bad;
    EXPECT_FALSE(DecodeObjectKey(in).ok()) << bad.size();
  }
}

}  // namespace
}  // namespace loupe
