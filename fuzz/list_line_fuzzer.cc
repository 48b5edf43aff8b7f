// Any bytes as one line of a plain list: never crashes; accepted values re-parse the same.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "loupe/formats/list/list_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  auto record = loupe::ParseListLine(line);
  if (record.ok() && record->has_value()) {
    auto again = loupe::ParseIndicator((*record)->indicator.value);
    if (!again.ok() || again->value != (*record)->indicator.value) std::abort();
  }
  return 0;
}
