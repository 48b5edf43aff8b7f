#include "loupe/cli/terminal.h"

#include <unistd.h>

#include "fmt/format.h"

namespace loupe::cli {

bool IsTerminal(std::FILE* stream) { return isatty(fileno(stream)) != 0; }

std::string ColourZone(std::string_view zone, bool colour) {
  if (!colour) return std::string(zone);
  std::string_view code = "0";
  if (zone == "Red") code = "1;37;41";
  if (zone == "Orange") code = "1;30;43";
  if (zone == "Yellow") code = "1;30;103";
  if (zone == "Green") code = "1;37;42";
  if (zone == "Grey") code = "1;37;100";
  return fmt::format("\x1b[{}m {} \x1b[0m", code, zone);
}

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)),
      enabled_(IsTerminal(stderr)),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void ProgressBar::Update(uint64_t done, uint64_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100) && done != total) return;
  last_draw_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double rate = seconds > 0 ? static_cast<double>(done) / seconds / 1e6 : 0;
  if (total == 0) {
    std::fprintf(stderr, "\r%s %.1f MB (%.1f MB/s)", label_.c_str(), done / 1e6, rate);
    return;
  }
  constexpr int kWidth = 30;
  int filled = static_cast<int>(kWidth * static_cast<double>(done) / static_cast<double>(total));
  std::string bar(filled, '#');
  bar.resize(kWidth, ' ');
  std::fprintf(stderr, "\r%s [%s] %3.0f%% %.1f MB/s", label_.c_str(), bar.c_str(),
               100.0 * static_cast<double>(done) / static_cast<double>(total), rate);
}

void ProgressBar::Finish() {
  if (enabled_) std::fprintf(stderr, "\n");
}

}  // namespace loupe::cli
