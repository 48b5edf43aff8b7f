// Changesets arrive from other nodes' logs (replication): any bytes must decode to ops or
// DataLoss, never a crash or a read past the buffer.
#include <cstdint>
#include <string_view>

#include "loupe/store/changeset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  loupe::ChangesetReader reader(std::string_view(reinterpret_cast<const char*>(data), size));
  loupe::ChangesetOp op;
  while (reader.Next(op)) {
  }
  return 0;
}
