// Terminal output helpers: zone colours and a progress bar, both only on a TTY.
#ifndef LOUPE_CLI_TERMINAL_H_
#define LOUPE_CLI_TERMINAL_H_

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace loupe::cli {

bool IsTerminal(std::FILE* stream);

// The zone name wrapped in its ANSI colour when `colour` is set.
std::string ColourZone(std::string_view zone, bool colour);

// Redraws at most ten times a second on stderr; silent when stderr is not a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  void Update(uint64_t done, uint64_t total);
  void Finish();

 private:
  std::string label_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace loupe::cli

#endif  // LOUPE_CLI_TERMINAL_H_
