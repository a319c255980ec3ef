// `threshold play [STORY_DIR] [--debug]`: the story in a window, live-reloaded as its files are
// edited, with the debug overlay on F1 (--debug: open from the start). Checks for a display
// first (SFML aborts without one) and points to `threshold text` when there is none. Used by
// game/main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "threshold/story/model.h"

namespace threshold::game {

struct PlayArgs {
  std::string dir;     // the story directory ("" = the bundled story)
  bool debug = false;  // start with the debug overlay open (F1 opens and closes it anyway)
  std::string locale;  // --locale: "" the Language setting's, else the environment's
};

CLI::App* add_play_command(CLI::App& app, PlayArgs& args);

// Checks for a display, loads the story (`argv0` finds the bundled one) and plays it in a
// window. Returns the exit status.
int run_play(const PlayArgs& args, const char* argv0);

// Returns true when there is a display to play on; otherwise prints the one-line reason to
// stderr (with the way to play in the terminal instead).
bool check_display();

// Plays `story` in a window until the player quits, watching its directory for edits (live
// reload) with the debug overlay one key away (F1). Returns the exit status (0, or 1 when the
// window could not be made, e.g. no font).
int play_window(std::shared_ptr<const story::Story> story, const PlayArgs& args);
// The same over a copy of `story`.
int play_window(const story::Story& story, const PlayArgs& args);

}  // namespace threshold::game
