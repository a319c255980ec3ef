// Name tables: each enum a writer names in YAML, as one list of {name, value} rows that both
// parses (the loader's choice reads) and prints (messages, the audio engine's keys, saves).
// Header-only and free of yaml-cpp, so code outside the loader may print with it.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "threshold/story/ambience.h"
#include "threshold/story/model.h"
#include "threshold/story/visual.h"

namespace threshold::story {

template <typename E>
struct Name {
  std::string_view name;
  E value;
};

template <typename E, size_t N>
using NameTable = std::array<Name<E>, N>;

template <typename E, size_t N>
constexpr std::optional<E> parse_name(const NameTable<E, N>& table, std::string_view name) {
  for (const Name<E>& row : table) {
    if (row.name == name) return row.value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
constexpr std::string_view name_of(const NameTable<E, N>& table, E value) {
  for (const Name<E>& row : table) {
    if (row.value == value) return row.name;
  }
  return {};
}

template <typename E, size_t N>
std::vector<std::string> names_of(const NameTable<E, N>& table) {
  std::vector<std::string> out;
  out.reserve(N);
  for (const Name<E>& row : table) out.emplace_back(row.name);
  return out;
}

inline constexpr NameTable<Synth, 10> kSynthNames = {{{"hum", Synth::Hum},
                                                      {"noise", Synth::Noise},
                                                      {"rain", Synth::Rain},
                                                      {"traffic", Synth::Traffic},
                                                      {"clock", Synth::Clock},
                                                      {"kettle", Synth::Kettle},
                                                      {"click", Synth::Click},
                                                      {"chime", Synth::Chime},
                                                      {"keys", Synth::Keys},
                                                      {"doors", Synth::Doors}}};

inline constexpr NameTable<NoiseColor, 3> kNoiseColorNames = {
    {{"white", NoiseColor::White}, {"pink", NoiseColor::Pink}, {"brown", NoiseColor::Brown}}};

inline constexpr NameTable<CueOn, 4> kCueOnNames = {{{"beat", CueOn::Beat},
                                                     {"gesture_start", CueOn::GestureStart},
                                                     {"gesture_done", CueOn::GestureDone},
                                                     {"hesitate", CueOn::Hesitate}}};

// A layer's kind is the key it is written with (`- rect: [...]`), as a motion's is.
inline constexpr NameTable<Shape::Kind, 5> kShapeKindNames = {{{"rect", Shape::Kind::Rect},
                                                               {"circle", Shape::Kind::Circle},
                                                               {"polygon", Shape::Kind::Polygon},
                                                               {"line", Shape::Kind::Line},
                                                               {"image", Shape::Kind::Image}}};

// Drift is the camera's own (`drift:` under `visual:`), never written as a motion.
inline constexpr NameTable<Motion::Kind, 5> kMotionKindNames = {
    {{"steam", Motion::Kind::Steam},
     {"rain", Motion::Kind::Rain},
     {"car", Motion::Kind::Car},
     {"blink", Motion::Kind::Blink},
     {"flicker", Motion::Kind::Flicker}}};

// A scene's `time:`.
inline constexpr NameTable<TimeOfDay, 6> kTimeOfDayNames = {{{"dawn", TimeOfDay::Dawn},
                                                             {"morning", TimeOfDay::Morning},
                                                             {"midday", TimeOfDay::Midday},
                                                             {"afternoon", TimeOfDay::Afternoon},
                                                             {"evening", TimeOfDay::Evening},
                                                             {"night", TimeOfDay::Night}}};

// A gesture's kind is the key it is written with (`look: window`).
inline constexpr NameTable<GestureKind, 8> kGestureKindNames = {
    {{"wait", GestureKind::Wait},
     {"hold", GestureKind::Hold},
     {"hesitate", GestureKind::Hesitate},
     {"look", GestureKind::Look},
     {"touch", GestureKind::Touch},
     {"turn_away", GestureKind::TurnAway},
     {"push", GestureKind::Push},
     {"pull", GestureKind::Pull}}};

// A variable's `type:` in story.yaml.
inline constexpr NameTable<Type, 3> kVariableTypeNames = {
    {{"number", Type::Number}, {"bool", Type::Bool}, {"string", Type::String}}};

}  // namespace threshold::story
