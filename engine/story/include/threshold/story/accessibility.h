// `threshold check --accessibility`: what a story asks of a player that not every player can
// give, and which of the Accessible Games Initiative's tags the game, with this story, can
// honestly claim (each with its reason, and the reason for each it cannot). The tags that the
// engine alone decides are claimed here as the README's table claims them; the ones a story can
// break are decided by looking at the story. README.md ("Accessible Games Initiative tags").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "threshold/story/diagnostic.h"
#include "threshold/story/model.h"

namespace threshold::story {

// The slowest text speed a player can choose (platform::kMinTextSpeed): lines linger twice as
// long.
constexpr double kSlowestTextSpeed = 0.5;

// Seconds `line` takes to read at the slowest text speed (a pause is no reading).
inline double slowest_reading(const Line& line) {
  return line.is_pause() ? 0.0 : line.linger / kSlowestTextSpeed;
}
// Seconds as the warnings say them: to a tenth, no trailing zeros ("2.5 s", "3 s").
std::string seconds_text(double s);

struct AccessibilityTag {
  std::string name;
  bool claimed = false;
  std::string why;
};

struct AccessibilityReport {
  size_t short_waits = 0;   // T0613 warnings added
  size_t uncaptioned = 0;   // T0612 warnings (cues a player could act on, in no words)
  size_t colour_alone = 0;  // T0614 warnings added
  // The contrast of the text over each place, as the game draws it: measured by the caller
  // (game/text_contrast.h, which needs the renderer), printed here when set.
  std::string contrast;
  std::vector<AccessibilityTag> tags;
  std::vector<std::string> not_checked;  // what the check does not look at yet, said so
  // The report `check --accessibility` prints: the tags, claimed and not, then what is unchecked.
  std::string to_text() const;
};

// Adds a T0613 warning for every wait shorter than its beat's lines take to read at the slowest
// text speed, and a T0614 for every layer whose `when:` changes only a colour (the outline of
// another layer of the same picture, drawn always or under another `when:`); counts the T0612
// warnings `diags` holds (run check() first) for the captions.
AccessibilityReport check_accessibility(const Story& story, Diagnostics& diags);

}  // namespace threshold::story
