// The window loop of `threshold play`. See play_command.h.
//
// The loop polls events, advances the game by real time and draws when its FramePacer says the
// picture would change (frame_pacer.h: the rule the frame bench measures).
#include "play_command.h"

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/System/Clock.hpp>
#include <SFML/System/Sleep.hpp>
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "frame_pacer.h"
#include "game.h"
#include "startup_clock.h"
#include "story_dir.h"
#include "story_locale.h"
#include "threshold/audio/audio_engine.h"
#include "threshold/audio/library_log.h"
#include "threshold/debug/live_reload.h"
#include "threshold/platform/display.h"
#include "threshold/platform/paths.h"
#include "threshold/platform/settings.h"
#include "threshold/platform/window.h"
#include "threshold/render/renderer.h"
#include "threshold/speech/speaker.h"

namespace threshold::game {

namespace {

constexpr double kLongestStep = 0.25;  // a stall (window dragged) is not a long wait

}  // namespace

CLI::App* add_play_command(CLI::App& app, PlayArgs& args) {
  CLI::App* cmd = app.add_subcommand("play", "Play a story in a window (the default)");
  cmd->add_option("STORY_DIR", args.dir, kStoryDirHelp);
  cmd->add_option("--locale", args.locale,
                  "Play in this language: <story>/locales/LANG.po, or qps (the pseudo-locale); "
                  "default: the settings' language, else the environment's")
      ->type_name("LANG");
  cmd->add_flag("--debug", args.debug,
                "Start with the debug overlay open (F1 opens and closes it at any time)");
  cmd->footer(
      "Esc pauses; F1 opens the debug overlay (docs/debug-overlay.md); F11 switches fullscreen; "
      "F12 saves a screenshot. Edits to the story's files are played at once (live reload). "
      "Settings live in "
      "$XDG_CONFIG_HOME/threshold, saves and screenshots in $XDG_DATA_HOME/threshold.\n"
      "Exit status: 0 the player quit; 1 no display (use `threshold text`), no font, or the story "
      "could not be loaded.");
  return cmd;
}

int run_play(const PlayArgs& args, const char* argv0) {
  StartupClock& startup = StartupClock::get();
  startup.mark("main");
  // Before loading anything: SFML aborts without a display, and the player should hear why.
  if (!check_display()) return 1;
  startup.mark("display");
  std::optional<story::Story> story = load_story_dir(args.dir, argv0);
  if (!story) return 1;
  std::string language = args.locale;
  if (language.empty()) {
    language = platform::load_settings(platform::paths_from_environment().settings_file())
                   .settings.language;
  }
  // A language in the settings with no catalogue plays the story in English.
  if (!localize_story(*story, language, std::cerr) && !args.locale.empty()) return 1;
  startup.mark("story");
  return play_window(std::make_shared<const story::Story>(std::move(*story)), args);
}

bool check_display() {
  const std::string problem = platform::display_problem();
  if (problem.empty()) {
    platform::guard_against_display_loss(
        "threshold: the X display refused the game's window, or closed it. Try again, or play "
        "in the terminal: threshold text\n");
    return true;
  }
  std::cerr << platform::no_display_message(problem) << std::endl;
  return false;
}

std::string overlay_ini(const platform::Paths& paths) {
  if (!platform::ensure_directory(paths.config_dir).empty()) return "";
  return paths.config_dir + "/debug-overlay.ini";
}

int play_window(std::shared_ptr<const story::Story> shared, const PlayArgs& args) {
  const platform::Paths paths = platform::paths_from_environment();
  // The game's log, for the libraries' messages: the terminal shows the game's own lines.
  std::ofstream log_file;
  if (platform::ensure_directory(paths.data_dir).empty()) {
    std::ofstream(paths.log_file(), std::ios::trunc).close();
    log_file.open(paths.log_file(), std::ios::app);  // appended to by ALSA's handler too
  }
  if (log_file) {
    platform::route_sfml_messages(log_file.rdbuf());
    const std::string problem =
        audio::route_library_messages(paths.log_file(), paths.openal_log_file());
    if (!problem.empty()) std::cerr << "threshold: " << problem << "\n";
  }
  platform::LoadedSettings loaded = platform::load_settings(paths.settings_file());
  for (const std::string& n : loaded.notices) {
    if (loaded.found) std::cerr << "threshold: " << n << "\n";  // first run: nothing to say
  }

  StartupClock& startup = StartupClock::get();
  startup.mark("settings");
  std::string error;
  std::unique_ptr<render::Renderer> renderer =
      render::Renderer::create(shared->font_folders, &error);
  if (!renderer) {
    std::cerr << "threshold: " << error << "\n";
    return 1;
  }
  startup.mark("fonts");

  sf::RenderWindow window;
  platform::open_window(window, loaded.settings.fullscreen);
  startup.mark("window");
  // The sound device. Without one (or with OpenAL failing) the game plays silently and says so
  // here, once; the engine never throws or blocks. With one, the line says whether it uses HRTF.
  auto sound = std::make_unique<audio::AudioEngine>(*shared, audio::Output::Device);
  startup.mark("audio");
  std::cerr << "threshold: " << sound->status()
            << (sound->silent() && log_file ? " (why: " + paths.log_file() + ")" : "") << "\n";
  Game game(shared, *renderer, paths, loaded.settings, window.getSize(), std::cerr, sound.get());
  // Speech, when the settings turn it on: the player's own Speech Dispatcher (SPEECHD_ADDRESS,
  // else the user's socket, started on demand as Orca's is). None reachable: one line, and the
  // game plays on.
  game.set_speech([] { return speech::connect("threshold"); });
  // F1 opens the debug overlay at any time; --debug opens it at once. The story directory is
  // watched: an edit is played at once, the player kept where they are. A compiled story (a
  // pack, as installed) is not: it has no YAML to edit.
  game.enable_overlay(overlay_ini(paths), args.debug, debug::default_overlay_font());
  const bool packed = !story_pack_path(args.dir, nullptr).empty();
  auto live = std::make_unique<debug::LiveStory>(shared->dir, shared, story::Diagnostics{},
                                                 game_load_options(nullptr));
  // The story is played in a language (run_play put it into it): each reload is too, and an edit
  // of the catalogue is reloaded as an edit of a scene is. The game's own words follow it.
  // A pack is not watched for edits (it is what an installed game plays), but a change of
  // language loads the story again through the same LiveStory, from the YAML beside the pack.
  if (!args.locale.empty()) game.use_language(args.locale);
  live->prepare_with(game.language().preparation());
  game.watch_story(std::move(live), /*watch_files=*/!packed);

  startup.mark("game");
  bool first_frame = true;
  sf::Clock clock;
  FramePacer pacer;
  const bool keeps_pixels = platform::swap_keeps_back_buffer(window);
  sf::Clock pass_clock;
  while (window.isOpen()) {
    pass_clock.restart();
    if (game.poll_story()) {
      // The sound follows the new story: one engine (and one OpenAL device) at a time.
      game.set_audio(nullptr);
      sound.reset();
      sound = std::make_unique<audio::AudioEngine>(*game.story(), audio::Output::Device);
      game.set_audio(sound.get());
    }
    sf::Event event;
    bool had_event = false;
    while (window.pollEvent(event)) {
      game.handle(event);
      had_event = true;
    }
    if (game.quit_requested()) break;
    if (game.take_fullscreen_change()) {
      platform::open_window(window, game.settings().fullscreen);
      game.set_window_size(window.getSize());
      had_event = true;
    }
    const double dt = std::min(clock.restart().asSeconds() * 1.0, kLongestStep);
    game.advance(dt);
    if (pacer.should_draw(game, dt, had_event)) {
      pacer.draw(game, window, keeps_pixels, [&] {
        if (game.take_screenshot_request()) {
          std::string shot_error;
          const std::string path =
              platform::save_screenshot(window, paths.screenshots_dir(), &shot_error);
          if (path.empty()) {
            std::cerr << "threshold: could not save a screenshot: " << shot_error << "\n";
          } else {
            std::cerr << "threshold: screenshot saved to " << path << "\n";
          }
        }
        game.note_frame(pass_clock.getElapsedTime().asSeconds());
      });
      // The title's first frame is on the window: what THRESHOLD_STARTUP_REPORT measures.
      if (std::exchange(first_frame, false) && startup.report_first_frame()) break;
    }
    if (const int ms = pacer.sleep_ms(); ms > 0) sf::sleep(sf::milliseconds(ms));
  }
  window.close();
  return 0;
}

int play_window(const story::Story& story, const PlayArgs& args) {
  // The window plays a shared copy, so that live reload can swap it for the edited story.
  return play_window(std::make_shared<const story::Story>(story), args);
}

}  // namespace threshold::game
