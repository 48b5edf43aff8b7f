#include "loupe/formats/pdns/pdns_common.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loupe/base/testing.h"
#include "loupe/feed/feed_testing.h"

namespace loupe::pdns {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(PdnsCommonTest, RrKinds) {
  EXPECT_EQ(RrKindFromName("A"), RrKind::kA);
  EXPECT_EQ(RrKindFromName("aaaa"), RrKind::kAaaa);
  EXPECT_EQ(RrKindFromName("Cname"), RrKind::kCname);
  EXPECT_EQ(RrKindFromName("TYPE28"), RrKind::kAaaa);
  EXPECT_EQ(RrKindFromName("5"), RrKind::kCname);
  EXPECT_EQ(RrKindFromName("MX"), RrKind::kOther);
  EXPECT_EQ(RrKindFromName("TYPE"), RrKind::kOther);
  EXPECT_EQ(RrKindFromName(""), RrKind::kOther);
  EXPECT_EQ(RrKindFromNumber(1), RrKind::kA);
  EXPECT_EQ(RrKindFromNumber(65), RrKind::kOther);
}

TEST(PdnsCommonTest, QuoteBoundsAndCleansValues) {
  EXPECT_EQ(Quote("a\tb\nc"), "a?b?c");
  EXPECT_EQ(Quote(std::string(100, 'x')), std::string(64, 'x') + "...");
  EXPECT_EQ(Quote(std::string(62, 'x') + "ü"), std::string(62, 'x') + "ü");
  EXPECT_EQ(Quote(std::string(63, 'x') + "üü"), std::string(63, 'x') + "...");
}

TEST(PdnsCommonTest, DomainsAreCanonicalAndMemoized) {
  NameCache names;
  const std::string* reason = nullptr;
  const Indicator* a = names.Domain("WWW.Example.COM.", &reason);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->value, "www.example.com");
  EXPECT_EQ(names.Domain("WWW.Example.COM.", &reason), a);  // the memo's own entry
  EXPECT_EQ(names.Domain("xn--mnchen-3ya.de", &reason)->value, "xn--mnchen-3ya.de");
  EXPECT_EQ(names.Domain("münchen.de", &reason)->value, "xn--mnchen-3ya.de");
  EXPECT_EQ(names.Domain("_dmarc.example.com", &reason)->value, "_dmarc.example.com");
  EXPECT_EQ(names.size(), 4u);
}

TEST(PdnsCommonTest, UnsharedDomainsStayOutOfTheMemo) {
  NameCache names;
  const std::string* reason = nullptr;
  EXPECT_EQ(names.UnsharedDomain("A.Example.COM", &reason)->value, "a.example.com");
  EXPECT_EQ(names.UnsharedDomain("b.example.com", &reason)->value, "b.example.com");
  EXPECT_EQ(names.UnsharedDomain("corp.local", &reason), nullptr);
  EXPECT_THAT(*reason, HasSubstr("not a known public suffix"));
  EXPECT_EQ(names.size(), 0u);
}

TEST(PdnsCommonTest, BadNamesCarryTheirReason) {
  NameCache names;
  const std::string* reason = nullptr;
  EXPECT_EQ(names.Domain("printer.corp.local", &reason), nullptr);
  EXPECT_THAT(*reason, HasSubstr("'local' is not a known public suffix"));
  EXPECT_EQ(names.Domain("localhost", &reason), nullptr);
  EXPECT_THAT(*reason, HasSubstr("needs at least two labels"));
  // Nothing is refanged or read as a port in a DNS name.
  EXPECT_EQ(names.Domain("evil[.]com", &reason), nullptr);
  EXPECT_THAT(*reason, HasSubstr("invalid character '['"));
  EXPECT_EQ(names.Domain("example.com:443", &reason), nullptr);
  EXPECT_THAT(*reason, HasSubstr("invalid character ':'"));
  EXPECT_EQ(names.Domain("", &reason), nullptr);
  EXPECT_EQ(names.Domain("a b.com", &reason), nullptr);
}

TEST(PdnsCommonTest, AddressesByRecordType) {
  NameCache names;
  const std::string* reason = nullptr;
  EXPECT_EQ(names.Address("192.0.2.1", RrKind::kA, &reason)->value, "192.0.2.1");
  EXPECT_EQ(names.Address("2001:0db8:0000:0000:0000:0000:0000:0001", RrKind::kAaaa, &reason)->value,
            "2001:db8::1");
  const Indicator* mapped = names.Address("::ffff:192.0.2.1", RrKind::kAaaa, &reason);
  ASSERT_NE(mapped, nullptr);
  EXPECT_EQ(mapped->type, IndicatorType::kIpv4);
  EXPECT_EQ(names.Address("2001:db8::1", RrKind::kA, &reason), nullptr);
  EXPECT_EQ(names.Address("192.0.2.1", RrKind::kAaaa, &reason), nullptr);
  EXPECT_EQ(names.Address("192.0.2.1:53", RrKind::kA, &reason), nullptr);
  EXPECT_THAT(*reason, HasSubstr("port"));
  EXPECT_EQ(names.Address("192.0.2.256", RrKind::kA, &reason), nullptr);
}

TEST(PdnsCommonTest, TrimEmptiesAnOverfullMemo) {
  NameCache names;
  const std::string* reason = nullptr;
  names.Domain("a.example.com", &reason);
  names.Domain("b.example.com", &reason);
  names.Trim(1);
  EXPECT_EQ(names.size(), 0u);
  EXPECT_EQ(names.Domain("a.example.com", &reason)->value, "a.example.com");
}

TEST(PdnsCommonTest, AnswerSetFollowsTheChainOnly) {
  NameCache names;
  const std::string* reason = nullptr;
  auto d = [&](std::string_view text) { return *names.Domain(text, &reason); };
  auto ip = [&](std::string_view text) { return *names.Address(text, RrKind::kA, &reason); };
  testing::RecordingSink sink;
  AnswerSet set;
  const Indicator query = d("a.example.com");
  set.Begin(&query, RelationStats{1714557600, 1714557600, 1});
  ASSERT_OK(set.Cname(sink, d("a.example.com"), d("b.example.net")));
  ASSERT_OK(set.Cname(sink, d("x.example.org"), d("y.example.org")));  // not on the chain
  ASSERT_OK(set.Address(sink, d("b.example.net"), ip("192.0.2.1")));
  ASSERT_OK(set.Address(sink, d("y.example.org"), ip("192.0.2.2")));
  EXPECT_EQ(set.tail()->value, "b.example.net");
  const std::string stats = " first=2024-05-01T10:00:00Z last=2024-05-01T10:00:00Z count=1";
  EXPECT_THAT(sink.lines,
              ElementsAre("relation domain:a.example.com cname domain:b.example.net" + stats,
                          "relation domain:x.example.org cname domain:y.example.org" + stats,
                          "relation domain:b.example.net resolves_to ipv4:192.0.2.1" + stats,
                          "relation domain:a.example.com resolves_to ipv4:192.0.2.1" + stats,
                          "relation domain:y.example.org resolves_to ipv4:192.0.2.2" + stats));
  EXPECT_EQ(set.relations(), 5u);
}

TEST(PdnsCommonTest, AnswerSetSurvivesCnameLoops) {
  NameCache names;
  const std::string* reason = nullptr;
  auto d = [&](std::string_view text) { return *names.Domain(text, &reason); };
  testing::RecordingSink sink;
  AnswerSet set;
  const Indicator query = d("a.example.com");
  set.Begin(&query, RelationStats{});
  for (int i = 0; i < 100; ++i) {
    ASSERT_OK(set.Cname(sink, d("a.example.com"), d("b.example.com")));
    ASSERT_OK(set.Cname(sink, d("b.example.com"), d("a.example.com")));
  }
  EXPECT_EQ(set.tail()->value, "b.example.com");
  ASSERT_OK(
      set.Address(sink, d("b.example.com"), *names.Address("192.0.2.9", RrKind::kA, &reason)));
  EXPECT_EQ(sink.relations, 202u);
}

}  // namespace
}  // namespace loupe::pdns
