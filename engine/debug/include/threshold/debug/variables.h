// What the overlay's "Variables" panel lists and edits: every story variable, every built-in
// counter (day, waited, held, hesitated, looked, touched, turned_away, silence, time) and the
// visits of every scene, and the counts of the gestures some chose() reads, with type and value. An
// edit is type-checked and made on a copy of the State; the caller restores it into the runtime,
// and what is offered changes at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "threshold/story/runtime.h"

namespace threshold::debug {

enum class VariableKind : uint8_t { Story, Builtin, Visits, Chose };

struct VariableRow {
  std::string name;  // "courage", "waited", "visits(kitchen)": how an expression reads it
  VariableKind kind = VariableKind::Story;
  story::Type type = story::Type::Number;
  story::Value value;
  story::Value initial;  // what a new game starts with
  bool hidden = false;   // a story variable the player never sees as a value
  bool editable = true;  // `time` is not: the runtime's deadlines hang on it
  int32_t index = -1;    // VarId, Builtin, SceneId or State::chose slot, by kind
};

// Story variables in story order, then the built-ins, then visits per scene in story order, then
// "chose(scene.gesture)" for each gesture a chose() reads.
std::vector<VariableRow> list_variables(const story::Story& story, const story::State& state);

// Sets `name` (as list_variables names it) in `state` to `value`. Numbers: "3", "-2.5"; bools:
// "true"/"false"; strings: as they are (surrounding quotes are dropped). Counters and visits take
// whole numbers >= 0, day >= 1, silence >= 0. Returns "" when done, else why not (state is
// then unchanged): "courage is a number; 'lots' is not".
std::string set_variable(const story::Story& story, story::State& state, std::string_view name,
                         std::string_view text);
std::string set_variable(const story::Story& story, story::State& state, std::string_view name,
                         const story::Value& value);

// The same on a live runtime: edits a copy of its state and restores it. Returns "" or the error.
std::string set_variable(story::Runtime& runtime, std::string_view name, std::string_view text);

}  // namespace threshold::debug
