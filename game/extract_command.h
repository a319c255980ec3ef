// `threshold extract [STORY_DIR] [-o FILE]`: every string of the story a player sees, as a
// gettext POT template (default <story>/locales/threshold.pot), for translators to start a
// catalogue from with msginit and keep it current with msgmerge. Registered by game/main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace threshold::game {

struct ExtractArgs {
  std::string dir;
  std::string out;  // "" : <story>/locales/threshold.pot
};

CLI::App* add_extract_command(CLI::App& app, ExtractArgs& args);

// `argv0` finds the bundled story. Returns the exit status.
int run_extract(const ExtractArgs& args, const char* argv0);

}  // namespace threshold::game
