// `threshold render`: one frame of a scene, drawn off-screen through the same Renderer as the
// game, saved as a PNG — for writers checking a composition and for tests. Registered by
// game/main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "threshold/story/model.h"

namespace threshold::game {

struct RenderArgs {
  std::string dir;
  std::string locale;  // --locale: "" the environment's
  std::string scene;
  double at = 3;
  std::string size = "1280x720";
  std::string out;
  bool hints = false;
  bool captions = false;
  bool reduced_motion = false;
  float text_scale = 1;
  // The text settings: the face ("garamond", "opendyslexic", "dejavu_sans"), the line spacing
  // and the high-contrast band.
  std::string font = "garamond";
  float line_spacing = 1;
  bool high_contrast = false;
  bool debug_overlay = false;  // draw the debug overlay's panels over the frame
  // A hand on a thing at --at: pressed for a moment and moved `drag` frame pixels (+ away, up),
  // as a push or pull in progress looks to the player.
  std::string press;
  double drag = 0;
  // NAME=VALUE, set when the scene begins (as the overlay's Variables panel sets them): to see a
  // gesture or a `when:` that needs the story's state, e.g. --set courage=2.
  std::vector<std::string> set;
};

// Adds the `render` subcommand to `app`, filling `args`.
CLI::App* add_render_command(CLI::App& app, RenderArgs& args);

// Says why rendering is impossible here ("threshold: no display (...)..."), or "" when an X
// display can be opened. Asked before the story is loaded and before SFML is touched.
std::string render_display_problem();

// Renders the frame and writes the PNG; messages go to stderr. Returns the exit status.
int run_render(const RenderArgs& args, const story::Story& story);
// The same after loading the story of args.dir (`argv0` finds the bundled one).
int run_render(const RenderArgs& args, const char* argv0);

}  // namespace threshold::game
