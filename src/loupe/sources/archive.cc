#include "loupe/sources/archive.h"

#include <archive.h>
#include <archive_entry.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "fmt/format.h"

namespace loupe {
namespace {

enum class Kind { kPlain, kGzip, kZip };

Kind Sniff(const std::string& path) {
  unsigned char magic[4] = {0, 0, 0, 0};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Kind::kPlain;
  size_t n = std::fread(magic, 1, sizeof(magic), f);
  std::fclose(f);
  if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return Kind::kGzip;
  if (n >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
    return Kind::kZip;
  }
  return Kind::kPlain;
}

// Keeps the entry inside the destination: drops leading '/', "." and ".." parts.
std::filesystem::path SafeRelative(std::string_view name) {
  std::filesystem::path out;
  for (const auto& part : std::filesystem::path(std::string(name))) {
    if (part == "/" || part == "." || part == ".." || part.empty()) continue;
    out /= part;
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> UnpackIfArchive(const std::string& path,
                                                         const std::string& dest_dir,
                                                         const UnpackLimits& limits) {
  const Kind kind = Sniff(path);
  if (kind == Kind::kPlain) return std::vector<std::string>{path};
  std::unique_ptr<archive, decltype(&archive_read_free)> a(archive_read_new(), archive_read_free);
  if (kind == Kind::kGzip) {
    archive_read_support_filter_gzip(a.get());
    archive_read_support_format_tar(a.get());
    archive_read_support_format_raw(a.get());  // a plain .gz
  } else {
    archive_read_support_format_zip(a.get());
  }
  if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    return absl::InvalidArgumentError(
        fmt::format("{}: {}", path, archive_error_string(a.get()) ?: "cannot open archive"));
  }
  std::vector<std::string> files;
  uint64_t total = 0;
  archive_entry* entry;
  int r;
  while ((r = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
    if (kind == Kind::kGzip && archive_filter_code(a.get(), 0) != ARCHIVE_FILTER_GZIP) {
      // The magic said gzip but the header is not: libarchive would pass the bytes raw.
      return absl::InvalidArgumentError(fmt::format("{}: corrupt gzip header", path));
    }
    if (files.size() >= limits.max_entries) {
      return absl::ResourceExhaustedError(
          fmt::format("{}: more than {} entries", path, limits.max_entries));
    }
    if (archive_entry_filetype(entry) != AE_IFREG && archive_format(a.get()) != ARCHIVE_FORMAT_RAW) {
      continue;
    }
    std::filesystem::path rel;
    if (archive_format(a.get()) == ARCHIVE_FORMAT_RAW) {
      rel = std::filesystem::path(path).filename();
      if (rel.extension() == ".gz") rel.replace_extension();
    } else {
      const char* name = archive_entry_pathname(entry);
      rel = SafeRelative(name ? name : "");
    }
    if (rel.empty()) continue;
    std::filesystem::path out = std::filesystem::path(dest_dir) / rel;
    std::filesystem::create_directories(out.parent_path());
    std::unique_ptr<std::FILE, decltype(&std::fclose)> f(std::fopen(out.c_str(), "wb"),
                                                         std::fclose);
    if (!f) return absl::UnavailableError(fmt::format("cannot write {}", out.string()));
    char buf[1 << 16];
    la_ssize_t n;
    while ((n = archive_read_data(a.get(), buf, sizeof(buf))) > 0) {
      total += static_cast<uint64_t>(n);
      if (total > limits.max_total_bytes) {
        return absl::ResourceExhaustedError(
            fmt::format("{}: more than {} bytes unpacked", path, limits.max_total_bytes));
      }
      if (std::fwrite(buf, 1, static_cast<size_t>(n), f.get()) != static_cast<size_t>(n)) {
        return absl::UnavailableError(fmt::format("cannot write {}", out.string()));
      }
    }
    if (n < 0) {
      return absl::InvalidArgumentError(
          fmt::format("{}: {}", path, archive_error_string(a.get()) ?: "corrupt archive"));
    }
    files.push_back(out.string());
  }
  if (r != ARCHIVE_EOF) {
    return absl::InvalidArgumentError(
        fmt::format("{}: {}", path, archive_error_string(a.get()) ?: "corrupt archive"));
  }
  return files;
}

}  // namespace loupe
