// The time of day as colour. See palette.h.
#include "threshold/render/palette.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace threshold::render {

sf::Color to_sf(story::Color c) {
  return {c.r, c.g, c.b, c.a};
}

sf::Color Palette::tint(sf::Color c, float glow) const {
  glow = std::clamp(glow, 0.f, 1.f);
  float r = c.r, g = c.g, b = c.b;
  const float lum = 0.299f * r + 0.587f * g + 0.114f * b;
  r += (lum - r) * grey;
  g += (lum - g) * grey;
  b += (lum - b) * grey;
  // What does not glow takes the cast and the darkness; what glows keeps its brightness and,
  // late in the day, turns toward lamplight.
  const float k = 1 - glow;
  const float dr = (mul_r * dark - 1) * k + 1, dg = (mul_g * dark - 1) * k + 1,
              db = (mul_b * dark - 1) * k + 1;
  r *= dr;
  g *= dg;
  b *= db;
  const float w = lit_warmth * glow;
  r += (std::min(255.f, r * 1.08f + 12) - r) * w;
  g += (g * 0.9f - g) * w;  // amber, not lemon: green must fall too
  b += (b * 0.66f - b) * w;
  auto u8 = [](float v) { return static_cast<sf::Uint8>(std::lround(std::clamp(v, 0.f, 255.f))); };
  return {u8(r), u8(g), u8(b), c.a};
}

const Palette& palette_for(story::TimeOfDay time) {
  static const std::array<Palette, 6> palettes = [] {
    std::array<Palette, 6> p{};
    // Dawn: dark, blue, a little rose low in the sky.
    p[0] = {{40, 50, 78}, {178, 150, 150}, 0.86f,          0.92f, 1.08f, 0.10f,
            0.3f,         0.78f,           {232, 228, 224}};
    // Morning: cold, blue.
    p[1] = {{120, 146, 178}, {206, 218, 228}, 0.90f, 0.97f, 1.10f, 0.10f, 0.0f,
            0.95f,           {238, 236, 232}};
    // Midday: grey.
    p[2] = {{168, 174, 180}, {212, 213, 214}, 1.0f, 1.0f, 1.02f, 0.35f, 0.0f, 1.0f,
            {238, 236, 232}};
    // Afternoon: pale.
    p[3] = {{170, 190, 212}, {232, 222, 204}, 1.04f, 1.02f, 0.98f, 0.18f, 0.1f,
            1.04f,           {238, 234, 226}};
    // Evening: warm, going dark.
    p[4] = {{44, 46, 74}, {196, 128, 88}, 1.08f, 0.94f, 0.84f, 0.10f, 0.7f, 0.72f, {240, 230, 214}};
    // Night: dark and blue, lamps warm.
    p[5] = {{10, 13, 24}, {30, 36, 52}, 0.80f, 0.86f, 1.05f, 0.15f, 1.0f, 0.5f, {236, 228, 212}};
    return p;
  }();
  const size_t i = static_cast<size_t>(time);
  return palettes[i < palettes.size() ? i : 1];
}

}  // namespace threshold::render
