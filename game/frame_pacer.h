// When the window loop draws, and how long it sleeps between passes: the one rule the game
// (play_command.cpp) and the frame bench's still-scene loop (bench/frame_bench.cpp) share, so
// that what the bench measures is what a player's machine pays.
//
// A redraw costs milliseconds of CPU on a software rasteriser, so the loop draws every frame
// (at most 30 a second) only while something moves quickly: a fade, a hold gathering light.
// While the frame is calm (the camera drifts in whole pixels, steam rises, the silence deepens)
// it draws only when the picture would change (Game::ambient_key), and while it is still
// (reduced motion, menus) only when something happened; a still frame is drawn again every two
// seconds anyway.
//
// Where the window keeps what was drawn across display() (platform::swap_keeps_back_buffer: a
// software rasteriser, where a full redraw is dearest), a calm frame in which only the scene's
// motion moved is drawn again only where it moved (Game::motion_area), the rest left as it was.
#pragma once

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/System/Vector2.hpp>
#include <functional>
#include <optional>

namespace threshold::game {

class Game;

class FramePacer {
 public:
  // After the pass's events were handled (`had_event`) and the game advanced by `dt` seconds:
  // whether to draw now. Remembers what it decided, for sleep_ms() and drawn().
  bool should_draw(const Game& game, double dt, bool had_event);
  // When should_draw() said yes: the part of a window of `size` to draw, when drawing only it
  // gives the frame (only the motion moved since the last calm frame, and the window keeps its
  // pixels; `keeps_pixels`); nothing to draw it whole. An empty area: nothing visible changed.
  std::optional<sf::IntRect> area(Game& game, sf::Vector2u size, bool keeps_pixels) const;
  // After the frame was drawn and displayed (or, for an empty area, not drawn at all).
  void drawn();
  // When should_draw() said yes: draws the game into `window` (whole, or only area()), calls
  // `before_display` (a screenshot, the frame's time), displays it and calls drawn(). Returns
  // whether it drew (not when nothing that shows changed).
  bool draw(Game& game, sf::RenderWindow& window, bool keeps_pixels,
            const std::function<void()>& before_display = {});
  // How long to sleep before the next pass, in milliseconds: 0 right after a frame was
  // displayed by draw() (display() waited out the rest of it already).
  int sleep_ms() const;

 private:
  double since_draw_ = 1e9;  // nothing drawn yet: the first pass draws
  unsigned long long drawn_key_ = 0;
  unsigned long long key_ = 0;
  bool still_ = false;
  bool calm_ = false;
  bool only_ambient_ = false;  // this pass draws because the ambient key changed, and only so
  bool drawn_calm_ = false;    // the frame on the window is a calm one
  bool displayed_ = false;     // this pass displayed a frame (display() waited for it)
};

}  // namespace threshold::game
