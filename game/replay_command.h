// `threshold replay RECORDING [STORY_DIR]`: a recording (from `text --record`) replayed exactly,
// every event printed with its time (event_log.h). Registered by game/main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace threshold::game {

struct ReplayArgs {
  std::string recording;  // the recording file
  std::string dir;
};

CLI::App* add_replay_command(CLI::App& app, ReplayArgs& args);

// `argv0` finds the bundled story. Returns the exit status.
int run_replay(const ReplayArgs& args, const char* argv0);

}  // namespace threshold::game
