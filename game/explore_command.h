// `threshold explore [STORY_DIR] [--max-states N] [--time any|timed|untimed|every]`: every way
// through the story played (engine/story/include/threshold/story/explorer.h): is every ending
// reachable, is any state stuck? Registered by game/main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>

namespace threshold::game {

struct ExploreArgs {
  std::string dir;
  size_t max_states = 200000;
  std::string time = "any";  // any, timed, untimed, or every (timed, then untimed)
};

CLI::App* add_explore_command(CLI::App& app, ExploreArgs& args);

// Prints the report to stdout; `argv0` finds the bundled story. Returns the exit status.
int run_explore(const ExploreArgs& args, const char* argv0);

}  // namespace threshold::game
