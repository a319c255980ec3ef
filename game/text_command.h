// `threshold text [STORY_DIR]`: the story played in the terminal (text_player.h), or a script of
// gestures played through it for a transcript, optionally recorded. Registered by game/main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace threshold::game {

struct TextArgs {
  std::string dir;
  bool fast = false;
  bool timings = false;
  std::string script;
  std::string scene;
  std::string record;
  std::string locale;  // --locale: "" the environment's
};

CLI::App* add_text_command(CLI::App& app, TextArgs& args);

// Plays to stdout, reading stdin; `argv0` finds the bundled story. Returns the exit status.
int run_text(const TextArgs& args, const char* argv0);

}  // namespace threshold::game
