// The darkness laid over a scene: the vignette (closing as a hold goes on) and time passing in a
// silence (the light's cast and longer shadows). Part of the SceneRenderer (scene_renderer.h);
// draw() uses it. silence_drift is public (renderer.h): the game loop asks it too.
#include <SFML/Graphics/RenderTarget.hpp>
#include <algorithm>
#include <cmath>

#include "scene_renderer_parts.h"

namespace threshold::render {

// ---------------------------------------------------------------------------------------------
// Vignette: rings of darkness from the middle outwards; a hold in progress closes it further.

void SceneRenderer::add_vignette(float strength, float progress) {
  strength = std::clamp(strength, 0.f, 1.f);
  progress = std::clamp(progress, 0.f, 1.f);
  const float k0 = 0.98f - 0.38f * strength - 0.25f * progress;
  const float amax = std::min(1.f, 0.85f * strength + 0.2f * progress);
  const float ks[4] = {k0, k0 + (1.45f - k0) * 0.45f, 1.45f, 2.4f};
  const float as[4] = {0, 0.3f * amax, amax, amax};
  constexpr int segments = 48;
  for (int r = 0; r < 3; ++r) {
    const sf::Color ci{0, 0, 0, static_cast<sf::Uint8>(std::lround(255 * as[r]))};
    const sf::Color co{0, 0, 0, static_cast<sf::Uint8>(std::lround(255 * as[r + 1]))};
    for (int i = 0; i < segments; ++i) {
      const float a0 = 2 * kPi * static_cast<float>(i) / segments;
      const float a1 = 2 * kPi * static_cast<float>(i + 1) / segments;
      auto at = [](float k, float ang) {
        return sf::Vector2f{kW / 2 + std::cos(ang) * kW / 2 * k,
                            kH / 2 + std::sin(ang) * kH / 2 * k};
      };
      add_quad(overlay_, at(ks[r], a0), at(ks[r], a1), at(ks[r + 1], a1), at(ks[r + 1], a0), ci, ci,
               co, co);
    }
  }
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

void SceneRenderer::draw_silence(sf::RenderTarget& target, story::TimeOfDay time_of_day,
                                 float drift) {
  const int next_index = (static_cast<int>(time_of_day) + 1) % 6;  // night turns to dawn
  const Palette& now = palette_for(time_of_day);
  const Palette& next = palette_for(static_cast<story::TimeOfDay>(next_index));
  // The cast of the next time of day relative to this one, per channel, part of the way there.
  const float ratio[3] = {(next.mul_r * next.dark) / std::max(0.05f, now.mul_r * now.dark),
                          (next.mul_g * next.dark) / std::max(0.05f, now.mul_g * now.dark),
                          (next.mul_b * next.dark) / std::max(0.05f, now.mul_b * now.dark)};
  sf::Uint8 mul[3], add[3];
  for (int i = 0; i < 3; ++i) {
    const float f = 1 + (std::clamp(ratio[i], 0.5f, 1.6f) - 1) * 0.5f * drift;
    mul[i] = static_cast<sf::Uint8>(std::lround(255 * std::min(1.f, f)));
    add[i] = static_cast<sf::Uint8>(std::lround(90 * std::max(0.f, f - 1)));
  }
  Vertices v;
  add_rect(v, 0, 0, kW, kH, sf::Color(mul[0], mul[1], mul[2]), sf::Color(mul[0], mul[1], mul[2]));
  counted(target).draw(v.data(), v.size(), sf::Triangles, sf::BlendMultiply);
  if (add[0] || add[1] || add[2]) {
    v.clear();
    const sf::Color a{add[0], add[1], add[2]};
    add_rect(v, 0, 0, kW, kH, a, a);
    counted(target).draw(v.data(), v.size(), sf::Triangles, sf::BlendAdd);
  }
  // Longer shadows: the lower frame, where the floor and the furniture are, sinks into shade.
  v.clear();
  const sf::Color shade{6, 8, 14, static_cast<sf::Uint8>(std::lround(255 * 0.2f * drift))};
  add_rect(v, 0, kH * 0.35f, kW, kH * 0.65f, sf::Color(6, 8, 14, 0), shade);
  counted(target).draw(v.data(), v.size(), sf::Triangles);
}

}  // namespace threshold::render
