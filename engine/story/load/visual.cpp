// The `visual:` block of a scene and the `area:` of its things, read from the loader's YAML tree.
//
// Contents:
//   1. What the visual's keys share over YamlReader (load/reader.h): rects, a layer's or a
//      motion's one kind.
//   2. Layers (shapes), light, motion, sky, drift, vignette.
//   3. After reading: things that gestures act on but the pointer cannot find.
//
// The checks are the ones a writer composing a frame needs: a misspelt key, a shape with no kind
// or two, the wrong count of coordinates, a colour YAML swallowed as a comment, a value out of
// its range, a thing that does not exist, an image that is not there. Coordinates may leave the
// frame (a sun behind the window, a car coming in from the side); only absurd ones are errors.
#include "visual.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "keys.h"
#include "reader.h"
#include "threshold/story/media_header.h"
#include "threshold/story/names.h"

namespace threshold::story {

namespace {

// How far the camera may sway, in frame pixels.
constexpr double kMaxDrift = 100;

// The key tables (kVisualKeys, kShapeKeys, ...) are in keys.h, where the schema test reads them.
using namespace load::visual_keys;

// A scene's additions over its place's visual (YamlReader::adds_over_place).
constexpr Addition kShapesOverPlace{kVisualKeys[kAdd], "visual", "layers", "layers"};
constexpr Addition kMotionOverPlace{kVisualKeys[kAddMotion], "visual", "motion", "motion"};

const FileKind kImageFile{"image",
                          {".png", ".jpg", ".jpeg", ".bmp", ".tga"},
                          "is not a kind of file the game can draw; use PNG, JPEG, BMP or TGA",
                          check_image_header};

bool disjoint_from_frame(const Rect& r, float margin) {
  return r.x + r.w < -margin || r.y + r.h < -margin || r.x > kFrameWidth + margin ||
         r.y > kFrameHeight + margin;
}

// ---------------------------------------------------------------------------------------------
// 1. What the visual's keys share

// x, y, width, height with a size: a rect, an image's place, a thing's area, a motion's area.
bool read_rect(YamlReader& r, uint32_t i, std::string_view what, Rect& out) {
  std::vector<float> v;
  if (!r.coordinates(i, what, 4, "x, y, width, height", v)) return false;
  for (size_t k : {size_t{2}, size_t{3}}) {
    if (v[k] <= 0) {
      const uint32_t item = r.item_at(i, k);
      r.error(item,
              std::string("the ") + (k == 2 ? "width" : "height") + " of " + std::string(what) +
                  " must be more than 0, got " + r.node(item).text,
              Code::OutOfRange);
      return false;
    }
  }
  out = {v[0], v[1], v[2], v[3]};
  return true;
}

// The kind a layer or a motion is: the value node of the one key of `kinds` it has (an image's
// `rect:` is where it goes, not a second shape: `skip`); 0 when it has none, nullopt (reported)
// when it has two.
template <typename E, size_t N, size_t K>
std::optional<uint32_t> kind_key(YamlReader& r, const Fields<K>& f, const KeyTable<K>& keys,
                                 const NameTable<E, N>& kinds, std::string_view one, size_t skip,
                                 E& kind) {
  uint32_t found = 0;
  for (size_t k = 0; k < K; ++k) {
    std::optional<E> e = parse_name(kinds, keys[k]);
    if (f[k] == 0 || !e || k == skip) continue;
    if (found != 0) {
      uint32_t first = std::min(found, f[k]), second = std::max(found, f[k]);
      r.error(YamlReader::key_of(second),
              std::string(one) + " and this one has two, '" +
                  r.node(YamlReader::key_of(first)).text + "' and '" +
                  r.node(YamlReader::key_of(second)).text + "'; give each its own '- ' item",
              Code::ConflictingKeys);
      return std::nullopt;
    }
    found = f[k];
    kind = *e;
  }
  return found;
}

// Whether an unknown key was taken for one of the kinds (then a missing kind is not reported
// again).
template <typename E, size_t N, size_t K>
bool misspelt_kind(const Fields<K>& f, const NameTable<E, N>& kinds) {
  for (const Name<E>& k : kinds) {
    if (f.misspelt(k.name)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// 2. The visual

class VisualLoader {
 public:
  // `place`: read for a place file; `over_place`: a scene's own visual over its place's.
  VisualLoader(const YamlTree& tree, FileReporter& report, int32_t file, const StoryRoots& roots,
               Scene& scene, bool place, bool over_place,
               const std::vector<std::string>* excused = nullptr)
      : r_(tree, report, file),
        roots_(roots),
        scene_(scene),
        place_(place),
        over_place_(over_place),
        excused_(excused) {}

  bool load(uint32_t v) {
    if (!r_.expect_map(v, "'visual'", "sky:, layers:, light:, motion:, ...")) return false;
    Visual& visual = scene_.visual;
    if (!over_place_) visual = Visual{};
    visual.authored = true;
    visual.at = r_.pos(v);
    auto f = r_.fields(v, "visual", kVisualKeys, [](const std::string& key) {
      if (parse_name(kMotionKindNames, key)) {
        return std::optional<std::string>("'" + key +
                                          "' is a motion: put it in the list under "
                                          "'motion:', as '- " +
                                          key + ": [...]'");
      }
      if (parse_name(kShapeKindNames, key)) {
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
      layers(n, "layers");
    }
    if (uint32_t n = f[kLight]) {
      visual.light = Light{};
      visual.light_variants.clear();
      light(n);
    }
    if (uint32_t n = f[kMotion]) {
      visual.motion.clear();
      motions(n, "motion");
    }
    for (size_t k : {kAdd, kAddMotion}) {
      uint32_t n = f[k];
      if (n == 0) continue;
      const Addition& addition = k == kAdd ? kShapesOverPlace : kMotionOverPlace;
      if (!r_.adds_over_place(n, addition, place_, over_place_, scene_.place)) continue;
      if (k == kAdd) {
        layers(n, kVisualKeys[k]);
      } else {
        motions(n, kVisualKeys[k]);
      }
    }
    if (uint32_t n = f[kDrift]) {
      if (std::optional<double> d = r_.number(n, "drift")) {
        if (*d < 0 || *d > kMaxDrift) {
          error(n,
                "'drift' is how far the camera sways, in frame pixels, from 0 (still) to " +
                    YamlReader::number_text(kMaxDrift) + "; got " + node(n).text,
                Code::OutOfRange);
        } else {
          visual.drift = static_cast<float>(*d);
        }
      }
    }
    if (uint32_t n = f[kVignette]) {
      store(r_.fraction(n, "vignette", "0: none, 1: the darkest edges"), visual.vignette);
    }
    if (!place_) {
      static const std::vector<std::string> kNothingExcused;
      threshold::story::warn_unplaced_things(r_.report(), scene_,
                                             excused_ ? *excused_ : kNothingExcused);
    }
    return true;
  }

 private:
  YamlReader r_;
  const StoryRoots& roots_;
  Scene& scene_;
  bool place_;
  bool over_place_;
  const std::vector<std::string>* excused_;  // load_place_visual's; null for load_visual

  const YamlNode& node(uint32_t i) const { return r_.node(i); }
  void error(uint32_t i, std::string message, Code code = Code::None) {
    r_.error(i, std::move(message), code);
  }
  std::string got(uint32_t i) const { return r_.got(i); }
  static uint32_t key_of(uint32_t value) { return YamlReader::key_of(value); }
  uint32_t item_at(uint32_t seq, size_t index) const { return r_.item_at(seq, index); }
  bool rect(uint32_t i, std::string_view what, Rect& out) { return read_rect(r_, i, what, out); }
  template <typename Floats>
  bool numbers(uint32_t i, std::string_view what, size_t count, std::string_view names,
               Floats& out) {
    return r_.coordinates(i, what, count, names, out);
  }
  bool condition(uint32_t n, Condition& out) {
    out = r_.condition(n, "when", "day >= 3 and not radio_on");
    return out.has_value();
  }

  void sky(uint32_t n) {
    const std::string takes =
        "'sky' takes two colours, top and bottom, as [\"#1c2431\", "
        "\"#52647f\"]";
    if (!node(n).is_seq()) {
      if (node(n).is_null() && r_.report().line_text(node(n).line).find('#') != std::string::npos) {
        error(n, takes + "; put the colours in quotes, because '#' starts a comment in YAML",
              Code::BadColour);
      } else {
        error(n, takes + ", " + got(n), Code::BadCoordinates);
      }
      return;
    }
    if (node(n).size != 2) {
      error(n, takes + "; got " + std::to_string(node(n).size), Code::BadCoordinates);
      return;
    }
    std::optional<Color> top = r_.colour(item_at(n, 0), "sky");
    std::optional<Color> bottom = r_.colour(item_at(n, 1), "sky");
    if (top && bottom) {
      scene_.visual.sky_top = top;
      scene_.visual.sky_bottom = bottom;
    }
  }

  // ---- layers

  // `key`: "layers", or "add" (shapes drawn over the place's).
  void layers(uint32_t n, std::string_view key) {
    if (!node(n).is_seq()) {
      error(n,
            "'" + std::string(key) + "' must be a list of shapes" +
                (key == "add" ? " to draw over the place's" : "") +
                ", back to front (each starting with '- rect:', '- circle:', ...), " + got(n),
            Code::WrongShape);
      return;
    }
    scene_.visual.layers.reserve(node(n).size);
    r_.for_each_item(n, [&](uint32_t item) {
      if (!r_.expect_map(item, "a layer", "rect:, color:, ...")) return;
      if (std::optional<Shape> s = shape(item)) scene_.visual.layers.push_back(std::move(*s));
    });
  }

  std::optional<Shape> shape(uint32_t layer) {
    auto f = r_.fields(layer, "layer", kShapeKeys);
    Shape s;
    s.at = r_.pos(layer);
    // Exactly one kind; an image's `rect:` is where it goes, not a second shape.
    const size_t skip = f[kImage] != 0 ? size_t{kRect} : kShapeKeys.size();
    const std::optional<uint32_t> kind =
        kind_key(r_, f, kShapeKeys, kShapeKindNames, "a layer is one shape,", skip, s.kind);
    if (!kind) return std::nullopt;
    const uint32_t kind_node = *kind;
    if (kind_node == 0) {
      if (!misspelt_kind(f, kShapeKindNames)) {
        error(
            layer,
            "a layer needs a shape: one of " + YamlReader::join(names_of(kShapeKindNames), " or "),
            Code::MissingKey);
      }
      return std::nullopt;
    }
    const std::string kind_name(name_of(kShapeKindNames, s.kind));
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
                "a circle's radius must be more than 0, got " + node(item_at(kind_node, 2)).text,
                Code::OutOfRange);
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
      ok = store(r_.colour(n, "color"), s.color) && ok;
    } else if (s.kind == Shape::Kind::Image) {
      s.color = Color{255, 255, 255, 255};  // an image is drawn as it is unless tinted
    } else if (!f.misspelt("color")) {
      error(layer, a_kind + " needs a 'color' (\"#rrggbb\")", Code::MissingKey);
      ok = false;
    }
    if (uint32_t n = f[kTo]) {
      ok = store(r_.colour(n, "to"), s.to) && ok;
    }
    if (uint32_t n = f[kGlow]) {
      ok = store(r_.fraction(n, "glow", "0: none, 1: a bright lamp"), s.glow) && ok;
    }
    if (uint32_t n = f[kShadow]) {
      ok = store(r_.boolean(n, "shadow"), s.shadow) && ok;
    }
    if (uint32_t n = f[kThing]) ok = thing(n, s) && ok;
    Condition when;
    if (uint32_t n = f[kShapeWhen]) ok = condition(n, when) && ok;
    if (uint32_t n = f[kWidth]) {
      if (s.kind != Shape::Kind::Line) {
        error(key_of(n), "'width' belongs to lines; " + a_kind + "'s size is in its own numbers",
              Code::ConflictingKeys);
        ok = false;
      } else if (std::optional<double> w = r_.number(n, "width")) {
        if (*w <= 0 || *w > YamlReader::kMaxCoordinate) {
          error(n, "a line's 'width' must be more than 0 frame pixels, got " + node(n).text,
                Code::OutOfRange);
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
        error(f[kShapeWhen],
              "too many layers with 'when:' in one visual (the most is " +
                  std::to_string(UINT16_MAX) + ")",
              Code::OutOfRange);
        return std::nullopt;
      }
      conditions.push_back(std::move(*when));
      s.when = static_cast<uint16_t>(conditions.size());
    }
    if (disjoint_from_frame(s.bounds(), scene_.visual.drift)) {
      r_.warning(
          layer,
          "this " + kind_name + " lies wholly outside the 1280×720 frame, so it is " + "never seen",
          Code::BadCoordinates);
    }
    return s;
  }

  bool polygon(uint32_t n, SmallFloats& out) {
    const std::string example = "as [[0, 720], [340, 470], [420, 470]]";
    if (!node(n).is_seq()) {
      error(n, "a polygon takes a list of points, " + example + ", " + got(n),
            Code::BadCoordinates);
      return false;
    }
    if (node(n).size > 0 && !node(n + 1).is_seq()) {
      error(n, "a polygon's points are pairs of numbers, " + example, Code::BadCoordinates);
      return false;
    }
    if (node(n).size < 3) {
      error(
          n,
          "a polygon takes at least 3 points, " + example + "; got " + std::to_string(node(n).size),
          Code::BadCoordinates);
      return false;
    }
    bool ok = true;
    r_.for_each_item(n,
                     [&](uint32_t point) { ok = numbers(point, "a point", 2, "x, y", out) && ok; });
    return ok;
  }

  bool image(uint32_t n, uint32_t place, uint32_t item_node, Shape& s) {
    // Where the image really is (story_path.h): the path the renderer opens.
    std::optional<std::string> path = r_.story_file(n, "image", roots_, kImageFile);
    s.image = path ? *path : node(n).text;
    if (place == 0) {
      error(item_node, "an image needs 'rect: [x, y, width, height]', where it goes in the frame",
            Code::MissingKey);
      return false;
    }
    Rect r;
    if (!rect(place, "an image's 'rect'", r)) return false;
    s.points = {r.x, r.y, r.w, r.h};
    return path.has_value();
  }

  bool thing(uint32_t n, Shape& s) {
    const YamlNode& v = node(n);
    if (!v.is_scalar()) {
      error(n, "'thing' must name one of the scene's things, " + got(n), Code::WrongShape);
      return false;
    }
    ThingId t = scene_.find_thing(v.text);
    if (t != kNone) {
      s.thing = t;
      return true;
    }
    if (place_) return true;  // a thing of other scenes at the place: here only drawn
    if (scene_.things.empty()) {
      error(n,
            "unknown thing '" + v.text + "'; this scene has no things: declare them under " +
                "'things:' (as in '" + v.text + ": the " + v.text + "')",
            Code::UnknownThing);
      return false;
    }
    std::vector<std::string> ids;
    for (const Thing& th : scene_.things) ids.push_back(th.id);
    error(n,
          "unknown thing '" + v.text + "' in this scene" +
              YamlReader::suggestion(v.text, ids, "its things are"),
          Code::UnknownThing);
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
              "with 'when:'",
              Code::EmptyValue);
        return;
      }
      bool always = false;  // a variant without `when:` came before: later ones are never used
      r_.for_each_item(n, [&](uint32_t item) {
        if (!r_.expect_map(item, "a light", "from:, color:, strength:, shadows:, when:")) return;
        Light l;
        if (!read_light(item, l, true)) return;
        if (always) {
          r_.warning(item,
                     "this light is never used: the one before it has no 'when:', so it "
                     "always wins",
                     Code::Unreachable);
        }
        always = always || !l.when;
        visual.light_variants.push_back(std::move(l));
      });
    } else {
      if (!r_.expect_map(n, "'light'", "from:, color:, strength:, shadows:")) return;
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
    auto f = r_.fields(n, "light", kLightKeys);
    if (uint32_t v = f[kFrom]) {
      std::vector<float> at;
      if (numbers(v, "'from'", 2, "x, y", at)) {
        l.x = at[0];
        l.y = at[1];
        l.present = true;
      }
    } else if (!f.misspelt("from")) {
      error(in_list ? n : key_of(n),
            "the light needs 'from: [x, y]', where it comes from (a window, a lamp)",
            Code::MissingKey);
    }
    if (uint32_t v = f[kLightColor]) {
      store(r_.colour(v, "color"), l.color);
    }
    if (uint32_t v = f[kStrength]) {
      store(r_.fraction(v, "strength", "0: none, 1: full"), l.strength);
    }
    if (uint32_t v = f[kShadows]) {
      store(r_.fraction(v, "shadows", "0: no shadows, 1: the darkest"), l.shadows);
    }
    if (uint32_t v = f[kLightWhen]) {
      if (!condition(v, l.when)) return false;
    }
    return true;
  }

  // ---- motion

  // `key`: "motion", or "add_motion" (motion over the place's).
  void motions(uint32_t n, std::string_view key) {
    if (!node(n).is_seq()) {
      error(n,
            "'" + std::string(key) + "' must be a list" +
                (key == "add_motion" ? " of motion besides the place's" : "") +
                " (each starting with '- steam:', '- rain:', '- car:', '- blink:' or "
                "'- flicker:'), " +
                got(n),
            Code::WrongShape);
      return;
    }
    r_.for_each_item(n, [&](uint32_t item) {
      if (!r_.expect_map(item, "a motion", "steam:, rain:, car:, blink:, flicker:")) return;
      if (std::optional<Motion> m = motion(item)) scene_.visual.motion.push_back(std::move(*m));
    });
  }

  std::optional<Motion> motion(uint32_t item) {
    const std::string kinds = YamlReader::join(names_of(kMotionKindNames), " or ");
    // A key that is no motion, in a mapping with no motion, is most likely a motion we lack.
    bool has_kind = false;
    r_.for_each_entry(item, [&](uint32_t key, uint32_t) {
      has_kind =
          has_kind || (node(key).is_scalar() && parse_name(kMotionKindNames, node(key).text));
    });
    bool unknown_kind = false;
    auto f = r_.fields(item, "motion", kMotionKeys, [&](const std::string& key) {
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
    m.at = r_.pos(item);
    const std::optional<uint32_t> kind = kind_key(
        r_, f, kMotionKeys, kMotionKindNames, "a motion is one kind,", kMotionKeys.size(), m.kind);
    if (!kind) return std::nullopt;
    const uint32_t kind_node = *kind;
    if (kind_node == 0) {
      if (!unknown_kind && !misspelt_kind(f, kMotionKindNames)) {
        error(item, "a motion needs a kind: one of " + kinds, Code::MissingKey);
      }
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
                  kind_name + " never stops",
              Code::ConflictingKeys);
        ok = false;
      } else {
        ok = store(r_.positive(v, "every", "seconds"), m.period) && ok;
      }
    }
    if (uint32_t v = f[kAmount]) {
      if (m.kind == Motion::Kind::Car || m.kind == Motion::Kind::Blink) {
        error(key_of(v),
              "'amount' is how thick steam or rain is, or how strong a flicker; a " + kind_name +
                  " has none",
              Code::ConflictingKeys);
        ok = false;
      } else {
        ok = store(r_.fraction(v, "amount", "0: none, 1: the most"), m.amount) && ok;
      }
    }
    if (uint32_t v = f[kMotionColor]) {
      ok = store(r_.colour(v, "color"), m.color) && ok;
    }
    if (uint32_t v = f[kMotionWhen]) ok = condition(v, m.when) && ok;
    if (!ok) return std::nullopt;
    return m;
  }
};

}  // namespace

bool load_visual(const YamlTree& tree, uint32_t node, FileReporter& report, int32_t file,
                 const StoryRoots& roots, Scene& scene) {
  VisualLoader loader(tree, report, file, roots, scene, false, false);
  return loader.load(node);
}

bool load_place_visual(const YamlTree& tree, uint32_t node, FileReporter& report, int32_t file,
                       const StoryRoots& roots, VisualSource source, Scene& scene,
                       const std::vector<std::string>& excused) {
  VisualLoader loader(tree, report, file, roots, scene, source == VisualSource::Place,
                      source == VisualSource::OverPlace, &excused);
  return loader.load(node);
}

// A thing the player acts on by pointing must be somewhere in the frame. Only a visual with
// shapes is held to this: an empty `visual: {}` is a frame not composed yet.
void warn_unplaced_things(FileReporter& report, const Scene& scene,
                          const std::vector<std::string>& excused) {
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
    if (std::find(excused.begin(), excused.end(), t.id) != excused.end()) continue;
    report.warning(t.at.line, t.at.column,
                   "thing '" + t.id + "' has no place in the frame, so the pointer cannot " +
                       "find it; tag a shape of the visual with 'thing: " + t.id +
                       "' or give the thing an 'area:'",
                   Code::ThingNotDrawn);
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
  YamlReader reader(tree, report, -1);
  Rect r;
  if (!read_rect(reader, node, "'area'", r)) return false;
  if (disjoint_from_frame(r, 0)) {
    reader.warning(node,
                   "this area lies wholly outside the 1280×720 frame, so the pointer " +
                       std::string("never finds it"),
                   Code::BadCoordinates);
  }
  area = r;
  return true;
}

}  // namespace threshold::story
