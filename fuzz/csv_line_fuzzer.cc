// Any bytes as a CSV feed (lines split on '\n') with a header-named mapping.
#include <cstdint>
#include <string_view>

#include "loupe/formats/csv/csv_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  loupe::CsvMappingSpec spec;
  spec.header = size > 0 && (data[0] & 1);
  (void)loupe::AddCsvColumn(spec, spec.header ? "value=url" : "value=2");
  (void)loupe::AddCsvColumn(spec, "category=3");
  (void)loupe::AddCsvColumn(spec, "first_seen=1");
  loupe::CsvFormat csv(spec);
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    (void)csv.ParseLine(line);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
  }
  return 0;
}
