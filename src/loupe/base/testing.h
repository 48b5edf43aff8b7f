// Test helpers: Status matchers (Debian's abseil has none) and a scratch directory.
#ifndef LOUPE_BASE_TESTING_H_
#define LOUPE_BASE_TESTING_H_

#include <filesystem>
#include <random>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace loupe::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER(IsOk, "is OK") {
  const absl::Status& s = GetStatus(arg);
  if (!s.ok()) *result_listener << s.ToString();
  return s.ok();
}

MATCHER_P(StatusIs, code, "has status code " + ::testing::PrintToString(code)) {
  const absl::Status& s = GetStatus(arg);
  *result_listener << s.ToString();
  return s.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher, "") {
  const absl::Status& s = GetStatus(arg);
  *result_listener << s.ToString();
  return s.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, std::string(s.message()), result_listener);
}

// A fresh directory under the system temp dir, removed when the object dies.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("loupe-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string SharedData(const std::string& rel) {
  return std::string(LOUPE_SHARED_DATA) + "/" + rel;
}
inline std::string TestData(const std::string& rel) {
  return std::string(LOUPE_TESTDATA) + "/" + rel;
}

}  // namespace loupe::testing

#define ASSERT_OK(expr) ASSERT_THAT(expr, ::loupe::testing::IsOk())
#define EXPECT_OK(expr) EXPECT_THAT(expr, ::loupe::testing::IsOk())

#endif  // LOUPE_BASE_TESTING_H_
