#include "loupe/model/domain.h"

#include <thread>
#include <vector>

#include "loupe/base/testing.h"

namespace loupe {
namespace {

using ::loupe::testing::IsOk;
using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

TEST(CanonicalizeDomainTest, LowerCasesAndStripsOneTrailingDot) {
  EXPECT_EQ(CanonicalizeDomain("WWW.Example.COM.").value(), "www.example.com");
  EXPECT_EQ(CanonicalizeDomain("_dmarc.example.com").value(), "_dmarc.example.com");
  EXPECT_THAT(CanonicalizeDomain("example.com.."),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty label")));
}

TEST(CanonicalizeDomainTest, ConvertsUnicodeToPunycode) {
  // Cyrillic "а" (U+0430) in an otherwise Latin name: a classic homograph.
  EXPECT_EQ(CanonicalizeDomain("\xd0\xb0pple.com").value(), "xn--pple-43d.com");
  EXPECT_EQ(CanonicalizeDomain("BÜCHER.de").value(), "xn--bcher-kva.de");
  EXPECT_EQ(CanonicalizeDomain("faß.de").value(), "xn--fa-hia.de");     // non-transitional
  EXPECT_EQ(CanonicalizeDomain("例え。jp").value(), "xn--r8jz45g.jp");  // ideographic dot
  // Emoji are not IDNA2008; the transitional fallback admits them as browsers do.
  EXPECT_EQ(CanonicalizeDomain("\xf0\x9f\x98\x80.com").value(), "xn--e28h.com");
}

TEST(CanonicalizeDomainTest, RejectsBadNames) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"", "empty"},
      {".", "empty"},
      {"localhost", "at least two labels"},
      {"example.123", "numeric"},
      {"-a.com", "starts or ends with '-'"},
      {"a-.com", "starts or ends with '-'"},
      {"a b.com", "invalid character 0x20"},
      {"a/b.com", "invalid character '/'"},
      {std::string_view("a\0b.com", 7), "0x00"},
      {"\xff.com", "IDNA conversion failed"},
      {"\xc2\xa0x.com", "invalid character 0x20"},  // NBSP maps to a space
  };
  for (const auto& [in, reason] : cases) {
    EXPECT_THAT(CanonicalizeDomain(in),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(reason)))
        << in;
  }
}

TEST(CanonicalizeDomainTest, EnforcesLengthLimits) {
  std::string label63(63, 'a'), label64(64, 'a');
  EXPECT_THAT(CanonicalizeDomain(label63 + ".com"), IsOk());
  EXPECT_THAT(CanonicalizeDomain(label64 + ".com"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("longer than 63")));
  std::string name253 =
      label63 + "." + label63 + "." + label63 + "." + std::string(57, 'd') + ".com";
  ASSERT_EQ(name253.size(), 253u);
  EXPECT_THAT(CanonicalizeDomain(name253), IsOk());
  EXPECT_THAT(CanonicalizeDomain(name253 + "."), IsOk());
  EXPECT_THAT(CanonicalizeDomain("d" + name253),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("longer than 253")));
  // The limit applies to the A-label form, after conversion.
  std::string long_unicode;
  for (int i = 0; i < 58; ++i) long_unicode += "ü";  // 64 octets as punycode
  EXPECT_THAT(CanonicalizeDomain(long_unicode + ".de"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PublicSuffixTest, UsesThePsl) {
  EXPECT_EQ(PublicSuffix("a.b.co.uk"), "co.uk");
  EXPECT_EQ(PublicSuffix("example.com"), "com");
  EXPECT_EQ(PublicSuffix("user.github.io"), "github.io");  // private section included
  EXPECT_EQ(PublicSuffix("xn--e1afmkfd.xn--p1ai"), "xn--p1ai");
  EXPECT_EQ(PublicSuffix("x.foo.bd"), "foo.bd");             // wildcard rule *.bd
  EXPECT_EQ(PublicSuffix("host.unknowntld"), "unknowntld");  // the "*" rule
  EXPECT_EQ(PublicSuffix(""), "");
}

TEST(RegistrableDomainTest, IsEtldPlusOne) {
  EXPECT_EQ(RegistrableDomain("a.b.co.uk"), "b.co.uk");
  EXPECT_EQ(RegistrableDomain("www.example.com"), "example.com");
  EXPECT_EQ(RegistrableDomain("example.com"), "example.com");
  EXPECT_EQ(RegistrableDomain("a.user.github.io"), "user.github.io");
  EXPECT_EQ(RegistrableDomain("www.ck"), "www.ck");  // exception rule !www.ck
  EXPECT_EQ(RegistrableDomain("co.uk"), "");
  EXPECT_EQ(RegistrableDomain("com"), "");
  EXPECT_EQ(RegistrableDomain("github.io"), "");
  EXPECT_EQ(RegistrableDomain(""), "");
}

TEST(IsKnownPublicSuffixTest, IgnoresTheDefaultRule) {
  EXPECT_TRUE(IsKnownPublicSuffix("com"));
  EXPECT_TRUE(IsKnownPublicSuffix("co.uk"));
  EXPECT_TRUE(IsKnownPublicSuffix("github.io"));
  EXPECT_TRUE(IsKnownPublicSuffix("xn--p1ai"));
  EXPECT_FALSE(IsKnownPublicSuffix("exe"));
  EXPECT_FALSE(IsKnownPublicSuffix("local"));
  EXPECT_FALSE(IsKnownPublicSuffix("example.com"));
  EXPECT_FALSE(IsKnownPublicSuffix(""));
}

TEST(IsSubdomainOfTest, RequiresALabelBoundary) {
  EXPECT_TRUE(IsSubdomainOf("a.b.com", "b.com"));
  EXPECT_TRUE(IsSubdomainOf("x.a.b.com", "b.com"));
  EXPECT_FALSE(IsSubdomainOf("b.com", "b.com"));
  EXPECT_FALSE(IsSubdomainOf("ab.com", "b.com"));
  EXPECT_FALSE(IsSubdomainOf("b.com", "a.b.com"));
  EXPECT_FALSE(IsSubdomainOf(".b.com", "b.com"));
  EXPECT_FALSE(IsSubdomainOf("a.b.com", ""));
}

TEST(PublicSuffixTest, IsSafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<std::string> got(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&got, i] {
      for (int j = 0; j < 200; ++j) got[i] = RegistrableDomain("x.y.example.co.uk");
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& g : got) EXPECT_EQ(g, "example.co.uk");
}

}  // namespace
}  // namespace loupe
