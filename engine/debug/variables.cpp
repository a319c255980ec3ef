// The Variables panel's rows and edits. See variables.h.
#include "threshold/debug/variables.h"

#include <charconv>
#include <cmath>

namespace threshold::debug {

using story::Builtin;
using story::State;
using story::Type;
using story::Value;

namespace {

std::string_view trim(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  return t;
}

std::optional<double> parse_number(std::string_view t) {
  t = trim(t);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  double d = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || !std::isfinite(d)) {
    return std::nullopt;
  }
  return d;
}

// `text` read as a value of type `type`, or nothing.
std::optional<Value> parse_as(Type type, std::string_view text) {
  switch (type) {
    case Type::Number:
      if (std::optional<double> d = parse_number(text)) return Value(*d);
      return std::nullopt;
    case Type::Bool: {
      const std::string_view t = trim(text);
      if (t == "true") return Value(true);
      if (t == "false") return Value(false);
      return std::nullopt;
    }
    case Type::String: {
      std::string_view t = text;
      if (t.size() >= 2 && (t.front() == '"' || t.front() == '\'') && t.back() == t.front()) {
        t = t.substr(1, t.size() - 2);
      }
      return Value(std::string(t));
    }
  }
  return std::nullopt;
}

std::string a_type(Type t) {
  return t == Type::Number ? "a number" : t == Type::Bool ? "true or false" : "a string";
}

// "visits(kitchen)" -> "kitchen"
std::optional<std::string_view> visits_scene(std::string_view name) {
  constexpr std::string_view kOpen = "visits(";
  if (name.size() <= kOpen.size() + 1 || name.substr(0, kOpen.size()) != kOpen ||
      name.back() != ')') {
    return std::nullopt;
  }
  return trim(name.substr(kOpen.size(), name.size() - kOpen.size() - 1));
}

// "chose(kitchen.drink)" -> the State::chose slot of that gesture; -1 when it is no such count.
std::optional<int32_t> chose_slot(const story::Story& story, std::string_view name) {
  constexpr std::string_view kOpen = "chose(";
  if (name.size() <= kOpen.size() + 1 || name.substr(0, kOpen.size()) != kOpen ||
      name.back() != ')') {
    return std::nullopt;
  }
  const std::string_view inner = trim(name.substr(kOpen.size(), name.size() - kOpen.size() - 1));
  const size_t dot = inner.find('.');
  if (dot == std::string_view::npos) return -1;
  const story::SceneId scene = story.find_scene(std::string(inner.substr(0, dot)));
  return story.chose_slot(story.symbols.find_gesture(scene, inner.substr(dot + 1)));
}

bool whole(double d) {
  return d == std::floor(d) && std::fabs(d) < 1e9;
}

}  // namespace

std::vector<VariableRow> list_variables(const story::Story& story, const State& state) {
  std::vector<VariableRow> rows;
  rows.reserve(story.variables.size() + story::kBuiltinCount + story.scenes.size());
  for (size_t i = 0; i < story.variables.size(); ++i) {
    const story::Variable& v = story.variables[i];
    VariableRow r;
    r.name = v.id;
    r.kind = VariableKind::Story;
    r.type = v.type;
    r.value = i < state.variables.size() ? state.variables[i] : v.initial;
    r.initial = v.initial;
    r.hidden = v.hidden;
    r.index = static_cast<int32_t>(i);
    rows.push_back(std::move(r));
  }
  for (size_t i = 0; i < story::kBuiltinCount; ++i) {
    const auto b = static_cast<Builtin>(i);
    VariableRow r;
    r.name = story::builtin_name(b);
    r.kind = VariableKind::Builtin;
    r.type = Type::Number;
    r.value = Value(story::builtin_value(state, b));
    r.initial = Value(b == Builtin::Day ? 1.0 : 0.0);
    r.editable = b != Builtin::Time;
    r.index = static_cast<int32_t>(b);
    rows.push_back(std::move(r));
  }
  for (size_t i = 0; i < story.scenes.size(); ++i) {
    VariableRow r;
    r.name = "visits(" + story.scenes[i].id + ")";
    r.kind = VariableKind::Visits;
    r.type = Type::Number;
    r.value = Value(i < state.visits.size() ? state.visits[i] : 0);
    r.initial = Value(0.0);
    r.index = static_cast<int32_t>(i);
    rows.push_back(std::move(r));
  }
  for (size_t i = 0; i < story.chose_keys.size(); ++i) {
    const auto [scene, id] = story.symbols.gesture_of_key(story.chose_keys[i]);
    if (scene < 0) continue;
    VariableRow r;
    r.name = "chose(" + story.scene(scene).id + "." + std::string(id) + ")";
    r.kind = VariableKind::Chose;
    r.type = Type::Number;
    r.value = Value(i < state.chose.size() ? state.chose[i] : 0);
    r.initial = Value(0.0);
    r.index = static_cast<int32_t>(i);
    rows.push_back(std::move(r));
  }
  return rows;
}

std::string set_variable(const story::Story& story, State& state, std::string_view name,
                         const Value& value) {
  const std::string n(trim(name));
  const story::VarId var = story.find_variable(n);
  if (var >= 0) {
    const story::Variable& v = story.variables[static_cast<size_t>(var)];
    if (value.type() != v.type) {
      return n + " is " + a_type(v.type) + "; '" + value.to_text() + "' is " + a_type(value.type());
    }
    if (state.variables.size() != story.variables.size()) {
      return "the state was not made for this story";
    }
    state.variables[static_cast<size_t>(var)] = value;
    return "";
  }

  const std::optional<Builtin> b = story::builtin_from_name(n);
  const std::optional<std::string_view> visited = visits_scene(n);
  const std::optional<int32_t> chosen = chose_slot(story, n);
  if (!b && !visited && !(chosen && *chosen >= 0)) {
    return "there is no variable or counter called '" + n + "'";
  }
  if (value.type() != Type::Number) {
    return n + " is a number; '" + value.to_text() + "' is " + a_type(value.type());
  }
  const double d = value.number();

  if (chosen) {
    if (!whole(d) || d < 0) return n + " counts a gesture: a whole number, 0 or more";
    if (static_cast<size_t>(*chosen) >= state.chose.size()) {
      return "the state was not made for this story";
    }
    state.chose[static_cast<size_t>(*chosen)] = static_cast<int32_t>(d);
    return "";
  }

  if (visited) {
    const story::SceneId scene = story.find_scene(std::string(*visited));
    if (scene < 0) return "there is no scene called '" + std::string(*visited) + "'";
    if (!whole(d) || d < 0) return n + " is a whole number of visits, 0 or more";
    if (static_cast<size_t>(scene) >= state.visits.size()) {
      return "the state was not made for this story";
    }
    state.visits[static_cast<size_t>(scene)] = static_cast<int32_t>(d);
    return "";
  }
  switch (*b) {
    case Builtin::Time:
      // Every deadline of the runtime is an absolute time; moving the clock would fire or
      // strand them all.
      return "time is kept by the runtime and cannot be set";
    case Builtin::Silence: {
      if (d < 0) return "silence is a number of seconds, 0 or more";
      // The running stretch keeps running: the total reads `d` now.
      const double running = story::running_silence(state);
      state.counters.silence = d - running;
      return "";
    }
    case Builtin::Day:
      if (!whole(d) || d < 1) return "day is a whole number, 1 or more";
      state.day = static_cast<int32_t>(d);
      return "";
    default:
      if (!whole(d) || d < 0) return n + " counts gestures: a whole number, 0 or more";
      *story::builtin_counter(state, *b) = static_cast<int32_t>(d);
      return "";
  }
}

std::string set_variable(const story::Story& story, State& state, std::string_view name,
                         std::string_view text) {
  const std::string n(trim(name));
  Type type = Type::Number;
  const story::VarId var = story.find_variable(n);
  if (var >= 0) {
    type = story.variables[static_cast<size_t>(var)].type;
  } else if (!story::builtin_from_name(n) && !visits_scene(n) &&
             chose_slot(story, n).value_or(-1) < 0) {
    return "there is no variable or counter called '" + n + "'";
  }
  const std::optional<Value> value = parse_as(type, text);
  if (!value) return n + " is " + a_type(type) + "; '" + std::string(trim(text)) + "' is not";
  return set_variable(story, state, n, *value);
}

std::string set_variable(story::Runtime& runtime, std::string_view name, std::string_view text) {
  State copy = runtime.state();
  std::string error = set_variable(runtime.story(), copy, name, text);
  if (error.empty()) runtime.restore(std::move(copy));
  return error;
}

}  // namespace threshold::debug
