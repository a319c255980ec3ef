// The keys of every mapping the loader's own converters read (story.yaml, place files, scenes,
// things, beats, moments, gestures, lines), in the order their fields are read. One table per
// context, used by YamlReader::fields() to parse and by tests/story/schema_test.cpp to check that
// data/schema/*.json names the same keys. Visual and ambience keys live with their readers.
#pragma once

#include "engine/story/load/reader.h"

namespace threshold::story::load {

namespace story_keys {
enum : size_t { title, start, scenes, places, pacing, variables, endings, count };
constexpr KeyTable<count> names = {"title",  "start",     "scenes", "places",
                                   "pacing", "variables", "endings"};
}  // namespace story_keys
namespace place_keys {
enum : size_t { place, visual, ambience, count };
constexpr KeyTable<count> names = {"place", "visual", "ambience"};
}  // namespace place_keys
namespace pacing_keys {
enum : size_t { line, per_word, pause, count };
constexpr KeyTable<count> names = {"line", "per_word", "pause"};
}  // namespace pacing_keys
namespace variable_keys {
enum : size_t { type, default_, hidden, count };
constexpr KeyTable<count> names = {"type", "default", "hidden"};
}  // namespace variable_keys
namespace ending_keys {
enum : size_t { title, epilogue, reflection, count };
constexpr KeyTable<count> names = {"title", "epilogue", "reflection"};
}  // namespace ending_keys
namespace scene_keys {
enum : size_t { scene, place, time, day, visual, ambience, things, beats, count };
constexpr KeyTable<count> names = {"scene",  "place",    "time",   "day",
                                   "visual", "ambience", "things", "beats"};
}  // namespace scene_keys
namespace thing_keys {
enum : size_t { name, area, count };
constexpr KeyTable<count> names = {"name", "area"};
}  // namespace thing_keys
namespace beat_keys {
enum : size_t { id, set, lines, moment, then, go, end, count };
constexpr KeyTable<count> names = {"id", "set", "lines", "moment", "then", "go", "end"};
}  // namespace beat_keys
namespace moment_keys {
enum : size_t { gestures, count };
constexpr KeyTable<count> names = {"gestures"};
}  // namespace moment_keys
namespace gesture_keys {
enum : size_t {
  id,
  wait,
  hold,
  hesitate,
  look,
  touch,
  turn_away,
  push,
  pull,
  seconds,
  distance,
  if_,
  set,
  lines,
  stay,
  then,
  go,
  end,
  hint,
  count
};
constexpr KeyTable<count> names = {
    "id",       "wait", "hold", "hesitate", "look", "touch", "turn_away", "push", "pull", "seconds",
    "distance", "if",   "set",  "lines",    "stay", "then",  "go",        "end",  "hint"};
}  // namespace gesture_keys
namespace line_keys {
enum : size_t { text, pause, linger, if_, count };
constexpr KeyTable<count> names = {"text", "pause", "linger", "if"};
}  // namespace line_keys

}  // namespace threshold::story::load
