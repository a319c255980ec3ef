// One game being played: the story runtime, stepped through the story's Timeline (so the
// overlay can rewind), the stage of lines on screen, the player's input mapped to gestures,
// the autosave on entering a scene, and the audio engine fed the runtime's events. No screens:
// Game (game.h) owns one and decides when it runs (the menus pause it), and reads back what
// happened (take_changed, take_autosave_failure). Captions, speech of lines and time scaling
// for accessibility belong here, beside the stage and the text speed: the narration (narration.h)
// hears the events and the focus, and holds the story's clock while a line is being read.
#pragma once

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "history.h"
#include "threshold/platform/input_map.h"
#include "threshold/platform/letterbox.h"
#include "threshold/platform/paths.h"
#include "threshold/platform/settings.h"
#include "threshold/render/renderer.h"
#include "threshold/story/captions.h"
#include "threshold/story/runtime.h"
#include "threshold/story/save.h"
#include "threshold/story/timeline.h"

namespace threshold::audio {
class AudioEngine;
}

namespace threshold::game {

class Narration;

class PlaySession {
 public:
  // `settings`, `renderer` and `log` outlive the session; `audio` may be null (silent).
  PlaySession(std::shared_ptr<const story::Story> story, render::Renderer& renderer,
              const platform::Paths& paths, const platform::Settings& settings, std::ostream& log,
              audio::AudioEngine* audio);

  const std::shared_ptr<const story::Story>& story() const { return story_; }
  // Plays `story` from now on (live reload; nothing running, or after_reload() follows).
  void set_story(std::shared_ptr<const story::Story> story) { story_ = std::move(story); }
  bool running() const { return runtime_.has_value(); }
  story::Runtime* runtime() { return runtime_ ? &*runtime_ : nullptr; }
  const story::Runtime* runtime() const { return runtime_ ? &*runtime_ : nullptr; }
  story::Timeline& timeline() { return timeline_; }
  const story::Timeline& timeline() const { return timeline_; }
  bool finished() const { return runtime_ && runtime_->finished(); }

  // A new game at `scene` (kNone: the story's start, waiting for the player's hands).
  void start(story::SceneId scene);
  // Continues from a loaded save (its state restored, rewinding reaching back to here).
  void restore(story::LoadedSave loaded);

  // An event while playing (the letterbox maps the pointer). `pause`: Esc, which lets go of
  // whatever was held first.
  void handle(const sf::Event& event, const platform::Letterbox& box, bool pause);
  // `dt` seconds of play (the overlay's Time panel may scale them; the settings' time to act
  // stretches the story's clock under them, and the text speed the lingering of lines).
  void advance(double dt);
  // A press reaching the runtime at once (a zero-length step).
  void apply_input();
  // The audio engine follows the runtime; `live`: the world sounds (else it fades down).
  void feed_audio(double real_dt, bool live);

  // The overlay changed the runtime (see Game::debug_session): `moved`, its state replaced.
  void runtime_changed(const std::vector<story::Event>& events, bool moved);
  // After a live reload replaced the story under a running game.
  void after_reload();
  void settings_changed();
  void set_audio(audio::AudioEngine* audio);
  audio::AudioEngine* audio() const { return audio_; }
  // What is said aloud (outliving the session), or null.
  void set_narration(Narration* narration) { narration_ = narration; }
  // The game's own words in the player's language, for the History (outliving the session).
  void set_words(const story::GestureWords* words) { words_ = words; }
  // The settings' volumes times the overlay's bus gains.
  void apply_volumes(const std::array<float, 3>& bus_gains);

  // Saves the place; on failure keeps why (save_error) and logs it, and returns false.
  bool autosave();
  // What the player has read and done (the History screen); kept with the autosave.
  const PlayHistory& history() const { return history_; }
  const std::string& save_error() const { return save_error_; }  // English, for the log
  // Why the last save failed, step and reason, for the player's notice (valid when save_error
  // is not empty).
  const story::FileFailure& save_failure() const { return save_failure_; }
  // True once after an autosave on entering a scene failed.
  bool take_autosave_failure() { return std::exchange(autosave_failed_, false); }
  // True once after something changed that the screen shows (an event observed).
  bool take_changed() { return std::exchange(changed_, false); }

  render::Attention attention() const;
  // The runtime's part of Game::still() and Game::calm() (with the settings' reduced motion).
  bool still() const;
  bool calm() const;
  // With captions on, a caption coming or going changes it too.
  uint64_t ambient_key(const render::Style& style, unsigned frame_width) const;
  // Renderer::motion_area for the frame draw() would draw now, with the captions showing now.
  std::optional<sf::IntRect> motion_area(const render::Style& style, sf::Vector2u target_size);
  const story::CaptionTrack& captions() const { return captions_; }
  // The scene, with its words unless `under_menu`.
  void draw(sf::RenderTarget& target, const render::Style& style, bool under_menu);

 private:
  void begin();  // what a new or continued game starts with
  // After a restore: the stage shows where the runtime stands. Returns the lines shown again.
  std::vector<story::Event> show_resumed_lines();
  void observe(const std::vector<story::Event>& events);
  void refresh_context();
  // Story seconds a second of play is worth now (time to act and the text speed).
  double story_rate() const;
  void follow_focus();  // the narration names a thing the focus moved onto

  std::shared_ptr<const story::Story> story_;
  render::Renderer& renderer_;
  const platform::Paths& paths_;
  const platform::Settings& settings_;
  std::ostream& log_;
  audio::AudioEngine* audio_;
  Narration* narration_ = nullptr;
  const story::GestureWords* words_ = nullptr;  // null: English
  story::ThingId spoken_focus_ = story::kNone;  // the focus the narration last heard of
  std::vector<story::Event> heard_;  // events since the audio engine last followed the runtime

  std::optional<story::Runtime> runtime_;
  story::Timeline timeline_;  // how the runtime is stepped, keeping snapshots for rewind
  render::Stage stage_;
  story::CaptionTrack captions_;  // followed always, drawn when the captions setting is on
  platform::InputMapper mapper_;
  platform::InputContext context_;
  PlayHistory history_;
  std::vector<int32_t> context_key_;  // what the context was built for (phase, scene, offers)
  story::Input applied_;              // the input the runtime has now
  std::string save_error_;  // why the last save failed ("cannot write /…/autosave.tmp…: …")
  story::FileFailure save_failure_;
  bool autosave_failed_ = false;
  bool changed_ = false;
  double clock_ = 0;           // seconds of play (advance's dt), for the cooldown
  double cooldown_until_ = 0;  // presses that could choose are not taken before this
};

}  // namespace threshold::game
