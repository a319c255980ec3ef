// The desktop game: the loop's three steps — handle an event, advance time, draw — kept apart
// from the window so tests can feed it synthesized events and time steps. Game is a router over
// three parts: the menus (menus.h: which screen is up and what it lists), the play session
// (play_session.h: the runtime, stage, input, autosave and sound) and the debug host
// (debug_host.h: the overlay and live reload), with the narration (narration.h: what is said
// aloud when speech is on) beside them. The loop that owns the window (play_command.cpp)
// polls events, sleeps while the scene is still, and carries out the game's requests (quit,
// switch fullscreen, take a screenshot). The game feeds the story runtime input and time;
// drawing reads the runtime's state and never changes it. With the debug overlay enabled (F1)
// the overlay's panels may change the runtime (rewind, jump, an edited variable), and with a
// LiveStory watched the story itself is swapped for its reloaded text, the player's place kept.
#pragma once

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "debug_host.h"
#include "game_language.h"
#include "menus.h"
#include "narration.h"
#include "play_session.h"
#include "threshold/overlay/overlay.h"
#include "threshold/platform/letterbox.h"
#include "threshold/platform/paths.h"
#include "threshold/platform/settings.h"
#include "threshold/render/renderer.h"
#include "threshold/story/runtime.h"
#include "threshold/story/timeline.h"

namespace threshold::audio {
class AudioEngine;
}
namespace threshold::debug {
class LiveStory;
}

namespace threshold::game {

class Game {
 public:
  using Screen = game::Screen;  // menus.h

  // `log` gets one line for each thing the player may want to find later (where a screenshot
  // went, a save that failed, repaired settings). The story and the renderer must outlive it.
  // `audio`, when given (and outliving the game), follows the story each step at the settings'
  // volumes; without it the game is silent.
  Game(const story::Story& story, render::Renderer& renderer, platform::Paths paths,
       platform::Settings settings, sf::Vector2u window_size, std::ostream& log,
       audio::AudioEngine* audio = nullptr);
  // The same over a story the game shares (live reload swaps it for its reloaded text).
  Game(std::shared_ptr<const story::Story> story, render::Renderer& renderer, platform::Paths paths,
       platform::Settings settings, sf::Vector2u window_size, std::ostream& log,
       audio::AudioEngine* audio = nullptr);
  ~Game();

  void handle(const sf::Event& event);
  // Real seconds since the last call. Moves the story on while playing (text speed scales only
  // the lingering of lines; moments run at real time).
  void advance(double dt);
  void draw(sf::RenderTarget& target);

  // Requests for the loop that owns the window.
  bool quit_requested() const { return quit_; }
  // True once after the fullscreen setting changed (F11 or the settings screen): reopen the
  // window as settings().fullscreen says.
  bool take_fullscreen_change();
  // True once after F12: save what the window shows after this frame is drawn.
  bool take_screenshot_request();
  // Nothing on screen moves and no fade is running: the loop may sleep and redraw rarely.
  bool still() const;
  // Only the ambient changes on screen (the camera's drift, motion, the silence, the attended
  // thing's pulse): no fade, no hold gathering light. The loop then redraws only when
  // ambient_key() changes, not every frame. True whenever still() is.
  bool calm() const;
  // Changes exactly when a calm frame would look different (Renderer::ambient_key for the
  // window's frame width; constant on the menus).
  uint64_t ambient_key() const;
  // Where in a window of `target_size` the next frame differs from the last one drawn, when only
  // the scene's motion moved while the player plays (Renderer::motion_area); nothing when more
  // changed, on any other screen, with the overlay open, or after anything happened.
  std::optional<sf::IntRect> motion_area(sf::Vector2u target_size);
  // Something changed since the last draw (an event, a line, a screen).
  bool dirty() const { return dirty_; }

  // The window was reopened or resized outside an event (fullscreen switch).
  void set_window_size(sf::Vector2u size);

  // The debug overlay. After enable_overlay() F1 opens and closes it (`open`: it starts open);
  // while open, events aimed at its panels do not reach the game. `ini_path` keeps its layout
  // and open panels ("" keeps nothing); `font_path` is its font ("" for ImGui's own).
  void enable_overlay(std::string ini_path, bool open, std::string font_path = "");
  debug::Overlay* overlay() { return debug_.overlay(); }
  bool overlay_open() const { return debug_.overlay_open(); }
  // Pause, step and time scale of the story's clock (the overlay's Time panel).
  debug::TimeControl& time_control() { return debug_.time(); }
  // Mute and solo of the sound's buses (the Audio panel); call apply_mix() after a change.
  debug::AudioMix& audio_mix() { return debug_.mix(); }
  void apply_mix() { apply_volumes(); }
  // The loop's time for one pass (update and draw), for the Performance panel.
  void note_frame(double seconds) { debug_.note_frame(seconds); }
  // Snapshots for rewind, kept from the start of each game.
  const story::Timeline& timeline() const { return play_.timeline(); }

  // Live reload: the game plays `live`'s story and polls it with poll_story(). Call once, with
  // a LiveStory over the directory the game's story came from. Without `watch_files` (a pack)
  // its files are not polled; the LiveStory still loads the story again for a change of
  // language.
  void watch_story(std::unique_ptr<debug::LiveStory> live, bool watch_files = true);
  // Polls the story directory (cheap; call every loop pass). Returns true when the story was
  // reloaded and the game now plays the new one, the player where they were; the loop then
  // rebuilds what follows the story (the sound: set_audio). A broken edit changes nothing but
  // the overlay's Problems panel, which it opens.
  bool poll_story();
  const std::shared_ptr<const story::Story>& story() const { return play_.story(); }
  // Replaces the audio engine (after a reload: one made for the new story), or removes it.
  void set_audio(audio::AudioEngine* audio);
  // How the game reaches a voice when the Speech setting is on (the play command: the player's
  // Speech Dispatcher); reached at once when speech is on. Without it the game says nothing.
  void set_speech(Narration::Connect connect);

  // The language the game is played in when it is not the settings' (--locale): the story given
  // is in it already; the game's own words follow. The settings keep their own.
  void use_language(const std::string& code);
  const GameLanguage& language() const { return language_; }

  // Starts a new game at `scene` (the overlay's Scenes panel, or a tool).
  void start_at(story::SceneId scene);
  // What the overlay's panels see and steer, as they get it each frame: a change reported
  // through its `changed` (or `start_at`) is followed by the game at once.
  debug::Session debug_session();

  // For tests and the loop.
  Screen screen() const { return menus_.screen(); }
  const story::Runtime* runtime() const { return play_.runtime(); }
  const platform::Settings& settings() const { return settings_; }
  const platform::Letterbox& letterbox() const { return box_; }
  render::Attention attention() const { return play_.attention(); }
  bool autosave_exists() const;
  // The items of the menu on screen (empty while playing); selected() is the highlighted one.
  std::vector<std::string> menu_labels() const;
  // The menu's title and the words under it (a notice's lines, why a save failed).
  std::string menu_title() const;
  std::string menu_footnote() const;
  size_t selected() const { return menus_.selected(); }
  // Where a menu item lies in the frame, for the pointer (matches Renderer::draw_menu).
  story::Rect menu_item_area(size_t index) const;

 private:
  MenuFacts menu_facts() const;
  void handle_menu(const sf::Event& event);
  void carry_out(const MenuChoice& choice);
  void open_screen(Screen screen);
  void settings_changed();
  // The Language setting stepped: the game's words, then the story (loaded again in it, the
  // player kept where they are), speech and captions with it.
  void step_language(int direction);
  void follow_menu();  // the narration reads what changed on the menu

  void start_new(story::SceneId scene = story::kNone);
  void continue_saved();
  void runtime_changed(const std::vector<story::Event>& events, bool moved);
  // After the play session ran: what it changed is redrawn, a failed autosave is told.
  void follow_play();
  // An autosave on entering a scene failed: says so once a game, in the game.
  void show_autosave_failure();
  void finish_story();
  void apply_volumes();
  void feed_audio(double real_dt);
  void draw_game(sf::RenderTarget& target);
  void draw_overlay(sf::RenderTarget& target);
  render::Style style() const;

  render::Renderer& renderer_;
  platform::Paths paths_;
  platform::Settings settings_;
  std::ostream& log_;
  platform::Letterbox box_;
  sf::Vector2u window_size_;

  Menus menus_;
  GameLanguage language_;  // before narration_, which speaks in it
  Narration narration_;    // before play_, which speaks through it
  PlaySession play_;
  DebugHost debug_;  // the overlay and live reload
  bool autosave_failure_shown_ = false;
  bool watch_files_ = true;
  bool story_swapped_ = false;  // by a change of language, since the last poll_story()

  bool quit_ = false;
  bool fullscreen_change_ = false;
  bool screenshot_ = false;
  bool dirty_ = true;
  bool last_fullscreen_ = false;  // the mode the window is in, as far as the game knows
};

}  // namespace threshold::game
