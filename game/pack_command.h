// `threshold pack [STORY_DIR] -o FILE`: the story loaded and written as one compiled story file
// (engine/story/include/threshold/story/pack.h), which every story verb reads as it reads a story
// directory. Registered by game/main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace threshold::game {

struct PackArgs {
  std::string dir;
  std::string output;
};

CLI::App* add_pack_command(CLI::App& app, PackArgs& args);

// `argv0` finds the bundled story and the game's assets. Returns the exit status.
int run_pack(const PackArgs& args, const char* argv0);

}  // namespace threshold::game
