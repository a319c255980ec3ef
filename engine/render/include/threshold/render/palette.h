// The time of day as colour: the default sky for a scene with none, and the tint laid over every
// authored colour (dawn and morning cold, midday grey, afternoon pale, evening and night dark
// and warm where there is light). Used by the SceneRenderer (scene_*.cpp).
#pragma once

#include <SFML/Graphics/Color.hpp>

#include "threshold/story/model.h"

namespace threshold::render {

sf::Color to_sf(story::Color c);

struct Palette {
  sf::Color sky_top, sky_bottom;          // the default backdrop
  float mul_r = 1, mul_g = 1, mul_b = 1;  // a colour cast
  float grey = 0;                         // 0..1: how far colours fall toward their own grey
  float lit_warmth = 0;  // 0..1: how far glowing colours turn warm (evening, night)
  float dark = 1;        // overall brightness of what does not glow
  sf::Color text = {236, 230, 218};

  // An authored colour as this time of day shows it; `glow` (0..1) keeps lit things bright.
  sf::Color tint(sf::Color c, float glow = 0) const;
};

const Palette& palette_for(story::TimeOfDay time);

}  // namespace threshold::render
