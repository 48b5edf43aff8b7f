// Test helpers: Status matchers (Debian's abseil has none) and a scratch directory.
#ifndef LOUPE_BASE_TESTING_H_
#define LOUPE_BASE_TESTING_H_

#include <filesystem>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "loupe/base/testing_scratch.h"

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
  std::filesystem::path path() const { return dir_.path(); }

 private:
  ScratchDirectory dir_;
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
