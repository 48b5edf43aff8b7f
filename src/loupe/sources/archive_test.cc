#include "loupe/sources/archive.h"

#include <archive.h>
#include <archive_entry.h>

#include <fstream>
#include <sstream>

#include "loupe/base/testing.h"

namespace loupe {
namespace {

using ::loupe::testing::ScratchDir;
using ::loupe::testing::StatusIs;

// Writes an archive with libarchive: zip or raw gzip ("" entry name).
void WriteArchive(const std::string& path, bool zip,
                  const std::vector<std::pair<std::string, std::string>>& entries) {
  archive* a = archive_write_new();
  if (zip) {
    archive_write_set_format_zip(a);
  } else {
    archive_write_add_filter_gzip(a);
    archive_write_set_format_raw(a);
  }
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
  for (const auto& [name, body] : entries) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(body.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, body.data(), body.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

std::string Read(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TEST(ArchiveTest, PlainFilesPassThrough) {
  ScratchDir dir;
  const std::string path = (dir.path() / "list.txt").string();
  std::ofstream(path) << "1.2.3.4\n";
  auto files = UnpackIfArchive(path, (dir.path() / "out").string());
  ASSERT_OK(files);
  EXPECT_EQ(*files, std::vector<std::string>{path});
}

TEST(ArchiveTest, ZipEntriesAreUnpackedInsideTheDestination) {
  ScratchDir dir;
  const std::string path = (dir.path() / "feed.zip").string();
  WriteArchive(path, true, {{"csv.txt", "a\n"}, {"../../escape.txt", "b\n"}, {"/abs/c.txt", "c\n"}});
  auto files = UnpackIfArchive(path, (dir.path() / "out").string());
  ASSERT_OK(files);
  ASSERT_EQ(files->size(), 3u);
  for (const auto& f : *files) {
    EXPECT_EQ(f.rfind((dir.path() / "out").string(), 0), 0u) << f;
  }
  EXPECT_EQ(Read((*files)[0]), "a\n");
  EXPECT_EQ(Read((*files)[1]), "b\n");
}

TEST(ArchiveTest, GzipIsDecompressed) {
  ScratchDir dir;
  const std::string path = (dir.path() / "ipsum.txt.gz").string();
  WriteArchive(path, false, {{"data", "5.6.7.8\t3\n"}});
  auto files = UnpackIfArchive(path, (dir.path() / "out").string());
  ASSERT_OK(files);
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ((*files)[0], (dir.path() / "out" / "ipsum.txt").string());
  EXPECT_EQ(Read((*files)[0]), "5.6.7.8\t3\n");
}

TEST(ArchiveTest, CorruptArchiveIsAnErrorNotACrash) {
  ScratchDir dir;
  const std::string path = (dir.path() / "bad.zip").string();
  std::ofstream(path, std::ios::binary) << "PK\x03\x04garbage that is not a zip at all";
  EXPECT_THAT(UnpackIfArchive(path, (dir.path() / "out").string()),
              StatusIs(absl::StatusCode::kInvalidArgument));
  const std::string gz = (dir.path() / "bad.gz").string();
  std::ofstream(gz, std::ios::binary) << "\x1f\x8b\x08garbage";
  EXPECT_FALSE(UnpackIfArchive(gz, (dir.path() / "out2").string()).ok());
}

TEST(ArchiveTest, LimitsAreEnforced) {
  ScratchDir dir;
  const std::string path = (dir.path() / "big.zip").string();
  WriteArchive(path, true, {{"a", std::string(10000, 'x')}});
  EXPECT_THAT(UnpackIfArchive(path, (dir.path() / "out").string(), {.max_total_bytes = 100}),
              StatusIs(absl::StatusCode::kResourceExhausted));
}

}  // namespace
}  // namespace loupe
