// `threshold replay`. See replay_command.h.
#include "replay_command.h"

#include <iostream>
#include <optional>
#include <vector>

#include "event_log.h"
#include "story_dir.h"
#include "threshold/story/recording.h"
#include "threshold/story/runtime.h"

namespace threshold::game {

CLI::App* add_replay_command(CLI::App& app, ReplayArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "replay",
      "Replay a recording (from text --record) exactly and print every event with its time");
  cmd->add_option("RECORDING", args.recording, "The recording file")->required();
  cmd->add_option("STORY_DIR", args.dir, kStoryDirHelp);
  return cmd;
}

int run_replay(const ReplayArgs& args, const char* argv0) {
  const std::optional<story::Story> story = load_story_dir(args.dir, argv0);
  if (!story) return 1;
  const std::optional<std::string> text = read_text_file(args.recording);
  if (!text) {
    std::cerr << "threshold: cannot read the recording " << args.recording << "\n";
    return 1;
  }
  const story::ParsedRecording parsed = story::parse_recording(*story, *text);
  if (!parsed.ok) {
    std::cerr << args.recording << ": " << parsed.error << "\n";
    return 1;
  }
  story::Runtime runtime(*story);
  const std::vector<story::Event> events = story::replay(runtime, parsed.recording);
  std::cout << format_events(*story, events) << std::flush;
  return 0;
}

}  // namespace threshold::game
