// The Renderer behind Renderer::create. See scene_renderer.h and renderer.h.
//
// Contents: create; the scene's static geometry (sky, shadows, shapes, light, glow); motion;
// attention; vignette and fades; the text layer, hints and the ending; menus; thing_area.
#include "engine/render/scene_renderer.h"

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Sprite.hpp>
#include <SFML/Graphics/View.hpp>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

#include "engine/render/fonts.h"
#include "engine/story/wording.h"

namespace threshold::render {

namespace {

constexpr float kW = story::kFrameWidth;
constexpr float kH = story::kFrameHeight;
constexpr float kPi = std::numbers::pi_v<float>;
constexpr double kSceneFade = 1.0;  // seconds of fade from black when a scene begins
constexpr double kWhenFade = 1.5;   // seconds a layer, motion or light takes to follow its `when:`
constexpr double kLineFade = 0.8;   // seconds a new line takes to fade in
constexpr size_t kShownLines = 4;

float frac(float x) { return x - std::floor(x); }

sf::Vector2f normalised(sf::Vector2f v) {
  const float len = std::hypot(v.x, v.y);
  return len > 0 ? v / len : sf::Vector2f{0, 0};
}

// The outline of a shape, in frame units: what casts shadows and what halos grow from.
void outline_of(const story::Shape& shape, std::vector<sf::Vector2f>& out) {
  out.clear();
  const std::vector<float>& p = shape.points;
  switch (shape.kind) {
    case story::Shape::Kind::Rect:
    case story::Shape::Kind::Image:
      if (p.size() >= 4) {
        out = {{p[0], p[1]}, {p[0] + p[2], p[1]}, {p[0] + p[2], p[1] + p[3]}, {p[0], p[1] + p[3]}};
      }
      break;
    case story::Shape::Kind::Circle:
      if (p.size() >= 3) ellipse_points(out, {p[0], p[1]}, p[2], p[2], 40);
      break;
    case story::Shape::Kind::Polygon:
      for (size_t i = 0; i + 1 < p.size(); i += 2) out.push_back({p[i], p[i + 1]});
      break;
    case story::Shape::Kind::Line:
      if (p.size() >= 4) {
        const sf::Vector2f a{p[0], p[1]}, b{p[2], p[3]};
        const sf::Vector2f d = normalised(b - a);
        const sf::Vector2f n{-d.y * shape.width / 2, d.x * shape.width / 2};
        out = {a + n, b + n, b - n, a - n};
      }
      break;
  }
}

// The convex hull (monotone chain), for halos round shapes that may be concave or many.
std::vector<sf::Vector2f> convex_hull(std::vector<sf::Vector2f> pts) {
  if (pts.size() < 3) return pts;
  std::sort(pts.begin(), pts.end(),
            [](sf::Vector2f a, sf::Vector2f b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  auto cross = [](sf::Vector2f o, sf::Vector2f a, sf::Vector2f b) {
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  };
  std::vector<sf::Vector2f> hull(2 * pts.size());
  size_t k = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], pts[i]) <= 0) --k;
    hull[k++] = pts[i];
  }
  for (size_t i = pts.size() - 1, t = k + 1; i > 0; --i) {
    while (k >= t && cross(hull[k - 2], hull[k - 1], pts[i - 1]) <= 0) --k;
    hull[k++] = pts[i - 1];
  }
  hull.resize(k > 1 ? k - 1 : k);
  return hull;
}

// A long shadow: the two silhouette points of the outline as seen from the light, pushed far
// away from it, fading with distance.
void add_long_shadow(Vertices& out, const std::vector<sf::Vector2f>& outline, sf::Vector2f light,
                     float darkness) {
  if (outline.size() < 2 || darkness <= 0) return;
  sf::Vector2f c{0, 0};
  for (const sf::Vector2f& p : outline) c += p;
  c /= static_cast<float>(outline.size());
  const sf::Vector2f ref = normalised(c - light);
  if (ref == sf::Vector2f{0, 0}) return;
  float lo = 0, hi = 0;
  sf::Vector2f plo = outline[0], phi = outline[0];
  bool first = true;
  for (const sf::Vector2f& p : outline) {
    const sf::Vector2f d = p - light;
    const float a = std::atan2(ref.x * d.y - ref.y * d.x, ref.x * d.x + ref.y * d.y);
    if (std::abs(a) > kPi / 2) return;  // the light is inside or beside the shape: no shadow
    if (first || a < lo) lo = a, plo = p;
    if (first || a > hi) hi = a, phi = p;
    first = false;
  }
  const float reach = 560;
  const sf::Vector2f flo = plo + normalised(plo - light) * reach;
  const sf::Vector2f fhi = phi + normalised(phi - light) * reach;
  const sf::Color near{8, 10, 18, static_cast<sf::Uint8>(std::lround(200 * darkness))};
  const sf::Color far{8, 10, 18, 0};
  const sf::Color mid{8, 10, 18, static_cast<sf::Uint8>(std::lround(90 * darkness))};
  // Two bands, so the shadow is dark near its caster and long and thin in its fading.
  const sf::Vector2f mlo = plo + (flo - plo) * 0.3f, mhi = phi + (fhi - phi) * 0.3f;
  add_quad(out, plo, phi, mhi, mlo, near, near, mid, mid);
  add_quad(out, mlo, mhi, fhi, flo, mid, mid, far, far);
}

// The camera's drift: how far it is zoomed in (so the frame's edge never shows) and where it is
// at motion time `mt`, in whole pixels of a frame `frame_w` pixels wide.
struct DriftShift {
  float zoom = 1;         // view.zoom() factor
  float px_per_unit = 1;  // target pixels per frame unit, zoom included
  float x = 0, y = 0;     // whole pixels
  float drift = 0;        // amplitude in frame units
};
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
int64_t motion_frame(const story::Motion& m, float t) {
  auto at_rate = [t](float fps) { return static_cast<int64_t>(std::floor(t * fps)); };
  switch (m.kind) {
    case story::Motion::Kind::Rain:
      return at_rate(24);
    case story::Motion::Kind::Car: {
      if (m.period <= 0) return 0;
      const float dur = std::min(m.period * 0.7f, 3.2f);
      if (std::fmod(t, m.period) >= dur) return -1;  // between passes nothing shows
      return at_rate(20);
    }
    case story::Motion::Kind::Blink:
      return m.period > 0 ? static_cast<int64_t>(std::floor(t / (m.period * 0.5f))) : 0;
    case story::Motion::Kind::Steam:
    case story::Motion::Kind::Flicker:
    case story::Motion::Kind::Drift:
      return at_rate(10);
  }
  return 0;
}

// `shown`: each layer's fade (1: fully there); `light`: the light as drawn.
uint64_t fingerprint_of(const story::Scene& scene, const std::vector<float>& shown,
                        const story::Light& light) {
  uint64_t h = 1469598103934665603ull;
  auto mix_in = [&h](uint64_t v) {
    h ^= v;
    h *= 1099511628211ull;
  };
  auto mix_f = [&](float f) {
    uint32_t u;
    static_assert(sizeof u == sizeof f);
    std::memcpy(&u, &f, sizeof u);
    mix_in(u);
  };
  auto mix_c = [&](story::Color c) {
    mix_in((uint64_t{c.r} << 24) | (uint64_t{c.g} << 16) | (uint64_t{c.b} << 8) | c.a);
  };
  const story::Visual& v = scene.visual;
  mix_in(static_cast<uint64_t>(scene.time));
  mix_in(v.authored);
  if (v.sky_top) mix_c(*v.sky_top);
  if (v.sky_bottom) mix_c(*v.sky_bottom);
  for (const story::Shape& s : v.layers) {
    mix_in(static_cast<uint64_t>(s.kind));
    for (float f : s.points) mix_f(f);
    mix_f(s.width);
    mix_c(s.color);
    if (s.to) mix_c(*s.to);
    mix_f(s.glow);
    mix_in(s.shadow);
    mix_in(static_cast<uint64_t>(static_cast<uint32_t>(s.thing)));
    for (char ch : s.image) mix_in(static_cast<unsigned char>(ch));
  }
  for (float f : shown) mix_f(f);
  mix_in(light.present);
  mix_f(light.x);
  mix_f(light.y);
  mix_c(light.color);
  mix_f(light.strength);
  mix_f(light.shadows);
  return h;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// create

std::unique_ptr<Renderer> Renderer::create(const std::string& story_dir, std::string* error) {
  const FontSearch found = find_fonts(story_dir);
  auto fail = [&](const std::string& why) -> std::unique_ptr<Renderer> {
    if (error) *error = why;
    return nullptr;
  };
  if (found.regular.empty()) {
    std::string where;
    for (const std::string& t : found.tried) where += (where.empty() ? "" : ", ") + t;
    return fail("no font found: install fonts-ebgaramond (or fonts-dejavu-core); looked in " +
                where);
  }
  // The first candidate that loads: a broken file falls back along the list.
  auto regular = std::make_unique<sf::Font>();
  size_t chosen = 0;
  while (chosen < found.regular.size() && !regular->loadFromFile(found.regular[chosen])) ++chosen;
  if (chosen == found.regular.size()) {
    std::string which;
    for (const std::string& t : found.regular) which += (which.empty() ? "" : ", ") + t;
    return fail("cannot load any of the fonts found: " + which);
  }
  std::unique_ptr<sf::Font> italic;
  if (chosen < found.garamond) {  // an italic of another face would not match the text
    for (const std::string& path : found.italic) {
      italic = std::make_unique<sf::Font>();
      if (italic->loadFromFile(path)) break;
      italic.reset();
    }
  }
  return std::make_unique<SceneRenderer>(std::move(regular), std::move(italic));
}

SceneRenderer::SceneRenderer(std::unique_ptr<sf::Font> regular, std::unique_ptr<sf::Font> italic)
    : regular_(std::move(regular)), italic_(std::move(italic)) {}

// ---------------------------------------------------------------------------------------------
// The scene's static geometry

const sf::Texture* SceneRenderer::texture(const std::string& path) {
  auto it = textures_.find(path);
  if (it != textures_.end()) return it->second.get();
  auto tex = std::make_unique<sf::Texture>();
  // The loader resolved the path once, inside the story folder (story_path.h): open exactly it.
  if (!tex->loadFromFile(path)) {
    tex.reset();
  } else {
    tex->setSmooth(true);
  }
  const sf::Texture* result = tex.get();
  textures_.emplace(path, std::move(tex));
  return result;
}

void SceneRenderer::build_geometry(const story::Scene& scene, uint64_t fingerprint) {
  SceneGeometry& g = geometry_;
  if (g.scene != &scene) follow_thing_ = story::kNone;
  g.scene = &scene;
  g.fingerprint = fingerprint;
  cache_valid_ = false;
  g.base.clear();
  g.batches.clear();
  g.light.clear();
  g.thing_shapes.assign(scene.things.size(), {});
  g.thing_hulls.assign(scene.things.size(), {});
  g.thing_ranges.assign(scene.things.size(), {});

  const story::Visual& v = scene.visual;
  const Palette& pal = palette_for(scene.time);

  // The backdrop, with a margin so the drifting camera never finds its edge.
  const sf::Color top = v.sky_top ? pal.tint(to_sf(*v.sky_top), 0.5f) : pal.sky_top;
  const sf::Color bottom =
      v.sky_bottom ? pal.tint(to_sf(*v.sky_bottom), 0.5f) : (v.sky_top ? top : pal.sky_bottom);
  add_rect(g.base, -80, -80, kW + 160, kH + 160, top, bottom);

  const story::Light& lt = light_;
  const sf::Vector2f light{lt.x, lt.y};
  std::vector<std::vector<sf::Vector2f>> thing_points(scene.things.size());
  size_t batch_begin = 0;
  for (size_t li = 0; li < v.layers.size(); ++li) {
    const story::Shape& shape = v.layers[li];
    // A layer whose `when:` does not hold is not there (nor its shadow, glow or thing outline).
    const float shown = layer_shown(li);
    if (shown <= 0) continue;
    outline_of(shape, scratch_);
    if (shape.shadow && lt.present) {
      add_long_shadow(g.base, scratch_, light, shown * lt.shadows * (0.5f + 0.5f * lt.strength));
    }
    auto faded = [shown](sf::Color col) {
      col.a = static_cast<sf::Uint8>(std::lround(static_cast<float>(col.a) * shown));
      return col;
    };
    const sf::Color c = faded(pal.tint(to_sf(shape.color), shape.glow));
    const sf::Color c2 = shape.to ? faded(pal.tint(to_sf(*shape.to), shape.glow)) : c;
    const size_t first = g.base.size();
    const std::vector<float>& p = shape.points;
    switch (shape.kind) {
      case story::Shape::Kind::Rect:
        if (p.size() >= 4) add_rect(g.base, p[0], p[1], p[2], p[3], c, c2);
        break;
      case story::Shape::Kind::Circle:
      case story::Shape::Kind::Polygon:
        add_polygon(g.base, scratch_, c, c2);
        break;
      case story::Shape::Kind::Line:
        if (p.size() >= 4) add_line(g.base, {p[0], p[1]}, {p[2], p[3]}, shape.width, c);
        break;
      case story::Shape::Kind::Image: {
        const sf::Texture* tex = texture(shape.image);
        if (!tex || p.size() < 4) break;
        if (g.base.size() > batch_begin) g.batches.push_back({batch_begin, g.base.size(), nullptr});
        const float tw = static_cast<float>(tex->getSize().x);
        const float th = static_cast<float>(tex->getSize().y);
        // An image takes the palette's tint like any colour (its `color` multiplies it).
        const sf::Color tc = pal.tint(shape.color == story::Color{0, 0, 0, 255}
                                          ? sf::Color::White
                                          : to_sf(shape.color),
                                      shape.glow);
        const size_t at = g.base.size();
        add_rect(g.base, p[0], p[1], p[2], p[3], faded(tc), faded(tc));
        const sf::Vector2f uv[6] = {{0, 0}, {tw, 0}, {tw, th}, {0, 0}, {tw, th}, {0, th}};
        for (size_t i = 0; i < 6; ++i) g.base[at + i].texCoords = uv[i];
        g.batches.push_back({at, g.base.size(), tex});
        batch_begin = g.base.size();
        break;
      }
    }
    if (shape.thing >= 0 && static_cast<size_t>(shape.thing) < scene.things.size()) {
      const size_t t = static_cast<size_t>(shape.thing);
      if (g.base.size() > first) g.thing_ranges[t].emplace_back(first, g.base.size());
      for (size_t i = first; i < g.base.size(); ++i) {
        g.thing_shapes[t].emplace_back(g.base[i].position, sf::Color::White);
      }
      thing_points[t].insert(thing_points[t].end(), scratch_.begin(), scratch_.end());
    }
    if (shape.glow > 0 && !scratch_.empty()) {
      // A glowing shape lights the air round it: a close halo and a wide soft bloom.
      const float glow = std::clamp(shape.glow, 0.f, 1.f) * shown;
      const sf::Color lit = pal.tint(to_sf(shape.color), 1.f);
      add_halo(g.light, convex_hull(scratch_), 14 + 60 * glow, with_alpha(lit, 0.36f * glow));
      const story::Rect b = shape.bounds();
      const float r = 0.75f * std::max(b.w, b.h) + 140 * glow;
      add_soft_disc(g.light, {b.x + b.w / 2, b.y + b.h / 2}, r, r * 0.8f,
                    with_alpha(lit, 0.2f * glow), with_alpha(lit, 0), 36);
    }
  }
  if (g.base.size() > batch_begin) g.batches.push_back({batch_begin, g.base.size(), nullptr});

  for (size_t t = 0; t < thing_points.size(); ++t) g.thing_hulls[t] = convex_hull(thing_points[t]);
  if (!scene.things.empty()) {
    // Things with only an `area:` still answer to attention: their area is their outline.
    for (size_t t = 0; t < scene.things.size(); ++t) {
      const story::Rect a = scene.things[t].area;
      if (!g.thing_hulls[t].empty() || a.empty()) continue;
      g.thing_hulls[t] = {{a.x, a.y}, {a.x + a.w, a.y}, {a.x + a.w, a.y + a.h}, {a.x, a.y + a.h}};
    }
  }

  if (lt.present) {
    // The room's light: a wide, soft radial wash from where it comes in.
    const float s = std::clamp(lt.strength, 0.f, 1.f);
    const sf::Color lc = to_sf(lt.color);
    add_soft_disc(g.light, light, 700 + 500 * s, 560 + 380 * s, with_alpha(lc, 0.32f * s),
                  with_alpha(lc, 0), 48);
  }
}

void SceneRenderer::draw_static(sf::RenderTarget& target) const {
  for (const Batch& b : geometry_.batches) {
    sf::RenderStates states;
    states.texture = b.texture;
    counted(target).draw(geometry_.base.data() + b.begin, b.end - b.begin, sf::Triangles, states);
  }
  if (!geometry_.light.empty()) {
    counted(target).draw(geometry_.light.data(), geometry_.light.size(), sf::Triangles,
                         sf::BlendAdd);
  }
}

void SceneRenderer::draw_static_displaced(sf::RenderTarget& target, story::ThingId thing,
                                          float dy) {
  displaced_ = geometry_.base;
  for (auto [begin, end] : geometry_.thing_ranges[static_cast<size_t>(thing)]) {
    for (size_t i = begin; i < end; ++i) displaced_[i].position.y += dy;
  }
  for (const Batch& b : geometry_.batches) {
    sf::RenderStates states;
    states.texture = b.texture;
    counted(target).draw(displaced_.data() + b.begin, b.end - b.begin, sf::Triangles, states);
  }
  if (!geometry_.light.empty()) {
    counted(target).draw(geometry_.light.data(), geometry_.light.size(), sf::Triangles,
                         sf::BlendAdd);
  }
}

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

bool SceneRenderer::refresh_cache(const sf::View& view, unsigned width, unsigned height,
                                  unsigned margin) {
  if (cache_failed_ || width == 0 || height == 0) return false;
  if (cache_valid_ && cache_view_size_ == view.getSize() &&
      cache_frame_size_ == sf::Vector2u(width, height) && cache_margin_ == margin) {
    return true;
  }
  const unsigned w = width + 2 * margin, h = height + 2 * margin;
  if (!cache_ || cache_->getSize() != sf::Vector2u(w, h)) {
    cache_ = std::make_unique<sf::RenderTexture>();
    if (!cache_->create(w, h)) {
      cache_.reset();
      cache_failed_ = true;
      return false;
    }
  }
  // The view at rest, widened by the margin at the same scale.
  const float units_per_px = view.getSize().x / static_cast<float>(width);
  sf::View wide(view.getCenter(), {static_cast<float>(w) * units_per_px,
                                   static_cast<float>(h) * units_per_px});
  cache_->setView(wide);
  cache_->clear(sf::Color::Black);
  draw_static(*cache_);
  cache_->display();
  cache_view_size_ = view.getSize();
  cache_frame_size_ = {width, height};
  cache_margin_ = margin;
  cache_valid_ = true;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Motion: every particle's place is a function of the time and its index.

void SceneRenderer::add_motion(const story::Scene& scene, float t) {
  for (size_t mi = 0; mi < scene.visual.motion.size(); ++mi) {
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
          const float sway = std::sin(t * 0.9f + static_cast<float>(i) * 1.7f + u * 5) * (4 + 18 * u);
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
          const float y = a.y - len + frac(hash01(ui, salt + 1) + t * speed / (a.h + len)) * (a.h + len);
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
        if (m.period <= 0 || std::fmod(t, m.period) >= m.period * 0.5f) break;
        add_rect(alpha_, a.x, a.y, a.w, a.h, col, col);
        break;
      }
      case story::Motion::Kind::Flicker: {
        if (a.empty()) break;
        const float period = m.period > 0 ? m.period : 1;
        const float slot = std::floor(t * 9);
        const float h = hash01(static_cast<uint32_t>(static_cast<int64_t>(slot)), salt + 7);
        const float dip = h > 0.86f ? (h - 0.86f) / 0.14f : 0.f;
        const float hum = 0.5f + 0.5f * std::sin(2 * kPi * t / period);
        const float dark = amount * (0.12f * hum + 0.6f * dip);
        add_rect(alpha_, a.x, a.y, a.w, a.h, sf::Color(0, 0, 0, static_cast<sf::Uint8>(dark * 255)),
                 sf::Color(0, 0, 0, static_cast<sf::Uint8>(dark * 255)));
        break;
      }
      case story::Motion::Kind::Drift: {
        // Dust turning slowly in the light.
        if (a.empty()) break;
        const int n = 10 + static_cast<int>(amount * 40);
        for (int i = 0; i < n; ++i) {
          const uint32_t ui = static_cast<uint32_t>(i);
          const float x = a.x + frac(hash01(ui, salt) + t * 0.006f * (hash01(ui, salt + 1) - 0.5f)) * a.w;
          const float y = a.y + frac(hash01(ui, salt + 2) - t * 0.004f * (0.5f + hash01(ui, salt + 3))) * a.h;
          const float tw = 0.5f + 0.5f * std::sin(t * (0.7f + hash01(ui, salt + 4)) + static_cast<float>(i));
          add_soft_disc(additive_, {x, y}, 2.5f, 2.5f, with_alpha(col, 0.35f * tw),
                        with_alpha(col, 0), 8);
        }
        break;
      }
    }
  }
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
        return sf::Vector2f{kW / 2 + std::cos(ang) * kW / 2 * k, kH / 2 + std::sin(ang) * kH / 2 * k};
      };
      add_quad(overlay_, at(ks[r], a0), at(ks[r], a1), at(ks[r + 1], a1), at(ks[r + 1], a0), ci, ci,
               co, co);
    }
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

namespace {
// The things the open moment offers a gesture on, each once.
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
}  // namespace

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

uint64_t SceneRenderer::ambient_key(const story::Runtime& runtime, const Attention& attention,
                                    const Style& style, double time,
                                    unsigned frame_width) const {
  const story::Story& story = runtime.story();
  const story::SceneId sid = runtime.state().scene;
  if (sid < 0 || static_cast<size_t>(sid) >= story.scenes.size()) return 0;
  const story::Scene& scene = story.scenes[static_cast<size_t>(sid)];
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](int64_t v) {
    h ^= static_cast<uint64_t>(v);
    h *= 1099511628211ull;
  };
  mix(static_cast<int64_t>(std::lround(silence_drift(runtime, time) * kSilenceDriftSteps)));
  // What the `when:`s say: a change starts a fade, and a fade changes every frame.
  const story::Env& env = runtime.env();
  for (const story::Shape& s : scene.visual.layers) {
    const story::Expr* when = scene.visual.condition(s);
    mix(when ? when->test(env) : 1);
  }
  for (const story::Motion& m : scene.visual.motion) mix(m.when ? m.when->test(env) : 1);
  for (const story::Light& l : scene.visual.light_variants) mix(l.when ? l.when->test(env) : 1);
  if (fading_ && !style.reduced_motion) mix(static_cast<int64_t>(std::floor(time * 30)));
  if (opening_breath(runtime, time, style.reduced_motion) > 0) {
    // The breath: one still step with reduced motion, else 30 frames a second while it runs.
    mix(style.reduced_motion ? -2 : -3 - static_cast<int64_t>(std::floor(time * 30)));
  }
  if (style.reduced_motion) return h;  // no drift, motion frozen, no pulse
  const float mt = static_cast<float>(time);
  bool animating = false;  // some motion is changing frames steadily
  for (const story::Motion& m : scene.visual.motion) {
    const int64_t f = motion_frame(m, mt);
    mix(f);
    animating = animating || (m.kind != story::Motion::Kind::Blink && f != -1 &&
                              !(m.kind == story::Motion::Kind::Car && m.period <= 0));
  }
  if (!animating) {
    // The drift alone: each whole-pixel step is a new frame. Beside steady motion it waits for
    // the motion's next frame (at most a tenth of a second), so it costs no redraws of its own.
    const DriftShift ds = drift_shift(scene, mt, frame_width);
    mix(static_cast<int64_t>(ds.x));
    mix(static_cast<int64_t>(ds.y));
  }
  if (attention.focus != story::kNone || attention.pressed != story::kNone) {
    mix(static_cast<int64_t>(std::floor(time * 10)));  // the attended thing's slow pulse
  }
  if (follow_thing_ != story::kNone) mix(static_cast<int64_t>(std::floor(time * 60)));  // settling
  return h;
}

// ---------------------------------------------------------------------------------------------
// `when:`

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

// ---------------------------------------------------------------------------------------------
// draw

void SceneRenderer::draw(sf::RenderTarget& target, const story::Runtime& runtime,
                         const Stage& stage, const Attention& attention, const Style& style,
                         double time) {
  const story::Story& story = runtime.story();
  const story::SceneId sid = runtime.state().scene;
  const story::Scene* scene =
      sid >= 0 && static_cast<size_t>(sid) < story.scenes.size() ? &story.scenes[static_cast<size_t>(sid)]
                                                                 : nullptr;
  draw_calls_ = 0;
  menu_only_ = false;
  const bool moving = !style.reduced_motion;
  // Reduced motion freezes everything that moves at its first frame.
  const float mt = moving ? static_cast<float>(time) : 0.f;
  const sf::View frame = target.getView();
  alpha_.clear();
  additive_.clear();
  overlay_.clear();

  const Palette& pal = palette_for(scene ? scene->time : story::TimeOfDay::Night);
  if (!scene) {
    overlay_.clear();
    add_rect(overlay_, 0, 0, kW, kH, sf::Color::Black, sf::Color::Black);
    counted(target).draw(overlay_.data(), overlay_.size(), sf::Triangles);
    overlay_.clear();
  } else {
    update_conditions(*scene, stage.scene_entered_at(), runtime.env(), time, moving);
    const uint64_t fp = fingerprint_of(*scene, shown_layers_, light_);
    if (geometry_.scene != scene || geometry_.fingerprint != fp) build_geometry(*scene, fp);

    // The camera drifts slowly, zoomed in just enough that the frame's edge never shows. The
    // drift moves in whole pixels of the target, so the static picture is a plain copy from its
    // cache (filtering a full-frame texture costs Mesa's software rasteriser milliseconds).
    const sf::FloatRect vp = frame.getViewport();
    const unsigned frame_w = static_cast<unsigned>(std::lround(vp.width * static_cast<float>(target.getSize().x)));
    const unsigned frame_h = static_cast<unsigned>(std::lround(vp.height * static_cast<float>(target.getSize().y)));
    const DriftShift ds = drift_shift(*scene, mt, frame_w);
    const float drift = ds.drift;
    sf::View view(sf::FloatRect(0, 0, kW, kH));
    view.setViewport(vp);
    if (drift > 0) view.zoom(ds.zoom);
    const float px_per_unit = ds.px_per_unit;
    const float shift_x = ds.x;
    const float shift_y = ds.y;
    const unsigned margin = static_cast<unsigned>(std::ceil(drift * px_per_unit)) + 2;
    // A pressed thing following the hand is drawn moved, the picture straight, not cached.
    const float follow =
        stage.ending() == story::kNone ? update_follow(attention, moving, time) : 0.f;
    const bool displaced = follow != 0 && follow_thing_ >= 0 &&
                           static_cast<size_t>(follow_thing_) < geometry_.thing_ranges.size() &&
                           !geometry_.thing_ranges[static_cast<size_t>(follow_thing_)].empty();
    if (!displaced && refresh_cache(view, frame_w, frame_h, margin)) {
      sf::View pixels(sf::FloatRect(0, 0, static_cast<float>(frame_w), static_cast<float>(frame_h)));
      pixels.setViewport(vp);
      target.setView(pixels);
      sf::Sprite sprite(cache_->getTexture());
      sprite.setPosition(-static_cast<float>(margin) - shift_x, -static_cast<float>(margin) - shift_y);
      counted(target).draw(sprite, sf::BlendNone);
    }
    view.move(shift_x / px_per_unit, shift_y / px_per_unit);
    target.setView(view);
    if (displaced) {
      draw_static_displaced(target, follow_thing_, -follow);
    } else if (!cache_valid_) {
      draw_static(target);
    }
    add_motion(*scene, mt);
    const float pulse = moving ? 0.5f + 0.5f * std::sin(2 * kPi * static_cast<float>(time) / 2.4f) : 0.5f;
    if (stage.ending() == story::kNone) {
      const float breath = opening_breath(runtime, time, style.reduced_motion);
      add_attention(attention, pulse, breath,
                    breath > 0 ? offered_things(runtime) : std::vector<story::ThingId>{});
    }
    if (!alpha_.empty()) counted(target).draw(alpha_.data(), alpha_.size(), sf::Triangles);
    if (!additive_.empty()) {
      counted(target).draw(additive_.data(), additive_.size(), sf::Triangles, sf::BlendAdd);
    }
    target.setView(frame);

    // Time passing in a silence: the light's cast and longer shadows under the vignette, which
    // closes a little too.
    const float silent = stage.ending() == story::kNone ? silence_drift(runtime, time) : 0.f;
    if (silent > 0) draw_silence(target, scene->time, silent);
    const float vignette = scene->visual.authored ? scene->visual.vignette : 0.45f;
    add_vignette(vignette + 0.22f * silent, static_cast<float>(attention.progress));
  }

  // Fades and cuts: a scene (or the ending) comes up from black.
  const double since = time - stage.scene_entered_at();
  if (moving && since < kSceneFade) {
    const float a = static_cast<float>(std::clamp(1.0 - since / kSceneFade, 0.0, 1.0));
    add_rect(overlay_, 0, 0, kW, kH, with_alpha(sf::Color::Black, a), with_alpha(sf::Color::Black, a));
  }
  if (stage.ending() != story::kNone) {
    // The ending darkens the last scene to a page for its words.
    const double k = moving ? std::clamp(since / 2.0, 0.0, 1.0) : 1.0;
    const sf::Color veil = with_alpha(sf::Color(6, 6, 8), static_cast<float>(0.84 * k));
    add_rect(overlay_, 0, 0, kW, kH, veil, veil);
  }
  if (!overlay_.empty()) counted(target).draw(overlay_.data(), overlay_.size(), sf::Triangles);

  texts_used_ = 0;
  if (stage.ending() != story::kNone) {
    draw_ending(target, stage, style, time, pal);
    return;
  }
  float bottom = kH - 52;
  const bool hints = style.hints && runtime.in_moment();
  if (hints) bottom -= 30 * style.text_scale;
  draw_lines(target, stage, style, time, bottom, pal);
  // After the lines: their dark backing reaches the bottom of the frame and would dim the hints.
  if (hints) draw_hints(target, runtime, style);
}

// ---------------------------------------------------------------------------------------------
// Text

float SceneRenderer::text_width(const sf::String& s, unsigned size, const sf::Font& font) const {
  float w = 0;
  sf::Uint32 prev = 0;
  for (sf::Uint32 cp : s) {
    w += font.getKerning(prev, cp, size) + font.getGlyph(cp, size, false).advance;
    prev = cp;
  }
  return w;
}

const std::vector<sf::String>& SceneRenderer::wrapped(const std::string& text, unsigned size,
                                                      float width, const sf::Font& font) {
  std::string key = text;
  key += '\x1f';
  key += std::to_string(size);
  key += '\x1f';
  key += std::to_string(static_cast<int>(width));
  key += &font == italic_.get() ? 'i' : 'r';
  auto it = wrap_cache_.find(key);
  if (it != wrap_cache_.end()) return it->second;
  if (wrap_cache_.size() > 512) wrap_cache_.clear();

  std::vector<sf::String> rows;
  const sf::String all = sf::String::fromUtf8(text.begin(), text.end());
  sf::String row, word;
  auto flush_word = [&] {
    if (word.isEmpty()) return;
    sf::String candidate = row.isEmpty() ? word : row + sf::String(" ") + word;
    if (!row.isEmpty() && text_width(candidate, size, font) > width) {
      rows.push_back(row);
      row = word;
    } else {
      row = candidate;
    }
    word.clear();
  };
  for (sf::Uint32 cp : all) {
    if (cp == ' ' || cp == '\n') {
      flush_word();
      if (cp == '\n') {
        rows.push_back(row);
        row.clear();
      }
    } else {
      word += cp;
    }
  }
  flush_word();
  if (!row.isEmpty()) rows.push_back(row);
  return wrap_cache_.emplace(std::move(key), std::move(rows)).first->second;
}

sf::Text& SceneRenderer::next_text(const sf::Font& font) {
  if (texts_used_ == texts_.size()) texts_.emplace_back();
  sf::Text& t = texts_[texts_used_++];
  if (t.getFont() != &font) t.setFont(font);
  return t;
}

void SceneRenderer::put_text(sf::RenderTarget& target, const sf::String& s, const sf::Font& font,
                             unsigned size, float centre_x, float y, sf::Color color) {
  if (color.a == 0) return;
  const float w = text_width(s, size, font);
  const sf::Vector2f at{std::round(centre_x - w / 2), std::round(y)};
  // A soft shadow under the letters keeps them legible over a bright window.
  sf::Text& shadow = next_text(font);
  shadow.setString(s);
  shadow.setCharacterSize(size);
  shadow.setFillColor(sf::Color(0, 0, 0, static_cast<sf::Uint8>(color.a * 0.55f)));
  shadow.setPosition(at + sf::Vector2f{1.5f, 2.f});
  counted(target).draw(shadow);
  sf::Text& text = next_text(font);
  text.setString(s);
  text.setCharacterSize(size);
  text.setFillColor(color);
  text.setPosition(at);
  counted(target).draw(text);
}

void SceneRenderer::draw_lines(sf::RenderTarget& target, const Stage& stage, const Style& style,
                               double time, float bottom, const Palette& palette) {
  const std::vector<Stage::ShownLine>& lines = stage.lines();
  if (lines.empty()) return;
  const unsigned size = static_cast<unsigned>(std::lround(30 * std::clamp(style.text_scale, 0.5f, 2.f)));
  const float row_h = static_cast<float>(size) * 1.32f;
  const float gap = static_cast<float>(size) * 0.4f;
  const float width = kW - 240;
  const size_t first = lines.size() > kShownLines ? lines.size() - kShownLines : 0;

  // Lay out from the newest upward, so the newest line sits at the bottom of the lower third.
  struct Placed {
    const std::vector<sf::String>* rows;
    float y;
    float alpha;
  };
  Placed placed[kShownLines];
  size_t count = 0;
  float y = bottom;
  const float top_limit = kH * 0.52f;
  static constexpr float kAgeAlpha[kShownLines] = {1.f, 0.55f, 0.38f, 0.26f};
  for (size_t i = lines.size(); i-- > first;) {
    const size_t age = lines.size() - 1 - i;
    const std::vector<sf::String>& rows = wrapped(lines[i].text, size, width, *regular_);
    const float h = row_h * static_cast<float>(rows.size());
    if (count > 0 && y - h < top_limit) break;
    y -= h;
    float alpha = kAgeAlpha[age];
    if (age == 0 && !style.reduced_motion) {
      alpha *= static_cast<float>(std::clamp((time - lines[i].shown_at) / kLineFade, 0.0, 1.0));
    }
    placed[count++] = {&rows, y, alpha};
    y -= gap;
  }
  if (count == 0) return;

  // A soft dark backing under the block, strongest where the text is.
  const float block_top = placed[count - 1].y;
  float strongest = 0;
  for (size_t i = 0; i < count; ++i) strongest = std::max(strongest, placed[i].alpha);
  overlay_.clear();
  const sf::Color dark{0, 0, 0, static_cast<sf::Uint8>(std::lround(140 * strongest))};
  add_rect(overlay_, 0, block_top - 90, kW, 100, sf::Color(0, 0, 0, 0), dark);
  add_rect(overlay_, 0, block_top + 10, kW, kH - block_top - 10, dark,
           sf::Color(0, 0, 0, static_cast<sf::Uint8>(std::lround(175 * strongest))));
  counted(target).draw(overlay_.data(), overlay_.size(), sf::Triangles);

  for (size_t i = 0; i < count; ++i) {
    float ry = placed[i].y;
    for (const sf::String& row : *placed[i].rows) {
      put_text(target, row, *regular_, size, kW / 2, ry, with_alpha(palette.text, placed[i].alpha));
      ry += row_h;
    }
  }
}

void SceneRenderer::draw_ending(sf::RenderTarget& target, const Stage& stage, const Style& style,
                                double time, const Palette& palette) {
  const float scale = std::clamp(style.text_scale, 0.5f, 2.f);
  const bool moving = !style.reduced_motion;
  const double since = time - stage.scene_entered_at();
  const sf::Font& title_font = italic_ ? *italic_ : *regular_;
  const unsigned title_size = static_cast<unsigned>(std::lround(54 * scale));
  float y = 150;
  if (!stage.ending_title().empty()) {
    const float a = moving ? static_cast<float>(std::clamp((since - 0.5) / 1.5, 0.0, 1.0)) : 1.f;
    for (const sf::String& row : wrapped(stage.ending_title(), title_size, kW - 240, title_font)) {
      put_text(target, row, title_font, title_size, kW / 2, y, with_alpha(palette.text, a));
      y += static_cast<float>(title_size) * 1.2f;
    }
  }
  y += 40;
  const unsigned size = static_cast<unsigned>(std::lround(28 * scale));
  const float row_h = static_cast<float>(size) * 1.3f;
  // As many of the latest lines as fit below the title, older ones dimmer.
  const std::vector<Stage::ShownLine>& lines = stage.lines();
  size_t first = lines.size();
  float needed = 0;
  while (first > 0) {
    const float h = row_h * static_cast<float>(wrapped(lines[first - 1].text, size, kW - 320, *regular_).size()) +
                    static_cast<float>(size) * 0.5f;
    if (y + needed + h > kH - 40) break;
    needed += h;
    --first;
  }
  for (size_t i = first; i < lines.size(); ++i) {
    float a = moving ? static_cast<float>(std::clamp((time - lines[i].shown_at) / kLineFade, 0.0, 1.0)) : 1.f;
    if (i + 1 < lines.size()) a *= 0.7f;
    for (const sf::String& row : wrapped(lines[i].text, size, kW - 320, *regular_)) {
      put_text(target, row, *regular_, size, kW / 2, y, with_alpha(palette.text, a));
      y += row_h;
    }
    y += static_cast<float>(size) * 0.5f;
  }
}

void SceneRenderer::draw_hints(sf::RenderTarget& target, const story::Runtime& runtime,
                               const Style& style) {
  const story::Moment* moment = runtime.moment();
  const story::Story& story = runtime.story();
  const story::SceneId sid = runtime.state().scene;
  if (!moment || sid < 0) return;
  const story::Scene& scene = story.scenes[static_cast<size_t>(sid)];
  std::vector<std::string> hints;
  const std::vector<int32_t> offered = runtime.offered();
  auto has_hold_on = [&](story::ThingId t) {
    for (int32_t gi : offered) {
      const story::Gesture& g = moment->gestures[static_cast<size_t>(gi)];
      const bool pressed = g.kind == story::GestureKind::Hold ||
                           g.kind == story::GestureKind::Push || g.kind == story::GestureKind::Pull;
      if (pressed && g.thing == t) return true;
    }
    return false;
  };
  story::WordingOptions wording;
  wording.untimed = style.untimed;
  for (int32_t gi : offered) {
    const story::Gesture& g = moment->gestures[static_cast<size_t>(gi)];
    // A hesitation is the same hand as a hold: said once, unless there is no hold to start from
    // or the writer gave it words of its own.
    if (g.kind == story::GestureKind::Hesitate && has_hold_on(g.thing) &&
        moment->hint_of(g).empty()) {
      continue;
    }
    const std::string h = story::gesture_wording(scene, *moment, g, offered, wording);
    if (!h.empty() && std::find(hints.begin(), hints.end(), h) == hints.end()) hints.push_back(h);
  }
  if (hints.empty()) return;
  std::string all;
  for (const std::string& h : hints) all += (all.empty() ? "" : "   \xC2\xB7   ") + h;
  const unsigned size = static_cast<unsigned>(std::lround(22 * std::clamp(style.text_scale, 0.5f, 2.f)));
  const std::vector<sf::String>& rows = wrapped(all, size, kW - 160, *regular_);
  float y = kH - 40 - static_cast<float>(size) * 1.3f * static_cast<float>(rows.size() - 1);
  for (const sf::String& row : rows) {
    put_text(target, row, italic_ ? *italic_ : *regular_, size, kW / 2, y, sf::Color(226, 220, 208, 235));
    y += static_cast<float>(size) * 1.3f;
  }
}

// ---------------------------------------------------------------------------------------------
// Menus

void SceneRenderer::draw_menu(sf::RenderTarget& target, const std::string& title,
                              const std::vector<MenuItem>& items, const std::string& footnote,
                              const Style& style) {
  if (menu_only_) draw_calls_ = 0;  // a frame with no scene behind the menu
  menu_only_ = true;
  const float scale = std::clamp(style.text_scale, 0.5f, 2.f);
  overlay_.clear();
  const sf::Color veil{4, 4, 6, 170};
  add_rect(overlay_, 0, 0, kW, kH, veil, veil);
  counted(target).draw(overlay_.data(), overlay_.size(), sf::Triangles);
  texts_used_ = 0;
  const sf::Color lit{250, 244, 230}, dim{150, 146, 140};
  const unsigned title_size = static_cast<unsigned>(std::lround(64 * scale));
  const unsigned item_size = static_cast<unsigned>(std::lround(34 * scale));
  const float item_h = static_cast<float>(item_size) * 1.6f;
  float y = std::max(60.f, kH / 2 - 150 - static_cast<float>(items.size()) * item_h / 2);
  if (!title.empty()) {
    for (const sf::String& row : wrapped(title, title_size, kW - 160, *regular_)) {
      put_text(target, row, *regular_, title_size, kW / 2, y, lit);
      y += static_cast<float>(title_size) * 1.2f;
    }
    y += 50;
  }
  for (const MenuItem& item : items) {
    const std::vector<sf::String>& rows = wrapped(item.label, item_size, kW - 200, *regular_);
    if (item.selected) {
      // The chosen item is lit, not boxed: a warm glow behind it.
      additive_.clear();
      const float w = rows.empty() ? 0 : text_width(rows[0], item_size, *regular_);
      add_soft_disc(additive_, {kW / 2, y + static_cast<float>(item_size) * 0.65f}, w * 0.7f + 40,
                    static_cast<float>(item_size) * 1.1f, sf::Color(255, 226, 180, 70),
                    sf::Color(255, 226, 180, 0), 32);
      counted(target).draw(additive_.data(), additive_.size(), sf::Triangles, sf::BlendAdd);
    }
    for (const sf::String& row : rows) {
      put_text(target, row, *regular_, item_size, kW / 2, y, item.selected ? lit : dim);
      y += item_h;
    }
  }
  if (!footnote.empty()) {
    const unsigned size = static_cast<unsigned>(std::lround(20 * scale));
    const std::vector<sf::String>& rows = wrapped(footnote, size, kW - 160, *regular_);
    float fy = kH - 40 - static_cast<float>(size) * 1.3f * static_cast<float>(rows.size());
    for (const sf::String& row : rows) {
      put_text(target, row, *regular_, size, kW / 2, fy, dim);
      fy += static_cast<float>(size) * 1.3f;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// thing_area

story::Rect SceneRenderer::thing_area(const story::Scene& scene, story::ThingId thing) const {
  if (thing < 0 || static_cast<size_t>(thing) >= scene.things.size()) return {};
  const story::Rect own = scene.things[static_cast<size_t>(thing)].area;
  if (!own.empty()) return own;
  bool any = false;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  for (const story::Shape& s : scene.visual.layers) {
    if (s.thing != thing) continue;
    const story::Rect b = s.bounds();
    if (b.empty()) continue;
    if (!any) {
      x0 = b.x, y0 = b.y, x1 = b.x + b.w, y1 = b.y + b.h;
      any = true;
    } else {
      x0 = std::min(x0, b.x), y0 = std::min(y0, b.y);
      x1 = std::max(x1, b.x + b.w), y1 = std::max(y1, b.y + b.h);
    }
  }
  return any ? story::Rect{x0, y0, x1 - x0, y1 - y0} : story::Rect{};
}

}  // namespace threshold::render
