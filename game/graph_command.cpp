// `threshold graph`. See graph_command.h.
#include "graph_command.h"

#include <iostream>
#include <optional>

#include "story_dir.h"
#include "threshold/story/graph.h"

namespace threshold::game {

CLI::App* add_graph_command(CLI::App& app, GraphArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "graph", "Print the scene graph as Graphviz DOT (threshold graph | dot -Tsvg > story.svg)");
  cmd->add_option("STORY_DIR", args.dir, kStoryDirHelp);
  return cmd;
}

int run_graph(const GraphArgs& args, const char* argv0) {
  const std::optional<story::Story> story = load_story_dir(args.dir, argv0);
  if (!story) return 1;
  std::cout << story::scene_graph_dot(*story) << std::flush;
  return 0;
}

}  // namespace threshold::game
