#include "loupe/cli/table_format.h"

#include "boost/json.hpp"
#include "gtest/gtest.h"

namespace loupe::cli {
namespace {

TEST(TableFormatTest, FlatTableAlignsAndJoinsLists) {
  boost::json::object flat{{"$KLZone", "Red"}, {"$KLRedMd5", boost::json::array{"a", "b"}}};
  EXPECT_EQ(FlatTable(flat, false), "$KLZone    Red\n$KLRedMd5  a, b\n");
  EXPECT_NE(FlatTable(flat, true).find("\x1b[1;37;41m Red"), std::string::npos);
}

TEST(TableFormatTest, ReportTableBoundsRows) {
  boost::json::array rows;
  for (int i = 0; i < 5; ++i) rows.push_back(boost::json::object{{"Ip", std::to_string(i)}});
  boost::json::object report{{"Zone", "Grey"}, {"DomainDnsResolutions", rows}};
  std::string table = ReportTable(report, false, 2);
  EXPECT_NE(table.find("DomainDnsResolutions (5)"), std::string::npos);
  EXPECT_NE(table.find("... 3 more"), std::string::npos);
}

TEST(TableFormatTest, VerdictReadsAsAnExplanation) {
  boost::json::object verdict{
      {"Zone", "Red"},
      {"ThreatScore", 95},
      {"HasApt", true},
      {"JudgedAt", "2026-01-01T00:00:00Z"},
      {"Reasons", boost::json::array{"Red 95: s1 (malware), against tranco (popular)"}},
      {"Contributions",
       boost::json::array{boost::json::object{{"Kind", "malicious"}, {"Text", "s1 (...)"}},
                          boost::json::object{{"Kind", "benign"}, {"Text", "tranco (...)"}},
                          boost::json::object{{"Kind", "expired"}, {"Text", "old (...)"}}}}};
  EXPECT_EQ(ReportTable({{"Verdict", verdict}}, false),
            "\nVerdict\n"
            "  Red 95: s1 (malware), against tranco (popular)\n"
            "    + s1 (...)\n"
            "    - tranco (...)\n"
            "    . old (...)\n"
            "  judged at 2026-01-01T00:00:00Z; linked to an APT\n");
}

}  // namespace
}  // namespace loupe::cli
