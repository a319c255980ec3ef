// What a scene looks like, as its `visual:` block describes it: layered flat shapes in a
// 1280×720 frame, window light, simple motion, camera drift and a vignette. Plain data, loaded
// with the story (engine/story/visual_loader.cpp) and drawn by engine/render, which is the only
// module that gives these numbers meaning. The format is in docs/authoring.md ("Visuals").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/story/diagnostic.h"

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

struct Shape {
  enum class Kind : uint8_t { Rect, Circle, Polygon, Line, Image };
  Kind kind = Kind::Rect;
  std::vector<float> points;    // rect: x y w h; circle: cx cy r; polygon: x y x y …; line: x1 y1 x2 y2
  float width = 2;              // line width
  Color color;
  std::optional<Color> to;      // vertical gradient from `color` (top) to `to` (bottom)
  float glow = 0;               // 0..1: emits light (a window, a lamp, a screen)
  bool shadow = false;          // casts a long shadow away from the scene's light
  int32_t thing = -1;           // the scene's thing this shape is: it answers to attention
  std::string image;            // image: path relative to the story directory
  SourcePos at;
  Rect bounds() const;          // axis-aligned bounds in frame units
};

struct Motion {
  enum class Kind : uint8_t { Steam, Rain, Car, Blink, Flicker, Drift };
  Kind kind = Kind::Steam;
  Rect area;            // where it happens (steam: the source point is area.x, area.y)
  float period = 1;     // seconds: car every N s, blink period, flicker period
  float amount = 0.5f;  // density of rain/steam, strength of flicker, 0..1
  Color color{255, 255, 255, 255};
  SourcePos at;
};

struct Light {
  bool present = false;
  float x = 0, y = 0;        // where it comes from, in frame units
  Color color{255, 236, 200, 255};
  float strength = 0.5f;     // 0..1
  float shadows = 0.5f;      // 0..1: how dark the long shadows are
};

struct Visual {
  bool authored = false;                 // false: the scene has no `visual:` (a default frame)
  std::optional<Color> sky_top, sky_bottom;  // backdrop gradient; default from the time of day
  std::vector<Shape> layers;             // back to front
  Light light;
  std::vector<Motion> motion;
  float drift = 6;                       // camera drift in frame pixels (0: still)
  float vignette = 0.45f;                // 0..1
  SourcePos at;
};

}  // namespace threshold::story
