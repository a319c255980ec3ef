// The `threshold` executable: one table of command-line verbs, each in its own file
// (game/*_command.h: `add_X_command` registers it, `run_X` carries it out). Verbs: play (the
// window; the default with no verb), text (play in the terminal), check (errors, warnings and the
// size summary), explore (every ending reachable?), graph (Graphviz DOT), replay (a recording's
// events), render (one frame as a PNG), audio-render (a scene's sound as a WAV), explain (what a
// diagnostic code means), extract (the story's strings as a POT template for translators), pack
// (the story compiled into one file, which every other verb also reads).
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "audio_render_command.h"
#include "check_command.h"
#include "explain_command.h"
#include "explore_command.h"
#include "extract_command.h"
#include "graph_command.h"
#include "pack_command.h"
#include "play_command.h"
#include "render_command.h"
#include "replay_command.h"
#include "text_command.h"

using namespace threshold;

int main(int argc, char** argv) {
  const std::string version = std::string("threshold ") + THRESHOLD_VERSION;
  CLI::App app{
      "Threshold: a quiet game about routine and breaking away, and its story tools.\n"
      "With no command, plays the bundled story in a window (`threshold text` plays it in the "
      "terminal).",
      "threshold"};
  app.set_version_flag("--version", version, "Print the version and exit");
  app.require_subcommand(0, 1);

  const char* argv0 = argv[0];
  game::TextArgs text;
  game::PlayArgs play;
  game::CheckArgs check;
  game::ExploreArgs explore;
  game::GraphArgs graph;
  game::ReplayArgs replay;
  game::RenderArgs render;
  game::AudioRenderArgs audio_render;
  game::ExplainArgs explain;
  game::ExtractArgs extract;
  game::PackArgs pack;
  struct Verb {
    CLI::App* command;
    std::function<int()> run;
  };
  // In the order `threshold --help` lists them.
  const std::vector<Verb> verbs{
      {game::add_text_command(app, text), [&] { return game::run_text(text, argv0); }},
      {game::add_play_command(app, play), [&] { return game::run_play(play, argv0); }},
      {game::add_check_command(app, check), [&] { return game::run_check(check, argv0); }},
      {game::add_explore_command(app, explore), [&] { return game::run_explore(explore, argv0); }},
      {game::add_graph_command(app, graph), [&] { return game::run_graph(graph, argv0); }},
      {game::add_replay_command(app, replay), [&] { return game::run_replay(replay, argv0); }},
      {game::add_render_command(app, render), [&] { return game::run_render(render, argv0); }},
      {game::add_audio_render_command(app, audio_render),
       [&] { return game::run_audio_render(audio_render, argv0); }},
      {game::add_explain_command(app, explain), [&] { return game::run_explain(explain); }},
      {game::add_extract_command(app, extract), [&] { return game::run_extract(extract, argv0); }},
      {game::add_pack_command(app, pack), [&] { return game::run_pack(pack, argv0); }},
  };
  for (const Verb& v : verbs)
    v.command->set_version_flag("--version", version, "Print the version and exit");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message (or the help); a usage mistake exits 1, like every other
    // refusal, rather than CLI11's own codes above 100.
    return app.exit(e) == 0 ? 0 : 1;
  }

  for (const Verb& v : verbs) {
    if (*v.command) return v.run();
  }
  return game::run_play(play, argv0);
}
