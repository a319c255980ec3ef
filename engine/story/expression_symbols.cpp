// What names mean to the expression language: the story's own (Symbols: variables, scenes and
// their gestures, found by name) and the language's (built-ins, functions, keywords). Apart from
// compiling: the loader, saves, the checker and the overlay look names up without compiling.
#include <algorithm>
#include <functional>

#include "expression_parts.h"

namespace threshold::story {

int32_t Symbols::find_variable(std::string_view name) const {
  for (size_t i = 0; i < variables.size(); ++i) {
    if (variables[i].name == name) return static_cast<int32_t>(i);
  }
  return -1;
}

int32_t Symbols::find_scene(std::string_view name) const {
  if (indexed_ == scenes.size() && !scene_index_.empty()) {
    const size_t mask = scene_index_.size() - 1;
    for (size_t i = std::hash<std::string_view>()(name) & mask; scene_index_[i] >= 0;
         i = (i + 1) & mask) {
      if (scenes[static_cast<size_t>(scene_index_[i])] == name) return scene_index_[i];
    }
    return -1;
  }
  for (size_t i = 0; i < scenes.size(); ++i) {
    if (scenes[i] == name) return static_cast<int32_t>(i);
  }
  return -1;
}

int32_t Symbols::find_gesture(int32_t scene, std::string_view id) const {
  if (scene < 0 || static_cast<size_t>(scene) >= gestures.size() ||
      static_cast<size_t>(scene) >= gesture_first_.size()) {
    return -1;
  }
  const std::vector<std::string>& ids = gestures[static_cast<size_t>(scene)];
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] == id) return gesture_first_[static_cast<size_t>(scene)] + static_cast<int32_t>(i);
  }
  return -1;
}

std::pair<int32_t, std::string_view> Symbols::gesture_of_key(int32_t key) const {
  if (key < 0 || gesture_first_.empty()) return {-1, {}};
  // The last scene whose first key is not after `key`.
  const auto it = std::upper_bound(gesture_first_.begin(), gesture_first_.end(), key);
  const auto scene = static_cast<size_t>(it - gesture_first_.begin()) - 1;
  const auto i = static_cast<size_t>(key - gesture_first_[scene]);
  if (scene >= gestures.size() || i >= gestures[scene].size()) return {-1, {}};
  return {static_cast<int32_t>(scene), gestures[scene][i]};
}

void Symbols::index_gestures() {
  gesture_first_.resize(gestures.size());
  int32_t next = 0;
  for (size_t s = 0; s < gestures.size(); ++s) {
    gesture_first_[s] = next;
    next += static_cast<int32_t>(gestures[s].size());
  }
}

void Symbols::index_scenes() {
  size_t slots = 16;
  while (slots < scenes.size() * 2) slots *= 2;  // at most half full: short probes
  scene_index_.assign(slots, -1);
  const size_t mask = slots - 1;
  for (size_t s = 0; s < scenes.size(); ++s) {
    size_t i = std::hash<std::string_view>()(scenes[s]) & mask;
    // The first of two equal ids wins, as in the linear search (duplicates are errors anyway).
    while (scene_index_[i] >= 0 && scenes[static_cast<size_t>(scene_index_[i])] != scenes[s]) {
      i = (i + 1) & mask;
    }
    if (scene_index_[i] < 0) scene_index_[i] = static_cast<int32_t>(s);
  }
  indexed_ = scenes.size();
}

namespace expression_parts {

const BuiltinName* find_builtin(std::string_view name) {
  for (const BuiltinName& b : kBuiltins) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

const FunctionName* find_function(std::string_view name) {
  for (const FunctionName& f : kFunctions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool is_keyword(std::string_view name) {
  return name == "and" || name == "or" || name == "not" || name == "true" || name == "false";
}

}  // namespace expression_parts

using expression_parts::BuiltinName;
using expression_parts::find_builtin;
using expression_parts::find_function;
using expression_parts::is_keyword;
using expression_parts::kBuiltins;

const char* builtin_name(Builtin b) {
  for (const BuiltinName& info : kBuiltins) {
    if (info.builtin == b) return info.name.data();
  }
  return "?";
}

std::optional<Builtin> builtin_from_name(std::string_view name) {
  if (const BuiltinName* b = find_builtin(name)) return b->builtin;
  return std::nullopt;
}

bool is_reserved_name(std::string_view name) {
  return find_builtin(name) || find_function(name) || is_keyword(name) || name == "null";
}

}  // namespace threshold::story
