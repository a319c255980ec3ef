// What the game carries for writers and debugging: the debug overlay (F1) with its Time, Audio
// and Performance state, and live reload of the story directory. Game (game.h) owns one: events
// go to the overlay first, the overlay draws last, and a reload's outcome is carried out by the
// game (the play session follows the new story). Nothing here changes the story by itself; the
// overlay's panels do, through the debug::Session the game fills (Game::debug_session).
#pragma once

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "threshold/debug/live_reload.h"
#include "threshold/debug/voice_view.h"
#include "threshold/overlay/overlay.h"
#include "threshold/story/runtime.h"
#include "threshold/story/timeline.h"

namespace threshold::audio {
class AudioEngine;
}
namespace threshold::debug {
class LiveStory;
}

namespace threshold::game {

class DebugHost {
 public:
  DebugHost();
  ~DebugHost();

  // The overlay, from enable_overlay() on (see Game::enable_overlay).
  void enable_overlay(std::string ini_path, bool open, std::string font_path);
  debug::Overlay* overlay() { return overlay_.get(); }
  bool overlay_open() const { return overlay_ && overlay_->is_open(); }
  // True when the event was the overlay's (F1, or aimed at its panels).
  bool handle(const sf::Event& event) { return overlay_ && overlay_->handle(event); }
  // Real seconds pass (the overlay's own animations).
  void advance(double real_dt) { overlay_clock_ += real_dt; }
  // A frame drawn with the overlay closed: its clock starts again when it opens.
  void skip_frame() { overlay_clock_ = 0; }

  debug::TimeControl& time() { return time_; }
  debug::AudioMix& mix() { return mix_; }
  const debug::AudioMix& mix() const { return mix_; }
  void note_frame(double seconds) { frames_.add(seconds); }

  // Live reload (see Game::watch_story, Game::poll_story).
  void watch(std::unique_ptr<debug::LiveStory> live);
  const debug::LiveStory* live() const { return live_.get(); }
  enum class Reload : uint8_t { None, Kept, Replaced };
  // Polls the story directory; on a change reloads it into `runtime` (null: nothing running,
  // `current` reloaded into a scratch runtime), carrying `timeline` over. Kept: the edit did not
  // load (said on `log`, the Problems panel opened). Replaced: live()->story() is the new story.
  Reload poll(story::Runtime* runtime, story::Timeline& timeline, const story::Story& current,
              std::ostream& log);
  // The same now, whether or not anything changed, with `preparation` for this load and the
  // next (the player chose another language: the story is loaded again in it).
  Reload reload(debug::StoryPreparation preparation, story::Runtime* runtime,
                story::Timeline& timeline, const story::Story& current, std::ostream& log);

  // The overlay's part of the session: the clock, the mix, frames, what live reload knows, and
  // the sound's view filled from `audio` (may be null) for this frame.
  void fill(debug::Session& session, audio::AudioEngine* audio, const story::Runtime* runtime);
  // Draws the overlay (open); afterwards hands the Audio panel's voice mute and solo back to
  // `audio`. True when the panel changed the bus mix (the game reapplies its volumes).
  bool draw(sf::RenderTarget& target, debug::Session& session, audio::AudioEngine* audio);

 private:
  Reload reload_now(story::Runtime* runtime, story::Timeline& timeline, const story::Story& current,
                    std::ostream& log);

  debug::TimeControl time_;
  debug::AudioMix mix_;      // the Audio panel's mute and solo, over the settings' volumes
  debug::VoiceView voices_;  // the sound as the Audio panel sees it, filled each overlay frame
  debug::FrameStats frames_;
  std::unique_ptr<debug::Overlay> overlay_;
  std::unique_ptr<debug::LiveStory> live_;
  uint64_t generation_ = 0;  // load attempts of the live story
  std::string reload_note_;
  double overlay_clock_ = 0;  // real seconds since the overlay last drew
};

}  // namespace threshold::game
