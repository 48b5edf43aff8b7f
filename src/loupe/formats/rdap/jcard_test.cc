#include "loupe/formats/rdap/jcard.h"

#include <map>
#include <string>
#include <utility>

#include "gtest/gtest.h"
#include "loupe/base/testing.h"

namespace loupe {
namespace {

using ::loupe::testing::StatusIs;
using ::testing::HasSubstr;

absl::StatusOr<WhoisContact> Card(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json.data(), json.size());
  simdjson::dom::element doc;
  if (parser.parse(padded).get(doc) != simdjson::SUCCESS) {
    return absl::InternalError("test JSON does not parse");
  }
  WhoisContact c;
  absl::Status s = ParseJCard(doc, c);
  if (!s.ok()) return s;
  return c;
}

struct CardCase {
  const char* name;
  const char* json;
  std::map<std::string, std::string> want;  // the fields that are set
};

std::map<std::string, std::string> SetFields(const WhoisContact& c) {
  std::map<std::string, std::string> out;
  std::pair<const char*, const std::string*> fields[] = {{"role", &c.role},
                                                         {"name", &c.name},
                                                         {"organization", &c.organization},
                                                         {"address", &c.address},
                                                         {"city", &c.city},
                                                         {"state", &c.state},
                                                         {"postal_code", &c.postal_code},
                                                         {"country_code", &c.country_code},
                                                         {"phone", &c.phone},
                                                         {"fax", &c.fax},
                                                         {"email", &c.email},
                                                         {"organization_id", &c.organization_id}};
  for (auto [name, value] : fields) {
    if (!value->empty()) out[name] = *value;
  }
  return out;
}

// Cards as registries and RIRs write them.
const CardCase kCards[] = {
    {"verisign_registrar",
     R"(["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "MarkMonitor Inc."]]])",
     {{"name", "MarkMonitor Inc."}}},
    {"full_contact",
     R"(["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Jana Nováková"],
        ["org", {}, "text", "Pekárna Vltava s.r.o."],
        ["adr", {}, "text", ["", "", "Na Poříčí 1047/26", "Praha 1", "", "110 00", "cz"]],
        ["tel", {"type": ["work", "voice"]}, "uri", "tel:+420.603112233"],
        ["tel", {"type": "fax"}, "uri", "tel:+420.224815612"],
        ["email", {}, "text", "jana@pekarna-vltava.cz"]]])",
     {{"name", "Jana Nováková"},
      {"organization", "Pekárna Vltava s.r.o."},
      {"address", "Na Poříčí 1047/26"},
      {"city", "Praha 1"},
      {"postal_code", "110 00"},
      {"country_code", "CZ"},
      {"phone", "+420.603112233"},
      {"fax", "+420.224815612"},
      {"email", "jana@pekarna-vltava.cz"}}},
    {"arin_org_with_label",
     R"(["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", "Google LLC"],
        ["adr", {"label": "1600 Amphitheatre Parkway\nMountain View\nCA\n94043\nUnited States"},
         "text", ["", "", "", "", "", "", ""]],
        ["kind", {}, "text", "org"]]])",
     {{"organization", "Google LLC"},
      {"address", "1600 Amphitheatre Parkway, Mountain View, CA, 94043, United States"}}},
    {"ripe_null_address",
     R"(["vcard", [["fn", {}, "text", "Abuse-C Role"], ["kind", {}, "text", "group"],
        ["adr", {"label": "Singel 258\n1016AB\nAmsterdam\nNETHERLANDS"}, "text", null],
        ["email", {"type": "abuse"}, "text", "abuse@ripe.net"]]])",
     {{"name", "Abuse-C Role"},
      {"address", "Singel 258, 1016AB, Amsterdam, NETHERLANDS"},
      {"email", "abuse@ripe.net"}}},
    {"cc_parameter_beats_country_name",
     R"(["vcard", [["adr", {"cc": "de"}, "text",
        ["", "", ["Mainzer Landstrasse 50", "3. OG"], "Frankfurt am Main", "Hessen", "60325", "Germany"]]]])",
     {{"address", "Mainzer Landstrasse 50, 3. OG"},
      {"city", "Frankfurt am Main"},
      {"state", "Hessen"},
      {"postal_code", "60325"},
      {"country_code", "DE"}}},
    {"country_name_stays_in_address",
     R"(["vcard", [["adr", {}, "text", ["PO Box 12", "", "1 Main St", "Springfield", "", "", "United States"]]]])",
     {{"address", "PO Box 12, 1 Main St, United States"}, {"city", "Springfield"}}},
    {"redacted_registrant",
     R"(["vcard", [["fn", {}, "text", "REDACTED FOR PRIVACY"], ["org", {}, "text", "Acme Widgets LLC"],
        ["adr", {}, "text", ["", "", "REDACTED FOR PRIVACY", "REDACTED FOR PRIVACY", "WA", "REDACTED FOR PRIVACY", "US"]],
        ["tel", {"type": "voice"}, "uri", "tel:REDACTED FOR PRIVACY"],
        ["email", {}, "text", "Data Redacted"]]])",
     {{"organization", "Acme Widgets LLC"}, {"state", "WA"}, {"country_code", "US"}}},
    {"first_of_each_wins_and_prefixes_drop",
     R"(["vcard", [["email", {}, "text", "mailto:first@example.org"], ["email", {}, "text", "second@example.org"],
        ["tel", {}, "text", "+1 555 0100"], ["tel", {"type": "voice"}, "uri", "tel:+1 555 0199"],
        ["FN", {}, "text", "Upper Case Name"], ["x-unknown", {}, "text", 42]]])",
     {{"name", "Upper Case Name"}, {"phone", "+1 555 0100"}, {"email", "first@example.org"}}},
    {"structured_org",
     R"(["vcard", [["org", {}, "text", ["ABC, Inc.", "North American Division", ""]]]])",
     {{"organization", "ABC, Inc., North American Division"}}},
};

TEST(JCardTest, Cards) {
  for (const CardCase& c : kCards) {
    SCOPED_TRACE(c.name);
    auto got = Card(c.json);
    ASSERT_OK(got);
    EXPECT_EQ(SetFields(*got), c.want);
  }
}

struct BadCase {
  const char* json;
  const char* reason;
};

const BadCase kBad[] = {
    {R"({"fn": "x"})", "not a jCard"},
    {R"(["vcard"])", "not a jCard"},
    {R"(["vcard", "fn"])", "not a jCard"},
    {R"(["vCalendar", []])", "not a jCard"},
    {R"(["vcard", ["fn"]])", "property is a string, not an array"},
    {R"(["vcard", [["fn", {}, "text"]]])", "not [name, {parameters}, type, value]"},
    {R"(["vcard", [["fn", [], "text", "x"]]])", "not [name, {parameters}, type, value]"},
    {R"(["vcard", [[1, {}, "text", "x"]]])", "not [name, {parameters}, type, value]"},
    {R"(["vcard", [["email", {}, "text", 12345]]])", "jCard email: value is a number, not text"},
    {R"(["vcard", [["adr", {}, "text", ["", "", {"street": 1}]]]])",
     "jCard adr: value is an object, not text"},
};

TEST(JCardTest, BadCards) {
  for (const BadCase& c : kBad) {
    SCOPED_TRACE(c.json);
    EXPECT_THAT(Card(c.json), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.reason)));
  }
}

TEST(JCardTest, LongValuesAreCutOnACharacterBoundary) {
  std::string name;
  for (int i = 0; i < 600; ++i) name += "é";  // 1200 bytes
  auto got = Card(R"(["vcard", [["fn", {}, "text", ")" + name + R"("]]])");
  ASSERT_OK(got);
  EXPECT_EQ(got->name.size(), 1024u);
  EXPECT_EQ(got->name, name.substr(0, 1024));
}

TEST(JCardTest, Placeholders) {
  EXPECT_TRUE(IsRedactionPlaceholder("REDACTED FOR PRIVACY"));
  EXPECT_TRUE(IsRedactionPlaceholder("Data Redacted"));
  EXPECT_TRUE(IsRedactionPlaceholder("Non-Public Data"));
  EXPECT_FALSE(IsRedactionPlaceholder("Withheld for Privacy ehf"));  // a real proxy service
  EXPECT_FALSE(IsRedactionPlaceholder("Acme"));
}

}  // namespace
}  // namespace loupe
