// Where the time goes between the process's start and the first frame of the title screen.
// `threshold play` marks the end of each step of its start (the display checked, the story
// loaded, the fonts, the window and its GL context, the sound device, the game); with
// THRESHOLD_STARTUP_REPORT naming a file, it writes each mark there as "name nanoseconds" of
// CLOCK_MONOTONIC once the title's first frame is on the window, and quits. bench/startup_bench
// starts the game that way and measures from before it spawned the process (exec and the dynamic
// linker included). Without the variable, marking costs a clock read and nothing is written.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace threshold::game {

class StartupClock {
 public:
  // The process's one clock.
  static StartupClock& get();

  void mark(const char* step);
  // Whether a report was asked for (THRESHOLD_STARTUP_REPORT).
  bool reporting() const { return !path_.empty(); }
  // Marks "first_frame" and writes the report (atomically: a temporary file renamed). Returns
  // whether it was written; the caller then quits.
  bool report_first_frame();

 private:
  StartupClock();
  std::string path_;
  std::vector<std::pair<std::string, long long>> marks_;
};

}  // namespace threshold::game
