// The SceneRenderer's text layer: wrapping and placing text (reused sf::Text objects, cached
// layouts), the lines fading in at the foot of the frame, the ending's page and the gesture
// hints. Part of the SceneRenderer (scene_renderer.h); draw() and draw_menu() use it.
#include <SFML/Graphics/RenderTarget.hpp>
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "scene_renderer_parts.h"
#include "threshold/render/fonts.h"
#include "threshold/story/wording.h"

namespace threshold::render {

float SceneRenderer::text_width(const sf::String& s, unsigned size, const FontChain& font) const {
  float w = 0;
  font.runs(s, runs_);
  for (const FontChain::Run& run : runs_) {
    // Kerning within a face only: two faces have no pairs in common.
    sf::Uint32 prev = 0;
    for (size_t i = run.begin; i < run.end; ++i) {
      const sf::Uint32 cp = s[i];
      w += run.font->getKerning(prev, cp, size) + run.font->getGlyph(cp, size, false).advance;
      prev = cp;
    }
  }
  return w;
}

const std::vector<sf::String>& SceneRenderer::wrapped(const std::string& text, unsigned size,
                                                      float width, const FontChain& font) {
  std::string key = text;
  key += '\x1f';
  key += std::to_string(size);
  key += '\x1f';
  key += std::to_string(static_cast<int>(width));
  key += std::to_string(reinterpret_cast<uintptr_t>(&font));
  auto it = wrap_cache_.find(key);
  if (it != wrap_cache_.end()) return it->second;
  std::vector<sf::String> rows =
      breaker_.rows(text, font.language(), width,
                    [&](const sf::String& row) { return text_width(row, size, font); });
  return wrap_cache_.emplace(std::move(key), std::move(rows)).first->second;
}

const FontChain& SceneRenderer::chain(const FontFile& face, const std::string& language) const {
  auto& slot = chains_[{&face, language}];
  if (!slot) {
    slot = std::make_unique<FontChain>(*fonts_, language, locale_fonts(font_folders_, language),
                                       face, fallbacks_);
  }
  return *slot;
}

const FontChain& SceneRenderer::body_font(const Style& style) const {
  const FontFile* face = faces_.regular;
  if (style.face == Face::OpenDyslexic && faces_.dyslexic) face = faces_.dyslexic;
  if (style.face == Face::Sans && faces_.sans) face = faces_.sans;
  return chain(*face, style.language);
}

const FontChain& SceneRenderer::title_font(const Style& style) const {
  if (style.face == Face::Garamond && faces_.italic) return chain(*faces_.italic, style.language);
  return body_font(style);
}

sf::Text& SceneRenderer::next_text(const sf::Font& font) {
  if (texts_used_ == texts_.size()) texts_.emplace_back();
  sf::Text& t = texts_[texts_used_++];
  if (t.getFont() != &font) t.setFont(font);
  return t;
}

sf::FloatRect SceneRenderer::put_runs(sf::RenderTarget& target, const sf::String& s,
                                      const FontChain& font, unsigned size, sf::Vector2f at,
                                      sf::Color color) {
  auto put = [&](const sf::String& part, const sf::Font& face, sf::Vector2f where) {
    sf::Text& text = next_text(face);
    text.setString(part);
    text.setCharacterSize(size);
    text.setFillColor(color);
    text.setPosition(where);
    counted(target).draw(text);
    return text.getGlobalBounds();
  };
  font.runs(s, runs_);
  // One face (every row of English and French): one sf::Text, as the game always drew it.
  if (runs_.size() <= 1) return put(s, runs_.empty() ? font.primary() : *runs_[0].font, at);
  const std::vector<FontChain::Run> runs = runs_;  // text_width below reuses the scratch
  sf::FloatRect bounds;
  bool any = false;
  float x = at.x;
  for (const FontChain::Run& run : runs) {
    const sf::String part = s.substring(run.begin, run.end - run.begin);
    const sf::FloatRect b = put(part, *run.font, {std::round(x), at.y});
    x += text_width(part, size, font);
    if (b.width <= 0 && b.height <= 0) continue;  // spaces alone
    if (!any) {
      bounds = b;
      any = true;
      continue;
    }
    const float left = std::min(bounds.left, b.left), top = std::min(bounds.top, b.top);
    const float right = std::max(bounds.left + bounds.width, b.left + b.width);
    const float bottom = std::max(bounds.top + bounds.height, b.top + b.height);
    bounds = {left, top, right - left, bottom - top};
  }
  return bounds;
}

void SceneRenderer::put_text(sf::RenderTarget& target, const sf::String& s, const FontChain& font,
                             unsigned size, float centre_x, float y, sf::Color color,
                             float column) {
  if (color.a == 0) return;
  const float w = text_width(s, size, font);
  const sf::Vector2f at{std::round(centre_x - w / 2), std::round(y)};
  // A soft shadow under the letters keeps them legible over a bright window.
  put_runs(target, s, font, size, at + sf::Vector2f{1.5f, 2.f},
           sf::Color(0, 0, 0, static_cast<sf::Uint8>(color.a * 0.55f)));
  note_text(s, put_runs(target, s, font, size, at, color), column);
}

void SceneRenderer::note_text(const sf::String& s, const sf::FloatRect& b, float column) {
  if (!record_) return;
  const std::basic_string<sf::Uint8> utf8 = s.toUtf8();
  drawn_.push_back(
      {std::string(utf8.begin(), utf8.end()), {b.left, b.top, b.width, b.height}, column});
}

namespace {

// The lines' letter size before a long line is set smaller, and the height of a row at `size`:
// what draw_lines sets and newest_row_band measures.
unsigned line_text_size(const Style& style) {
  return static_cast<unsigned>(std::lround(30 * std::clamp(style.text_scale, 0.5f, 2.f)));
}
float line_row_height(unsigned size, const Style& style) {
  return static_cast<float>(size) * 1.32f * std::clamp(style.line_spacing, 1.f, 2.f);
}

}  // namespace

void SceneRenderer::draw_lines(sf::RenderTarget& target, const Stage& stage, const Style& style,
                               double time, float bottom, const Palette& palette) {
  const std::vector<Stage::ShownLine>& lines = stage.lines();
  if (lines.empty()) return;
  const FontChain& font = body_font(style);
  const float spacing = std::clamp(style.line_spacing, 1.f, 2.f);
  const float width = kW - 240;
  // The newest line is always shown whole: at the largest sizes and spacings a long line that
  // would reach past the top of the frame is set smaller until it fits.
  unsigned size = line_text_size(style);
  const float room = bottom - 24;
  while (size > 12 &&
         line_row_height(size, style) *
                 static_cast<float>(wrapped(lines.back().text, size, width, font).size()) >
             room) {
    size = size * 9 / 10;
  }
  const float row_h = line_row_height(size, style);
  const float gap = static_cast<float>(size) * 0.4f * spacing;
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
  // The caption band takes the foot of the frame: the lines may reach a little higher instead,
  // so that large text still shows more than the newest line.
  const float lift = style.captions ? caption_band_height(style.text_scale) : 0.f;
  const float top_limit = kH * 0.52f - lift * 0.5f;
  static constexpr float kAgeAlpha[kShownLines] = {1.f, 0.55f, 0.38f, 0.26f};
  // High contrast: older lines stay at 0.8 or more (white at 0.8 on black is 13:1).
  static constexpr float kContrastAlpha[kShownLines] = {1.f, 0.9f, 0.85f, 0.8f};
  for (size_t i = lines.size(); i-- > first;) {
    const size_t age = lines.size() - 1 - i;
    const std::vector<sf::String>& rows = wrapped(lines[i].text, size, width, font);
    const float h = row_h * static_cast<float>(rows.size());
    if (count > 0 && y - h < top_limit) break;
    y -= h;
    float alpha = style.high_contrast ? kContrastAlpha[age] : kAgeAlpha[age];
    if (age == 0 && !style.reduced_motion) {
      alpha *= static_cast<float>(std::clamp((time - lines[i].shown_at) / kLineFade, 0.0, 1.0));
    }
    placed[count++] = {&rows, y, alpha};
    y -= gap;
  }
  if (count == 0) return;

  const float block_top = placed[count - 1].y;
  overlay_.clear();
  if (style.high_contrast) {
    // A black band from above the first row to the foot of the frame, opaque once shown.
    float strongest = 0;
    for (size_t i = 0; i < count; ++i) strongest = std::max(strongest, placed[i].alpha);
    const sf::Color band{0, 0, 0,
                         static_cast<sf::Uint8>(std::lround(255 * std::min(1.f, strongest * 2)))};
    add_rect(overlay_, 0, block_top - 18, kW, kH - block_top + 18, band, band);
  } else {
    // A soft dark backing under the block, strongest where the text is.
    float strongest = 0;
    for (size_t i = 0; i < count; ++i) strongest = std::max(strongest, placed[i].alpha);
    const sf::Color dark{0, 0, 0, static_cast<sf::Uint8>(std::lround(140 * strongest))};
    add_rect(overlay_, 0, block_top - 90, kW, 100, sf::Color(0, 0, 0, 0), dark);
    add_rect(overlay_, 0, block_top + 10, kW, kH - block_top - 10, dark,
             sf::Color(0, 0, 0, static_cast<sf::Uint8>(std::lround(175 * strongest))));
  }
  counted(target).draw(overlay_.data(), overlay_.size(), sf::Triangles);

  const sf::Color ink = style.high_contrast ? sf::Color::White : palette.text;
  for (size_t i = 0; i < count; ++i) {
    float ry = placed[i].y;
    for (const sf::String& row : *placed[i].rows) {
      put_text(target, row, font, size, kW / 2, ry, with_alpha(ink, placed[i].alpha), width);
      ry += row_h;
    }
  }
}

void SceneRenderer::draw_ending(sf::RenderTarget& target, const Stage& stage, const Style& style,
                                double time, const Palette& palette) {
  const float scale = std::clamp(style.text_scale, 0.5f, 2.f);
  const bool moving = !style.reduced_motion;
  const double since = time - stage.scene_entered_at();
  const FontChain& heading = title_font(style);
  const FontChain& font = body_font(style);
  const float spacing = std::clamp(style.line_spacing, 1.f, 2.f);
  const unsigned title_size = static_cast<unsigned>(std::lround(54 * scale));
  float y = 150;
  if (!stage.ending_title().empty()) {
    const float a = moving ? static_cast<float>(std::clamp((since - 0.5) / 1.5, 0.0, 1.0)) : 1.f;
    for (const sf::String& row : wrapped(stage.ending_title(), title_size, kW - 240, heading)) {
      put_text(target, row, heading, title_size, kW / 2, y, with_alpha(palette.text, a), kW - 240);
      y += static_cast<float>(title_size) * 1.2f;
    }
  }
  y += 40;
  const unsigned size = static_cast<unsigned>(std::lround(28 * scale));
  const float row_h = static_cast<float>(size) * 1.3f * spacing;
  // As many of the latest lines as fit below the title (and above the caption band), older ones
  // dimmer.
  const float lowest = kH - 40 - (style.captions ? caption_band_height(style.text_scale) : 0.f);
  const std::vector<Stage::ShownLine>& lines = stage.lines();
  size_t first = lines.size();
  float needed = 0;
  while (first > 0) {
    const float h =
        row_h * static_cast<float>(wrapped(lines[first - 1].text, size, kW - 320, font).size()) +
        static_cast<float>(size) * 0.5f;
    if (y + needed + h > lowest) break;
    needed += h;
    --first;
  }
  for (size_t i = first; i < lines.size(); ++i) {
    float a = moving
                  ? static_cast<float>(std::clamp((time - lines[i].shown_at) / kLineFade, 0.0, 1.0))
                  : 1.f;
    if (i + 1 < lines.size()) a *= 0.7f;
    for (const sf::String& row : wrapped(lines[i].text, size, kW - 320, font)) {
      put_text(target, row, font, size, kW / 2, y, with_alpha(palette.text, a), kW - 320);
      y += row_h;
    }
    y += static_cast<float>(size) * 0.5f;
  }
}

std::string SceneRenderer::hint_text(const story::Runtime& runtime, const Style& style) const {
  const story::Moment* moment = runtime.moment();
  const story::Story& story = runtime.story();
  const story::SceneId sid = runtime.state().scene;
  if (!moment || sid < 0) return "";
  const story::Scene& scene = story.scene(sid);
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
  wording.words = style.words;
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
  std::string all;
  for (const std::string& h : hints) all += (all.empty() ? "" : "   \xC2\xB7   ") + h;
  return all;
}

unsigned SceneRenderer::hint_size(const Style& style) {
  return static_cast<unsigned>(std::lround(22 * std::clamp(style.text_scale, 0.5f, 2.f)));
}

size_t SceneRenderer::hint_rows(const std::string& hint, const Style& style) {
  if (hint.empty()) return 0;
  return wrapped(hint, hint_size(style), kW - 160, title_font(style)).size();
}

void SceneRenderer::draw_hints(sf::RenderTarget& target, const std::string& hint,
                               const Style& style, float lift) {
  if (hint.empty()) return;
  const unsigned size = hint_size(style);
  const FontChain& font = title_font(style);
  const std::vector<sf::String>& rows = wrapped(hint, size, kW - 160, font);
  float y = kH - 40 - lift - static_cast<float>(size) * 1.3f * static_cast<float>(rows.size() - 1);
  for (const sf::String& row : rows) {
    put_text(target, row, font, size, kW / 2, y,
             style.high_contrast ? sf::Color::White : sf::Color(226, 220, 208, 235), kW - 160);
    y += static_cast<float>(size) * 1.3f;
  }
}

namespace {

constexpr float kCaptionRow = 1.3f;  // a caption row's height, in text sizes
constexpr float kCaptionPad = 10;    // above and below the rows, times the text scale

unsigned caption_size(float text_scale) {
  return static_cast<unsigned>(std::lround(kCaptionTextSize * std::clamp(text_scale, 0.5f, 2.f)));
}

}  // namespace

float lines_bottom(const Style& style, bool hints) {
  // With captions on, their band keeps the foot of the frame and the words stand above it.
  const float lift = style.captions ? caption_band_height(style.text_scale) : 0.f;
  float bottom = kH - 52 - lift;
  if (hints) bottom -= 30 * style.text_scale;
  return bottom;
}

story::Rect newest_row_band(const Style& style, bool hints) {
  const float bottom = lines_bottom(style, hints);
  const float row_h = line_row_height(line_text_size(style), style);
  return {120, bottom - row_h, kW - 240, row_h};
}

float caption_band_height(float text_scale) {
  const float scale = std::clamp(text_scale, 0.5f, 2.f);
  return static_cast<float>(story::kShownCaptions) * static_cast<float>(caption_size(scale)) *
             kCaptionRow +
         2 * kCaptionPad * scale;
}

// The captions on their band: the newest at the bottom, at most kShownCaptions rows (a caption
// too long for one row takes two, and then is the only one), each with an arrow on the side its
// sound is (story::CaptionSide), beside the words.
void SceneRenderer::draw_captions(sf::RenderTarget& target, const Stage& stage,
                                  const Style& style) {
  if (stage.captions.empty()) return;
  const float scale = std::clamp(style.text_scale, 0.5f, 2.f);
  const unsigned size = caption_size(scale);
  const float row_h = static_cast<float>(size) * kCaptionRow;
  const FontChain& font = body_font(style);
  const float arrow_w = static_cast<float>(size) * 0.9f;
  const float width = kW - 160 - 2 * arrow_w;
  struct Row {
    sf::String text;  // a copy: a later wrapped() may clear the cache
    story::CaptionSide side;
  };
  std::vector<Row> rows;  // bottom up
  for (size_t i = stage.captions.size(); i-- > 0;) {
    const story::Caption& c = stage.captions[i];
    const std::vector<sf::String>& wrapped_rows = wrapped(c.text, size, width, font);
    if (wrapped_rows.empty()) continue;
    if (!rows.empty() && rows.size() + wrapped_rows.size() > story::kShownCaptions) break;
    for (size_t r = wrapped_rows.size(); r-- > 0 && rows.size() < story::kShownCaptions;) {
      // The arrow goes on the caption's first row.
      rows.push_back({wrapped_rows[r], r == 0 ? c.side : story::CaptionSide::Centre});
    }
  }
  if (rows.empty()) return;
  const float band_h = caption_band_height(scale);
  const float top = kH - band_h;
  overlay_.clear();
  const sf::Color band(0, 0, 0, kCaptionBandAlpha);
  add_rect(overlay_, 0, top, kW, band_h, band, band);
  const sf::Color ink(246, 242, 232);
  // Rows sit at the foot of the band, the newest lowest.
  float y = kH - kCaptionPad * scale - row_h;
  std::vector<std::pair<const sf::String*, float>> texts;  // into rows
  for (const Row& row : rows) {
    const float w = text_width(row.text, size, font);
    const float mid = y + row_h * 0.5f;
    const float h = static_cast<float>(size) * 0.32f;  // the arrow's half height
    if (row.side == story::CaptionSide::Left) {
      const float tip = kW / 2 - w / 2 - arrow_w * 1.45f;
      add_triangle(overlay_, {tip, mid}, {tip + h * 1.6f, mid - h}, {tip + h * 1.6f, mid + h}, ink,
                   ink, ink);
      add_line(overlay_, {tip + h * 1.2f, mid}, {tip + arrow_w, mid}, h * 0.5f, ink);
    } else if (row.side == story::CaptionSide::Right) {
      const float tip = kW / 2 + w / 2 + arrow_w * 1.45f;
      add_triangle(overlay_, {tip, mid}, {tip - h * 1.6f, mid - h}, {tip - h * 1.6f, mid + h}, ink,
                   ink, ink);
      add_line(overlay_, {tip - h * 1.2f, mid}, {tip - arrow_w, mid}, h * 0.5f, ink);
    }
    texts.emplace_back(&row.text, y + (row_h - static_cast<float>(size) * 1.12f) * 0.5f);
    y -= row_h;
  }
  counted(target).draw(overlay_.data(), overlay_.size(), sf::Triangles);
  overlay_.clear();
  for (const auto& [text, ty] : texts) {
    const float w = text_width(*text, size, font);
    const sf::FloatRect b =
        put_runs(target, *text, font, size, {std::round(kW / 2 - w / 2), std::round(ty)}, ink);
    note_text(*text, b, width);
  }
}

}  // namespace threshold::render
