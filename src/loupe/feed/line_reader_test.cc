#include "loupe/feed/line_reader.h"

#include <fstream>

#include "gtest/gtest.h"
#include "loupe/base/testing.h"

namespace loupe {
namespace {

std::vector<std::string> ReadAll(const std::string& content,
                                 std::vector<bool>* too_long = nullptr) {
  testing::ScratchDir dir;
  std::string path = (dir.path() / "f").string();
  std::ofstream(path, std::ios::binary) << content;
  auto reader = LineReader::Open(path);
  EXPECT_TRUE(reader.ok());
  std::vector<std::string> lines;
  std::string_view line;
  bool tl;
  while ((*reader)->Next(line, tl)) {
    lines.emplace_back(line.substr(0, 16));
    if (too_long) too_long->push_back(tl);
  }
  EXPECT_EQ((*reader)->bytes_read(), content.size());
  return lines;
}

TEST(LineReaderTest, SplitsLinesAndStripsCr) {
  EXPECT_EQ(ReadAll("a\r\nb\n\nc"), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(ReadAll(""), std::vector<std::string>{});
}

TEST(LineReaderTest, OverlongLineIsFlaggedAndSkippedNotBuffered) {
  std::string content = "first\n" + std::string(LineReader::kMaxLineBytes + 10, 'x') + "\nlast\n";
  std::vector<bool> too_long;
  auto lines = ReadAll(content, &too_long);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2], "last");
  EXPECT_EQ(too_long, (std::vector<bool>{false, true, false}));
}

TEST(LineReaderTest, MissingFileIsNotFound) {
  EXPECT_THAT(LineReader::Open("/nonexistent/file"),
              testing::StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace loupe
