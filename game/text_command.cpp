// `threshold text`. See text_command.h.
#include "text_command.h"

#include <chrono>
#include <iostream>
#include <optional>
#include <thread>

#include "scene_arg.h"
#include "story_dir.h"
#include "story_locale.h"
#include "text_player.h"

namespace threshold::game {

CLI::App* add_text_command(CLI::App& app, TextArgs& args) {
  CLI::App* cmd = app.add_subcommand("text", "Play a story in the terminal");
  cmd->add_option("STORY_DIR", args.dir, kStoryDirHelp);
  cmd->add_flag("--fast", args.fast, "Do not wait while lines linger");
  cmd->add_option("--locale", args.locale, kLocaleHelp)->type_name("LANG");
  cmd->add_flag("--timings", args.timings,
                "For writers: show how long holds, looks and silences take, in seconds");
  cmd->add_option("--script", args.script,
                  "Play the gestures in FILE, one a line: a gesture id, its number in the "
                  "list, or - or an empty line for silence; # starts a comment. Prints the "
                  "whole transcript without waiting")
      ->type_name("FILE");
  cmd->add_option("--scene", args.scene, "Start at this scene instead of the story's start")
      ->type_name("ID");
  cmd->add_option("--record", args.record,
                  "Write a recording of the run (every input with its time) to FILE")
      ->type_name("FILE");
  cmd->footer(
      "Type the number of a gesture, or an empty line to stay silent; end of input (Ctrl-D) "
      "closes the book.\n"
      "Exit status: 0 the story reached its end or the book was closed; 1 the story could not be "
      "loaded, or a script line names a gesture that is not offered; 3 the script ended before "
      "the story did.");
  return cmd;
}

int run_text(const TextArgs& args, const char* argv0) {
  std::optional<story::Story> story = load_story_dir(args.dir, argv0);
  if (!story) return 1;
  const std::optional<LocaleChoice> choice = choose_locale(story->dir, args.locale, std::cerr);
  if (!choice || (!apply_locale(*story, *choice, std::cerr) && !args.locale.empty())) return 1;
  // The terminal's own words follow the story's language.
  const locale::UiText ui = ui_text(*choice, std::cerr);
  const story::GestureWords words = gesture_words(ui);
  TextOptions options;
  options.ui = &ui;
  options.words = &words;
  options.fast = args.fast;
  options.timings = args.timings;
  options.record_path = args.record;
  options.sleep = [](double seconds) {
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  };
  if (!args.scene.empty()) {
    const std::optional<story::SceneId> scene = scene_from_arg(*story, args.scene);
    if (!scene) return 1;
    options.scene = *scene;
  }
  if (!args.script.empty()) {
    const std::optional<std::string> text = read_text_file(args.script);
    if (!text) {
      std::cerr << "threshold: cannot read the script " << args.script << "\n";
      return 1;
    }
    options.script = parse_script(*text);
  }
  return play_text(*story, options, std::cin, std::cout, std::cerr);
}

}  // namespace threshold::game
