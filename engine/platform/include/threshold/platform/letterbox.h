// The 16:9 frame (1280×720 frame units, story/visual.h) fitted into a window of any size, with
// bars on the sides or above and below, and the pointer's window pixels mapped back into frame
// units. Used by the game loop for drawing and for input.
#pragma once

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/View.hpp>
#include <SFML/System/Vector2.hpp>

namespace threshold::platform {

struct Letterbox {
  float window_width = 0, window_height = 0;
  float scale = 1;              // window pixels per frame unit
  float left = 0, top = 0;      // where the frame starts in the window, in pixels
  float width = 0, height = 0;  // the frame's size in the window, in pixels
  sf::FloatRect viewport;       // the same, as fractions of the window (sf::View viewport)
};

// The largest 16:9 frame that fits a window of this size, centred.
Letterbox letterbox(unsigned window_width, unsigned window_height);

// A view that shows the whole 1280×720 frame in the letterboxed part of the window.
sf::View frame_view(const Letterbox& box);

// A window pixel in frame units (may fall outside 0..1280 × 0..720, over a bar).
sf::Vector2f window_to_frame(const Letterbox& box, float x, float y);
bool inside_frame(sf::Vector2f frame_point);

}  // namespace threshold::platform
