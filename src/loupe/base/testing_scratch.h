// A scratch directory for benchmarks and tools (no gtest dependency), removed on destruction.
#ifndef LOUPE_BASE_TESTING_SCRATCH_H_
#define LOUPE_BASE_TESTING_SCRATCH_H_

#include <filesystem>
#include <random>
#include <string>

namespace loupe {

class ScratchDirectory {
 public:
  ScratchDirectory() {
    std::random_device rd;
    path_ = (std::filesystem::temp_directory_path() /
             ("loupe-" + std::to_string(rd()) + std::to_string(rd())))
                .string();
    std::filesystem::create_directories(path_);
  }
  ~ScratchDirectory() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace loupe

#endif  // LOUPE_BASE_TESTING_SCRATCH_H_
