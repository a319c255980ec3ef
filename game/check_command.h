// `threshold check [STORY_DIR] [--werror]`: the story's errors and warnings on stderr as
// file:line:column, then its size summary on stdout. Registered by game/main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace threshold::game {

struct CheckArgs {
  std::string dir;
  bool werror = false;         // warnings fail too
  bool accessibility = false;  // also what the story asks of a player, and the tags it can claim
  std::string locale;          // also what of the story a catalogue leaves in English
};

CLI::App* add_check_command(CLI::App& app, CheckArgs& args);

// `argv0` finds the bundled story. Returns the exit status.
int run_check(const CheckArgs& args, const char* argv0);

}  // namespace threshold::game
