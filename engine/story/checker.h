// The story checker behind `threshold check`: warnings a writer wants before playing (scenes no
// path reaches, dead ends, variables set but never read, things nobody can act on, ...) and the
// one-line summary of the story's size. Works on a loaded Story; the explorer and the graph
// share its walk over every expression of a story.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "engine/story/diagnostic.h"
#include "engine/story/model.h"

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

// Where an expression sits decides what it can influence: only gesture conditions and effect
// values steer the story; line conditions and `{...}` only change what is shown.
enum class ExprRole { GestureCondition, EffectValue, LineCondition, Interpolation,
                      SoundCondition, VisualCondition };

// Calls `fn` for every compiled expression of the story (conditions, effect values and
// interpolations of lines, gestures, epilogues and reflections; `when:` of sound layers and cues, visual layers, motion and lights).
void for_each_expression(const Story& story, const std::function<void(const Expr&, ExprRole)>& fn);
// The gesture keys some chose() of the story reads, ascending, each once (Story::chose_keys).
std::vector<int32_t> chose_keys_read(const Story& story);

// Scenes some path from the start scene can reach through go: links (following every gesture
// that could ever be offered), by SceneId. The checker's "never reached" warning and the debug
// overlay's story graph read it.
std::vector<bool> reachable_scenes(const Story& story);

// True when the expression reads nothing that can change (no variable, built-in or visit
// count): its value is the same in every playthrough.
bool is_constant(const Expr& expr);

// "7,800": whole numbers with thousands separators, for summaries and reports.
std::string with_thousands(size_t n);

}  // namespace threshold::story
