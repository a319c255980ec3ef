// `threshold check --accessibility`'s contrast of the text over each place: every scene's first
// frame drawn as the game draws it (reduced motion, one line showing), the ink of the newest line
// against the brightest hundredth of what lies behind its row. Places whose text falls under
// WCAG's 4.5:1 get a T0615 warning at the scene's visual. Needs a display (the frames are drawn
// with OpenGL); without one it says so and measures nothing. Used by check_command.cpp.
#pragma once

#include <string>
#include <vector>

#include "threshold/story/diagnostic.h"
#include "threshold/story/model.h"

namespace threshold::game {

// The least contrast WCAG 2 asks of body text (level AA).
constexpr double kLeastTextContrast = 4.5;

struct PlaceContrast {
  std::string place;  // the scene's place, or its id when it has none
  story::TimeOfDay time = story::TimeOfDay::Morning;
  std::string scene;    // the scene at this place and time where the contrast is lowest
  double contrast = 0;  // there, as a ratio to 1
};

struct TextContrast {
  std::string problem;                // why nothing was measured ("" when it was)
  std::vector<PlaceContrast> places;  // one per place and time of day, in story order
  // "Text over each place (...):\n  kitchen, morning: 9.3:1 (kitchen_morning)\n..."
  std::string to_text() const;
};

// Measures the story's text contrast; adds a T0615 warning to `diags` for each place and time
// under kLeastTextContrast, at the scene where it is lowest.
TextContrast measure_text_contrast(const story::Story& story, story::Diagnostics& diags);

// WCAG 2's relative luminance of an sRGB colour (0..1), and the contrast of two (1..21).
double relative_luminance(unsigned char r, unsigned char g, unsigned char b);
double contrast_ratio(double luminance_a, double luminance_b);

}  // namespace threshold::game
