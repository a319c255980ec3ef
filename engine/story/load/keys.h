// The keys of every mapping the loader reads (story.yaml, place files, scenes, things, beats,
// moments, gestures, lines; a visual, its shapes, lights and motion; an ambience, its layers and
// cues), in the order their fields are read. One table per context, used by YamlReader::fields()
// to parse and by tests/story/schema_test.cpp to check that data/schema/*.json names the same
// keys, both ways.
#pragma once

#include "reader.h"

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

// A scene's (or place's) `visual:`, read by load/visual.cpp.
namespace visual_keys {
constexpr KeyTable<8> kVisualKeys = {"sky",   "layers",   "light", "motion",
                                     "drift", "vignette", "add",   "add_motion"};
enum VisualKey : size_t { kSky, kLayers, kLight, kMotion, kDrift, kVignette, kAdd, kAddMotion };

constexpr KeyTable<12> kShapeKeys = {"rect", "circle", "polygon", "line",  "image", "color",
                                     "to",   "glow",   "shadow",  "thing", "width", "when"};
enum ShapeKey : size_t {
  kRect,
  kCircle,
  kPolygon,
  kLine,
  kImage,
  kColor,
  kTo,
  kGlow,
  kShadow,
  kThing,
  kWidth,
  kShapeWhen
};

constexpr KeyTable<5> kLightKeys = {"from", "color", "strength", "shadows", "when"};
enum LightKey : size_t { kFrom, kLightColor, kStrength, kShadows, kLightWhen };

constexpr KeyTable<9> kMotionKeys = {"steam", "rain",   "car",   "blink", "flicker",
                                     "every", "amount", "color", "when"};
enum MotionKey : size_t {
  kSteam,
  kRain,
  kCar,
  kBlink,
  kFlicker,
  kEvery,
  kAmount,
  kMotionColor,
  kMotionWhen
};
}  // namespace visual_keys

// A scene's (or place's) `ambience:`, read by load/ambience.cpp.
namespace ambience_keys {
constexpr KeyTable<6> kAmbienceKeys = {"tone", "duck", "crossfade", "hush", "cues", "add"};
enum AmbienceKey : size_t { kTone, kDuck, kCrossfade, kHush, kCues, kAdd };

constexpr KeyTable<8> kLayerKeys = {"synth", "file", "level", "at",
                                    "color", "freq", "when",  "caption"};
enum LayerKey : size_t { kSynth, kFile, kLevel, kAt, kColor, kFreq, kWhen, kCaption };

constexpr KeyTable<14> kCueKeys = {"on",   "beat",  "gesture", "thing", "synth", "file", "notes",
                                   "step", "level", "at",      "after", "until", "when", "caption"};
enum CueKey : size_t {
  kCueOn,
  kCueBeat,
  kCueGesture,
  kCueThing,
  kCueSynth,
  kCueFile,
  kCueNotes,
  kCueStep,
  kCueLevel,
  kCueAt,
  kCueAfter,
  kCueUntil,
  kCueWhen,
  kCueCaption
};
}  // namespace ambience_keys

}  // namespace threshold::story::load
