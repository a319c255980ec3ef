// The light answering attention: the attended thing brightens and glows, the pressed one gathers
// light and follows the hand, and the opening's breath lights everything on offer. Part of the
// SceneRenderer (scene_renderer.h); draw() uses it. opening_breath is public (renderer.h).
#include <algorithm>
#include <cmath>

#include "scene_renderer_parts.h"

namespace threshold::render {

namespace {
constexpr double kSettleSeconds = 0.35;  // a thing let go short eases back this long
}

float SceneRenderer::update_follow(const Attention& attention, bool moving, double time) {
  if (attention.pressed != story::kNone && attention.drag != 0) {
    follow_thing_ = attention.pressed;
    follow_offset_ =
        std::clamp(static_cast<float>(attention.drag) / 3, -kFollowPixels, kFollowPixels);
    settle_since_ = -1;
    return follow_offset_;
  }
  if (follow_thing_ == story::kNone) return 0;
  const double k = settle_since_ < 0 ? 0 : (time - settle_since_) / kSettleSeconds;
  if (settle_since_ < 0) {
    settle_since_ = time;
    settle_from_ = follow_offset_;
  }
  if (!moving || k >= 1) {
    follow_thing_ = story::kNone;
    follow_offset_ = 0;
    return 0;
  }
  const float rest = static_cast<float>(1 - k);
  follow_offset_ = settle_from_ * rest * rest * rest;  // eases out: quick first, then slow
  return follow_offset_;
}

// ---------------------------------------------------------------------------------------------
// Attention: the attended thing brightens and glows; the pressed one gathers light.

void SceneRenderer::add_attention(const Attention& attention, float pulse, float breath,
                                  const std::vector<story::ThingId>& offered) {
  const SceneGeometry& g = geometry_;
  auto light_thing = [&](story::ThingId thing, float lift, float halo) {
    if (thing < 0 || static_cast<size_t>(thing) >= g.thing_hulls.size()) return;
    const sf::Color warm{255, 240, 215};
    const sf::Color lift_c = with_alpha(warm, lift);
    // A thing following the hand is lit where it is.
    const sf::Vector2f moved{0, thing == follow_thing_ ? -follow_offset_ : 0.f};
    for (const sf::Vertex& v : g.thing_shapes[static_cast<size_t>(thing)]) {
      additive_.emplace_back(v.position + moved, lift_c);
    }
    std::vector<sf::Vector2f> hull = g.thing_hulls[static_cast<size_t>(thing)];
    for (sf::Vector2f& p : hull) p += moved;
    if (hull.size() >= 3) add_halo(additive_, hull, 16 + 40 * halo, with_alpha(warm, 0.35f * halo));
  };
  // The opening's breath: every thing on offer, faintly, under what the hand attends.
  if (breath > 0) {
    for (story::ThingId t : offered) light_thing(t, 0.11f * breath, 0.5f * breath);
  }
  const float progress = static_cast<float>(std::clamp(attention.progress, 0.0, 1.0));
  if (attention.pressed != story::kNone) {
    light_thing(attention.pressed, 0.16f + 0.3f * progress, 0.5f + 0.9f * progress);
  }
  if (attention.focus != story::kNone && attention.focus != attention.pressed) {
    light_thing(attention.focus, 0.13f + 0.03f * pulse, 0.55f + 0.1f * pulse);
  }
}

// ---------------------------------------------------------------------------------------------
// The opening's breath (renderer.h).

float opening_breath(const story::Runtime& runtime, double time, bool reduced_motion) {
  const story::State& s = runtime.state();
  if (s.phase != story::Phase::Moment) return 0;
  const double length = s.breath_until - s.moment_since;
  if (!(length > 0) || time < s.moment_since || time >= s.breath_until) return 0;
  if (reduced_motion) return kBreathStep;
  const double k = (time - s.moment_since) / length;
  return static_cast<float>(std::sin(std::numbers::pi * k));
}

std::vector<story::ThingId> offered_things(const story::Runtime& runtime) {
  std::vector<story::ThingId> out;
  const story::Moment* m = runtime.moment();
  if (!m) return out;
  for (int32_t g : runtime.offered()) {
    const story::ThingId t = m->gestures[static_cast<size_t>(g)].thing;
    if (t != story::kNone && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
  return out;
}

}  // namespace threshold::render
