// The `threshold` executable: the command line over the story core. Verbs: text (play in the
// terminal), check (warnings and the size summary), explore (every ending reachable?), graph
// (Graphviz DOT), play (the window). With no verb it plays in the window.
#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include "engine/story/checker.h"
#include "engine/story/explorer.h"
#include "engine/story/graph.h"
#include "engine/story/loader.h"
#include "engine/story/recording.h"
#include "game/audio_render_command.h"
#include "game/data_dir.h"
#include "game/event_log.h"
#include "game/explain_command.h"
#include "game/render_command.h"
#include "game/scene_arg.h"
#include "game/play_command.h"
#include "game/text_player.h"

namespace {

using namespace threshold;

constexpr const char* kStoryDirHelp =
    "The story directory (holding story.yaml); default: the bundled story";

std::string count_of(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Loads the story in `dir` (or the bundled one). On failure prints why to stderr.
std::optional<story::Story> load(const std::string& dir_arg, const char* argv0,
                                 story::Diagnostics* keep = nullptr) {
  std::string dir = dir_arg;
  if (dir.empty()) {
    const game::DataDirSearch found = game::find_data_dir(argv0);
    if (found.dir.empty()) {
      std::cerr << "threshold: no story directory given and no bundled story found; looked in:\n";
      for (const std::string& t : found.tried) std::cerr << "  " << t << "\n";
      std::cerr << "pass the directory that holds story.yaml, e.g. `threshold check data`\n";
      return std::nullopt;
    }
    dir = found.dir;
  }
  story::LoadResult result = story::load_story(dir);
  result.diagnostics.sort();
  if (!result.story) {
    std::cerr << result.diagnostics.format_all();
    const size_t errors = result.diagnostics.error_count();
    std::cerr << "threshold: " << dir << ": " << count_of(errors, "error", "errors")
              << "; the story was not loaded\n";
    return std::nullopt;
  }
  if (keep) *keep = std::move(result.diagnostics);
  return std::move(result.story);
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct TextArgs {
  std::string dir;
  bool fast = false;
  bool timings = false;
  std::string script;
  std::string scene;
  std::string record;
};

int run_text(const TextArgs& args, const char* argv0) {
  const std::optional<story::Story> story = load(args.dir, argv0);
  if (!story) return 1;
  game::TextOptions options;
  options.fast = args.fast;
  options.timings = args.timings;
  options.record_path = args.record;
  options.sleep = [](double seconds) {
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  };
  if (!args.scene.empty()) {
    const std::optional<story::SceneId> scene = game::scene_from_arg(*story, args.scene);
    if (!scene) return 1;
    options.scene = *scene;
  }
  if (!args.script.empty()) {
    const std::optional<std::string> text = read_file(args.script);
    if (!text) {
      std::cerr << "threshold: cannot read the script " << args.script << "\n";
      return 1;
    }
    options.script = game::parse_script(*text);
  }
  return game::play_text(*story, options, std::cin, std::cout, std::cerr);
}

int run_check(const std::string& dir, bool werror, const char* argv0) {
  story::Diagnostics diags;
  const std::optional<story::Story> story = load(dir, argv0, &diags);
  if (!story) return 1;
  const story::StorySummary summary = story::check(*story, diags);
  diags.sort();
  std::cerr << diags.format_all();
  const size_t errors = diags.error_count();
  const size_t warnings = diags.warning_count();
  if (errors > 0 || warnings > 0) {
    std::cerr << count_of(errors, "error", "errors") << ", "
              << count_of(warnings, "warning", "warnings") << "\n";
  }
  std::cout << summary.to_string() << std::endl;
  return errors > 0 || (werror && warnings > 0) ? 1 : 0;
}

int run_explore(const std::string& dir, size_t max_states, const char* argv0) {
  const std::optional<story::Story> story = load(dir, argv0);
  if (!story) return 1;
  story::ExploreOptions options;
  options.max_states = max_states;
  const story::ExploreResult result = story::explore(*story, options);
  std::cout << result.report(*story) << std::flush;
  return result.exit_code();
}

int run_graph(const std::string& dir, const char* argv0) {
  const std::optional<story::Story> story = load(dir, argv0);
  if (!story) return 1;
  std::cout << story::scene_graph_dot(*story) << std::flush;
  return 0;
}

int run_play(const game::PlayArgs& args, const char* argv0) {
  // Before loading anything: SFML aborts without a display, and the player should hear why.
  if (!game::check_display()) return 1;
  std::optional<story::Story> story = load(args.dir, argv0);
  if (!story) return 1;
  return game::play_window(std::make_shared<const story::Story>(std::move(*story)), args);
}

int run_replay(const std::string& recording_path, const std::string& dir, const char* argv0) {
  const std::optional<story::Story> story = load(dir, argv0);
  if (!story) return 1;
  const std::optional<std::string> text = read_file(recording_path);
  if (!text) {
    std::cerr << "threshold: cannot read the recording " << recording_path << "\n";
    return 1;
  }
  const story::ParsedRecording parsed = story::parse_recording(*story, *text);
  if (!parsed.ok) {
    std::cerr << recording_path << ": " << parsed.error << "\n";
    return 1;
  }
  story::Runtime runtime(*story);
  const std::vector<story::Event> events = story::replay(runtime, parsed.recording);
  std::cout << game::format_events(*story, events) << std::flush;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string version = std::string("threshold ") + THRESHOLD_VERSION;
  CLI::App app{
      "Threshold: a quiet game about routine and breaking away, and its story tools.\n"
      "With no command, plays the bundled story in a window (`threshold text` plays it in the "
      "terminal).",
      "threshold"};
  app.set_version_flag("--version", version, "Print the version and exit");
  app.require_subcommand(0, 1);

  TextArgs text;
  CLI::App* text_cmd = app.add_subcommand("text", "Play a story in the terminal");
  text_cmd->add_option("STORY_DIR", text.dir, kStoryDirHelp);
  text_cmd->add_flag("--fast", text.fast, "Do not wait while lines linger");
  text_cmd->add_flag("--timings", text.timings,
                     "For writers: show how long holds, looks and silences take, in seconds");
  text_cmd
      ->add_option("--script", text.script,
                   "Play the gestures in FILE, one a line: a gesture id, its number in the "
                   "list, or - or an empty line for silence; # starts a comment. Prints the "
                   "whole transcript without waiting")
      ->type_name("FILE");
  text_cmd->add_option("--scene", text.scene, "Start at this scene instead of the story's start")
      ->type_name("ID");
  text_cmd
      ->add_option("--record", text.record,
                   "Write a recording of the run (every input with its time) to FILE")
      ->type_name("FILE");
  text_cmd->footer(
      "Type the number of a gesture, or an empty line to stay silent; end of input (Ctrl-D) "
      "closes the book.\n"
      "Exit status: 0 the story reached its end or the book was closed; 1 the story could not be "
      "loaded, or a script line names a gesture that is not offered; 3 the script ended before "
      "the story did.");

  game::PlayArgs play;
  CLI::App* play_cmd = app.add_subcommand("play", "Play a story in a window (the default)");
  play_cmd->add_option("STORY_DIR", play.dir, kStoryDirHelp);
  play_cmd->add_flag("--debug", play.debug,
                     "Start with the debug overlay open (F1 opens and closes it at any time)");
  play_cmd->footer(
      "Esc pauses; F1 opens the debug overlay (docs/debug-overlay.md); F11 switches fullscreen; "
      "F12 saves a screenshot. Edits to the story's files are played at once (live reload). "
      "Settings live in "
      "$XDG_CONFIG_HOME/threshold, saves and screenshots in $XDG_DATA_HOME/threshold.\n"
      "Exit status: 0 the player quit; 1 no display (use `threshold text`), no font, or the story "
      "could not be loaded.");

  std::string check_dir;
  bool werror = false;
  CLI::App* check_cmd =
      app.add_subcommand("check", "Report errors and warnings, then sum the story up");
  check_cmd->add_option("STORY_DIR", check_dir, kStoryDirHelp);
  check_cmd->add_flag("--werror", werror, "Treat warnings as errors");
  check_cmd->footer(
      "Errors and warnings go to stderr as file:line:column; the last line of stdout sums the "
      "story up.\nExit status: 0 clean; 1 errors (or warnings, with --werror).");

  std::string explore_dir;
  size_t max_states = 200000;
  CLI::App* explore_cmd = app.add_subcommand(
      "explore", "Play every way through a story: is every ending reachable? Any dead ends?");
  explore_cmd->add_option("STORY_DIR", explore_dir, kStoryDirHelp);
  explore_cmd->add_option("--max-states", max_states, "Stop after this many distinct states")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  explore_cmd->footer(
      "Exit status: 0 every ending reachable and no state stuck; 1 an ending cannot be reached, a "
      "state is stuck, or the story could not be loaded; 2 stopped at --max-states before "
      "finding a problem (inconclusive).");

  std::string graph_dir;
  CLI::App* graph_cmd = app.add_subcommand(
      "graph", "Print the scene graph as Graphviz DOT (threshold graph | dot -Tsvg > story.svg)");
  graph_cmd->add_option("STORY_DIR", graph_dir, kStoryDirHelp);

  std::string replay_file;
  std::string replay_dir;
  CLI::App* replay_cmd = app.add_subcommand(
      "replay", "Replay a recording (from text --record) exactly and print every event with its time");
  replay_cmd->add_option("RECORDING", replay_file, "The recording file")->required();
  replay_cmd->add_option("STORY_DIR", replay_dir, kStoryDirHelp);

  game::RenderArgs render_args;
  CLI::App* render_cmd = game::add_render_command(app, render_args);
  game::AudioRenderArgs audio_render_args;
  CLI::App* audio_render_cmd = game::add_audio_render_command(app, audio_render_args);
  game::ExplainArgs explain_args;
  CLI::App* explain_cmd = game::add_explain_command(app, explain_args);

  for (CLI::App* sub : {text_cmd, play_cmd, check_cmd, explore_cmd, graph_cmd, replay_cmd, render_cmd,
                        audio_render_cmd, explain_cmd}) {
    sub->set_version_flag("--version", version, "Print the version and exit");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message (or the help); a usage mistake exits 1, like every other
    // refusal, rather than CLI11's own codes above 100.
    return app.exit(e) == 0 ? 0 : 1;
  }

  if (*explain_cmd) return game::run_explain(explain_args);
  if (*check_cmd) return run_check(check_dir, werror, argv[0]);
  if (*explore_cmd) return run_explore(explore_dir, max_states, argv[0]);
  if (*graph_cmd) return run_graph(graph_dir, argv[0]);
  if (*replay_cmd) return run_replay(replay_file, replay_dir, argv[0]);
  if (*render_cmd) {
    const std::optional<story::Story> story = load(render_args.dir, argv[0]);
    return story ? game::run_render(render_args, *story) : 1;
  }
  if (*audio_render_cmd) {
    const std::optional<story::Story> story = load(audio_render_args.dir, argv[0]);
    return story ? game::run_audio_render(audio_render_args, *story) : 1;
  }
  if (*text_cmd) return run_text(text, argv[0]);
  return run_play(play, argv[0]);
}
