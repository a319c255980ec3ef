// The `when:` of a scene's layers, motion and light variants, followed as fades over kWhenFade
// seconds, and the light as drawn (the variants blended by their fades). Part of the
// SceneRenderer (scene_renderer.h); draw() calls update_conditions once a frame.
#include <algorithm>
#include <cmath>

#include "scene_renderer_parts.h"

namespace threshold::render {

float SceneRenderer::Fade::shown(double time, bool fade) const {
  const double k = fade ? std::clamp((time - since) / kWhenFade, 0.0, 1.0) : 1.0;
  return static_cast<float>(on ? k : 1.0 - k);
}

void SceneRenderer::update_conditions(const story::Scene& scene, double entered_at,
                                      const story::Env& env, double time, bool fade) {
  const story::Visual& v = scene.visual;
  Conditions& c = conditions_;
  // A new visit of a scene (or a clock that went back: a rewind) starts with every condition as
  // it is now, without fading: what holds as the scene begins comes in with the scene.
  const bool fresh = c.scene != &scene || entered_at != c.entered_at || time < c.last_time ||
                     c.layers.size() != v.layers.size() || c.motion.size() != v.motion.size() ||
                     c.lights.size() != v.light_variants.size();
  if (fresh) {
    c.scene = &scene;
    c.entered_at = entered_at;
    c.layers.assign(v.layers.size(), Fade{});
    c.motion.assign(v.motion.size(), Fade{});
    c.lights.assign(v.light_variants.size(), Fade{});
  }
  c.last_time = time;
  fading_ = false;
  auto follow = [&](Fade& f, bool on) {
    if (fresh) {
      f.on = on;
      f.since = -1e9;
    } else if (on != f.on) {
      // Turn back from where the fade is: shown stays continuous.
      const double now = f.shown(time, fade);
      f.on = on;
      f.since = time - (on ? now : 1.0 - now) * kWhenFade;
    }
    const float s = f.shown(time, fade);
    if (s > 0 && s < 1) fading_ = true;
    return s;
  };
  shown_layers_.resize(v.layers.size());
  for (size_t i = 0; i < v.layers.size(); ++i) {
    const story::Expr* when = v.condition(v.layers[i]);
    shown_layers_[i] = follow(c.layers[i], !when || when->test(env));
  }
  shown_motion_.resize(v.motion.size());
  for (size_t i = 0; i < v.motion.size(); ++i) {
    const story::Motion& m = v.motion[i];
    shown_motion_[i] = follow(c.motion[i], !m.when || m.when->test(env));
  }
  if (v.light_variants.empty()) {
    light_ = v.light;
    return;
  }
  // The first variant that holds is the light; the others fade out. Drawn: their blend, each
  // weighted by how far it is in, its strength scaled by it (so no light at all fades too).
  bool chosen = false;
  float total = 0, x = 0, y = 0, r = 0, g = 0, b = 0, strength = 0, shadows = 0;
  for (size_t i = 0; i < v.light_variants.size(); ++i) {
    const story::Light& l = v.light_variants[i];
    const bool on = !chosen && l.present && (!l.when || l.when->test(env));
    chosen = chosen || on;
    const float w = follow(c.lights[i], on);
    if (w <= 0 || !l.present) continue;
    total += w;
    x += w * l.x;
    y += w * l.y;
    r += w * l.color.r;
    g += w * l.color.g;
    b += w * l.color.b;
    shadows += w * l.shadows;
    strength += w * l.strength;
  }
  light_ = story::Light{};
  if (total <= 0) return;
  light_.present = true;
  light_.x = x / total;
  light_.y = y / total;
  auto byte = [&](float f) {
    return static_cast<uint8_t>(std::clamp(std::lround(f / total), 0L, 255L));
  };
  light_.color = {byte(r), byte(g), byte(b), 255};
  light_.shadows = shadows / total;
  light_.strength = std::min(strength, 1.f);
}

}  // namespace threshold::render
