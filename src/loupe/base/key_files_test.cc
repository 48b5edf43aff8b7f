#include "loupe/base/key_files.h"

#include <filesystem>
#include <random>
#include <set>

#include "gtest/gtest.h"
#include "loupe/base/testing.h"

namespace loupe {
namespace {

std::vector<std::string> Sorted(ExternalSorter& sorter) {
  std::vector<std::string> out;
  EXPECT_OK(sorter.ForEachSorted([&](std::string_view key) {
    out.emplace_back(key);
    return absl::OkStatus();
  }));
  return out;
}

// Keys with duplicates across and within runs, empty keys and high bytes (sorted as
// unsigned, like the store's keys).
TEST(ExternalSorterTest, SortsAndDeduplicatesAcrossRuns) {
  for (size_t memory : {size_t{1} << 30, size_t{2000}}) {  // in memory; about 40 runs
    testing::ScratchDir dir;
    ExternalSorter sorter(dir.path().string(), memory);
    std::mt19937 rng(7);
    std::set<std::string> expected;
    for (int i = 0; i < 3000; ++i) {
      std::string key(rng() % 20, '\0');
      for (char& c : key) c = static_cast<char>(rng() % 4 == 0 ? 0xff : 'a' + rng() % 3);
      expected.insert(key);
      ASSERT_OK(sorter.Add(key));
    }
    EXPECT_EQ(Sorted(sorter), std::vector<std::string>(expected.begin(), expected.end()))
        << "memory " << memory;
  }
}

TEST(KeyFileTest, RoundTripsAndReportsTruncation) {
  testing::ScratchDir dir;
  const std::string path = (dir.path() / "keys").string();
  KeyFileWriter writer;
  ASSERT_OK(writer.Open(path));
  const std::string long_key(300, 'x');  // a two-byte length
  for (std::string_view key :
       {std::string_view("a"), std::string_view(""), std::string_view(long_key)}) {
    ASSERT_OK(writer.Add(key));
  }
  ASSERT_OK(writer.Close());
  KeyFileReader reader;
  ASSERT_OK(reader.Open(path));
  std::vector<std::string> keys;
  while (reader.Next()) keys.push_back(reader.key());
  ASSERT_OK(reader.status());
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "", long_key}));

  std::filesystem::resize_file(path, 2 + 1 + 2 + 100);  // cut inside the long key
  KeyFileReader cut;
  ASSERT_OK(cut.Open(path));
  while (cut.Next()) {
  }
  EXPECT_EQ(cut.status().code(), absl::StatusCode::kDataLoss);

  KeyFileReader missing;
  EXPECT_FALSE(missing.Open((dir.path() / "none").string()).ok());
  ASSERT_OK(missing.Open((dir.path() / "none").string(), /*missing_ok=*/true));
  EXPECT_FALSE(missing.Next());
  EXPECT_OK(missing.status());
}

}  // namespace
}  // namespace loupe
