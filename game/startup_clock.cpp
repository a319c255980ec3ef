// The marks of the game's start. See startup_clock.h.
#include "startup_clock.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>

namespace threshold::game {

namespace {

long long now_ns() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<long long>(t.tv_sec) * 1000000000LL + t.tv_nsec;
}

}  // namespace

StartupClock::StartupClock() {
  if (const char* path = std::getenv("THRESHOLD_STARTUP_REPORT"); path && *path) path_ = path;
}

StartupClock& StartupClock::get() {
  static StartupClock clock;
  return clock;
}

void StartupClock::mark(const char* step) {
  if (reporting()) marks_.emplace_back(step, now_ns());
}

bool StartupClock::report_first_frame() {
  if (!reporting()) return false;
  mark("first_frame");
  const std::string temporary = path_ + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const auto& [step, ns] : marks_) out << step << ' ' << ns << '\n';
    if (!out) {
      std::remove(temporary.c_str());
      return false;
    }
  }
  if (std::rename(temporary.c_str(), path_.c_str()) != 0) {
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

}  // namespace threshold::game
