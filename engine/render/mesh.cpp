// Flat shapes as triangles. See mesh.h.
#include "threshold/render/mesh.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace threshold::render {

float hash01(uint32_t index, uint32_t salt) {
  // A small integer mixer (a variant of the "lowbias32" hash): good enough spread for particles.
  uint32_t x = index * 0x9E3779B9u ^ (salt + 0x7F4A7C15u);
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return static_cast<float>(x >> 8) / static_cast<float>(1u << 24);
}

sf::Color with_alpha(sf::Color c, float alpha01) {
  const float a = std::clamp(alpha01, 0.f, 1.f) * static_cast<float>(c.a);
  c.a = static_cast<sf::Uint8>(std::lround(a));
  return c;
}

sf::Color mix(sf::Color a, sf::Color b, float t) {
  t = std::clamp(t, 0.f, 1.f);
  auto m = [t](sf::Uint8 x, sf::Uint8 y) {
    return static_cast<sf::Uint8>(
        std::lround(static_cast<float>(x) + (static_cast<float>(y) - static_cast<float>(x)) * t));
  };
  return {m(a.r, b.r), m(a.g, b.g), m(a.b, b.b), m(a.a, b.a)};
}

void add_triangle(Vertices& out, sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color ca,
                  sf::Color cb, sf::Color cc) {
  out.emplace_back(a, ca);
  out.emplace_back(b, cb);
  out.emplace_back(c, cc);
}

void add_quad(Vertices& out, sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Vector2f d,
              sf::Color ca, sf::Color cb, sf::Color cc, sf::Color cd) {
  add_triangle(out, a, b, c, ca, cb, cc);
  add_triangle(out, a, c, d, ca, cc, cd);
}

void add_rect(Vertices& out, float x, float y, float w, float h, sf::Color top, sf::Color bottom) {
  add_quad(out, {x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, top, top, bottom, bottom);
}

void add_line(Vertices& out, sf::Vector2f a, sf::Vector2f b, float width, sf::Color color) {
  const sf::Vector2f d = b - a;
  const float len = std::hypot(d.x, d.y);
  if (len <= 0.f) return;
  const sf::Vector2f n{-d.y / len * width / 2, d.x / len * width / 2};
  add_quad(out, a + n, b + n, b - n, a - n, color, color, color, color);
}

namespace {

float cross(sf::Vector2f o, sf::Vector2f a, sf::Vector2f b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

bool inside_triangle(sf::Vector2f p, sf::Vector2f a, sf::Vector2f b, sf::Vector2f c) {
  const float d1 = cross(a, b, p), d2 = cross(b, c, p), d3 = cross(c, a, p);
  const bool neg = d1 < 0 || d2 < 0 || d3 < 0;
  const bool pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

}  // namespace

void add_polygon(Vertices& out, const std::vector<sf::Vector2f>& points, sf::Color top,
                 sf::Color bottom) {
  const size_t n = points.size();
  if (n < 3) return;
  float y0 = points[0].y, y1 = points[0].y;
  for (const sf::Vector2f& p : points) {
    y0 = std::min(y0, p.y);
    y1 = std::max(y1, p.y);
  }
  const float span = y1 - y0;
  auto colour = [&](sf::Vector2f p) {
    return span > 0 ? mix(top, bottom, (p.y - y0) / span) : top;
  };
  auto emit = [&](size_t a, size_t b, size_t c) {
    add_triangle(out, points[a], points[b], points[c], colour(points[a]), colour(points[b]),
                 colour(points[c]));
  };

  // Ear clipping over the outline in counter-clockwise order (in y-down frame coordinates the
  // signed area of a "counter-clockwise" outline is positive with this cross product).
  float area = 0;
  for (size_t i = 0; i < n; ++i) {
    const sf::Vector2f a = points[i], b = points[(i + 1) % n];
    area += a.x * b.y - b.x * a.y;
  }
  std::vector<size_t> idx(n);
  for (size_t i = 0; i < n; ++i) idx[i] = area >= 0 ? i : n - 1 - i;
  size_t guard = 0;
  while (idx.size() > 3 && guard < n * n) {
    ++guard;
    bool clipped = false;
    const size_t m = idx.size();
    for (size_t i = 0; i < m; ++i) {
      const size_t ia = idx[(i + m - 1) % m], ib = idx[i], ic = idx[(i + 1) % m];
      const sf::Vector2f a = points[ia], b = points[ib], c = points[ic];
      if (cross(a, b, c) <= 0) continue;  // reflex (or flat) corner: not an ear
      bool empty = true;
      for (size_t j = 0; j < m && empty; ++j) {
        const size_t k = idx[j];
        if (k == ia || k == ib || k == ic) continue;
        if (inside_triangle(points[k], a, b, c)) empty = false;
      }
      if (!empty) continue;
      emit(ia, ib, ic);
      idx.erase(idx.begin() + static_cast<std::ptrdiff_t>(i));
      clipped = true;
      break;
    }
    if (!clipped) break;  // not a simple polygon: finish as a fan below
  }
  for (size_t i = 1; i + 1 < idx.size(); ++i) emit(idx[0], idx[i], idx[i + 1]);
}

void ellipse_points(std::vector<sf::Vector2f>& out, sf::Vector2f centre, float rx, float ry,
                    int segments) {
  out.clear();
  for (int i = 0; i < segments; ++i) {
    const float a =
        2 * std::numbers::pi_v<float> * static_cast<float>(i) / static_cast<float>(segments);
    out.push_back({centre.x + rx * std::cos(a), centre.y + ry * std::sin(a)});
  }
}

void add_soft_disc(Vertices& out, sf::Vector2f centre, float rx, float ry, sf::Color inner,
                   sf::Color outer, int segments) {
  // Two rings: the light falls off faster than linearly, which reads as soft rather than a cone.
  const sf::Color middle = mix(outer, inner, 0.35f);
  sf::Vector2f prev_mid, prev_out;
  for (int i = 0; i <= segments; ++i) {
    const float a =
        2 * std::numbers::pi_v<float> * static_cast<float>(i) / static_cast<float>(segments);
    const sf::Vector2f dir{std::cos(a), std::sin(a)};
    const sf::Vector2f mid{centre.x + dir.x * rx * 0.4f, centre.y + dir.y * ry * 0.4f};
    const sf::Vector2f edge{centre.x + dir.x * rx, centre.y + dir.y * ry};
    if (i > 0) {
      add_triangle(out, centre, prev_mid, mid, inner, middle, middle);
      add_quad(out, prev_mid, prev_out, edge, mid, middle, outer, outer, middle);
    }
    prev_mid = mid;
    prev_out = edge;
  }
}

void add_halo(Vertices& out, const std::vector<sf::Vector2f>& outline, float spread,
              sf::Color inner) {
  const size_t n = outline.size();
  if (n < 2 || spread <= 0) return;
  const sf::Color outer = with_alpha(inner, 0);
  float area = 0;
  for (size_t i = 0; i < n; ++i) {
    const sf::Vector2f a = outline[i], b = outline[(i + 1) % n];
    area += a.x * b.y - b.x * a.y;
  }
  const float side = area >= 0 ? 1.f : -1.f;
  // The outward normal of the edge from a to b.
  auto normal = [side](sf::Vector2f a, sf::Vector2f b) {
    const sf::Vector2f d = b - a;
    const float len = std::hypot(d.x, d.y);
    if (len <= 0) return sf::Vector2f{0, 0};
    return sf::Vector2f{d.y / len * side, -d.x / len * side};
  };
  // A band along every edge, and a rounded fan at every corner: the outline grown by `spread`,
  // fading out, so a rectangle's halo is as soft at its corners as along its sides.
  for (size_t i = 0; i < n; ++i) {
    const sf::Vector2f a = outline[i], b = outline[(i + 1) % n], c = outline[(i + 2) % n];
    const sf::Vector2f n1 = normal(a, b), n2 = normal(b, c);
    add_quad(out, a, b, b + n1 * spread, a + n1 * spread, inner, inner, outer, outer);
    const float a1 = std::atan2(n1.y, n1.x);
    float a2 = std::atan2(n2.y, n2.x);
    float turn = a2 - a1;
    while (turn > std::numbers::pi_v<float>) turn -= 2 * std::numbers::pi_v<float>;
    while (turn < -std::numbers::pi_v<float>) turn += 2 * std::numbers::pi_v<float>;
    const int steps = std::max(1, static_cast<int>(std::ceil(std::abs(turn) / 0.35f)));
    sf::Vector2f prev = b + n1 * spread;
    for (int k = 1; k <= steps; ++k) {
      const float ang = a1 + turn * static_cast<float>(k) / static_cast<float>(steps);
      const sf::Vector2f next = b + sf::Vector2f{std::cos(ang), std::sin(ang)} * spread;
      add_triangle(out, b, prev, next, inner, outer, outer);
      prev = next;
    }
  }
}

}  // namespace threshold::render
