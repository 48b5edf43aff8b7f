#include "loupe/model/hash.h"

#include "loupe/base/testing.h"

namespace loupe {
namespace {

using ::loupe::testing::IsOk;
using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ParseHashTest, DetectsKindByLength) {
  const std::pair<std::string_view, IndicatorType> cases[] = {
      {"D41D8CD98F00B204E9800998ECF8427E", IndicatorType::kMd5},
      {"da39a3ee5e6b4b0d3255bfef95601890afd80709", IndicatorType::kSha1},
      {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", IndicatorType::kSha256},
  };
  for (const auto& [in, type] : cases) {
    absl::StatusOr<Indicator> h = ParseHash(in);
    ASSERT_THAT(h, IsOk()) << in;
    EXPECT_EQ(h->type, type);
    std::string lower(in);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(h->value, lower);
    EXPECT_EQ(h->port, std::nullopt);
  }
}

TEST(ParseHashTest, RejectsWrongLengthsAndNonHex) {
  EXPECT_THAT(ParseHash(std::string(31, 'a')),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("31 characters")));
  EXPECT_THAT(ParseHash(std::string(65, 'a')),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("65 characters")));
  EXPECT_THAT(ParseHash(""), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseHash(std::string(31, 'a') + "g"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("non-hex character 'g' at offset 31")));
  EXPECT_THAT(ParseHash(std::string(31, 'a') + '\0'),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("byte 0")));
}

TEST(HexTest, RoundTrips) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  std::string hex = BytesToHex(all);
  EXPECT_EQ(hex.substr(0, 8), "00010203");
  EXPECT_EQ(hex.substr(hex.size() - 4), "feff");
  EXPECT_EQ(HexToBytes(hex).value(), all);
  EXPECT_EQ(HexToBytes("ABcd").value(), "\xab\xcd");
  EXPECT_EQ(BytesToHex(""), "");
  EXPECT_EQ(HexToBytes("").value(), "");
}

TEST(HexTest, RejectsOddLengthAndNonHex) {
  EXPECT_THAT(HexToBytes("abc"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("odd")));
  EXPECT_THAT(HexToBytes("zz"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("'z'")));
  EXPECT_THAT(HexToBytes("0z"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("at offset 1")));
}

}  // namespace
}  // namespace loupe
