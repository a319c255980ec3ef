// The story checker behind `threshold check`: warnings a writer wants before playing (scenes no
// path reaches, dead ends, variables set but never read, things nobody can act on, ...) and the
// one-line summary of the story's size. Works on a loaded Story; its walks over the story (every
// expression, the scenes a player can reach) are in walks.h, shared with the other tools.
#pragma once

#include <cstddef>
#include <string>

#include "threshold/story/diagnostic.h"
#include "threshold/story/model.h"

namespace threshold::story {

// How big a story is: the last line of `threshold check`.
struct StorySummary {
  size_t scenes = 0;
  size_t moments = 0;
  size_t gestures = 0;
  size_t endings = 0;
  size_t words = 0;    // of lines, gesture lines, epilogues and reflections
  double seconds = 0;  // reading and playing everything once at the story's pacing

  // "42 scenes, 120 moments, 310 gestures, 4 endings, 7,800 words, ~38 min"
  std::string to_string() const;
};

StorySummary summarize(const Story& story);

// Adds a warning for each problem found (at the element's source position) and returns the
// summary. Never adds errors: everything an error would catch, the loader already refused.
StorySummary check(const Story& story, Diagnostics& diags);

}  // namespace threshold::story
