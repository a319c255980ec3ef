// The Renderer behind Renderer::create: the frame's order (static picture, motion, attention,
// shade, fades, text), what makes a new frame differ (ambient_key), and thing_area. The parts it
// draws with live beside it in scene_*.cpp (scene_renderer_parts.h). See scene_renderer.h.
#include "threshold/render/scene_renderer.h"

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Sprite.hpp>
#include <SFML/Graphics/View.hpp>
#include <algorithm>
#include <cmath>

#include "scene_renderer_parts.h"
#include "threshold/render/fonts.h"

namespace threshold::render {

namespace {

// The smallest rectangle holding both (an empty one holds nothing).
sf::IntRect united(const sf::IntRect& a, const sf::IntRect& b) {
  if (a.width <= 0 || a.height <= 0) return b;
  if (b.width <= 0 || b.height <= 0) return a;
  const int x0 = std::min(a.left, b.left), y0 = std::min(a.top, b.top);
  const int x1 = std::max(a.left + a.width, b.left + b.width);
  const int y1 = std::max(a.top + a.height, b.top + b.height);
  return {x0, y0, x1 - x0, y1 - y0};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// create

std::unique_ptr<Renderer> Renderer::create(const std::vector<std::string>& font_folders,
                                           std::string* error) {
  const FontSearch found = find_fonts(font_folders);
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
  auto library = std::make_unique<FontLibrary>();
  SceneRenderer::Faces faces;
  size_t chosen = 0;
  while (chosen < found.regular.size() && !(faces.regular = library->load(found.regular[chosen]))) {
    ++chosen;
  }
  if (chosen == found.regular.size()) {
    std::string which;
    for (const std::string& t : found.regular) which += (which.empty() ? "" : ", ") + t;
    return fail("cannot load any of the fonts found: " + which);
  }
  // The faces the Font setting offers, when installed: the first file that loads.
  auto first_loading = [&](const std::vector<std::string>& paths) -> const FontFile* {
    for (const std::string& path : paths) {
      if (const FontFile* f = library->load(path)) return f;
    }
    return nullptr;
  };
  // An italic of another face would not match the text.
  if (chosen < found.garamond) faces.italic = first_loading(found.italic);
  faces.dyslexic = first_loading(found.dyslexic);
  faces.sans = first_loading(found.sans);
  return std::make_unique<SceneRenderer>(std::move(library), faces, found.fallbacks, font_folders);
}

SceneRenderer::SceneRenderer(std::unique_ptr<FontLibrary> library, Faces faces,
                             std::vector<std::string> fallbacks,
                             std::vector<std::string> font_folders)
    : fonts_(std::move(library)),
      faces_(faces),
      fallbacks_(std::move(fallbacks)),
      font_folders_(std::move(font_folders)) {}

bool SceneRenderer::has_face(Face face) const {
  switch (face) {
    case Face::OpenDyslexic:
      return faces_.dyslexic != nullptr;
    case Face::Sans:
      return faces_.sans != nullptr;
    default:
      return true;
  }
}

uint64_t SceneRenderer::ambient_key(const story::Runtime& runtime, const Attention& attention,
                                    const Style& style, double time, unsigned frame_width) const {
  return frame_key(runtime, attention, style, time, frame_width, true);
}

uint64_t SceneRenderer::frame_key(const story::Runtime& runtime, const Attention& attention,
                                  const Style& style, double time, unsigned frame_width,
                                  bool motion) const {
  const story::Story& story = runtime.story();
  const story::SceneId sid = runtime.state().scene;
  if (sid < 0 || static_cast<size_t>(sid) >= story.scenes.size()) return 0;
  const story::Scene& scene = story.scene(sid);
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
  for (size_t mi = 0; mi < scene.visual.motion.size(); ++mi) {
    const story::Motion& m = scene.visual.motion[mi];
    const int64_t f = motion_frame(m, mi, mt);
    if (motion) mix(f);
    animating = animating || (m.kind != story::Motion::Kind::Blink && f != -1 &&
                              !(m.kind == story::Motion::Kind::Car && m.period <= 0));
  }
  if (!animating || !motion) {
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

sf::IntRect SceneRenderer::pixel_bounds(const Vertices& v, size_t begin, size_t end,
                                        const sf::View& view, sf::Vector2u size) {
  if (begin >= end) return {};
  float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
  for (size_t i = begin; i < end && i < v.size(); ++i) {
    x0 = std::min(x0, v[i].position.x), y0 = std::min(y0, v[i].position.y);
    x1 = std::max(x1, v[i].position.x), y1 = std::max(y1, v[i].position.y);
  }
  if (x1 < x0) return {};
  // As sf::RenderTarget::mapCoordsToPixel, for both corners.
  const sf::FloatRect vp = view.getViewport();
  const float w = static_cast<float>(size.x), h = static_cast<float>(size.y);
  auto to_pixel = [&](sf::Vector2f p) {
    const sf::Vector2f n = view.getTransform().transformPoint(p);
    return sf::Vector2f{((n.x + 1.f) / 2.f * vp.width + vp.left) * w,
                        ((-n.y + 1.f) / 2.f * vp.height + vp.top) * h};
  };
  const sf::Vector2f a = to_pixel({x0, y0}), b = to_pixel({x1, y1});
  // A pixel and a half more all round: smoothing and rounding reach past the vertices.
  const int left = static_cast<int>(std::floor(std::min(a.x, b.x))) - 2;
  const int top = static_cast<int>(std::floor(std::min(a.y, b.y))) - 2;
  const int right = static_cast<int>(std::ceil(std::max(a.x, b.x))) + 2;
  const int bottom = static_cast<int>(std::ceil(std::max(a.y, b.y))) + 2;
  return {left, top, right - left, bottom - top};
}

std::optional<uint64_t> SceneRenderer::words_key(const story::Runtime& runtime, const Stage& stage,
                                                 const Style& style, double time) {
  if (stage.ending() != story::kNone || time - stage.scene_entered_at() < kSceneFade) return {};
  const std::vector<Stage::ShownLine>& lines = stage.lines();
  if (!lines.empty() && time - lines.back().shown_at < kLineFade) return {};
  uint64_t h = 1469598103934665603ull;
  auto mix = [&h](uint64_t v) {
    h ^= v;
    h *= 1099511628211ull;
  };
  const std::hash<std::string> text;
  mix(lines.size());
  for (size_t i = lines.size() > kShownLines ? lines.size() - kShownLines : 0; i < lines.size();
       ++i) {
    mix(text(lines[i].text));
  }
  for (const story::Caption& c : stage.captions) {
    mix(text(c.text));
    mix(static_cast<uint64_t>(c.side));
  }
  if (style.hints && runtime.in_moment()) {
    for (const int32_t g : runtime.offered()) mix(static_cast<uint64_t>(g) + 1);
  }
  return h;
}

std::optional<sf::IntRect> SceneRenderer::motion_area(const story::Runtime& runtime,
                                                      const Stage& stage,
                                                      const Attention& attention,
                                                      const Style& style, double time,
                                                      sf::Vector2u target_size) {
  const story::Story& story = runtime.story();
  const story::SceneId sid = runtime.state().scene;
  if (!last_frame_.known || style.reduced_motion || target_size != last_frame_.target_size)
    return {};
  if (sid < 0 || static_cast<size_t>(sid) >= story.scenes.size()) return {};
  const story::Scene& scene = story.scene(sid);
  if (&scene != last_frame_.scene || scene.visual.motion.size() != last_frame_.frames.size())
    return {};
  const unsigned frame_w = static_cast<unsigned>(
      std::lround(last_frame_.view.getViewport().width * static_cast<float>(target_size.x)));
  if (frame_key(runtime, attention, style, time, frame_w, false) != last_frame_.still_key)
    return {};
  const std::optional<uint64_t> words = words_key(runtime, stage, style, time);
  if (!words || *words != last_frame_.stage_key) return {};
  // The motion as it would be drawn now (into the frame's own buffers: draw() begins anew).
  const float mt = static_cast<float>(time);
  alpha_.clear();
  additive_.clear();
  add_motion(scene, mt);
  sf::IntRect area;
  for (size_t mi = 0; mi < scene.visual.motion.size(); ++mi) {
    if (motion_frame(scene.visual.motion[mi], mi, mt) == last_frame_.frames[mi]) continue;
    const MotionSpan& span = motion_spans_[mi];
    const sf::IntRect now = united(
        pixel_bounds(alpha_, span.alpha_begin, span.alpha_end, last_frame_.view, target_size),
        pixel_bounds(additive_, span.additive_begin, span.additive_end, last_frame_.view,
                     target_size));
    area = united(area, united(now, last_frame_.areas[mi]));
  }
  alpha_.clear();
  additive_.clear();
  // Within the target.
  const int x0 = std::max(0, area.left), y0 = std::max(0, area.top);
  const int x1 = std::min(static_cast<int>(target_size.x), area.left + area.width);
  const int y1 = std::min(static_cast<int>(target_size.y), area.top + area.height);
  if (area.width <= 0 || area.height <= 0 || x1 <= x0 || y1 <= y0) return sf::IntRect{};
  return sf::IntRect{x0, y0, x1 - x0, y1 - y0};
}

// ---------------------------------------------------------------------------------------------
// draw

void SceneRenderer::draw(sf::RenderTarget& target, const story::Runtime& runtime,
                         const Stage& stage, const Attention& attention, const Style& style,
                         double time) {
  const story::Story& story = runtime.story();
  const story::SceneId sid = runtime.state().scene;
  const story::Scene* scene =
      sid >= 0 && static_cast<size_t>(sid) < story.scenes.size() ? &story.scene(sid) : nullptr;
  begin_frame();
  menu_only_ = false;
  const bool moving = !style.reduced_motion;
  // Reduced motion freezes everything that moves at its first frame.
  const float mt = moving ? static_cast<float>(time) : 0.f;
  const sf::View frame = target.getView();
  alpha_.clear();
  additive_.clear();
  overlay_.clear();

  const Palette& pal = palette_for(scene ? scene->time : story::TimeOfDay::Night);
  last_frame_.known = false;
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
    const unsigned frame_w =
        static_cast<unsigned>(std::lround(vp.width * static_cast<float>(target.getSize().x)));
    const unsigned frame_h =
        static_cast<unsigned>(std::lround(vp.height * static_cast<float>(target.getSize().y)));
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
    // Time passing in a silence: the light's cast and longer shadows under the vignette, which
    // closes a little too. Held over a copy of the static picture (shaded_cache), except while a
    // hold closes the vignette frame by frame.
    const float silent = stage.ending() == story::kNone ? silence_drift(runtime, time) : 0.f;
    Shade shade;
    shade.vignette = (scene->visual.authored ? scene->visual.vignette : 0.45f) + 0.22f * silent;
    shade.progress = static_cast<float>(attention.progress);
    shade.silent = silent;
    shade.time_of_day = scene->time;
    bool baked = false;
    if (!displaced && refresh_cache(view, frame_w, frame_h, margin)) {
      const sf::Texture* source = &cache_->getTexture();
      if (!(attention.progress > 0)) {
        if (const sf::Texture* dark = shaded_cache(shade)) {
          source = dark;
          baked = true;
        }
      }
      sf::View pixels(
          sf::FloatRect(0, 0, static_cast<float>(frame_w), static_cast<float>(frame_h)));
      pixels.setViewport(vp);
      target.setView(pixels);
      sf::Sprite sprite(*source);
      sprite.setPosition(-static_cast<float>(margin) - shift_x,
                         -static_cast<float>(margin) - shift_y);
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
    // What motion_area compares the next frame with.
    const std::optional<uint64_t> words = words_key(runtime, stage, style, time);
    last_frame_.known = !displaced && cache_valid_ && moving && words.has_value();
    last_frame_.stage_key = words.value_or(0);
    last_frame_.scene = scene;
    last_frame_.still_key = frame_key(runtime, attention, style, time, frame_w, false);
    last_frame_.view = view;
    last_frame_.target_size = target.getSize();
    last_frame_.frames.clear();
    last_frame_.areas.clear();
    for (size_t mi = 0; mi < scene->visual.motion.size(); ++mi) {
      const MotionSpan& span = motion_spans_[mi];
      last_frame_.frames.push_back(motion_frame(scene->visual.motion[mi], mi, mt));
      last_frame_.areas.push_back(united(
          pixel_bounds(alpha_, span.alpha_begin, span.alpha_end, view, target.getSize()),
          pixel_bounds(additive_, span.additive_begin, span.additive_end, view, target.getSize())));
    }
    const float pulse =
        moving ? 0.5f + 0.5f * std::sin(2 * kPi * static_cast<float>(time) / 2.4f) : 0.5f;
    if (stage.ending() == story::kNone) {
      const float breath = opening_breath(runtime, time, style.reduced_motion);
      add_attention(attention, pulse, breath,
                    breath > 0 ? offered_things(runtime) : std::vector<story::ThingId>{});
    }
    if (baked) {
      // Over the darkened picture, each vertex darkened as the pixel under it (Shade).
      const sf::Transform& to_ndc = view.getTransform();
      auto darken = [&](Vertices& v, bool additive) {
        for (sf::Vertex& x : v) {
          const sf::Vector2f n = to_ndc.transformPoint(x.position);
          const sf::Vector2f at{(n.x + 1) / 2 * kW, (1 - n.y) / 2 * kH};
          x.color = shaded(x.color, at, shade, additive);
        }
      };
      darken(alpha_, false);
      darken(additive_, true);
    }
    if (!alpha_.empty()) counted(target).draw(alpha_.data(), alpha_.size(), sf::Triangles);
    if (!additive_.empty()) {
      counted(target).draw(additive_.data(), additive_.size(), sf::Triangles, sf::BlendAdd);
    }
    target.setView(frame);
    if (!baked) draw_shade(target, shade, 0);
  }

  // Fades and cuts: a scene (or the ending) comes up from black.
  const double since = time - stage.scene_entered_at();
  if (moving && since < kSceneFade) {
    const float a = static_cast<float>(std::clamp(1.0 - since / kSceneFade, 0.0, 1.0));
    add_rect(overlay_, 0, 0, kW, kH, with_alpha(sf::Color::Black, a),
             with_alpha(sf::Color::Black, a));
  }
  if (stage.ending() != story::kNone) {
    // The ending darkens the last scene to a page for its words.
    const double k = moving ? std::clamp(since / 2.0, 0.0, 1.0) : 1.0;
    const sf::Color veil = with_alpha(sf::Color(6, 6, 8), static_cast<float>(0.84 * k));
    add_rect(overlay_, 0, 0, kW, kH, veil, veil);
  }
  if (!overlay_.empty()) counted(target).draw(overlay_.data(), overlay_.size(), sf::Triangles);

  texts_used_ = 0;
  forget_old_layouts();
  if (stage.ending() != story::kNone) {
    draw_ending(target, stage, style, time, pal);
    // The sounds go on under the ending's page (a last motif): their captions too.
    if (style.captions) draw_captions(target, stage, style);
    return;
  }
  const bool hints = style.hints && runtime.in_moment();
  const float lift = style.captions ? caption_band_height(style.text_scale) : 0.f;
  // Hints that wrap to more than the one row lines_bottom keeps for them lift the lines too.
  const std::string hint = hints ? hint_text(runtime, style) : std::string();
  const size_t hint_row_count = hint_rows(hint, style);
  const float more_rows = hint_row_count > 1 ? static_cast<float>(hint_row_count - 1) *
                                                   static_cast<float>(hint_size(style)) * 1.3f
                                             : 0.f;
  draw_lines(target, stage, style, time, lines_bottom(style, hints) - more_rows, pal);
  // After the lines: their dark backing reaches the bottom of the frame and would dim the hints.
  draw_hints(target, hint, style, lift);
  if (style.captions) draw_captions(target, stage, style);
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
