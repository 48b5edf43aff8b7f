// The verdict policy file is operator-written TOML: any bytes must give a policy or an
// InvalidArgument naming the problem, never a crash (toml++ throws; we catch).
#include <cstdint>
#include <string_view>

#include "loupe/verdict/policy_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto policy = loupe::ParseVerdictPolicy(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml");
  if (policy.ok() && policy->orange_at >= policy->red_at) __builtin_trap();  // validated
  return 0;
}
