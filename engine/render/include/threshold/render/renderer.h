// Drawing a story's state with SFML: the scene's visual (shapes, light, motion, drift, vignette,
// palettes by time of day), the things answering to attention, and the text layer (lines fading
// in a line at a time, in EB Garamond, and in fallback faces for the scripts it lacks). Observes
// the runtime; never changes it. Used by the game loop (game/) and by `threshold render`, so both
// draw through the same code path.
#pragma once

#include <SFML/Graphics/RenderTarget.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "threshold/story/captions.h"
#include "threshold/story/runtime.h"
#include "threshold/story/wording.h"

namespace threshold::render {

// The faces the text can be set in: the game's serif, a face made for dyslexic readers
// (Debian fonts-opendyslexic), a plain sans (fonts-dejavu-core).
enum class Face : uint8_t { Garamond, OpenDyslexic, Sans };

// How the player asked for things to look (from the settings).
struct Style {
  float text_scale = 1.0f;      // 0.75 .. 2
  bool reduced_motion = false;  // no drift, no fades, motion frozen
  bool hints = false;           // name the gestures on offer in words
  bool untimed = false;         // hints speak of the untimed twins ("press to start holding")
  Face face = Face::Garamond;   // the story's lines, hints, the ending and the menus
  float line_spacing = 1.0f;    // 1 .. 2: rows and lines this many times their usual distance
  // The lines on a black band at full strength, white (21:1; older lines no dimmer than 13:1).
  bool high_contrast = false;
  // Captions for the sounds (Stage::captions): a dark band at the foot of the frame, its space
  // kept while the setting is on so that the lines above it never jump.
  bool captions = false;
  // The game's words around the hints (Stay silent, the untimed keys), in the player's language;
  // null: English. Outlives the frame it is drawn with.
  const story::GestureWords* words = nullptr;
  // The language the text is in ("fr", "ja"; empty: English): where its rows may break, and the
  // fonts it is set in first (locale_fonts: the story's fonts/<language>/).
  std::string language;
};

// The caption band (Xbox Accessibility Guideline 104's letterboxed style): at the foot of the
// 1280×720 frame, up to story::kShownCaptions rows of kCaptionTextSize × text scale on a band
// of kCaptionBandAlpha black; the story's lines and hints stand above it.
constexpr float kCaptionTextSize = 32;
constexpr unsigned char kCaptionBandAlpha = 224;
float caption_band_height(float text_scale);

// Where the lines stand: the foot of the newest line's last row (frame units), above the caption
// band and the hints when they show.
float lines_bottom(const Style& style, bool hints);
// The band of the newest line's last row, as wide as a line may be: what the accessibility check
// measures the text's contrast against (game/text_contrast.h).
story::Rect newest_row_band(const Style& style, bool hints);

// The text the player sees, kept from the runtime's events: lines appear one at a time, fade
// in, and linger; a scene change clears them (after a fade); an ending shows its title, epilogue
// and reflection. Feed it every event, in order.
class Stage {
 public:
  struct ShownLine {
    std::string text;
    double shown_at = 0;  // runtime time
  };
  void observe(const story::Story& story, const story::Event& event);
  void clear();
  const std::vector<ShownLine>& lines() const { return lines_; }
  double scene_entered_at() const { return scene_entered_at_; }
  story::SceneId scene() const { return scene_; }
  story::EndingId ending() const { return ending_; }
  const std::string& ending_title() const { return ending_title_; }
  // The captions showing now (story::CaptionTrack::showing), set by whoever follows the sound;
  // drawn when Style::captions is on. clear() leaves them.
  std::vector<story::Caption> captions;

 private:
  std::vector<ShownLine> lines_;
  double scene_entered_at_ = 0;
  story::SceneId scene_ = story::kNone;
  story::EndingId ending_ = story::kNone;
  std::string ending_title_;
};

// What the player attends to right now, for the light that answers them (the game computes it
// from the pointer and keyboard focus; `render` fakes none).
struct Attention {
  story::ThingId focus = story::kNone;  // hovered or keyboard-focused thing
  story::ThingId pressed = story::kNone;
  double progress = 0;  // 0..1 of the longest hold/look/push/pull in progress
  // Frame pixels the press has moved (story::Runtime::drag_now: + away, up): the pressed thing
  // follows the hand a little (at most kFollowPixels) and settles back when let go.
  double drag = 0;
};
constexpr float kFollowPixels = 30;

// While a moment is open and the player is silent (no press, no look, no turning away), the
// world shows time passing: the light drifts toward the next time of day, the shadows deepen and
// the vignette closes a little. This is how far it has gone: 0 when the silence begins (and
// whenever the player acts), rising monotonically to 1 after kSilenceDriftSeconds. It moves in
// kSilenceDriftSteps steps, so a silent frame changes a few times a second at most and the loop
// can leave it alone in between. It is not motion: reduced motion keeps it.
constexpr double kSilenceDriftSeconds = 20;
constexpr int kSilenceDriftSteps = 24;
float silence_drift(const story::Runtime& runtime, double time);

// When a moment opens, the things on offer answer once with a breath of light: a soft rise and
// fall of the attention light over story::kBreathSeconds (the runtime's silence clock starts
// when it is over). This is how bright it is at `time`, 0..1: sin(pi k) over the breath, or with
// reduced motion a still step — kBreathStep for the whole breath, then nothing. 0 outside an
// open moment's breath (a moment reopened by a `stay` gesture, a resumed save, a rewind do not
// breathe again). Never a label.
constexpr float kBreathStep = 0.6f;
float opening_breath(const story::Runtime& runtime, double time, bool reduced_motion);

class Renderer {
 public:
  // Finds and loads the fonts (EB Garamond, else DejaVu Serif), in the story's font folders
  // first (story::Story::font_folders; fonts.h). Returns nothing and sets `error` ("no font
  // found: install fonts-ebgaramond (looked in …)") when neither is there.
  static std::unique_ptr<Renderer> create(const std::vector<std::string>& font_folders,
                                          std::string* error);
  virtual ~Renderer() = default;

  // Draws one frame of the runtime's current scene at runtime time `time` into `target`, whose
  // view is the 1280×720 frame (the caller letterboxes). Deterministic for equal inputs.
  virtual void draw(sf::RenderTarget& target, const story::Runtime& runtime, const Stage& stage,
                    const Attention& attention, const Style& style, double time) = 0;

  // A value that changes exactly when what draw() would show changes by itself with `time`
  // (the drift's whole-pixel shift in a frame `frame_width` pixels wide, a motion's frame, the
  // silence's step, the attended thing's pulse), fades and holds aside. The game loop redraws
  // a scene that only drifts when this changes, instead of every frame.
  virtual uint64_t ambient_key(const story::Runtime& runtime, const Attention& attention,
                               const Style& style, double time, unsigned frame_width) const = 0;

  // Where, in the pixels of a target of `target_size`, the frame draw() would draw at `time`
  // differs from the last one it drew, when only the scene's motion differs (steam risen, rain
  // fallen, a flicker): the bounds of each motion whose frame changed, where it was and where
  // it goes. Empty (zero size) when nothing would differ; nothing when more than the motion
  // would (the drift's step, a `when:`, the silence, attention, the stage's lines or captions,
  // a fade, the hints, another scene, another size), or when the last frame is not known. Drawing
  // the frame again with everything outside the area clipped away then gives the same pixels as
  // drawing it whole.
  virtual std::optional<sf::IntRect> motion_area(const story::Runtime& runtime, const Stage& stage,
                                                 const Attention& attention, const Style& style,
                                                 double time, sf::Vector2u target_size) = 0;

  // Text drawn over everything, centred (title screen, pause menu, settings, notices).
  struct MenuItem {
    std::string label;
    bool selected = false;
  };
  virtual void draw_menu(sf::RenderTarget& target, const std::string& title,
                         const std::vector<MenuItem>& items, const std::string& footnote,
                         const Style& style) = 0;

  // The rows `text` wraps to at `size` px in a column `width` wide, in the style's face, as
  // draw_menu wraps it (for the menus' layout, game/menus.cpp).
  virtual size_t text_rows(const std::string& text, unsigned size, float width,
                           const Style& style) = 0;

  // Whether `face` was found and loaded (else the text falls back to the serif).
  virtual bool has_face(Face face) const = 0;

  // The frame area of a thing for the pointer: its `area:` or the bounds of its shapes.
  virtual story::Rect thing_area(const story::Scene& scene, story::ThingId thing) const = 0;

  // The draw calls (sf::RenderTarget::draw) the last frame issued, for the debug overlay's
  // Performance panel: a frame begins with draw(), or with draw_menu() when no draw() came since
  // the last draw_menu() (the title screen); a menu over the scene counts with it. Includes the
  // calls that refill the static picture's off-screen cache (a scene's first frame, a resize).
  virtual int last_draw_calls() const = 0;

  // The rows of text the last frame drew (a frame as last_draw_calls counts it), each with the
  // bounds of its letters in the frame and the width of the column it was wrapped to. Kept only
  // after record_text(true): what the layout tests hold against the frame (no row outside it or
  // wider than its column, none over another).
  struct DrawnRow {
    std::string text;
    story::Rect at;
    float column = 0;
  };
  virtual void record_text(bool on) = 0;
  virtual const std::vector<DrawnRow>& last_text() const = 0;

  // Files that changed on disk (live reload: StoryWatcher::changed()): images among them are
  // read again when next drawn, instead of the copy this renderer keeps.
  virtual void forget_files(const std::vector<std::string>& paths) = 0;
};

}  // namespace threshold::render
