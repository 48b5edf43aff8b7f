// Human-readable rendering of reports and flat lookups for `--format table`.
#ifndef LOUPE_CLI_TABLE_FORMAT_H_
#define LOUPE_CLI_TABLE_FORMAT_H_

#include <string>

#include "boost/json/object.hpp"

namespace loupe::cli {

// "key  value" lines; list values joined by ", "; zones coloured when `colour`.
std::string FlatTable(const boost::json::object& flat, bool colour);

// Sections in order; scalar fields as "key  value", list sections as one row per record
// (at most `rows` per section, then "... N more").
std::string ReportTable(const boost::json::object& report, bool colour, size_t rows = 20);

}  // namespace loupe::cli

#endif  // LOUPE_CLI_TABLE_FORMAT_H_
