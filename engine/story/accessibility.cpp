// The accessibility check. See accessibility.h.
#include "threshold/story/accessibility.h"

#include <cmath>
#include <set>
#include <tuple>
#include <vector>

#include "threshold/story/wording.h"

namespace threshold::story {

std::string seconds_text(double s) {
  const double tenths = std::round(s * 10) / 10;
  std::string t = std::to_string(tenths);
  t.erase(t.find_last_not_of('0') + 1);
  if (!t.empty() && t.back() == '.') t.pop_back();
  return t + " s";
}

namespace {

// A shape's outline and place: what stays when only its colour changes.
bool same_outline(const Shape& a, const Shape& b) {
  return a.kind == b.kind && a.points == b.points && a.image.str() == b.image.str() &&
         (a.kind != Shape::Kind::Line || a.width == b.width);
}

bool same_look(const Shape& a, const Shape& b) {
  return a.color == b.color && a.to == b.to && a.glow == b.glow;
}

std::string condition_text(const Visual& v, const Shape& s) {
  const Expr* e = v.condition(s);
  return e ? e->source() : std::string();
}

// "line 9" in the same file as `from`, else "places/hallway.yaml:9".
std::string where_text(const Sources& sources, SourcePos at, SourcePos from) {
  if (at.file == from.file) return "line " + std::to_string(at.line);
  if (at.file < 0 || static_cast<size_t>(at.file) >= sources.size()) {
    return "line " + std::to_string(at.line);
  }
  return sources.path(static_cast<int32_t>(at.file)) + ":" + std::to_string(at.line);
}

// A condition and its negation are one state: "not (x)" and "not x" are read as "x".
std::string state_of(std::string when) {
  if (when.rfind("not (", 0) == 0 && when.back() == ')') return when.substr(5, when.size() - 6);
  if (when.rfind("not ", 0) == 0) return when.substr(4);
  return when;
}

// T0614: a layer with a `when:` drawn where another layer of the same picture has the same
// outline (always, or under another `when:`), differing only in colour, glow or gradient, when
// nothing else in the picture shows that state by a shape (a layer under the same `when:`, or
// its negation, that no other layer shares an outline with): the state shows in colour alone.
// Each layer once, though a place's layers are in every scene at the place.
size_t check_colour_alone(const Story& story, Diagnostics& diags) {
  size_t found = 0;
  std::set<std::tuple<int64_t, int32_t, int32_t>> reported;
  for (const Scene& scene : story.scenes) {
    const Visual& v = scene.visual;
    // The layer each conditional layer recolours (or none), and the states shown by a shape.
    std::vector<const Shape*> twin(v.layers.size(), nullptr);
    std::set<std::string> shaped;
    for (size_t i = 0; i < v.layers.size(); ++i) {
      const Shape& a = v.layers[i];
      if (v.condition(a) == nullptr) continue;
      const std::string when = condition_text(v, a);
      for (size_t j = 0; j < v.layers.size() && twin[i] == nullptr; ++j) {
        const Shape& b = v.layers[j];
        if (j == i || !same_outline(a, b)) continue;
        if (condition_text(v, b) == when) continue;  // drawn together: no change of state
        if (!same_look(a, b)) twin[i] = &b;
      }
      if (twin[i] == nullptr) shaped.insert(state_of(when));
    }
    for (size_t i = 0; i < v.layers.size(); ++i) {
      const Shape& a = v.layers[i];
      if (twin[i] == nullptr) continue;
      const std::string when = condition_text(v, a);
      if (shaped.count(state_of(when)) != 0) continue;
      if (!reported.insert({a.at.file, a.at.line, a.at.column}).second) continue;
      ++found;
      diags.warning(story.sources, a.at,
                    "this layer, drawn while '" + when + "', has the outline of the layer at " +
                        where_text(story.sources, twin[i]->at, a.at) +
                        " and changes only its colour, and nothing else in the picture shows "
                        "that state: a player who cannot tell the colours apart does not see "
                        "the change",
                    Code::ColourAloneState);
    }
  }
  return found;
}

}  // namespace

AccessibilityReport check_accessibility(const Story& story, Diagnostics& diags) {
  AccessibilityReport r;
  for (const Diagnostic& d : diags.items()) r.uncaptioned += d.code == Code::UncaptionedCue ? 1 : 0;
  for (const Scene& scene : story.scenes) {
    for (const Beat& beat : scene.beats) {
      if (!beat.moment) continue;
      double reading = 0;
      for (const Line& l : beat.lines) {
        reading += slowest_reading(l);
      }
      for (const Gesture& g : beat.moment->gestures) {
        if (g.kind != GestureKind::Wait || g.seconds >= reading) continue;
        ++r.short_waits;
        diags.warning(story.sources, g.at,
                      "this wait of " + seconds_text(g.seconds) + " is shorter than its beat's " +
                          "lines take to read at the slowest text speed (" + seconds_text(reading) +
                          "): a slow reader may still be reading when the silence chooses",
                      Code::WaitBeforeReading);
      }
    }
  }
  r.colour_alone = check_colour_alone(story, diags);
  auto tag = [&](std::string name, bool claimed, std::string why) {
    r.tags.push_back({std::move(name), claimed, std::move(why)});
  };
  // What the engine decides, whatever the story.
  tag("Playable With Keyboard Only", true, "every gesture, menu and screen has its keys");
  tag("Playable With Mouse Only", true,
      "every gesture has its pointer form; untimed, a click on "
      "nothing waits");
  tag("Playable Without Button Holds", true,
      "Untimed gestures: every hold, push and pull is press to start, press to stop");
  tag("Playable Without Rapid Button Presses", true, "nothing is pressed quickly or repeatedly");
  tag("Narrated Menus", true, "Speech reads every menu and setting as it is highlighted");
  tag("Large Text", true, "text size to 200 %; a long line is set smaller until it fits whole");
  tag("Clear Text", true,
      "high-contrast text at 21:1, DejaVu Sans or OpenDyslexic, spacing to 200 %");
  tag("Camera Comfort", true, "reduced motion: no drift, no fades");
  tag("Save Anytime", true, "Save and quit keeps the place mid-scene");
  tag("Adjustable Difficulty", true, "the only demand is time: Time to act 1x to 3x, or untimed");
  tag("Multiple Volume Controls", true,
      "master, room sound, effects, music and speech, each its own");
  // What this story decides.
  tag("Large & Clear Subtitles", r.uncaptioned == 0,
      r.uncaptioned == 0 ? "every sound a player could act on has a caption"
                         : with_thousands(r.uncaptioned) +
                               (r.uncaptioned == 1 ? " sound a player could act on has"
                                                   : " sounds a player could act on have") +
                               " no caption (T0612)");
  tag("Color Alternatives", r.colour_alone == 0,
      r.colour_alone == 0
          ? "no layer's state is shown by its colour alone (lights change as mood; lines say "
            "what they mean)"
          : with_thousands(r.colour_alone) +
                (r.colour_alone == 1 ? " layer shows" : " layers show") +
                " a state by colour alone (T0614)");
  // What the game cannot claim.
  tag("Mono Sound", false, "no mono mix");
  tag("Basic Input Remapping", false, "the keys are fixed");
  tag("Playable With Buttons Only", false, "no game controller support");
  r.not_checked = {
      "a light (light: variants) that changes only in colour: light is the "
      "scene's mood, and a line or a sound says what it means",
      "images (image:) that change only in colour",
      "the text's contrast over a picture changed by the state (a when: turned "
      "true): each scene's first frame is measured"};
  return r;
}

std::string AccessibilityReport::to_text() const {
  std::string out = "Waits shorter than their lines take to read at the slowest text speed: " +
                    with_thousands(short_waits) + (short_waits ? " (T0613)\n" : "\n");
  out += "Sounds a player could act on with no caption: " + with_thousands(uncaptioned) +
         (uncaptioned ? " (T0612)\n" : "\n");
  out += "Layers whose when: changes only a colour: " + with_thousands(colour_alone) +
         (colour_alone ? " (T0614)\n" : "\n");
  if (!contrast.empty()) out += contrast;
  out += "Accessible Games Initiative tags:\n";
  for (const AccessibilityTag& t : tags) {
    out += std::string(t.claimed ? "  yes  " : "  no   ") + t.name + ": " + t.why + "\n";
  }
  out += "Not checked yet:\n";
  for (const std::string& n : not_checked) out += "  " + n + "\n";
  return out;
}

}  // namespace threshold::story
