// Walks over a loaded story that its tools share: every expression with where it sits (the
// checker's unused variables, the explorer's state, the loader's chose() counts), the scenes a
// playthrough can reach (the checker's "never reached", the debug overlay's story graph), and
// whether an expression can ever change (the checker's "never offered", the explorer's caps),
// and the image and sound files it names (what live reload watches).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "threshold/story/model.h"

namespace threshold::story {

// Where an expression sits decides what it can influence: only gesture conditions and effect
// values steer the story; line conditions and `{...}` only change what is shown.
enum class ExprRole {
  GestureCondition,
  EffectValue,
  LineCondition,
  Interpolation,
  SoundCondition,
  VisualCondition
};

// Calls `fn` for every compiled expression of the story (conditions, effect values and
// interpolations of lines, gestures, epilogues and reflections; `when:` of sound layers and
// cues, visual layers, motion and lights).
void for_each_expression(const Story& story, const std::function<void(const Expr&, ExprRole)>& fn);
// Every image and sound file the story names, as the loader resolved them (story_path.h), each
// once, sorted: what live reload watches besides the story's own files (StoryFiles::media).
std::vector<std::string> media_files(const Story& story);
// The gesture keys some chose() of the story reads, ascending, each once (Story::chose_keys).
std::vector<int32_t> chose_keys_read(const Story& story);

// True when the expression reads nothing that can change (no variable, built-in or visit
// count): its value is the same in every playthrough.
bool is_constant(const Expr& expr);
// True when a gesture's condition is constant and false: the gesture is never offered.
bool never_true(const Condition& condition);

// Beats of `scene` reachable from its first beat, following then:, fall-through to the next
// beat and the gestures of moments (skipping gestures that can never be offered), by BeatId.
std::vector<bool> reachable_beats(const Scene& scene);
// Scenes some path from the start scene can reach through go: links (following every gesture
// that could ever be offered), by SceneId.
std::vector<bool> reachable_scenes(const Story& story);

}  // namespace threshold::story
