// `threshold audio-render`: a scene's sound, played with idle input through the same OpenAL Soft
// mixer as the game on OpenAL Soft's loopback device, written to a WAV file — for writers
// listening to a place and for tests. Registered by game/main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "threshold/story/model.h"

namespace threshold::game {

struct AudioRenderArgs {
  std::string dir;
  std::string scene;
  double seconds = 10;
  std::string out;
  std::string hrtf = "auto";  // on | off | auto (see audio::Hrtf)
};

// Adds the `audio-render` subcommand to `app`, filling `args`.
CLI::App* add_audio_render_command(CLI::App& app, AudioRenderArgs& args);

// Renders and writes the WAV; messages go to stderr. Returns the exit status.
int run_audio_render(const AudioRenderArgs& args, const story::Story& story);
// The same after loading the story of args.dir (`argv0` finds the bundled one).
int run_audio_render(const AudioRenderArgs& args, const char* argv0);

}  // namespace threshold::game
