// Fuzzes ParseIndicator. Invariants: bad input yields InvalidArgument and nothing else; a
// parsed indicator's canonical value parses back to the same indicator (canonical form is a
// fixed point), both through ParseIndicator and ParseIndicatorAs with its type.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "absl/status/status.h"
#include "loupe/model/indicator.h"

namespace {

[[noreturn]] void Fail(const char* what, std::string_view input, std::string_view detail) {
  std::fprintf(stderr, "indicator_fuzzer: %s\n  input: %.*s\n  detail: %.*s\n", what,
               static_cast<int>(std::min<size_t>(input.size(), 512)), input.data(),
               static_cast<int>(std::min<size_t>(detail.size(), 512)), detail.data());
  std::abort();
}

void CheckFixedPoint(std::string_view input, const absl::StatusOr<loupe::Indicator>& again,
                     const loupe::Indicator& first) {
  if (!again.ok()) Fail("canonical value does not parse", input, again.status().ToString());
  if (again->type != first.type || again->value != first.value || again->port.has_value()) {
    Fail("canonical value parses differently", input, again->value);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<loupe::Indicator> first = loupe::ParseIndicator(input);
  if (!first.ok()) {
    if (first.status().code() != absl::StatusCode::kInvalidArgument) {
      Fail("error is not InvalidArgument", input, first.status().ToString());
    }
    return 0;
  }
  CheckFixedPoint(input, loupe::ParseIndicator(first->value), *first);
  CheckFixedPoint(input, loupe::ParseIndicatorAs(first->type, first->value), *first);
  return 0;
}
