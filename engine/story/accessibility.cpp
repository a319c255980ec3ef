// The accessibility check. See accessibility.h.
#include "threshold/story/accessibility.h"

#include <cmath>

#include "threshold/story/wording.h"

namespace threshold::story {

namespace {

std::string seconds_text(double s) {
  const double tenths = std::round(s * 10) / 10;
  std::string t = std::to_string(tenths);
  t.erase(t.find_last_not_of('0') + 1);
  if (!t.empty() && t.back() == '.') t.pop_back();
  return t + " s";
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
        if (!l.is_pause()) reading += l.linger / kSlowestTextSpeed;
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
  // What this story decides.
  tag("Large & Clear Subtitles", r.uncaptioned == 0,
      r.uncaptioned == 0 ? "every sound a player could act on has a caption"
                         : with_thousands(r.uncaptioned) +
                               (r.uncaptioned == 1 ? " sound a player could act on has"
                                                   : " sounds a player could act on have") +
                               " no caption (T0612)");
  // What the game cannot claim.
  tag("Multiple Volume Controls", false,
      "no volume of its own for the speech (Speech Dispatcher's)");
  tag("Mono Sound", false, "no mono mix");
  tag("Basic Input Remapping", false, "the keys are fixed");
  tag("Playable With Buttons Only", false, "no game controller support");
  r.not_checked = {"state shown by colour alone (a when: that changes only a colour)",
                   "the contrast of the text over each place's palette"};
  return r;
}

std::string AccessibilityReport::to_text() const {
  std::string out = "Waits shorter than their lines take to read at the slowest text speed: " +
                    with_thousands(short_waits) + (short_waits ? " (T0613)\n" : "\n");
  out += "Sounds a player could act on with no caption: " + with_thousands(uncaptioned) +
         (uncaptioned ? " (T0612)\n" : "\n");
  out += "Accessible Games Initiative tags:\n";
  for (const AccessibilityTag& t : tags) {
    out += std::string(t.claimed ? "  yes  " : "  no   ") + t.name + ": " + t.why + "\n";
  }
  out += "Not checked yet:\n";
  for (const std::string& n : not_checked) out += "  " + n + "\n";
  return out;
}

}  // namespace threshold::story
