// Unpacks what feeds publish compressed: gzip (.gz, also .tar.gz) and zip archives, with
// libarchive. Plain files pass through untouched.
#ifndef LOUPE_SOURCES_ARCHIVE_H_
#define LOUPE_SOURCES_ARCHIVE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace loupe {

struct UnpackLimits {
  uint64_t max_total_bytes = uint64_t{16} << 30;  // uncompressed, across all entries
  uint64_t max_entries = 100'000;
};

// Returns the plain files `path` holds: {path} itself when it is not compressed; else the
// unpacked regular files, written under `dest_dir` (entry paths are sanitized: no absolute
// paths, no "..", nothing outside `dest_dir`). The sniffing is by content (magic bytes),
// not by name. InvalidArgument for a corrupt archive; ResourceExhausted past a limit.
absl::StatusOr<std::vector<std::string>> UnpackIfArchive(const std::string& path,
                                                         const std::string& dest_dir,
                                                         const UnpackLimits& limits = {});

}  // namespace loupe

#endif  // LOUPE_SOURCES_ARCHIVE_H_
