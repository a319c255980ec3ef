// The SceneRenderer's static geometry: what never changes while a scene is shown (backdrop, long
// shadows, shapes, images, the light and glow), built once per scene, drawn straight or from the
// off-screen cache. Part of the SceneRenderer (scene_renderer.h); draw() uses it.
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Sprite.hpp>
#include <SFML/Graphics/View.hpp>
#include <algorithm>
#include <cmath>
#include <cstring>

#include "scene_renderer_parts.h"

namespace threshold::render {

namespace {

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

}  // namespace

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

void SceneRenderer::forget_files(const std::vector<std::string>& paths) {
  bool forgot = false;
  for (const std::string& path : paths) forgot |= textures_.erase(path) > 0;
  if (!forgot) return;
  // The geometry's batches point at the textures just dropped: build it again, and the static
  // picture drawn with them.
  geometry_.scene = nullptr;
  cache_valid_ = false;
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
        const sf::Color tc = pal.tint(
            shape.color == story::Color{0, 0, 0, 255} ? sf::Color::White : to_sf(shape.color),
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
  sf::View wide(view.getCenter(),
                {static_cast<float>(w) * units_per_px, static_cast<float>(h) * units_per_px});
  cache_->setView(wide);
  cache_->clear(sf::Color::Black);
  draw_static(*cache_);
  cache_->display();
  ++cache_generation_;
  cache_view_size_ = view.getSize();
  cache_frame_size_ = {width, height};
  cache_margin_ = margin;
  cache_valid_ = true;
  return true;
}

const sf::Texture* SceneRenderer::shaded_cache(const Shade& shade) {
  if (!cache_valid_ || !cache_) return nullptr;
  if (shaded_ && shaded_generation_ == cache_generation_ && shaded_shade_ == shade) {
    return &shaded_->getTexture();
  }
  const sf::Vector2u size = cache_->getSize();
  if (!shaded_ || shaded_->getSize() != size) {
    shaded_ = std::make_unique<sf::RenderTexture>();
    if (!shaded_->create(size.x, size.y)) {
      shaded_.reset();
      return nullptr;
    }
  }
  shaded_generation_ = 0;  // not valid until drawn whole
  shaded_->setView(shaded_->getDefaultView());
  shaded_->clear(sf::Color::Black);
  counted(*shaded_).draw(sf::Sprite(cache_->getTexture()), sf::BlendNone);
  // The frame's own units, the frame at rest in the middle of the margin.
  const float ux = kW / static_cast<float>(cache_frame_size_.x);
  const float uy = kH / static_cast<float>(cache_frame_size_.y);
  const float m = static_cast<float>(cache_margin_);
  shaded_->setView(sf::View(sf::FloatRect(-m * ux, -m * uy, static_cast<float>(size.x) * ux,
                                          static_cast<float>(size.y) * uy)));
  draw_shade(*shaded_, shade, m * std::max(ux, uy));
  shaded_->display();
  shaded_generation_ = cache_generation_;
  shaded_shade_ = shade;
  return &shaded_->getTexture();
}

}  // namespace threshold::render
