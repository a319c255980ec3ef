// `threshold play [STORY_DIR] [--debug]`: the story in a window. Checks for a display first (SFML
// aborts without one) and points to `threshold text` when there is none. Used by game/main.cpp.
#pragma once

#include <string>

#include "engine/story/model.h"

namespace threshold::game {

struct PlayArgs {
  std::string dir;     // the story directory ("" = the bundled story)
  bool debug = false;  // reserved for the debug overlay; accepted and ignored for now
};

// Returns true when there is a display to play on; otherwise prints the one-line reason to
// stderr (with the way to play in the terminal instead).
bool check_display();

// Plays `story` in a window until the player quits. Returns the exit status (0, or 1 when the
// window could not be made, e.g. no font).
int play_window(const story::Story& story, const PlayArgs& args);

}  // namespace threshold::game
