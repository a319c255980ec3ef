// The window loop's pacing. See frame_pacer.h.
#include "frame_pacer.h"

#include "game.h"
#include "threshold/platform/window.h"

namespace threshold::game {

namespace {

constexpr double kStillRedrawSeconds = 2.0;     // a still frame is refreshed this often anyway
constexpr int kStillPollMilliseconds = 33;      // and the event queue looked at this often
constexpr int kCalmPollMilliseconds = 10;       // a calm one often enough for 24 frames a second
constexpr double kBusyFrameSeconds = 1.0 / 30;  // fades and holds: 30 frames a second

}  // namespace

bool FramePacer::should_draw(const Game& game, double dt, bool had_event) {
  since_draw_ += dt;
  displayed_ = false;
  // The overlay's panels follow the story every frame (timers, frame times).
  still_ = game.still() && !game.overlay_open();
  calm_ = still_ || (game.calm() && !game.overlay_open());
  key_ = calm_ ? game.ambient_key() : 0;
  const bool due = calm_ ? key_ != drawn_key_ : since_draw_ >= kBusyFrameSeconds;
  const bool other = had_event || game.dirty() || since_draw_ >= kStillRedrawSeconds;
  only_ambient_ = calm_ && due && !other;
  return due || other;
}

std::optional<sf::IntRect> FramePacer::area(Game& game, sf::Vector2u size,
                                            bool keeps_pixels) const {
  if (!keeps_pixels || !only_ambient_ || !drawn_calm_) return {};
  return game.motion_area(size);
}

void FramePacer::drawn() {
  drawn_key_ = key_;
  drawn_calm_ = calm_;
  since_draw_ = 0;
}

bool FramePacer::draw(Game& game, sf::RenderWindow& window, bool keeps_pixels,
                      const std::function<void()>& before_display) {
  const std::optional<sf::IntRect> clip = area(game, window.getSize(), keeps_pixels);
  if (clip && (clip->width <= 0 || clip->height <= 0)) {
    drawn();  // nothing that shows changed
    return false;
  }
  platform::clip_drawing(window, clip);
  game.draw(window);
  platform::clip_drawing(window, std::nullopt);
  if (before_display) before_display();
  window.display();  // waits out the rest of the frame (60 a second at most)
  drawn();
  displayed_ = true;
  return true;
}

int FramePacer::sleep_ms() const {
  if (still_) return kStillPollMilliseconds;
  return displayed_ ? 0 : kCalmPollMilliseconds;  // not displayed: nothing waited yet
}

}  // namespace threshold::game
