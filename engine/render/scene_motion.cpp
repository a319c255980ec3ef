// The SceneRenderer's motion (rain, steam, a passing car's light, a blink, a flicker, dust) and
// the camera's drift: every particle's place is a function of the time and its index. Part of the
// SceneRenderer (scene_renderer.h); draw() and ambient_key() use it.
#include <algorithm>
#include <cmath>

#include "scene_renderer_parts.h"

namespace threshold::render {

namespace {

float frac(float x) {
  return x - std::floor(x);
}

}  // namespace

DriftShift drift_shift(const story::Scene& scene, float mt, unsigned frame_w) {
  DriftShift d;
  d.drift = std::max(0.f, scene.visual.authored ? scene.visual.drift : 0.f);
  if (d.drift > 0) d.zoom = 1.f / (1.f + 2.4f * d.drift / kH);
  d.px_per_unit = static_cast<float>(frame_w) / std::max(1.f, kW * d.zoom);
  d.x = std::round(d.drift * std::sin(2 * kPi * mt / 9.f) * d.px_per_unit);
  d.y = std::round(0.6f * d.drift * std::sin(2 * kPi * mt / 13.f + 1.f) * d.px_per_unit);
  return d;
}

// Which frame of its animation a motion shows at `t`: rain at 24 frames a second, a passing
// car's light at 20, slow things (steam, dust, a flicker) at 10, a blinking cursor at its
// blinks. Each frame redrawn costs several milliseconds on a software rasteriser; these rates
// are as low as the motion still reads as smooth at the speeds the scenes use.
namespace {

// Frames a second of a motion that moves steadily (0: one that blinks at its period).
float motion_rate(const story::Motion& m) {
  switch (m.kind) {
    case story::Motion::Kind::Rain:
      return 24;
    case story::Motion::Kind::Car:
      return 20;
    case story::Motion::Kind::Blink:
      return 0;
    case story::Motion::Kind::Steam:
    case story::Motion::Kind::Flicker:
    case story::Motion::Kind::Drift:
      return 10;
  }
  return 10;
}

// A flicker's darkness at `t` (its frame's time), as the alpha drawn: a slow hum in four steps,
// and now and then a dip (a frame's pixels change only when this does: one redraw of its whole
// area each time).
sf::Uint8 flicker_alpha(const story::Motion& m, size_t index, float t) {
  const uint32_t salt = static_cast<uint32_t>(index) * 101u;
  const float period = m.period > 0 ? m.period : 1;
  const float slot = std::floor(t * 9);
  const float h = hash01(static_cast<uint32_t>(static_cast<int64_t>(slot)), salt + 7);
  const float dip = h > 0.86f ? (h - 0.86f) / 0.14f : 0.f;
  const float hum = std::round((0.5f + 0.5f * std::sin(2 * kPi * t / period)) * 3) / 3;
  const float dark = std::clamp(m.amount, 0.f, 1.f) * (0.12f * hum + 0.6f * dip);
  return static_cast<sf::Uint8>(dark * 255);
}

}  // namespace

int64_t motion_frame(const story::Motion& m, size_t index, float t) {
  const float fps = motion_rate(m);
  switch (m.kind) {
    case story::Motion::Kind::Flicker:
      return flicker_alpha(m, index, motion_time(m, t));
    case story::Motion::Kind::Car: {
      if (m.period <= 0) return 0;
      const float dur = std::min(m.period * 0.7f, 3.2f);
      if (std::fmod(t, m.period) >= dur) return -1;  // between passes nothing shows
      return static_cast<int64_t>(std::floor(t * fps));
    }
    case story::Motion::Kind::Blink:
      return m.period > 0 ? static_cast<int64_t>(std::floor(t / (m.period * 0.5f))) : 0;
    default:
      return static_cast<int64_t>(std::floor(t * fps));
  }
}

float motion_time(const story::Motion& m, float t) {
  const float fps = motion_rate(m);
  return fps > 0 ? std::floor(t * fps) / fps : t;
}

void SceneRenderer::add_motion(const story::Scene& scene, float frame_time) {
  motion_spans_.assign(scene.visual.motion.size(), MotionSpan{});
  for (size_t mi = 0; mi < scene.visual.motion.size(); ++mi) {
    // Where this motion's vertices go (set when this pass over it ends, however it ends).
    struct Span {
      MotionSpan& span;
      const Vertices& a;
      const Vertices& b;
      ~Span() {
        span.alpha_end = a.size();
        span.additive_end = b.size();
      }
    } span{motion_spans_[mi], alpha_, additive_};
    motion_spans_[mi].alpha_begin = alpha_.size();
    motion_spans_[mi].additive_begin = additive_.size();
    // A motion whose `when:` does not hold is not there; one fading has its particles faded.
    const float shown = motion_shown(mi);
    if (shown <= 0) continue;
    struct FadeOnExit {
      Vertices& a;
      Vertices& b;
      size_t a_from, b_from;
      float k;
      ~FadeOnExit() {
        if (k >= 1) return;
        for (size_t i = a_from; i < a.size(); ++i) {
          a[i].color.a = static_cast<sf::Uint8>(std::lround(static_cast<float>(a[i].color.a) * k));
        }
        // Additive vertices add their colour: fade it, not only the alpha.
        for (size_t i = b_from; i < b.size(); ++i) {
          sf::Color& c = b[i].color;
          c.r = static_cast<sf::Uint8>(std::lround(static_cast<float>(c.r) * k));
          c.g = static_cast<sf::Uint8>(std::lround(static_cast<float>(c.g) * k));
          c.b = static_cast<sf::Uint8>(std::lround(static_cast<float>(c.b) * k));
          c.a = static_cast<sf::Uint8>(std::lround(static_cast<float>(c.a) * k));
        }
      }
    } fade_on_exit{alpha_, additive_, alpha_.size(), additive_.size(), shown};
    const story::Motion& m = scene.visual.motion[mi];
    const float t = motion_time(m, frame_time);
    const uint32_t salt = static_cast<uint32_t>(mi) * 101u;
    const sf::Color col = to_sf(m.color);
    const float amount = std::clamp(m.amount, 0.f, 1.f);
    const story::Rect a = m.area;
    switch (m.kind) {
      case story::Motion::Kind::Steam: {
        const int n = 4 + static_cast<int>(amount * 10);
        constexpr float cycle = 4.5f;
        for (int i = 0; i < n; ++i) {
          const uint32_t ui = static_cast<uint32_t>(i);
          const float u = frac(t / cycle + hash01(ui, salt));
          const float rise = 150 * (0.6f + 0.4f * hash01(ui, salt + 2));
          const float sway =
              std::sin(t * 0.9f + static_cast<float>(i) * 1.7f + u * 5) * (4 + 18 * u);
          const sf::Vector2f p{a.x + sway + (hash01(ui, salt + 3) - 0.5f) * 10, a.y - u * rise};
          const float r = 6 + 22 * u;
          const float alpha = std::pow(std::sin(kPi * u), 1.5f) * 0.22f * (0.5f + amount);
          add_soft_disc(alpha_, p, r, r * 1.3f, with_alpha(col, alpha), with_alpha(col, 0), 16);
        }
        break;
      }
      case story::Motion::Kind::Rain: {
        if (a.empty()) break;
        const int n = 20 + static_cast<int>(amount * 110);
        constexpr float len = 22, slant = 0.12f;
        for (int i = 0; i < n; ++i) {
          const uint32_t ui = static_cast<uint32_t>(i);
          const float speed = 650 * (0.8f + 0.4f * hash01(ui, salt + 2));
          const float y =
              a.y - len + frac(hash01(ui, salt + 1) + t * speed / (a.h + len)) * (a.h + len);
          const float y0 = std::max(y, a.y), y1 = std::min(y + len, a.y + a.h);
          if (y1 <= y0) continue;
          const float x = a.x + hash01(ui, salt) * a.w;
          const float x0 = std::clamp(x + slant * (y0 - a.y), a.x, a.x + a.w);
          const float x1 = std::clamp(x + slant * (y1 - a.y), a.x, a.x + a.w);
          add_line(alpha_, {x0, y0}, {x1, y1}, 1.3f, with_alpha(col, 0.32f));
        }
        break;
      }
      case story::Motion::Kind::Car: {
        if (a.empty() || m.period <= 0) break;
        const float dur = std::min(m.period * 0.7f, 3.2f);
        const float phase = std::fmod(t, m.period);
        if (phase >= dur) break;
        const float u = phase / dur;
        const float env = std::sin(kPi * u);
        // A band of light crossing the area (left to right), brightest at its middle.
        const float cx = a.x - 0.3f * a.w + u * 1.6f * a.w;
        const float half = std::max(a.w * 0.14f, 90.f);
        const float peak = (0.25f + 0.5f * amount) * env;
        auto band = [&](float xa, float xb, float aa, float ab) {
          const float ca = std::clamp(xa, a.x, a.x + a.w), cb = std::clamp(xb, a.x, a.x + a.w);
          if (cb <= ca) return;
          auto at = [&](float x) { return aa + (ab - aa) * (x - xa) / (xb - xa); };
          const sf::Color l = with_alpha(col, at(ca)), r = with_alpha(col, at(cb));
          add_quad(additive_, {ca, a.y}, {cb, a.y}, {cb, a.y + a.h}, {ca, a.y + a.h}, l, r, r, l);
        };
        band(cx - half, cx, 0, peak);
        band(cx, cx + half, peak, 0);
        const sf::Vector2f lamp{std::clamp(cx, a.x, a.x + a.w), a.y + a.h * 0.6f};
        add_soft_disc(additive_, lamp, half * 0.5f, a.h * 0.5f + 8, with_alpha(col, peak),
                      with_alpha(col, 0), 20);
        break;
      }
      case story::Motion::Kind::Blink: {
        // On for the even halves of its period: by the frame, so that a frame is on or off
        // however its time rounds.
        if (m.period <= 0 || motion_frame(m, mi, t) % 2 != 0) break;
        add_rect(alpha_, a.x, a.y, a.w, a.h, col, col);
        break;
      }
      case story::Motion::Kind::Flicker: {
        if (a.empty()) break;
        const sf::Color dark(0, 0, 0, flicker_alpha(m, mi, t));
        add_rect(alpha_, a.x, a.y, a.w, a.h, dark, dark);
        break;
      }
      case story::Motion::Kind::Drift: {
        // Dust turning slowly in the light.
        if (a.empty()) break;
        const int n = 10 + static_cast<int>(amount * 40);
        for (int i = 0; i < n; ++i) {
          const uint32_t ui = static_cast<uint32_t>(i);
          const float x =
              a.x + frac(hash01(ui, salt) + t * 0.006f * (hash01(ui, salt + 1) - 0.5f)) * a.w;
          const float y =
              a.y + frac(hash01(ui, salt + 2) - t * 0.004f * (0.5f + hash01(ui, salt + 3))) * a.h;
          const float tw =
              0.5f + 0.5f * std::sin(t * (0.7f + hash01(ui, salt + 4)) + static_cast<float>(i));
          add_soft_disc(additive_, {x, y}, 2.5f, 2.5f, with_alpha(col, 0.35f * tw),
                        with_alpha(col, 0), 8);
        }
        break;
      }
    }
  }
}

}  // namespace threshold::render
