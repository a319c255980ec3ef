// `threshold graph [STORY_DIR]`: the scene graph as Graphviz DOT on stdout
// (engine/story/include/threshold/story/graph.h). Registered by game/main.cpp.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace threshold::game {

struct GraphArgs {
  std::string dir;
};

CLI::App* add_graph_command(CLI::App& app, GraphArgs& args);

// `argv0` finds the bundled story. Returns the exit status.
int run_graph(const GraphArgs& args, const char* argv0);

}  // namespace threshold::game
