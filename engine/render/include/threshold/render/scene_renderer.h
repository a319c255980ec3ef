// The Renderer behind Renderer::create: SFML drawing of a scene's visual, the light answering
// attention, motion, drift, vignette, fades and the text layer. Only renderer.h is public; this
// header exists so the pieces (static scene geometry, motion, text) read as separate parts.
#pragma once

#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/Text.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "threshold/render/font_chain.h"
#include "threshold/render/line_breaks.h"
#include "threshold/render/mesh.h"
#include "threshold/render/palette.h"
#include "threshold/render/renderer.h"

namespace threshold::render {

// The darkness laid over a frame: the vignette (`vignette`, closing further as a hold goes on,
// `progress`) and a silence's cast and longer shadows (`silent`: silence_drift, toward the next
// time of day after `time_of_day`). It is the same at every pixel of the frame while nothing
// changes but the motion, so the static picture's cache holds it already (drawn into it at
// rest); what is drawn over the cache (motion, attention light) then goes through it per vertex
// (shaded()): a colour blended over the darkened picture is drawn darkened the same way, one
// added to it only through the multiplications, which gives the same pixel as drawing the
// darkness over both.
struct Shade {
  float vignette = 0;
  float progress = 0;
  float silent = 0;
  story::TimeOfDay time_of_day = story::TimeOfDay::Night;
  friend bool operator==(const Shade&, const Shade&) = default;
};

class SceneRenderer final : public Renderer {
 public:
  // The faces, loaded from `library`: `regular` is there, `italic`, `dyslexic` and `sans` may be
  // null (not installed). `fallbacks` stand in for them glyph by glyph (FontSearch::fallbacks);
  // `font_folders` are the story's, where a language's own fonts are (locale_fonts).
  struct Faces {
    const FontFile* regular = nullptr;
    const FontFile* italic = nullptr;
    const FontFile* dyslexic = nullptr;
    const FontFile* sans = nullptr;
  };
  SceneRenderer(std::unique_ptr<FontLibrary> library, Faces faces,
                std::vector<std::string> fallbacks, std::vector<std::string> font_folders);

  void draw(sf::RenderTarget& target, const story::Runtime& runtime, const Stage& stage,
            const Attention& attention, const Style& style, double time) override;
  void draw_menu(sf::RenderTarget& target, const std::string& title,
                 const std::vector<MenuItem>& items, const std::string& footnote,
                 const Style& style) override;
  bool has_face(Face face) const override;
  size_t text_rows(const std::string& text, unsigned size, float width,
                   const Style& style) override {
    return wrapped(text, size, width, body_font(style)).size();
  }
  story::Rect thing_area(const story::Scene& scene, story::ThingId thing) const override;
  uint64_t ambient_key(const story::Runtime& runtime, const Attention& attention,
                       const Style& style, double time, unsigned frame_width) const override;
  std::optional<sf::IntRect> motion_area(const story::Runtime& runtime, const Stage& stage,
                                         const Attention& attention, const Style& style,
                                         double time, sf::Vector2u target_size) override;
  int last_draw_calls() const override { return draw_calls_; }
  void record_text(bool on) override {
    record_ = on;
    drawn_.clear();
  }
  const std::vector<DrawnRow>& last_text() const override { return drawn_; }
  void forget_files(const std::vector<std::string>& paths) override;

 private:
  // What never changes while a scene is shown, built once per scene: the backdrop, shadows and
  // shapes (alpha-blended, split where an image needs its texture), the light and glow
  // (additive), and each thing's shapes and outline for the light that answers attention.
  struct Batch {
    size_t begin = 0, end = 0;
    const sf::Texture* texture = nullptr;
  };
  struct SceneGeometry {
    const story::Scene* scene = nullptr;
    uint64_t fingerprint = 0;
    Vertices base;
    std::vector<Batch> batches;
    Vertices light;
    std::vector<Vertices> thing_shapes;                  // white, per ThingId
    std::vector<std::vector<sf::Vector2f>> thing_hulls;  // convex outline per ThingId
    // Where each thing's shapes lie in `base` (begin, end), so a pressed thing can be moved.
    std::vector<std::vector<std::pair<size_t, size_t>>> thing_ranges;
  };

  // What the frame at `time` shows, as a hash: with `motion`, everything that changes it by
  // itself with time (ambient_key); without, everything but the motion's frames, the drift's
  // step always included (a new value: more than the motion would change).
  uint64_t frame_key(const story::Runtime& runtime, const Attention& attention, const Style& style,
                     double time, unsigned frame_width, bool motion) const;
  // What of the stage and the runtime the words show (lines, captions, hints, the ending), as
  // a hash; nothing while the newest line or the scene is still fading in (it changes by
  // itself with time).
  static std::optional<uint64_t> words_key(const story::Runtime& runtime, const Stage& stage,
                                           const Style& style, double time);
  // The target pixels the vertices [begin, end) of `v` cover under `view` in a target of `size`.
  static sf::IntRect pixel_bounds(const Vertices& v, size_t begin, size_t end, const sf::View& view,
                                  sf::Vector2u size);
  void build_geometry(const story::Scene& scene, uint64_t fingerprint);
  // The `when:` of the scene's layers, motion and light variants against the story's state now:
  // each fades in or out over kWhenFade seconds when its condition changes (at once under
  // reduced motion). Sets shown_layers_, shown_motion_ and light_. `entered_at`: when the scene
  // began (the stage's), so that a new visit starts from what holds then, without fading.
  void update_conditions(const story::Scene& scene, double entered_at, const story::Env& env,
                         double time, bool fade);
  float layer_shown(size_t i) const { return i < shown_layers_.size() ? shown_layers_[i] : 1.f; }
  float motion_shown(size_t i) const { return i < shown_motion_.size() ? shown_motion_[i] : 1.f; }
  // Draws the static geometry (backdrop, shadows, shapes, light, glow) into `target`.
  void draw_static(sf::RenderTarget& target) const;
  // The same with `thing`'s shapes moved down by `dy` frame units (up when negative): a push or
  // pull in progress. Drawn straight, not from the cache, only while a thing is moved.
  void draw_static_displaced(sf::RenderTarget& target, story::ThingId thing, float dy);
  // How far (frame units, + away/up) the pressed thing follows the hand now: a third of the
  // drag, at most kFollowPixels; once let go it eases back over kSettleSeconds (at once under
  // reduced motion). Sets follow_thing_ and follow_offset_.
  float update_follow(const Attention& attention, bool moving, double time);
  // The static geometry drawn once into an off-screen texture, exactly as `view` shows it in a
  // frame of width×height pixels plus `margin` pixels all round (room for the drift), so a
  // frame costs one pixel-for-pixel copy. False when no such texture can be made.
  bool refresh_cache(const sf::View& view, unsigned width, unsigned height, unsigned margin);
  // The cache with the darkness `shade` over it (the frame at rest in the middle of the margin,
  // the darkness reaching into the margin), in a second texture kept while the cache and the
  // darkness stay: a drift's step then costs one copy of it. Null when it cannot be made.
  const sf::Texture* shaded_cache(const Shade& shade);
  // Appends the scene's motion at `t` to alpha_ and additive_, and where each motion's vertices
  // went to motion_spans_.
  void add_motion(const story::Scene& scene, float t);
  // `breath` (opening_breath) lights every thing on offer in `offered`.
  void add_attention(const Attention& attention, float pulse, float breath,
                     const std::vector<story::ThingId>& offered);
  // The darkness over the frame (Shade), in frame units, reaching `bleed` units past its edges:
  // time passing in a silence (the light's cast moves toward the next time of day and the lower
  // frame darkens as shadows lengthen), then the vignette. Over the scene, under the text.
  void draw_shade(sf::RenderTarget& target, const Shade& shade, float bleed);
  void draw_lines(sf::RenderTarget& target, const Stage& stage, const Style& style, double time,
                  float bottom, const Palette& palette);
  void draw_ending(sf::RenderTarget& target, const Stage& stage, const Style& style, double time,
                   const Palette& palette);
  // `lift`: frame units the hints stand above their place at the foot (the caption band).
  // The gestures on offer in words, joined ("" outside a moment), their rows and letter size.
  std::string hint_text(const story::Runtime& runtime, const Style& style) const;
  static unsigned hint_size(const Style& style);
  size_t hint_rows(const std::string& hint, const Style& style);
  void draw_hints(sf::RenderTarget& target, const std::string& hint, const Style& style,
                  float lift);
  void draw_captions(sf::RenderTarget& target, const Stage& stage, const Style& style);
  const sf::Texture* texture(const std::string& path);
  // Every draw call goes through this, so the frame's count (last_draw_calls) stays honest.
  sf::RenderTarget& counted(sf::RenderTarget& target) const {
    ++draw_calls_;
    return target;
  }

  // Text, reusing sf::Text objects (their glyph geometry is rebuilt only when the string
  // changes) and wrapped layouts.
  const std::vector<sf::String>& wrapped(const std::string& text, unsigned size, float width,
                                         const FontChain& font);
  sf::Text& next_text(const sf::Font& font);
  // The layouts wrapped() keeps are emptied only here, before a frame's text: a frame holds on
  // to the rows it was given until it is drawn (a clear mid-frame would leave them dangling).
  void forget_old_layouts() {
    if (wrap_cache_.size() > 512) wrap_cache_.clear();
  }
  float text_width(const sf::String& s, unsigned size, const FontChain& font) const;
  // The face the style asks for, or the serif when it is not installed; the italic for titles
  // only goes with the serif. Each with the language's fonts before it and the fallbacks after.
  const FontChain& body_font(const Style& style) const;
  const FontChain& title_font(const Style& style) const;
  const FontChain& chain(const FontFile& face, const std::string& language) const;
  // A row centred on `centre_x`, wrapped to `column` (recorded with it: last_text()).
  void put_text(sf::RenderTarget& target, const sf::String& s, const FontChain& font, unsigned size,
                float centre_x, float y, sf::Color color, float column);
  // A row set at `at` (its top left), a run of sf::Text for each face it takes; its bounds.
  sf::FloatRect put_runs(sf::RenderTarget& target, const sf::String& s, const FontChain& font,
                         unsigned size, sf::Vector2f at, sf::Color color);
  // Recorded, when record_text is on.
  void note_text(const sf::String& s, const sf::FloatRect& bounds, float column);
  // A frame begins: its draw calls and rows of text are counted from here.
  void begin_frame() {
    draw_calls_ = 0;
    drawn_.clear();
  }

  // One `when:`: whether it holds, and since when (a fade's progress is measured from it).
  struct Fade {
    bool on = true;
    double since = -1e9;
    float shown(double time, bool fade) const;
  };
  struct Conditions {
    const story::Scene* scene = nullptr;
    std::vector<Fade> layers, motion, lights;
    double entered_at = 0;
    double last_time = 0;
  };
  Conditions conditions_;
  std::vector<float> shown_layers_, shown_motion_;  // 0..1 per layer / motion entry
  story::Light light_;   // the light as drawn: the scene's, or its variants blended by their fades
  bool fading_ = false;  // some condition is part-way through its fade
  story::ThingId follow_thing_ = story::kNone;  // the thing following the hand, or settling
  float follow_offset_ = 0;                     // how far it is moved now (+ up)
  float settle_from_ = 0;                       // where its settling began
  double settle_since_ = -1;                    // when it was let go (-1: still pressed)
  Vertices displaced_;                          // the base geometry with that thing moved

  std::unique_ptr<FontLibrary> fonts_;
  Faces faces_;
  std::vector<std::string> fallbacks_, font_folders_;
  // Per face and language (the language's fonts differ), made when first asked for.
  mutable std::map<std::pair<const FontFile*, std::string>, std::unique_ptr<FontChain>> chains_;
  mutable std::vector<FontChain::Run> runs_;  // scratch, per row
  LineBreaker breaker_;
  SceneGeometry geometry_;
  std::unique_ptr<sf::RenderTexture> cache_;
  sf::Vector2f cache_view_size_;
  sf::Vector2u cache_frame_size_;
  unsigned cache_margin_ = 0;
  uint64_t cache_generation_ = 0;  // counts the times the cache was drawn
  std::unique_ptr<sf::RenderTexture> shaded_;
  uint64_t shaded_generation_ = 0;  // the cache's generation it was drawn from (0: none)
  Shade shaded_shade_;
  bool cache_valid_ = false;
  bool cache_failed_ = false;
  std::map<std::string, std::unique_ptr<sf::Texture>> textures_;  // null: failed to load
  Vertices alpha_, additive_, overlay_;                           // per frame, reused
  struct MotionSpan {
    size_t alpha_begin = 0, alpha_end = 0, additive_begin = 0, additive_end = 0;
  };
  std::vector<MotionSpan> motion_spans_;  // per motion entry, of the last add_motion
  // The last frame draw() drew, for motion_area: its still key (frame_key without motion), the
  // view the motion was drawn with, the target's size, and each motion's frame and pixels.
  struct Drawn {
    bool known = false;
    const story::Scene* scene = nullptr;
    uint64_t still_key = 0;
    uint64_t stage_key = 0;
    sf::View view;
    sf::Vector2u target_size;
    std::vector<int64_t> frames;
    std::vector<sf::IntRect> areas;
  };
  Drawn last_frame_;
  std::vector<sf::Vector2f> scratch_;
  std::vector<sf::Text> texts_;
  size_t texts_used_ = 0;
  std::unordered_map<std::string, std::vector<sf::String>> wrap_cache_;
  mutable int draw_calls_ = 0;  // this frame's, so far (mutable: draw_static is const)
  bool record_ = false;         // keep the rows of text drawn (record_text)
  std::vector<DrawnRow> drawn_;
  bool menu_only_ = false;  // the last call was draw_menu(): the next one begins a frame
};

}  // namespace threshold::render
