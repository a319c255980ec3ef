// `threshold explore`. See explore_command.h.
#include "explore_command.h"

#include <iostream>
#include <optional>

#include "story_dir.h"
#include "threshold/story/explorer.h"

namespace threshold::game {

CLI::App* add_explore_command(CLI::App& app, ExploreArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "explore", "Play every way through a story: is every ending reachable? Any dead ends?");
  cmd->add_option("STORY_DIR", args.dir, kStoryDirHelp);
  cmd->add_option("--max-states", args.max_states, "Stop after this many distinct states")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->footer(
      "Exit status: 0 every ending reachable and no state stuck; 1 an ending cannot be reached, a "
      "state is stuck, or the story could not be loaded; 2 stopped at --max-states before "
      "finding a problem (inconclusive).");
  return cmd;
}

int run_explore(const ExploreArgs& args, const char* argv0) {
  const std::optional<story::Story> story = load_story_dir(args.dir, argv0);
  if (!story) return 1;
  story::ExploreOptions options;
  options.max_states = args.max_states;
  const story::ExploreResult result = story::explore(*story, options);
  std::cout << result.report(*story) << std::flush;
  return result.exit_code();
}

}  // namespace threshold::game
