// `threshold explore`. See explore_command.h.
#include "explore_command.h"

#include <iostream>
#include <optional>
#include <vector>

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
  cmd->add_option("--time", args.time,
                  "How each gesture is made: any (chosen directly: what the story allows), timed "
                  "(with a player's input, which holds for Time to act from 1x to 3x), untimed "
                  "(the same under the untimed setting), or every (timed, then untimed)")
      ->check(CLI::IsMember({"any", "timed", "untimed", "every"}))
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
  std::vector<story::ExploreHands> classes;
  if (args.time == "any") classes = {story::ExploreHands::Chosen};
  if (args.time == "timed" || args.time == "every") classes.push_back(story::ExploreHands::Timed);
  if (args.time == "untimed" || args.time == "every") {
    classes.push_back(story::ExploreHands::Untimed);
  }
  int code = 0;
  for (const story::ExploreHands hands : classes) {
    story::ExploreOptions options;
    options.max_states = args.max_states;
    options.hands = hands;
    const story::ExploreResult result = story::explore(*story, options);
    if (classes.size() > 1) {
      std::cout << (hands == story::ExploreHands::Timed ? "" : "\n")
                << "== " << story::explore_hands_name(hands) << "\n";
    }
    std::cout << result.report(*story) << std::flush;
    // A problem found (1) outweighs a search that stopped short (2).
    const int c = result.exit_code();
    if (c == 1 || code == 0) code = c == 0 ? code : c;
  }
  return code;
}

}  // namespace threshold::game
