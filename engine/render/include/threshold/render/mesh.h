// Flat shapes as triangles: the renderer turns every authored shape, halo, shadow and particle
// into sf::Vertex triangles appended to a reused buffer, so a whole layer stack is one draw
// call. Used by the SceneRenderer (scene_*.cpp); tested through it.
#pragma once

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Vertex.hpp>
#include <SFML/System/Vector2.hpp>
#include <cstdint>
#include <vector>

namespace threshold::render {

using Vertices = std::vector<sf::Vertex>;  // sf::Triangles, three vertices a triangle

// A deterministic pseudo-random number in [0, 1) for an index (and a salt): motion is a pure
// function of time, never of RNG state.
float hash01(uint32_t index, uint32_t salt = 0);

sf::Color with_alpha(sf::Color c, float alpha01);
sf::Color mix(sf::Color a, sf::Color b, float t);

void add_triangle(Vertices& out, sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Color ca,
                  sf::Color cb, sf::Color cc);
// A quad a-b-c-d (in order round it) with a colour per corner.
void add_quad(Vertices& out, sf::Vector2f a, sf::Vector2f b, sf::Vector2f c, sf::Vector2f d,
              sf::Color ca, sf::Color cb, sf::Color cc, sf::Color cd);
// An axis-aligned rectangle with a vertical gradient from `top` to `bottom`.
void add_rect(Vertices& out, float x, float y, float w, float h, sf::Color top, sf::Color bottom);
// A line of width `width` from a to b.
void add_line(Vertices& out, sf::Vector2f a, sf::Vector2f b, float width, sf::Color color);
// A filled polygon (convex or not, simple) with a vertical gradient over its bounds. Ear
// clipping; falls back to a fan when the outline is not simple.
void add_polygon(Vertices& out, const std::vector<sf::Vector2f>& points, sf::Color top,
                 sf::Color bottom);
// Points round an ellipse, for circles and soft discs.
void ellipse_points(std::vector<sf::Vector2f>& out, sf::Vector2f centre, float rx, float ry,
                    int segments);
// A disc that fades from `inner` at the centre to `outer` at radius r (soft light, steam).
void add_soft_disc(Vertices& out, sf::Vector2f centre, float rx, float ry, sf::Color inner,
                   sf::Color outer, int segments = 32);
// A soft halo round a convex outline: from `inner` on the outline to transparent `spread`
// further out (glow, attention).
void add_halo(Vertices& out, const std::vector<sf::Vector2f>& outline, float spread,
              sf::Color inner);

}  // namespace threshold::render
