// What a scene looks like, as its `visual:` block (and its place's, data/places/) describes it:
// layered flat shapes in a 1280×720 frame, window light, simple motion, camera drift and a
// vignette; layers, motion and the light may depend on the story's state (`when:`). Plain data,
// loaded with the story (engine/story/load/visual.cpp) and drawn by engine/render, which is the
// only module that gives these numbers meaning. The format is in docs/authoring.md ("Visuals").
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/story/diagnostic.h"
#include "engine/story/expression.h"

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

// A shape's numbers: up to four in place (a rect, a circle, a line), more on the heap (a
// polygon). A story has tens of thousands of shapes and a std::vector costs each one a heap
// block. Reads like a std::vector<float> (size, [], iteration, comparison with a vector, and
// an implicit copy into one), so that code written against the vector keeps compiling.
// 4-byte aligned: the heap pointer is kept in the in-place storage, copied in and out bytewise.
class SmallFloats {
 public:
  using value_type = float;
  using size_type = size_t;
  using iterator = float*;
  using const_iterator = const float*;

  SmallFloats() = default;
  SmallFloats(std::initializer_list<float> v) { assign(v.begin(), v.end()); }
  SmallFloats(const std::vector<float>& v) { assign(v.data(), v.data() + v.size()); }
  SmallFloats(const SmallFloats& o) { assign(o.begin(), o.end()); }
  SmallFloats(SmallFloats&& o) noexcept : size_(o.size_) {
    std::memcpy(store_, o.store_, sizeof store_);
    o.size_ = 0;
  }
  SmallFloats& operator=(const SmallFloats& o) {
    if (this != &o) assign(o.begin(), o.end());
    return *this;
  }
  SmallFloats& operator=(SmallFloats&& o) noexcept {
    if (this != &o) {
      release();
      size_ = o.size_;
      std::memcpy(store_, o.store_, sizeof store_);
      o.size_ = 0;
    }
    return *this;
  }
  SmallFloats& operator=(std::initializer_list<float> v) {
    assign(v.begin(), v.end());
    return *this;
  }
  SmallFloats& operator=(const std::vector<float>& v) {
    assign(v.data(), v.data() + v.size());
    return *this;
  }
  ~SmallFloats() { release(); }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  float* data() { return on_heap() ? heap() : store_; }
  const float* data() const { return on_heap() ? heap() : store_; }
  float* begin() { return data(); }
  float* end() { return data() + size_; }
  const float* begin() const { return data(); }
  const float* end() const { return data() + size_; }
  float& operator[](size_t i) { return data()[i]; }
  const float& operator[](size_t i) const { return data()[i]; }
  // Past four numbers every push_back reallocates: fine for a polygon of a few points.
  void push_back(float v);
  void clear() {
    release();
    size_ = 0;
  }
  operator std::vector<float>() const { return {begin(), end()}; }

  friend bool operator==(const SmallFloats& a, const SmallFloats& b) {
    return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
  }
  friend bool operator==(const SmallFloats& a, const std::vector<float>& b) {
    return a.size_ == b.size() && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  static constexpr uint32_t kInPlace = 4;
  bool on_heap() const { return size_ > kInPlace; }
  float* heap() const {
    float* p = nullptr;
    std::memcpy(&p, store_, sizeof p);
    return p;
  }
  void release() {
    if (on_heap()) delete[] heap();
  }
  void assign(const float* first, const float* last);

  uint32_t size_ = 0;
  float store_[kInPlace] = {};  // the numbers, or (more than four) a float* to them
  static_assert(sizeof(float*) <= sizeof(float) * kInPlace);
};

// A string most objects leave empty (a shape's image path): one pointer when empty. Converts to
// const std::string& and iterates like one, so readers written against std::string keep working.
class RareString {
 public:
  using value_type = char;
  using iterator = const char*;
  using const_iterator = const char*;

  RareString() = default;
  RareString(std::string s) { *this = std::move(s); }
  RareString(const RareString& o) : p_(o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr) {}
  RareString(RareString&&) noexcept = default;
  RareString& operator=(const RareString& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr;
    return *this;
  }
  RareString& operator=(RareString&&) noexcept = default;
  RareString& operator=(std::string s) {
    if (s.empty()) {
      p_.reset();
    } else {
      p_ = std::make_unique<std::string>(std::move(s));
    }
    return *this;
  }
  RareString& operator=(std::string_view s) { return *this = std::string(s); }
  RareString& operator=(const char* s) { return *this = std::string(s); }
  ~RareString() = default;

  const std::string& str() const {
    static const std::string none;
    return p_ ? *p_ : none;
  }
  operator const std::string&() const { return str(); }
  bool empty() const { return !p_; }
  size_t size() const { return str().size(); }
  const char* c_str() const { return str().c_str(); }
  const char* begin() const { return str().data(); }
  const char* end() const { return str().data() + str().size(); }
  friend bool operator==(const RareString& a, std::string_view b) { return a.str() == b; }

 private:
  std::unique_ptr<std::string> p_;
};

// Fields ordered by alignment so that a shape is 64 bytes.
struct Shape {
  enum class Kind : uint8_t { Rect, Circle, Polygon, Line, Image };
  RareString image;             // image: resolved inside the story folder (story_path.h)
  SmallFloats points;           // rect: x y w h; circle: cx cy r; polygon: x y x y …; line: x1 y1 x2 y2
  float width = 2;              // line width
  float glow = 0;               // 0..1: emits light (a window, a lamp, a screen)
  int32_t thing = -1;           // the scene's thing this shape is: it answers to attention
  SourcePos at;
  Color color;
  std::optional<Color> to;      // vertical gradient from `color` (top) to `to` (bottom)
  Kind kind = Kind::Rect;
  bool shadow = false;          // casts a long shadow away from the scene's light
  // `when:` drawn only while a Bool expression holds (fading in and out): 0 always, otherwise
  // Visual::conditions[when - 1] (an index, not the expression: it fits the padding, and a
  // story has tens of thousands of shapes). Read it through Visual::condition().
  uint16_t when = 0;
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
  HeapOptional<Expr> when;  // `when:` only while this holds; empty: always
};

struct Light {
  bool present = false;
  float x = 0, y = 0;        // where it comes from, in frame units
  Color color{255, 236, 200, 255};
  float strength = 0.5f;     // 0..1
  float shadows = 0.5f;      // 0..1: how dark the long shadows are
  HeapOptional<Expr> when;   // a variant of `light:` given as a list: used while this holds
};

struct Visual {
  bool authored = false;                 // false: the scene has no `visual:` (a default frame)
  std::optional<Color> sky_top, sky_bottom;  // backdrop gradient; default from the time of day
  std::vector<Shape> layers;             // back to front
  // The light as it stands with no state to read (the first variant without `when:`). When
  // `light:` is a list of variants, the renderer uses the first whose `when:` holds (or that has
  // none), fading from one to the next; none holding: no light.
  Light light;
  std::vector<Light> light_variants;     // empty unless `light:` is a list (or has a `when:`)
  std::vector<Motion> motion;
  float drift = 6;                       // camera drift in frame pixels (0: still)
  float vignette = 0.45f;                // 0..1
  std::vector<Expr> conditions;          // the layers' `when:`s (Shape::when)
  SourcePos at;

  // A layer's `when:`, or null when it is always drawn.
  const Expr* condition(const Shape& s) const {
    return s.when == 0 || s.when > conditions.size() ? nullptr : &conditions[s.when - 1u];
  }
};

}  // namespace threshold::story
