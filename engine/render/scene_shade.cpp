// The darkness laid over a scene: the vignette (closing as a hold goes on) and time passing in a
// silence (the light's cast and longer shadows). Part of the SceneRenderer (scene_renderer.h);
// draw() uses it. silence_drift is public (renderer.h): the game loop asks it too.
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/View.hpp>
#include <algorithm>
#include <cmath>

#include "scene_renderer_parts.h"

namespace threshold::render {

// ---------------------------------------------------------------------------------------------
// Vignette: rings of darkness from the middle outwards; a hold in progress closes it further.

namespace {

// The rings: where each begins (in half-frames from the middle, an ellipse) and how dark it is
// there; darkness runs linearly from one ring to the next.
struct Rings {
  float k[4];
  float a[4];
};

Rings rings_for(float strength, float progress) {
  strength = std::clamp(strength, 0.f, 1.f);
  progress = std::clamp(progress, 0.f, 1.f);
  const float k0 = 0.98f - 0.38f * strength - 0.25f * progress;
  const float amax = std::min(1.f, 0.85f * strength + 0.2f * progress);
  return {{k0, k0 + (1.45f - k0) * 0.45f, 1.45f, 2.4f}, {0, 0.3f * amax, amax, amax}};
}

// How dark the vignette is at frame point `p`, 0..1.
float vignette_at(const Rings& r, sf::Vector2f p) {
  const float dx = (p.x - kW / 2) / (kW / 2), dy = (p.y - kH / 2) / (kH / 2);
  const float k = std::sqrt(dx * dx + dy * dy);
  if (k <= r.k[0]) return 0;
  for (int i = 0; i < 3; ++i) {
    if (k <= r.k[i + 1])
      return r.a[i] + (r.a[i + 1] - r.a[i]) * (k - r.k[i]) / (r.k[i + 1] - r.k[i]);
  }
  return r.a[3];
}

// What a silence does to the colours: multiplied by mul/255, then add added, per channel; and
// the lower frame's shade (6, 8, 14) over it, up to shade_max at the foot.
struct SilenceCast {
  sf::Uint8 mul[3] = {255, 255, 255};
  sf::Uint8 add[3] = {0, 0, 0};
  float shade_max = 0;
};

SilenceCast silence_cast(story::TimeOfDay time_of_day, float drift) {
  SilenceCast c;
  if (drift <= 0) return c;
  const int next_index = (static_cast<int>(time_of_day) + 1) % 6;  // night turns to dawn
  const Palette& now = palette_for(time_of_day);
  const Palette& next = palette_for(static_cast<story::TimeOfDay>(next_index));
  // The cast of the next time of day relative to this one, per channel, part of the way there.
  const float ratio[3] = {(next.mul_r * next.dark) / std::max(0.05f, now.mul_r * now.dark),
                          (next.mul_g * next.dark) / std::max(0.05f, now.mul_g * now.dark),
                          (next.mul_b * next.dark) / std::max(0.05f, now.mul_b * now.dark)};
  for (int i = 0; i < 3; ++i) {
    const float f = 1 + (std::clamp(ratio[i], 0.5f, 1.6f) - 1) * 0.5f * drift;
    c.mul[i] = static_cast<sf::Uint8>(std::lround(255 * std::min(1.f, f)));
    c.add[i] = static_cast<sf::Uint8>(std::lround(90 * std::max(0.f, f - 1)));
  }
  c.shade_max = 0.2f * drift;
  return c;
}

constexpr float kShadeTop = kH * 0.35f;  // the longer shadows begin here, darkest at the foot
const sf::Color kShadeColor{6, 8, 14};

}  // namespace

void add_vignette(Vertices& out, float strength, float progress) {
  const Rings rings = rings_for(strength, progress);
  constexpr int segments = 48;
  for (int r = 0; r < 3; ++r) {
    const sf::Color ci{0, 0, 0, static_cast<sf::Uint8>(std::lround(255 * rings.a[r]))};
    const sf::Color co{0, 0, 0, static_cast<sf::Uint8>(std::lround(255 * rings.a[r + 1]))};
    for (int i = 0; i < segments; ++i) {
      const float a0 = 2 * kPi * static_cast<float>(i) / segments;
      const float a1 = 2 * kPi * static_cast<float>(i + 1) / segments;
      auto at = [](float k, float ang) {
        return sf::Vector2f{kW / 2 + std::cos(ang) * kW / 2 * k,
                            kH / 2 + std::sin(ang) * kH / 2 * k};
      };
      add_quad(out, at(rings.k[r], a0), at(rings.k[r], a1), at(rings.k[r + 1], a1),
               at(rings.k[r + 1], a0), ci, ci, co, co);
    }
  }
}

void SceneRenderer::draw_shade(sf::RenderTarget& target, const Shade& shade, float bleed) {
  const float x0 = -bleed, y0 = -bleed, w = kW + 2 * bleed, h = kH + 2 * bleed;
  if (shade.silent > 0) {
    const SilenceCast c = silence_cast(shade.time_of_day, shade.silent);
    Vertices v;
    const sf::Color mul(c.mul[0], c.mul[1], c.mul[2]);
    add_rect(v, x0, y0, w, h, mul, mul);
    counted(target).draw(v.data(), v.size(), sf::Triangles, sf::BlendMultiply);
    if (c.add[0] || c.add[1] || c.add[2]) {
      v.clear();
      const sf::Color a{c.add[0], c.add[1], c.add[2]};
      add_rect(v, x0, y0, w, h, a, a);
      counted(target).draw(v.data(), v.size(), sf::Triangles, sf::BlendAdd);
    }
    // Longer shadows: the lower frame, where the floor and the furniture are, sinks into shade.
    v.clear();
    const sf::Color foot = with_alpha(kShadeColor, c.shade_max);
    add_rect(v, x0, kShadeTop, w, kH - kShadeTop, with_alpha(kShadeColor, 0), foot);
    if (bleed > 0) add_rect(v, x0, kH, w, bleed, foot, foot);
    counted(target).draw(v.data(), v.size(), sf::Triangles);
  }
  Vertices ring;
  add_vignette(ring, shade.vignette, shade.progress);
  counted(target).draw(ring.data(), ring.size(), sf::Triangles);
}

sf::Color shaded(sf::Color c, sf::Vector2f p, const Shade& shade, bool additive) {
  const SilenceCast cast = silence_cast(shade.time_of_day, shade.silent);
  const float keep = 1 - vignette_at(rings_for(shade.vignette, shade.progress), p);
  const float s = std::clamp((p.y - kShadeTop) / (kH - kShadeTop), 0.f, 1.f) * cast.shade_max;
  const sf::Uint8 channel[3] = {c.r, c.g, c.b};
  const sf::Uint8 tint[3] = {kShadeColor.r, kShadeColor.g, kShadeColor.b};
  float out[3];
  for (int i = 0; i < 3; ++i) {
    const float m = static_cast<float>(channel[i]) * static_cast<float>(cast.mul[i]) / 255.f;
    // Over the darkened picture, a colour blended in must itself go through the darkening; one
    // added to it only through the multiplications (see scene_renderer.h, Shade).
    // Each step as the frame's 8 bits hold it: the cast added saturates before the shade.
    const float cast_out = std::min(255.f, m + static_cast<float>(cast.add[i]));
    out[i] = additive ? keep * (1 - s) * m
                      : keep * ((1 - s) * cast_out + s * static_cast<float>(tint[i]));
  }
  auto to8 = [](float v) { return static_cast<sf::Uint8>(std::lround(std::clamp(v, 0.f, 255.f))); };
  return {to8(out[0]), to8(out[1]), to8(out[2]), c.a};
}

// ---------------------------------------------------------------------------------------------
// Silence: the world moves on while the player says nothing.

float silence_drift(const story::Runtime& runtime, double time) {
  const story::State& s = runtime.state();
  if (s.phase != story::Phase::Moment || !s.silent) return 0;
  const story::Input& in = s.last_input;
  if (in.press != story::kNone || in.look != story::kNone || in.turn_away) return 0;
  const double k = std::clamp((time - s.idle_since) / kSilenceDriftSeconds, 0.0, 1.0);
  // Eased out (it moves most at first, so a short silence already shows) and in whole steps.
  const double eased = 1 - (1 - k) * (1 - k);
  return static_cast<float>(std::floor(eased * kSilenceDriftSteps) / kSilenceDriftSteps);
}

}  // namespace threshold::render
