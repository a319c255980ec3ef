// What a scene looks like, as its `visual:` block (and its place's, data/places/) describes it:
// layered flat shapes in a 1280×720 frame, window light, simple motion, camera drift and a
// vignette; layers, motion and the light may depend on the story's state (`when:`). Plain data,
// loaded with the story (engine/story/load/visual.cpp) and drawn by engine/render, which is the
// only module that gives these numbers meaning. The format is in docs/authoring.md ("Visuals").
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "threshold/story/compact.h"
#include "threshold/story/diagnostic.h"
#include "threshold/story/expr.h"

namespace threshold::story {

// The frame every scene is composed in; the window letterboxes it to 16:9.
constexpr float kFrameWidth = 1280.f;
constexpr float kFrameHeight = 720.f;

struct Color {
  uint8_t r = 0, g = 0, b = 0, a = 255;
  friend bool operator==(const Color&, const Color&) = default;
};

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool empty() const { return w <= 0 || h <= 0; }
  bool contains(float px, float py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};

// Fields ordered by alignment so that a shape is 64 bytes.
struct Shape {
  enum class Kind : uint8_t { Rect, Circle, Polygon, Line, Image };
  RareString image;    // image: resolved inside the story folder (story_path.h)
  SmallFloats points;  // rect: x y w h; circle: cx cy r; polygon: x y x y …; line: x1 y1 x2 y2
  float width = 2;     // line width
  float glow = 0;      // 0..1: emits light (a window, a lamp, a screen)
  int32_t thing = -1;  // the scene's thing this shape is: it answers to attention
  SourcePos at;
  Color color;
  std::optional<Color> to;  // vertical gradient from `color` (top) to `to` (bottom)
  Kind kind = Kind::Rect;
  bool shadow = false;  // casts a long shadow away from the scene's light
  // `when:` drawn only while a Bool expression holds (fading in and out): 0 always, otherwise
  // Visual::conditions[when - 1] (an index, not the expression: it fits the padding, and a
  // story has tens of thousands of shapes). Read it through Visual::condition().
  uint16_t when = 0;
  Rect bounds() const;  // axis-aligned bounds in frame units
};
static_assert(sizeof(Shape) == 64);

struct Motion {
  enum class Kind : uint8_t { Steam, Rain, Car, Blink, Flicker, Drift };
  Kind kind = Kind::Steam;
  Rect area;            // where it happens (steam: the source point is area.x, area.y)
  float period = 1;     // seconds: car every N s, blink period, flicker period
  float amount = 0.5f;  // density of rain/steam, strength of flicker, 0..1
  Color color{255, 255, 255, 255};
  SourcePos at;
  Condition when;  // `when:` only while this holds; empty: always
};

struct Light {
  bool present = false;
  float x = 0, y = 0;  // where it comes from, in frame units
  Color color{255, 236, 200, 255};
  float strength = 0.5f;  // 0..1
  float shadows = 0.5f;   // 0..1: how dark the long shadows are
  Condition when;         // a variant of `light:` given as a list: used while this holds
};

struct Visual {
  bool authored = false;                     // false: the scene has no `visual:` (a default frame)
  std::optional<Color> sky_top, sky_bottom;  // backdrop gradient; default from the time of day
  std::vector<Shape> layers;                 // back to front
  // The light as it stands with no state to read (the first variant without `when:`). When
  // `light:` is a list of variants, the renderer uses the first whose `when:` holds (or that has
  // none), fading from one to the next; none holding: no light.
  Light light;
  std::vector<Light> light_variants;  // empty unless `light:` is a list (or has a `when:`)
  std::vector<Motion> motion;
  float drift = 6;               // camera drift in frame pixels (0: still)
  float vignette = 0.45f;        // 0..1
  std::vector<Expr> conditions;  // the layers' `when:`s (Shape::when)
  SourcePos at;

  // A layer's `when:`, or null when it is always drawn.
  const Expr* condition(const Shape& s) const {
    return s.when == 0 || s.when > conditions.size() ? nullptr : &conditions[s.when - 1u];
  }
};

}  // namespace threshold::story
