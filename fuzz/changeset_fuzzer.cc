// Changesets arrive from other nodes' logs (replication): any bytes must decode to ops or
// DataLoss, never a crash or a read past the buffer - whole, or fed in two pieces as the
// store reads spilled changesets (a cut inside an op is DataLoss, not a crash).
#include <cstdint>
#include <string_view>

#include "loupe/store/changeset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  loupe::ChangesetReader reader(in);
  loupe::ChangesetOp op;
  while (reader.Next(op)) {
  }
  const size_t cut = size == 0 ? 0 : data[size - 1] % (size + 1);
  loupe::ChangesetReader pieces(in.substr(0, cut), /*in_pieces=*/true);
  while (pieces.Next(op)) {
  }
  pieces.Feed(in.substr(cut));
  while (pieces.Next(op)) {
  }
  pieces.Finish().IgnoreError();
  return 0;
}
