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

}  // namespace
}  // namespace loupe::cli
