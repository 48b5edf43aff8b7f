#include "loupe/model/url.h"

#include "loupe/base/testing.h"

namespace loupe {
namespace {

using ::loupe::testing::IsOk;
using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ParseUrlTest, SplitsOutHostAndRegistrableDomain) {
  absl::StatusOr<UrlParts> u = ParseUrl("HTTPS://Login.Example.CO.UK:443/a/../b?x=1#top");
  ASSERT_THAT(u, IsOk());
  EXPECT_EQ(u->canonical, "https://login.example.co.uk/b?x=1");
  EXPECT_EQ(u->host, "login.example.co.uk");
  EXPECT_FALSE(u->host_is_ip);
  EXPECT_EQ(u->registrable_domain, "example.co.uk");
}

TEST(ParseUrlTest, UserinfoIsNotTheHost) {
  absl::StatusOr<UrlParts> u = ParseUrl("http://www.paypal.com@evil.example.net/login");
  ASSERT_THAT(u, IsOk());
  EXPECT_EQ(u->host, "evil.example.net");
  EXPECT_EQ(u->registrable_domain, "example.net");
  EXPECT_EQ(u->canonical, "http://www.paypal.com@evil.example.net/login");
}

TEST(ParseUrlTest, BackslashEndsTheAuthorityAsInBrowsers) {
  absl::StatusOr<UrlParts> u = ParseUrl("http://evil.example\\@good.example.com/");
  ASSERT_THAT(u, IsOk());
  EXPECT_EQ(u->host, "evil.example");
  EXPECT_EQ(u->canonical, "http://evil.example/@good.example.com/");
}

TEST(ParseUrlTest, IpHosts) {
  absl::StatusOr<UrlParts> v6 = ParseUrl("http://[2001:DB8::1]:8080/x");
  ASSERT_THAT(v6, IsOk());
  EXPECT_EQ(v6->host, "2001:db8::1");  // no brackets
  EXPECT_TRUE(v6->host_is_ip);
  EXPECT_EQ(v6->registrable_domain, "");
  EXPECT_EQ(v6->canonical, "http://[2001:db8::1]:8080/x");

  absl::StatusOr<UrlParts> mapped = ParseUrl("http://[::ffff:198.51.100.1]/");
  ASSERT_THAT(mapped, IsOk());
  EXPECT_EQ(mapped->host, "198.51.100.1");
  EXPECT_EQ(mapped->canonical, "http://198.51.100.1/");

  absl::StatusOr<UrlParts> escaped = ParseUrl("http://%31%30.0.0.1/");  // "10.0.0.1"
  ASSERT_THAT(escaped, IsOk());
  EXPECT_TRUE(escaped->host_is_ip);
  EXPECT_EQ(escaped->canonical, "http://10.0.0.1/");
}

TEST(ParseUrlTest, HostThatIsAPublicSuffixHasNoRegistrableDomain) {
  absl::StatusOr<UrlParts> u = ParseUrl("https://github.io/x");
  ASSERT_THAT(u, IsOk());
  EXPECT_EQ(u->host, "github.io");
  EXPECT_EQ(u->registrable_domain, "");
}

TEST(ParseUrlTest, IdnHost) {
  absl::StatusOr<UrlParts> u = ParseUrl("http://пример.рф/путь");
  ASSERT_THAT(u, IsOk());
  EXPECT_EQ(u->host, "xn--e1afmkfd.xn--p1ai");
  EXPECT_EQ(u->registrable_domain, "xn--e1afmkfd.xn--p1ai");
  EXPECT_EQ(u->canonical, "http://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C");
}

TEST(ParseUrlTest, SchemelessIsHttp) {
  EXPECT_EQ(ParseUrl("example.com/a").value().canonical, "http://example.com/a");
  EXPECT_EQ(ParseUrl("example.com:8080").value().canonical, "http://example.com:8080/");
  EXPECT_EQ(ParseUrl("example.com").value().canonical, "http://example.com/");
}

TEST(ParseUrlTest, PercentEncodingIsNormalizedNotDecoded) {
  // Boost.URL's own normalize() would turn %2F into '/' and %26 into '&': we must not.
  absl::StatusOr<UrlParts> u = ParseUrl("http://example.com/a%2fb/%7euser?q=%26&r=%3d%41");
  ASSERT_THAT(u, IsOk());
  EXPECT_EQ(u->canonical, "http://example.com/a%2Fb/~user?q=%26&r=%3DA");
}

TEST(ParseUrlTest, RejectsOtherSchemes) {
  for (std::string_view in : {"javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd",
                              "mailto:a@example.com", "gopher://example.com/"}) {
    EXPECT_THAT(ParseUrl(in),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unsupported scheme")))
        << in;
  }
}

TEST(ParseUrlTest, HandlesLongUrls) {
  std::string path(10000, 'a');
  absl::StatusOr<UrlParts> u = ParseUrl("http://example.com/" + path);
  ASSERT_THAT(u, IsOk());
  EXPECT_EQ(u->canonical, "http://example.com/" + path);

  std::string exact = "http://example.com/" + std::string(65536 - 19, 'b');
  ASSERT_EQ(exact.size(), 65536u);
  EXPECT_THAT(ParseUrl(exact), IsOk());
  EXPECT_THAT(ParseUrl(exact + "b"), StatusIs(absl::StatusCode::kInvalidArgument,
                                              HasSubstr("URL longer than 65536 bytes")));
}

TEST(ParseUrlTest, DotSegmentsStayLinearOnHostileInput) {
  std::string in = "http://example.com/";
  for (int i = 0; i < 5000; ++i) in += "a/";
  for (int i = 0; i < 6000; ++i) in += "../";
  in += "x";
  EXPECT_EQ(ParseUrl(in).value().canonical, "http://example.com/x");
}

}  // namespace
}  // namespace loupe
