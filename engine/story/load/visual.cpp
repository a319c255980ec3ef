// The `visual:` block of a scene and the `area:` of its things, read from the loader's YAML tree.
//
// Contents:
//   1. VisualReader: the tree walk, with the small readers every key shares (numbers in a
//      range, colours, lists of coordinates) and the loader's style of messages.
//   2. Layers (shapes), light, motion, sky, drift, vignette.
//   3. After reading: things that gestures act on but the pointer cannot find.
//
// The checks are the ones a writer composing a frame needs: a misspelt key, a shape with no kind
// or two, the wrong count of coordinates, a colour YAML swallowed as a comment, a value out of
// its range, a thing that does not exist, an image that is not there. Coordinates may leave the
// frame (a sun behind the window, a car coming in from the side); only absurd ones are errors.
#include "engine/story/load/visual.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "engine/story/media_header.h"
#include "engine/story/story_path.h"

namespace threshold::story {

namespace {

namespace fs = std::filesystem;

// Coordinates beyond this are a typo, not a composition (the frame is 1280×720).
constexpr double kAbsurd = 10000;
// How far the camera may sway, in frame pixels.
constexpr double kMaxDrift = 100;

constexpr std::array<std::string_view, 8> kVisualKeys = {
    "sky", "layers", "light", "motion", "drift", "vignette", "add", "add_motion"};
enum VisualKey : size_t { kSky, kLayers, kLight, kMotion, kDrift, kVignette, kAdd, kAddMotion };

constexpr std::array<std::string_view, 12> kShapeKeys = {"rect",   "circle", "polygon", "line",
                                                         "image",  "color",  "to",      "glow",
                                                         "shadow", "thing",  "width",   "when"};
enum ShapeKey : size_t {
  kRect,
  kCircle,
  kPolygon,
  kLine,
  kImage,
  kColor,
  kTo,
  kGlow,
  kShadow,
  kThing,
  kWidth,
  kShapeWhen
};

constexpr std::array<std::string_view, 5> kLightKeys = {"from", "color", "strength", "shadows",
                                                        "when"};
enum LightKey : size_t { kFrom, kLightColor, kStrength, kShadows, kLightWhen };

constexpr std::array<std::string_view, 9> kMotionKeys = {
    "steam", "rain", "car", "blink", "flicker", "every", "amount", "color", "when"};
enum MotionKey : size_t {
  kSteam,
  kRain,
  kCar,
  kBlink,
  kFlicker,
  kEvery,
  kAmount,
  kMotionColor,
  kMotionWhen
};

std::string quote_value(std::string_view text) {
  constexpr size_t kMax = 40;
  std::string s(text.substr(0, std::min(text.size(), kMax)));
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (text.size() > kMax) s += "...";
  return "'" + s + "'";
}

template <size_t N>
std::string join(const std::array<std::string_view, N>& names, size_t first, size_t last,
                 std::string_view final_separator = ", ") {
  std::string out;
  for (size_t i = first; i < last; ++i) {
    if (i > first) out += i + 1 == last ? std::string(final_separator) : std::string(", ");
    out += names[i];
  }
  return out;
}

// "20", "0.5", "-3": numbers as the writer wrote them back in messages.
std::string number_text(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::optional<double> parse_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  const char* begin = s.data();
  if (*begin == '+') ++begin;
  double v = 0;
  auto [end, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool all_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return hex_digit(c) >= 0; });
}

// "#rrggbb" or "#rrggbbaa".
std::optional<Color> parse_color(std::string_view s) {
  if (s.size() != 7 && s.size() != 9) return std::nullopt;
  if (s[0] != '#' || !all_hex(s.substr(1))) return std::nullopt;
  auto byte = [&](size_t i) {
    return static_cast<uint8_t>(hex_digit(s[i]) * 16 + hex_digit(s[i + 1]));
  };
  Color c{byte(1), byte(3), byte(5), 255};
  if (s.size() == 9) c.a = byte(7);
  return c;
}

bool disjoint_from_frame(const Rect& r, float margin) {
  return r.x + r.w < -margin || r.y + r.h < -margin || r.x > kFrameWidth + margin ||
         r.y > kFrameHeight + margin;
}

// The value node of each known key of a mapping (0 when absent: index 0 is the root, never a
// value), and the keys that unknown ones were probably meant to be.
template <size_t N>
struct Fields {
  std::array<uint32_t, N> values{};
  std::vector<std::string> suggested;
  uint32_t operator[](size_t i) const { return values[i]; }
  bool misspelt(std::string_view key) const {
    return std::find(suggested.begin(), suggested.end(), key) != suggested.end();
  }
};

// ---------------------------------------------------------------------------------------------
// 1. The reader

class VisualReader {
 public:
  VisualReader(const YamlTree& tree, FileReporter& report, int32_t file)
      : tree_(tree), report_(report), file_(file) {}

  const YamlNode& node(uint32_t i) const { return tree_.nodes[i]; }
  SourcePos pos(uint32_t i) const { return {file_, node(i).line, node(i).column}; }
  static uint32_t key_of(uint32_t value) { return value - 1; }

  void error(uint32_t i, std::string message) {
    const YamlNode& n = node(at(i));
    report_.error(n.line, n.column, std::move(message));
  }
  void warning(uint32_t i, std::string message) {
    const YamlNode& n = node(at(i));
    report_.warning(n.line, n.column, std::move(message));
  }
  // Where to point for node i: an empty value is shown at its key. (The tree should already
  // place it there, but load/tree.cpp records the last value, not the last key, as the key.)
  uint32_t at(uint32_t i) const {
    auto it = std::find_if(empty_values_.begin(), empty_values_.end(),
                           [&](const std::pair<uint32_t, uint32_t>& e) { return e.first == i; });
    return it != empty_values_.end() ? it->second : i;
  }
  void warning_at(SourcePos at, std::string message) {
    report_.warning(at.line, at.column, std::move(message));
  }

  template <typename F>
  void for_each_entry(uint32_t map, F&& f) {
    uint32_t i = map + 1;
    for (uint32_t k = 0; k < node(map).size; k += 2) {
      uint32_t value = node(i).end;
      if (node(value).is_null()) empty_values_.emplace_back(value, i);
      f(i, value);
      i = node(value).end;
    }
  }
  template <typename F>
  void for_each_item(uint32_t seq, F&& f) const {
    uint32_t i = seq + 1;
    for (uint32_t k = 0; k < node(seq).size; ++k) {
      f(i);
      i = node(i).end;
    }
  }

  std::string got(uint32_t i) const {
    const YamlNode& n = node(i);
    switch (n.kind) {
      case YamlNode::Kind::Null:
        return "but it is empty";
      case YamlNode::Kind::Scalar:
        return "got " + quote_value(n.text);
      case YamlNode::Kind::Sequence:
        return "got a list";
      case YamlNode::Kind::Mapping:
        return "got a mapping";
    }
    return "";
  }

  // The value of each known key; unknown keys are reported with a suggestion, or the list of
  // keys `what` has. `unknown` may say something better for a key that suggests nothing.
  template <size_t N, typename Unknown>
  Fields<N> fields(uint32_t map, const char* what, const std::array<std::string_view, N>& keys,
                   Unknown&& unknown) {
    Fields<N> out;
    for_each_entry(map, [&](uint32_t key, uint32_t value) {
      const YamlNode& k = node(key);
      if (!k.is_scalar()) {
        error(key, std::string("empty key in ") + what);
        return;
      }
      for (size_t i = 0; i < N; ++i) {
        if (keys[i] == k.text) {
          out.values[i] = value;
          return;
        }
      }
      std::vector<std::string> candidates(keys.begin(), keys.end());
      std::string match = closest_match(k.text, candidates);
      std::string message = "unknown key '" + k.text + "' in " + what;
      if (!match.empty()) {
        out.suggested.push_back(match);
        message += "; did you mean '" + match + "'?";
      } else if (std::optional<std::string> better = unknown(k.text)) {
        message = std::move(*better);
      } else {
        message += "; the keys of a " + std::string(what) + " are " + join(keys, 0, N);
      }
      error(key, std::move(message));
    });
    return out;
  }
  template <size_t N>
  Fields<N> fields(uint32_t map, const char* what, const std::array<std::string_view, N>& keys) {
    return fields(map, what, keys, [](const std::string&) { return std::optional<std::string>(); });
  }

  bool expect_map(uint32_t i, const std::string& what, const std::string& example) {
    if (node(i).is_map()) return true;
    error(i, what + " must be a mapping of keys (" + example + "), " + got(i));
    return false;
  }

  std::optional<double> number(uint32_t i, std::string_view key) {
    const YamlNode& n = node(i);
    std::string what = "'" + std::string(key) + "' must be a number";
    if (!n.is_scalar()) {
      error(i, what + ", " + got(i));
      return std::nullopt;
    }
    std::optional<double> v = parse_number(n.text);
    if (v && n.quoted()) {
      error(i, what + ", got the text " + quote_value(n.text) + "; remove the quotes");
      return std::nullopt;
    }
    if (!v) error(i, what + ", " + got(i));
    return v;
  }

  // A number from 0 to 1 (glow, strength, amount, ...); `meaning` says what 0 and 1 are.
  std::optional<float> fraction(uint32_t i, std::string_view key, std::string_view meaning) {
    std::optional<double> v = number(i, key);
    if (!v) return std::nullopt;
    if (*v < 0 || *v > 1) {
      error(i, "'" + std::string(key) + "' must be from 0 to 1 (" + std::string(meaning) +
                   "), got " + node(i).text);
      return std::nullopt;
    }
    return static_cast<float>(*v);
  }

  std::optional<bool> boolean(uint32_t i, std::string_view key) {
    const YamlNode& n = node(i);
    if (n.is_scalar() && !n.quoted()) {
      if (n.text == "true" || n.text == "True" || n.text == "TRUE") return true;
      if (n.text == "false" || n.text == "False" || n.text == "FALSE") return false;
    }
    error(i, "'" + std::string(key) + "' must be true or false, " + got(i));
    return std::nullopt;
  }

  // A colour, "#rrggbb" or "#rrggbbaa". An unquoted one is a YAML comment, so the value comes
  // out empty: then the writer is told to quote it, with the colour they wrote.
  std::optional<Color> color(uint32_t i, std::string_view key) {
    const YamlNode& n = node(i);
    const std::string forms = "\"#rrggbb\" or \"#rrggbbaa\"";
    const std::string form = "write " + forms;
    if (n.is_null()) {
      const YamlNode& where = node(at(i));
      std::string_view line = report_.line_text(where.line);
      size_t hash = line.find('#', static_cast<size_t>(std::max(where.column, 1) - 1));
      if (hash != std::string_view::npos) {
        size_t end = hash + 1;
        while (end < line.size() && line[end] != ' ' && line[end] != ',' && line[end] != ']' &&
               line[end] != '}') {
          ++end;
        }
        std::string written(line.substr(hash, end - hash));
        error(i, "'" + std::string(key) + "' is empty because '#' starts a comment in YAML; " +
                     "put the colour in quotes: " + std::string(key) + ": \"" + written + "\"");
      } else {
        error(i, "'" + std::string(key) + "' is empty; " + form);
      }
      return std::nullopt;
    }
    if (!n.is_scalar()) {
      error(i, "'" + std::string(key) + "' must be a colour (" + forms + "), " + got(i));
      return std::nullopt;
    }
    if (std::optional<Color> c = parse_color(n.text)) return c;
    std::string message = quote_value(n.text) + " is not a colour: " + form;
    if ((n.text.size() == 6 || n.text.size() == 8) && all_hex(n.text)) {
      message += "; did you mean \"#" + n.text + "\"?";
    }
    error(i, std::move(message));
    return std::nullopt;
  }

  // One coordinate: a number, not absurdly far from the frame.
  std::optional<float> coordinate(uint32_t i, std::string_view what, std::string_view names) {
    const YamlNode& n = node(i);
    std::optional<double> v = n.is_scalar() ? parse_number(n.text) : std::nullopt;
    if (v && n.quoted()) {
      error(i, "expected a number, got the text " + quote_value(n.text) + "; remove the quotes");
      return std::nullopt;
    }
    if (!v) {
      std::string shown = n.is_scalar() ? quote_value(n.text) + " is not a number"
                          : n.is_null() ? std::string("a number is missing")
                          : n.is_seq()  ? std::string("expected a number, got a list")
                                        : std::string("expected a number, got a mapping");
      error(i, shown + "; " + std::string(what) + " takes " + std::string(names));
      return std::nullopt;
    }
    if (std::abs(*v) > kAbsurd) {
      error(i, n.text + " is far outside the 1280×720 frame (x runs from 0 to 1280, y from 0 " +
                   "down to 720)");
      return std::nullopt;
    }
    return static_cast<float>(*v);
  }

  // A list of exactly `count` numbers, appended to `out`. `what` names it in messages ("a
  // rect", "'from'"); `names` says what each number is ("x, y, width, height").
  template <typename Floats>  // std::vector<float> or a shape's SmallFloats
  bool numbers(uint32_t i, std::string_view what, size_t count, std::string_view names,
               Floats& out) {
    const YamlNode& n = node(i);
    const std::string takes =
        std::string(what) + " takes " + std::to_string(count) + " numbers: " + std::string(names);
    if (!n.is_seq()) {
      error(i, std::string(what) + " takes " + std::to_string(count) + " numbers, as [" +
                   std::string(names) + "], " + got(i));
      return false;
    }
    if (n.size != count) {
      error(i, takes + "; got " + std::to_string(n.size));
      return false;
    }
    bool ok = true;
    for_each_item(i, [&](uint32_t item) {
      std::optional<float> v =
          coordinate(item, what, std::to_string(count) + " numbers: " + std::string(names));
      if (v) {
        out.push_back(*v);
      } else {
        ok = false;
      }
    });
    return ok;
  }

  // The node of the i-th item of a list.
  uint32_t item_at(uint32_t seq, size_t index) const {
    uint32_t i = seq + 1;
    for (size_t k = 0; k < index; ++k) i = node(i).end;
    return i;
  }

  // `when: <expression>`, kept as written until compile_visual.
  bool condition(uint32_t n, HeapOptional<Expr>& out) {
    const YamlNode& v = node(n);
    if (!v.is_scalar()) {
      error(n, "'when' must be a condition, as 'when: day >= 3 and not radio_on', " + got(n) +
                   " (quote a condition that starts with '{' or '[')");
      return false;
    }
    out = Expr(v.text, SourcePos{file_, v.value_line, v.value_column, v.text_style()});
    return true;
  }

  // x, y, width, height with a size: a rect, an image's place, a thing's area, a motion's area.
  bool rect(uint32_t i, std::string_view what, Rect& out) {
    std::vector<float> v;
    if (!numbers(i, what, 4, "x, y, width, height", v)) return false;
    for (size_t k : {size_t{2}, size_t{3}}) {
      if (v[k] <= 0) {
        error(item_at(i, k), std::string("the ") + (k == 2 ? "width" : "height") + " of " +
                                 std::string(what) + " must be more than 0, got " +
                                 node(item_at(i, k)).text);
        return false;
      }
    }
    out = {v[0], v[1], v[2], v[3]};
    return true;
  }

 protected:
  const YamlTree& tree_;
  FileReporter& report_;
  int32_t file_;
  std::vector<std::pair<uint32_t, uint32_t>> empty_values_;  // (empty value, its key): rare
};

// ---------------------------------------------------------------------------------------------
// 2. The visual

class VisualLoader : public VisualReader {
 public:
  // `place`: read for a place file; `over_place`: a scene's own visual over its place's.
  VisualLoader(const YamlTree& tree, FileReporter& report, int32_t file,
               const std::string& story_dir, Scene& scene, bool place, bool over_place)
      : VisualReader(tree, report, file),
        story_dir_(story_dir),
        scene_(scene),
        place_(place),
        over_place_(over_place) {}

  bool load(uint32_t v) {
    if (!expect_map(v, "'visual'", "sky:, layers:, light:, motion:, ...")) return false;
    Visual& visual = scene_.visual;
    if (!over_place_) visual = Visual{};
    visual.authored = true;
    visual.at = pos(v);
    auto f = fields(v, "visual", kVisualKeys, [](const std::string& key) {
      if (key == "steam" || key == "rain" || key == "car" || key == "blink" || key == "flicker") {
        return std::optional<std::string>("'" + key +
                                          "' is a motion: put it in the list under "
                                          "'motion:', as '- " +
                                          key + ": [...]'");
      }
      if (key == "rect" || key == "circle" || key == "polygon" || key == "line" || key == "image") {
        return std::optional<std::string>("'" + key +
                                          "' is a shape: put it in the list under "
                                          "'layers:', as '- " +
                                          key + ": [...]'");
      }
      return std::optional<std::string>();
    });
    // Over a place, a key the scene gives replaces the place's whole value.
    if (uint32_t n = f[kSky]) sky(n);
    if (uint32_t n = f[kLayers]) {
      visual.layers.clear();
      visual.conditions.clear();  // only layers have them
      layers(n);
    }
    if (uint32_t n = f[kLight]) {
      visual.light = Light{};
      visual.light_variants.clear();
      light(n);
    }
    if (uint32_t n = f[kMotion]) {
      visual.motion.clear();
      motions(n);
    }
    for (size_t k : {kAdd, kAddMotion}) {
      uint32_t n = f[k];
      if (n == 0) continue;
      const std::string key(kVisualKeys[k]);
      const std::string list = k == kAdd ? "layers" : "motion";
      if (place_) {
        error(key_of(n), "'" + key + "' belongs in a scene's visual, where it adds " + list +
                             " over its place's; here write '" + list + ":'");
      } else if (!over_place_) {
        error(key_of(n), "'" + key + "' adds " + list + " over the visual of the scene's place, " +
                             (scene_.place.empty() ? std::string("and this scene has no 'place:'")
                                                   : "and place '" + scene_.place +
                                                         "' has no place file with a 'visual:'") +
                             "; write '" + list + ":'");
      } else if (k == kAdd) {
        layers(n);
      } else {
        motions(n);
      }
    }
    if (uint32_t n = f[kDrift]) {
      if (std::optional<double> d = number(n, "drift")) {
        if (*d < 0 || *d > kMaxDrift) {
          error(n, "'drift' is how far the camera sways, in frame pixels, from 0 (still) to " +
                       number_text(kMaxDrift) + "; got " + node(n).text);
        } else {
          visual.drift = static_cast<float>(*d);
        }
      }
    }
    if (uint32_t n = f[kVignette]) {
      if (std::optional<float> d = fraction(n, "vignette", "0: none, 1: the darkest edges")) {
        visual.vignette = *d;
      }
    }
    if (!place_) threshold::story::warn_unplaced_things(report_, scene_);
    return true;
  }

 private:
  void sky(uint32_t n) {
    const std::string takes =
        "'sky' takes two colours, top and bottom, as [\"#1c2431\", "
        "\"#52647f\"]";
    if (!node(n).is_seq()) {
      if (node(n).is_null() && report_.line_text(node(at(n)).line).find('#') != std::string::npos) {
        error(n, takes + "; put the colours in quotes, because '#' starts a comment in YAML");
      } else {
        error(n, takes + ", " + got(n));
      }
      return;
    }
    if (node(n).size != 2) {
      error(n, takes + "; got " + std::to_string(node(n).size));
      return;
    }
    std::optional<Color> top = color(item_at(n, 0), "sky");
    std::optional<Color> bottom = color(item_at(n, 1), "sky");
    if (top && bottom) {
      scene_.visual.sky_top = top;
      scene_.visual.sky_bottom = bottom;
    }
  }

  // ---- layers

  void layers(uint32_t n) {
    if (!node(n).is_seq()) {
      error(n,
            "'layers' must be a list of shapes, back to front (each starting with '- rect:', "
            "'- circle:', ...), " +
                got(n));
      return;
    }
    scene_.visual.layers.reserve(node(n).size);
    for_each_item(n, [&](uint32_t item) {
      if (!expect_map(item, "a layer", "rect:, color:, ...")) return;
      if (std::optional<Shape> s = shape(item)) scene_.visual.layers.push_back(std::move(*s));
    });
  }

  std::optional<Shape> shape(uint32_t layer) {
    auto f = fields(layer, "layer", kShapeKeys);
    Shape s;
    s.at = pos(layer);
    // Exactly one kind; an image's `rect:` is where it goes, not a second shape.
    const bool is_image = f[kImage] != 0;
    uint32_t kind_node = 0;
    for (size_t k : {kRect, kCircle, kPolygon, kLine, kImage}) {
      if (f[k] == 0 || (k == kRect && is_image)) continue;
      if (kind_node != 0) {
        uint32_t first = std::min(kind_node, f[k]), second = std::max(kind_node, f[k]);
        error(key_of(second), "a layer is one shape, and this one has two, '" +
                                  node(key_of(first)).text + "' and '" + node(key_of(second)).text +
                                  "'; give each its own '- ' item");
        return std::nullopt;
      }
      kind_node = f[k];
      s.kind = static_cast<Shape::Kind>(k - kRect);
    }
    if (kind_node == 0) {
      bool misspelt = false;
      for (size_t k : {kRect, kCircle, kPolygon, kLine, kImage}) {
        misspelt = misspelt || f.misspelt(kShapeKeys[k]);
      }
      if (!misspelt) {
        error(layer,
              "a layer needs a shape: one of " + join(kShapeKeys, kRect, kImage + 1, " or "));
      }
      return std::nullopt;
    }
    const std::string kind_name(kShapeKeys[static_cast<size_t>(s.kind)]);
    const std::string a_kind = (s.kind == Shape::Kind::Image ? "an " : "a ") + kind_name;
    bool ok = true;
    switch (s.kind) {
      case Shape::Kind::Rect: {
        Rect r;
        ok = rect(kind_node, a_kind, r);
        if (ok) s.points = {r.x, r.y, r.w, r.h};
        break;
      }
      case Shape::Kind::Circle:
        ok = numbers(kind_node, a_kind, 3, "centre x, centre y, radius", s.points);
        if (ok && s.points[2] <= 0) {
          error(item_at(kind_node, 2),
                "a circle's radius must be more than 0, got " + node(item_at(kind_node, 2)).text);
          ok = false;
        }
        break;
      case Shape::Kind::Line:
        ok = numbers(kind_node, a_kind, 4, "x1, y1, x2, y2", s.points);
        break;
      case Shape::Kind::Polygon:
        ok = polygon(kind_node, s.points);
        break;
      case Shape::Kind::Image:
        ok = image(kind_node, f[kRect], layer, s);
        break;
    }
    if (uint32_t n = f[kColor]) {
      if (std::optional<Color> c = color(n, "color")) {
        s.color = *c;
      } else {
        ok = false;
      }
    } else if (s.kind == Shape::Kind::Image) {
      s.color = Color{255, 255, 255, 255};  // an image is drawn as it is unless tinted
    } else if (!f.misspelt("color")) {
      error(layer, a_kind + " needs a 'color' (\"#rrggbb\")");
      ok = false;
    }
    if (uint32_t n = f[kTo]) {
      if (std::optional<Color> c = color(n, "to")) {
        s.to = c;
      } else {
        ok = false;
      }
    }
    if (uint32_t n = f[kGlow]) {
      if (std::optional<float> g = fraction(n, "glow", "0: none, 1: a bright lamp")) {
        s.glow = *g;
      } else {
        ok = false;
      }
    }
    if (uint32_t n = f[kShadow]) {
      if (std::optional<bool> b = boolean(n, "shadow")) {
        s.shadow = *b;
      } else {
        ok = false;
      }
    }
    if (uint32_t n = f[kThing]) ok = thing(n, s) && ok;
    HeapOptional<Expr> when;
    if (uint32_t n = f[kShapeWhen]) ok = condition(n, when) && ok;
    if (uint32_t n = f[kWidth]) {
      if (s.kind != Shape::Kind::Line) {
        error(key_of(n), "'width' belongs to lines; " + a_kind + "'s size is in its own numbers");
        ok = false;
      } else if (std::optional<double> w = number(n, "width")) {
        if (*w <= 0 || *w > kAbsurd) {
          error(n, "a line's 'width' must be more than 0 frame pixels, got " + node(n).text);
          ok = false;
        } else {
          s.width = static_cast<float>(*w);
        }
      } else {
        ok = false;
      }
    }
    if (!ok) return std::nullopt;
    if (when) {
      std::vector<Expr>& conditions = scene_.visual.conditions;
      if (conditions.size() >= UINT16_MAX) {
        error(f[kShapeWhen], "too many layers with 'when:' in one visual (the most is " +
                                 std::to_string(UINT16_MAX) + ")");
        return std::nullopt;
      }
      conditions.push_back(std::move(*when));
      s.when = static_cast<uint16_t>(conditions.size());
    }
    if (disjoint_from_frame(s.bounds(), scene_.visual.drift)) {
      warning(layer, "this " + kind_name + " lies wholly outside the 1280×720 frame, so it is " +
                         "never seen");
    }
    return s;
  }

  bool polygon(uint32_t n, SmallFloats& out) {
    const std::string example = "as [[0, 720], [340, 470], [420, 470]]";
    if (!node(n).is_seq()) {
      error(n, "a polygon takes a list of points, " + example + ", " + got(n));
      return false;
    }
    if (node(n).size > 0 && !node(n + 1).is_seq()) {
      error(n, "a polygon's points are pairs of numbers, " + example);
      return false;
    }
    if (node(n).size < 3) {
      error(n, "a polygon takes at least 3 points, " + example + "; got " +
                   std::to_string(node(n).size));
      return false;
    }
    bool ok = true;
    for_each_item(n, [&](uint32_t point) { ok = numbers(point, "a point", 2, "x, y", out) && ok; });
    return ok;
  }

  bool image(uint32_t n, uint32_t place, uint32_t item_node, Shape& s) {
    bool ok = true;
    if (!node(n).is_scalar() || node(n).text.empty()) {
      error(n,
            "'image' must be the path of an image file, relative to the story folder, " + got(n));
      ok = false;
    } else {
      std::string resolved;
      ok = image_file(n, node(n).text, resolved);
      s.image = ok ? resolved : node(n).text;
    }
    if (place == 0) {
      error(item_node, "an image needs 'rect: [x, y, width, height]', where it goes in the frame");
      return false;
    }
    Rect r;
    if (!rect(place, "an image's 'rect'", r)) return false;
    s.points = {r.x, r.y, r.w, r.h};
    return ok;
  }

  // Checks the image a shape names and gives back where it really is (story_path.h), the
  // path the renderer opens.
  bool image_file(uint32_t n, const std::string& path, std::string& resolved) {
    const std::string what = "image " + quote_value(path);
    const ResolvedPath where = resolve_story_path(story_dir_, path);
    if (where.problem == PathProblem::Absolute) {
      error(n, path_problem_text(where.problem, what));
      return false;
    }
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    static constexpr std::array<std::string_view, 5> kFormats = {".png", ".jpg", ".jpeg", ".bmp",
                                                                 ".tga"};
    if (std::find(kFormats.begin(), kFormats.end(), ext) == kFormats.end()) {
      error(n, what + " is not a kind of file the game can draw; use PNG, JPEG, BMP or TGA");
      return false;
    }
    if (where.problem != PathProblem::None) {
      error(n, path_problem_text(where.problem, what));
      return false;
    }
    if (const std::string wrong = check_image_header(where.path); !wrong.empty()) {
      error(n, what + " " + wrong);
      return false;
    }
    resolved = where.path;
    return true;
  }

  bool thing(uint32_t n, Shape& s) {
    const YamlNode& v = node(n);
    if (!v.is_scalar()) {
      error(n, "'thing' must name one of the scene's things, " + got(n));
      return false;
    }
    ThingId t = scene_.find_thing(v.text);
    if (t != kNone) {
      s.thing = t;
      return true;
    }
    if (place_) return true;  // a thing of other scenes at the place: here only drawn
    if (scene_.things.empty()) {
      error(n, "unknown thing '" + v.text + "'; this scene has no things: declare them under " +
                   "'things:' (as in '" + v.text + ": the " + v.text + "')");
      return false;
    }
    std::vector<std::string> ids;
    for (const Thing& th : scene_.things) ids.push_back(th.id);
    std::string message = "unknown thing '" + v.text + "' in this scene";
    std::string match = closest_match(v.text, ids);
    if (!match.empty()) {
      message += "; did you mean '" + match + "'?";
    } else if (ids.size() <= 12) {
      message += "; its things are: ";
      for (size_t i = 0; i < ids.size(); ++i) message += (i > 0 ? ", " : "") + ids[i];
    }
    error(n, std::move(message));
    return false;
  }

  // ---- light

  // One light, or a list of variants with `when:` (the first that holds is used).
  void light(uint32_t n) {
    Visual& visual = scene_.visual;
    if (node(n).is_seq()) {
      if (node(n).size == 0) {
        error(n,
              "'light' is an empty list; give a light (from:, color:, ...) or a list of them "
              "with 'when:'");
        return;
      }
      bool always = false;  // a variant without `when:` came before: later ones are never used
      for_each_item(n, [&](uint32_t item) {
        if (!expect_map(item, "a light", "from:, color:, strength:, shadows:, when:")) return;
        Light l;
        if (!read_light(item, l, true)) return;
        if (always) {
          warning(item,
                  "this light is never used: the one before it has no 'when:', so it "
                  "always wins");
        }
        always = always || !l.when;
        visual.light_variants.push_back(std::move(l));
      });
    } else {
      if (!expect_map(n, "'light'", "from:, color:, strength:, shadows:")) return;
      Light l;
      if (!read_light(n, l, false)) return;
      if (l.when) {
        visual.light_variants.push_back(std::move(l));
      } else {
        visual.light = std::move(l);
      }
    }
    // The light with no state to read: the first variant that needs none.
    for (const Light& l : visual.light_variants) {
      if (!l.when) {
        visual.light = l;
        break;
      }
    }
  }

  // `in_list`: n is an item of a list of variants (it has no key of its own to point at).
  bool read_light(uint32_t n, Light& l, bool in_list) {
    auto f = fields(n, "light", kLightKeys);
    if (uint32_t v = f[kFrom]) {
      std::vector<float> at;
      if (numbers(v, "'from'", 2, "x, y", at)) {
        l.x = at[0];
        l.y = at[1];
        l.present = true;
      }
    } else if (!f.misspelt("from")) {
      error(in_list ? n : key_of(n),
            "the light needs 'from: [x, y]', where it comes from (a window, a lamp)");
    }
    if (uint32_t v = f[kLightColor]) {
      if (std::optional<Color> c = color(v, "color")) l.color = *c;
    }
    if (uint32_t v = f[kStrength]) {
      if (std::optional<float> d = fraction(v, "strength", "0: none, 1: full")) l.strength = *d;
    }
    if (uint32_t v = f[kShadows]) {
      if (std::optional<float> d = fraction(v, "shadows", "0: no shadows, 1: the darkest")) {
        l.shadows = *d;
      }
    }
    if (uint32_t v = f[kLightWhen]) {
      if (!condition(v, l.when)) return false;
    }
    return true;
  }

  // ---- motion

  void motions(uint32_t n) {
    if (!node(n).is_seq()) {
      error(n,
            "'motion' must be a list (each starting with '- steam:', '- rain:', '- car:', "
            "'- blink:' or '- flicker:'), " +
                got(n));
      return;
    }
    for_each_item(n, [&](uint32_t item) {
      if (!expect_map(item, "a motion", "steam:, rain:, car:, blink:, flicker:")) return;
      if (std::optional<Motion> m = motion(item)) scene_.visual.motion.push_back(std::move(*m));
    });
  }

  std::optional<Motion> motion(uint32_t item) {
    const std::string kinds = join(kMotionKeys, kSteam, kFlicker + 1, " or ");
    // A key that is no motion, in a mapping with no motion, is most likely a motion we lack.
    bool has_kind = false;
    for_each_entry(item, [&](uint32_t key, uint32_t) {
      for (size_t k : {kSteam, kRain, kCar, kBlink, kFlicker}) {
        has_kind = has_kind || (node(key).is_scalar() && node(key).text == kMotionKeys[k]);
      }
    });
    bool unknown_kind = false;
    auto f = fields(item, "motion", kMotionKeys, [&](const std::string& key) {
      if (key == "drift") {
        unknown_kind = true;
        return std::optional<std::string>(
            "the camera's drift is not a motion: write 'drift: 6' under 'visual:' itself");
      }
      if (has_kind) return std::optional<std::string>();
      unknown_kind = true;
      return std::optional<std::string>("unknown motion '" + key + "'; a motion is " + kinds +
                                        " (with every:, amount:, color:)");
    });
    Motion m;
    m.at = pos(item);
    uint32_t kind_node = 0;
    for (size_t k : {kSteam, kRain, kCar, kBlink, kFlicker}) {
      if (f[k] == 0) continue;
      if (kind_node != 0) {
        uint32_t first = std::min(kind_node, f[k]), second = std::max(kind_node, f[k]);
        error(key_of(second), "a motion is one kind, and this one has two, '" +
                                  node(key_of(first)).text + "' and '" + node(key_of(second)).text +
                                  "'; give each its own '- ' item");
        return std::nullopt;
      }
      kind_node = f[k];
      m.kind = static_cast<Motion::Kind>(k - kSteam);
    }
    if (kind_node == 0) {
      bool misspelt = unknown_kind;
      for (size_t k : {kSteam, kRain, kCar, kBlink, kFlicker}) {
        misspelt = misspelt || f.misspelt(kMotionKeys[k]);
      }
      if (!misspelt) error(item, "a motion needs a kind: one of " + kinds);
      return std::nullopt;
    }
    const std::string kind_name(node(key_of(kind_node)).text);
    bool ok = true;
    if (m.kind == Motion::Kind::Steam) {
      std::vector<float> at;
      ok = numbers(kind_node, "'steam'", 2, "x, y, where it rises from", at);
      if (ok) m.area = {at[0], at[1], 0, 0};
    } else {
      ok = rect(kind_node, "'" + kind_name + "'", m.area);
    }
    if (m.kind == Motion::Kind::Car) m.period = 10;  // a car every second would be traffic
    if (uint32_t v = f[kEvery]) {
      if (m.kind == Motion::Kind::Steam || m.kind == Motion::Kind::Rain) {
        error(key_of(v),
              "'every' is how often a car passes, a cursor blinks or a tube "
              "flickers; " +
                  kind_name + " never stops");
        ok = false;
      } else if (std::optional<double> d = number(v, "every")) {
        if (*d <= 0) {
          error(v, "'every' must be more than 0 seconds, got " + node(v).text);
          ok = false;
        } else {
          m.period = static_cast<float>(*d);
        }
      } else {
        ok = false;
      }
    }
    if (uint32_t v = f[kAmount]) {
      if (m.kind == Motion::Kind::Car || m.kind == Motion::Kind::Blink) {
        error(key_of(v), "'amount' is how thick steam or rain is, or how strong a flicker; a " +
                             kind_name + " has none");
        ok = false;
      } else if (std::optional<float> d = fraction(v, "amount", "0: none, 1: the most")) {
        m.amount = *d;
      } else {
        ok = false;
      }
    }
    if (uint32_t v = f[kMotionColor]) {
      if (std::optional<Color> c = color(v, "color")) {
        m.color = *c;
      } else {
        ok = false;
      }
    }
    if (uint32_t v = f[kMotionWhen]) ok = condition(v, m.when) && ok;
    if (!ok) return std::nullopt;
    return m;
  }

  const std::string& story_dir_;
  Scene& scene_;
  bool place_;
  bool over_place_;
};

}  // namespace

bool load_visual(const YamlTree& tree, uint32_t node, FileReporter& report, int32_t file,
                 const std::string& story_dir, Scene& scene) {
  VisualLoader loader(tree, report, file, story_dir, scene, false, false);
  return loader.load(node);
}

bool load_place_visual(const YamlTree& tree, uint32_t node, FileReporter& report, int32_t file,
                       const std::string& story_dir, VisualSource source, Scene& scene) {
  VisualLoader loader(tree, report, file, story_dir, scene, source == VisualSource::Place,
                      source == VisualSource::OverPlace);
  return loader.load(node);
}

// A thing the player acts on by pointing must be somewhere in the frame. Only a visual with
// shapes is held to this: an empty `visual: {}` is a frame not composed yet.
void warn_unplaced_things(FileReporter& report, const Scene& scene) {
  if (scene.visual.layers.empty()) return;
  std::vector<bool> used(scene.things.size(), false);
  for (const Beat& b : scene.beats) {
    if (!b.moment) continue;
    for (const Gesture& g : b.moment->gestures) {
      if (g.thing >= 0 && static_cast<size_t>(g.thing) < used.size()) {
        used[static_cast<size_t>(g.thing)] = true;
      }
    }
  }
  for (const Shape& s : scene.visual.layers) {
    if (s.thing >= 0 && static_cast<size_t>(s.thing) < used.size()) {
      used[static_cast<size_t>(s.thing)] = false;
    }
  }
  for (size_t i = 0; i < scene.things.size(); ++i) {
    const Thing& t = scene.things[i];
    if (!used[i] || !t.area.empty()) continue;
    report.warning(t.at.line, t.at.column,
                   "thing '" + t.id + "' has no place in the frame, so the pointer cannot " +
                       "find it; tag a shape of the visual with 'thing: " + t.id +
                       "' or give the thing an 'area:'");
  }
}

void compile_visual(Scene& scene, const Story& story, Diagnostics& diags) {
  // One that does not compile is reported (and the story does not load).
  auto compile = [&](Expr& when) {
    if (std::optional<Expr> e =
            compile_expression(when.source(), story.symbols, Type::Bool, when.at, story.sources,
                               diags, story.strings.get())) {
      when = std::move(*e);
    }
  };
  for (Expr& e : scene.visual.conditions) compile(e);
  for (Motion& m : scene.visual.motion) {
    if (m.when) compile(*m.when);
  }
  for (Light& l : scene.visual.light_variants) {
    if (l.when) compile(*l.when);
  }
}

bool load_area(const YamlTree& tree, uint32_t node, FileReporter& report, Rect& area) {
  VisualReader reader(tree, report, -1);
  Rect r;
  if (!reader.rect(node, "'area'", r)) return false;
  if (disjoint_from_frame(r, 0)) {
    reader.warning(node, "this area lies wholly outside the 1280×720 frame, so the pointer " +
                             std::string("never finds it"));
  }
  area = r;
  return true;
}

}  // namespace threshold::story
