// The desktop game: its screens (title, playing, pause, settings, notices, ending) and the loop's
// three steps — handle an event, advance time, draw — kept apart from the window so tests can
// feed it synthesized events and time steps. The loop that owns the window (play_command.cpp)
// polls events, sleeps while the scene is still, and carries out the game's requests (quit,
// switch fullscreen, take a screenshot). The game feeds the story runtime input and time;
// drawing reads the runtime's state and never changes it.
#pragma once

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/platform/input_map.h"
#include "engine/platform/letterbox.h"
#include "engine/platform/paths.h"
#include "engine/platform/settings.h"
#include "engine/render/renderer.h"
#include "engine/story/runtime.h"

namespace threshold::audio {
class AudioEngine;
}

namespace threshold::game {

class Game {
 public:
  enum class Screen : uint8_t { Title, Playing, Paused, Settings, Notice, Ending };

  // `log` gets one line for each thing the player may want to find later (where a screenshot
  // went, a save that failed, repaired settings). The story and the renderer must outlive it.
  // `audio`, when given (and outliving the game), follows the story each step at the settings'
  // volumes; without it the game is silent.
  Game(const story::Story& story, render::Renderer& renderer, platform::Paths paths,
       platform::Settings settings, sf::Vector2u window_size, std::ostream& log,
       audio::AudioEngine* audio = nullptr);

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
  // Something changed since the last draw (an event, a line, a screen).
  bool dirty() const { return dirty_; }

  // The window was reopened or resized outside an event (fullscreen switch).
  void set_window_size(sf::Vector2u size);

  // For tests and the loop.
  Screen screen() const { return screen_; }
  const story::Runtime* runtime() const { return runtime_ ? &*runtime_ : nullptr; }
  const platform::Settings& settings() const { return settings_; }
  const platform::Letterbox& letterbox() const { return box_; }
  render::Attention attention() const;
  bool autosave_exists() const;
  // The items of the menu on screen (empty while playing); selected() is the highlighted one.
  std::vector<std::string> menu_labels() const;
  size_t selected() const { return selected_; }
  // Where a menu item lies in the frame, for the pointer (matches Renderer::draw_menu).
  story::Rect menu_item_area(size_t index) const;

 private:
  enum class Action : uint8_t {
    New, Continue, Settings, Quit, Resume, SaveAndQuit, Back, Dismiss,
    TextSize, TextSpeed, Volume, Ambience, Effects, Music, Hints, ReducedMotion, Fullscreen,
    Untimed,
  };
  struct Item {
    Action action;
    std::string label;
  };
  std::vector<Item> menu() const;
  std::string menu_title() const;
  std::string menu_footnote() const;
  void handle_menu(const sf::Event& event);
  void activate(Action action, int direction);
  void open_screen(Screen screen);
  void adjust_setting(Action action, int direction);
  void settings_changed();

  void handle_playing(const sf::Event& event);
  void start_new();
  void continue_saved();
  void apply_input();  // hands the mapper's input to the runtime at once (a zero-length step)
  void step(double runtime_dt);
  void observe(const std::vector<story::Event>& events);
  void refresh_context();
  void apply_volumes();
  void feed_audio(double dt);  // the step's events and the runtime to the audio engine
  bool autosave();
  void finish_story();
  render::Style style() const;
  render::Style menu_style() const;  // the text size, capped so the whole menu fits

  const story::Story& story_;
  render::Renderer& renderer_;
  platform::Paths paths_;
  platform::Settings settings_;
  std::ostream& log_;
  audio::AudioEngine* audio_;
  std::vector<story::Event> heard_;  // events since the audio engine last followed the runtime

  Screen screen_ = Screen::Title;
  Screen settings_return_ = Screen::Title;  // where Settings' Back goes
  Screen notice_return_ = Screen::Title;
  size_t selected_ = 0;
  std::string notice_title_;
  std::vector<std::string> notice_lines_;

  std::optional<story::Runtime> runtime_;
  render::Stage stage_;
  platform::InputMapper mapper_;
  platform::InputContext context_;
  std::vector<int32_t> context_key_;  // what the context was built for (phase, scene, offers)
  story::Input applied_;              // the input the runtime has now
  platform::Letterbox box_;
  sf::Vector2u window_size_;

  bool quit_ = false;
  bool fullscreen_change_ = false;
  bool screenshot_ = false;
  bool dirty_ = true;
  bool last_fullscreen_ = false;  // the mode the window is in, as far as the game knows
};

}  // namespace threshold::game
