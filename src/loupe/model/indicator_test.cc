#include "loupe/model/indicator.h"

#include <charconv>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "loupe/base/testing.h"

namespace loupe {
namespace {

using ::loupe::testing::IsOk;
using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

// One row of testdata/indicators/cases.tsv.
struct Case {
  int line = 0;
  std::string input;
  std::string type;      // an IndicatorTypeName, "error", or "load-error" for a broken table
  std::string expected;  // canonical value, or a substring of the error message
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << "line " << c.line << ": \"";
  for (char ch : c.input.substr(0, 80)) {
    auto u = static_cast<unsigned char>(ch);
    if (u >= 0x20 && u < 0x7f) {
      *os << ch;
    } else {
      *os << "\\x"
          << "0123456789abcdef"[u >> 4] << "0123456789abcdef"[u & 0xf];
    }
  }
  *os << (c.input.size() > 80 ? "\"... (" : "\" (") << c.input.size() << " bytes)";
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "{{N*text}}" stands for N copies of text, so that long inputs stay readable in the table.
bool ExpandRepeats(std::string_view s, std::string& out) {
  for (size_t open; (open = s.find("{{")) != std::string_view::npos;) {
    size_t star = s.find('*', open), close = s.find("}}", open);
    int n = 0;
    if (star == std::string_view::npos || close == std::string_view::npos || star > close ||
        std::from_chars(s.data() + open + 2, s.data() + star, n).ptr != s.data() + star) {
      return false;
    }
    out.append(s.substr(0, open));
    for (int i = 0; i < n; ++i) out.append(s.substr(star + 1, close - star - 1));
    s.remove_prefix(close + 2);
  }
  out.append(s);
  return true;
}

// Decodes \t \n \r \0 \\ and \xNN.
bool Unescape(std::string_view s, std::string& out) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (++i == s.size()) return false;
    switch (s[i]) {
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case '0':
        out += '\0';
        break;
      case '\\':
        out += '\\';
        break;
      case 'x': {
        if (i + 2 >= s.size()) return false;
        int hi = HexDigit(s[i + 1]), lo = HexDigit(s[i + 2]);
        if (hi < 0 || lo < 0) return false;
        out += static_cast<char>(hi << 4 | lo);
        i += 2;
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

bool DecodeField(std::string_view field, std::string& out) {
  std::string expanded;
  return ExpandRepeats(field, expanded) && Unescape(expanded, out);
}

// Debian's absl::string_view is not std::string_view, so absl::StrSplit does not fit here.
std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cols;
  for (size_t tab; (tab = line.find('\t')) != std::string_view::npos;) {
    cols.push_back(line.substr(0, tab));
    line.remove_prefix(tab + 1);
  }
  cols.push_back(line);
  return cols;
}

std::vector<Case> LoadCases() {
  const std::string path = testing::TestData("indicators/cases.tsv");
  std::ifstream in(path);
  if (!in) return {Case{0, "", "load-error", "cannot open " + path}};
  std::vector<Case> cases;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> cols = SplitTabs(line);
    Case c;
    c.line = n;
    if (cols.size() != 3 || !DecodeField(cols[0], c.input) || !DecodeField(cols[2], c.expected)) {
      return {Case{n, "", "load-error", absl::StrCat(path, ":", n, ": malformed row")}};
    }
    c.type = std::string(cols[1]);
    cases.push_back(std::move(c));
  }
  return cases;
}

const std::vector<Case>& AllCases() {
  static const std::vector<Case>* const cases = new std::vector<Case>(LoadCases());
  return *cases;
}

class IndicatorTableTest : public ::testing::TestWithParam<Case> {};

TEST_P(IndicatorTableTest, ParsesAsTheTableSays) {
  const Case& c = GetParam();
  ASSERT_NE(c.type, "load-error") << c.expected;
  absl::StatusOr<Indicator> got = ParseIndicator(c.input);
  if (c.type == "error") {
    EXPECT_THAT(got, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.expected)));
    return;
  }
  ASSERT_THAT(got, IsOk());
  EXPECT_EQ(IndicatorTypeName(got->type), c.type);
  EXPECT_EQ(got->value, c.expected);
  // The canonical form is a fixed point, whichever way it is parsed back.
  absl::StatusOr<Indicator> again = ParseIndicator(got->value);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->type, got->type);
  EXPECT_EQ(again->value, got->value);
  EXPECT_EQ(ParseIndicatorAs(got->type, got->value).value_or(Indicator{}).value, got->value);
}

INSTANTIATE_TEST_SUITE_P(Cases, IndicatorTableTest, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return absl::StrCat("line_", info.param.line);
                         });

TEST(IndicatorTableTest, CoversEveryTypeAndEnoughRows) {
  EXPECT_GE(AllCases().size(), 220u);
  for (std::string_view name :
       {"ipv4", "ipv6", "network", "domain", "url", "md5", "sha1", "sha256", "error"}) {
    EXPECT_TRUE(std::any_of(AllCases().begin(), AllCases().end(), [&](const Case& c) {
      return c.type == name;
    })) << name;
  }
}

TEST(IndicatorTypeTest, NamesRoundTrip) {
  for (int i = 1; i <= 8; ++i) {
    auto type = static_cast<IndicatorType>(i);
    EXPECT_EQ(IndicatorTypeFromName(IndicatorTypeName(type)), type);
  }
  EXPECT_EQ(IndicatorTypeName(IndicatorType::kNetwork), "network");
  EXPECT_EQ(IndicatorTypeFromName("IPV4"), std::nullopt);
  EXPECT_EQ(IndicatorTypeFromName(""), std::nullopt);
}

TEST(IndicatorTypeTest, Families) {
  EXPECT_TRUE(IsHashType(IndicatorType::kMd5));
  EXPECT_TRUE(IsHashType(IndicatorType::kSha256));
  EXPECT_FALSE(IsHashType(IndicatorType::kUrl));
  EXPECT_TRUE(IsIpType(IndicatorType::kIpv4));
  EXPECT_TRUE(IsIpType(IndicatorType::kIpv6));
  EXPECT_FALSE(IsIpType(IndicatorType::kNetwork));
  EXPECT_FALSE(IsIpType(IndicatorType::kDomain));
}

TEST(RefangTest, UndoesCommonDefanging) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"hxxp://evil[.]com/a", "http://evil.com/a"},
      {"HXXPS://evil(.)com", "https://evil.com"},
      {"fxp://files{.}evil[dot]com", "ftp://files.evil.com"},
      {"hxxp[://]evil[DOT]com", "http://evil.com"},
      {"hxxps[:]//evil.com", "https://evil.com"},
      {"user[@]evil[.]com", "user@evil.com"},
      {"10[.]0[.]0[.]1", "10.0.0.1"},
      {"hxxp[.]com", "hxxp.com"},  // not a scheme: no ':' follows
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(Refang(in), want) << in;
}

TEST(RefangTest, LeavesOtherTextAlone) {
  for (std::string_view s : {"http://example.com/a(b)c[d]", "hxxp.example.com", "[::1]:53", "[::]",
                             "example.com/hxxp://x", "", "{}", "[", "(."}) {
    EXPECT_EQ(Refang(s), s);
  }
}

TEST(ParseIndicatorTest, PortIsReportedButNotPartOfTheValue) {
  const std::tuple<std::string_view, IndicatorType, std::string_view, uint16_t> cases[] = {
      {"1.2.3.4:8080", IndicatorType::kIpv4, "1.2.3.4", 8080},
      {"[2001:db8::1]:53", IndicatorType::kIpv6, "2001:db8::1", 53},
      {"example.com:443", IndicatorType::kDomain, "example.com", 443},
      {"1[.]2[.]3[.]4:1", IndicatorType::kIpv4, "1.2.3.4", 1},
  };
  for (const auto& [in, type, value, port] : cases) {
    absl::StatusOr<Indicator> got = ParseIndicator(in);
    ASSERT_THAT(got, IsOk()) << in;
    EXPECT_EQ(*got, (Indicator{type, std::string(value), port})) << in;
  }
  EXPECT_EQ(ParseIndicator("1.2.3.4")->port, std::nullopt);
  EXPECT_EQ(ParseIndicator("http://example.com:8080/")->port, std::nullopt);
}

TEST(ParseIndicatorAsTest, AcceptsTheRequestedType) {
  EXPECT_EQ(ParseIndicatorAs(IndicatorType::kUrl, "example.com")->value, "http://example.com/");
  EXPECT_EQ(ParseIndicatorAs(IndicatorType::kIpv4, "::ffff:1.2.3.4")->value, "1.2.3.4");
  EXPECT_EQ(ParseIndicatorAs(IndicatorType::kNetwork, " 10.9.8.7/8 ")->value, "10.0.0.0/8");
  EXPECT_EQ(ParseIndicatorAs(IndicatorType::kDomain, "evil[.]com")->value, "evil.com");
  EXPECT_EQ(
      ParseIndicatorAs(IndicatorType::kSha1, "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709")->value,
      "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  // Explicitly typed URLs need no known suffix.
  EXPECT_EQ(ParseIndicatorAs(IndicatorType::kUrl, "intranet.corp/x")->value,
            "http://intranet.corp/x");
}

TEST(ParseIndicatorAsTest, RejectsOtherTypes) {
  EXPECT_THAT(ParseIndicatorAs(IndicatorType::kMd5, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a valid md5")));
  EXPECT_THAT(ParseIndicatorAs(IndicatorType::kIpv6, "::ffff:1.2.3.4"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is ipv4")));
  EXPECT_THAT(ParseIndicatorAs(IndicatorType::kNetwork, "10.0.0.1"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("missing '/prefix'")));
  EXPECT_THAT(ParseIndicatorAs(IndicatorType::kDomain, "1.2.3.4"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("numeric")));
  EXPECT_THAT(ParseIndicatorAs(static_cast<IndicatorType>(99), "1.2.3.4"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseIndicatorAs(IndicatorType::kIpv4, ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
}

TEST(ParseIndicatorTest, LongInputIsRejectedBeforeAnyWork) {
  std::string big(65537, '1');
  EXPECT_THAT(ParseIndicator(big),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("longer than 65536 bytes")));
  // Surrounding whitespace counts towards the cap: it is checked on the raw input.
  std::string padded = "  " + std::string(65535, 'a');
  EXPECT_THAT(ParseIndicator(padded),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("longer than 65536 bytes")));
}

}  // namespace
}  // namespace loupe
