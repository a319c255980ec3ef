// The story as loaded: plain, immutable structs that the loader fills and everything else reads.
// Scenes, beats, things, variables and endings are referred to by index ("interned ids") after
// loading; their authored string ids are kept for saves, diagnostics and tools.
// The authoring format these come from is described in docs/authoring.md.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "threshold/story/ambience.h"
#include "threshold/story/compact.h"
#include "threshold/story/diagnostic.h"
#include "threshold/story/expr.h"
#include "threshold/story/value.h"
#include "threshold/story/visual.h"

namespace threshold::story {

using SceneId = int32_t;
using BeatId = int32_t;   // index into Scene::beats
using ThingId = int32_t;  // index into Scene::things
using VarId = int32_t;
using EndingId = int32_t;
constexpr int32_t kNone = -1;

struct Variable {
  std::string id;
  Type type = Type::Number;
  Value initial;
  bool hidden = true;  // never shown to the player as a value
  SourcePos at;
};

// One entry of a `lines:` list: a line of text, or a pause. A line may be conditional. 48 bytes:
// a 10,000-scene story has 200,000 of them.
struct Line {
  OptionalText text;  // empty for a pause
  // Seconds the line stays before the next (a pause: its length). Authored (`linger:`, `pause:
  // 3`) it is more than 0; otherwise the loader sets it from the story's pacing, and a Line made
  // by hand with 0 gets the pacing's length when it is shown.
  double linger = 0;
  Condition condition;  // rarely set
  SourcePos at;
  bool is_pause() const { return !text.has_value(); }
};
static_assert(sizeof(Line) == 48);

// Where a beat or a gesture leads: a beat of the same scene (`then:`), another scene (`go:`) or
// an ending (`end:`), or nowhere, which means "the next beat of the scene" (for a beat) or "stay
// in the moment" / "the beat after this one" (for a gesture, see Gesture::stay). One kind and one
// index, 16 bytes: every beat and gesture has one (111,000 in a 10,000-scene story). beat(),
// scene() and ending() give kNone unless the target is of that kind.
struct Target {
  enum class Kind : uint8_t { None, Beat, Scene, Ending };
  Kind kind = Kind::None;
  int32_t index = kNone;  // a BeatId, SceneId or EndingId, by kind
  SourcePos at;           // where `then:`, `go:` or `end:` was written

  BeatId beat() const { return kind == Kind::Beat ? index : kNone; }
  SceneId scene() const { return kind == Kind::Scene ? index : kNone; }
  EndingId ending() const { return kind == Kind::Ending ? index : kNone; }
  bool empty() const { return kind == Kind::None; }
  void set_beat(BeatId b) { set(Kind::Beat, b); }
  void set_scene(SceneId s) { set(Kind::Scene, s); }
  void set_ending(EndingId e) { set(Kind::Ending, e); }

 private:
  void set(Kind k, int32_t i) {
    kind = i == kNone ? Kind::None : k;
    index = i;
  }
};
static_assert(sizeof(Target) == 16);

// Push and pull carry a direction: press on the thing and move it away from you (up, into the
// frame) or toward you (down, out of the frame) by `distance` frame pixels.
enum class GestureKind : uint8_t { Wait, Hold, Hesitate, Look, Touch, TurnAway, Push, Pull };
// "wait", "hold", "hesitate", "look", "touch", "turn_away", "push", "pull"
const char* gesture_kind_name(GestureKind k);
// Frame pixels (of the 1280x720 frame) a push or pull must move when it has no `distance:`.
constexpr double kDefaultDragDistance = 90;

// Members in this order so that the small ones share words: 136 bytes, 71,000 of them in a
// 10,000-scene story.
struct Gesture {
  std::string id;  // stable, unique within its moment
  GestureKind kind = GestureKind::Touch;
  bool stay = false;  // the moment stays open after this gesture (once per visit of the moment)
  // Its authored wording (`hint:`), rarely written: 0 for none, else 1 + its index in
  // Moment::hints. Two bytes in what was padding, so a gesture stays 136 bytes.
  uint16_t hint = 0;
  ThingId thing = kNone;  // hold, hesitate, look, touch, push, pull
  double seconds = 0;     // wait, hold, look: how long
  double distance = 0;    // push, pull: how far, in frame pixels
  Condition condition;    // rarely set
  std::vector<Effect> effects;
  std::vector<Line> lines;  // the world's answer, shown after the gesture is chosen
  Target target;
  SourcePos at;
};
static_assert(sizeof(Gesture) == 136);

// A choice point: the gestures on offer once the beat's lines have been shown.
struct Moment {
  std::vector<Gesture> gestures;
  std::vector<std::string> hints;  // the gestures' `hint:`s, see Gesture::hint
  // What the History screen says the player did, by gesture index ("Tu as touché la porte."),
  // when a translation gives it (engine/locale); empty, or "" for a gesture: the game's own
  // English words (wording.h, gesture_done_wording).
  std::vector<std::string> done;
  SourcePos at;

  // The authored wording of one of this moment's gestures; empty when it has none.
  std::string_view hint_of(const Gesture& g) const {
    return g.hint == 0 || g.hint > hints.size() ? std::string_view() : hints[g.hint - 1u];
  }
  // Gestures of one kind on one thing make a ladder (two holds of 2 and 7 s, two pulls of 90 and
  // 240 px). The next rung above `g` among `offered` (indexes into gestures): its reach, or
  // infinity when `g` is the top. The text player and the tests let go between the two.
  double next_rung(const Gesture& g, const std::vector<int32_t>& offered) const;
};

// How far up its ladder a gesture reaches: seconds for a wait, hold or look, frame pixels for a
// push or pull.
double ladder_reach(const Gesture& g);

struct Beat {
  std::string id;               // stable, unique within its scene
  std::vector<Effect> effects;  // `set:`, applied when the beat begins
  std::vector<Line> lines;
  HeapOptional<Moment> moment;  // on the heap: most beats have none
  Target target;                // after the lines, when there is no moment
  SourcePos at;
};

struct Thing {
  std::string id;
  std::string name;  // "the cup": how text mode and hints speak of it
  Rect area;         // where it is in the frame, for the pointer (`area:`); empty: from its shapes
  SourcePos at;
};

enum class TimeOfDay : uint8_t { Dawn, Morning, Midday, Afternoon, Evening, Night };
const char* time_of_day_name(TimeOfDay t);

struct Scene {
  std::string id;
  std::string place;  // kitchen, street, office, living_room, …
  TimeOfDay time = TimeOfDay::Morning;
  int32_t day = 0;  // 0: keeps the current day
  std::vector<Thing> things;
  std::vector<Beat> beats;
  SourcePos at;
  // Reserved hooks, validated by the rendering and audio modules: where they were written.
  SourcePos visual_at;
  SourcePos ambience_at;
  Visual visual;      // what it looks like (`visual:`); drawn by engine/render
  Ambience ambience;  // what it sounds like (`ambience:`); played by engine/audio
  int32_t file = -1;  // Sources index of the file the scene is in

  BeatId find_beat(const std::string& id) const;
  ThingId find_thing(const std::string& id) const;
};

struct Ending {
  std::string id;
  std::string title;
  std::vector<Line> epilogue;
  std::vector<Line> reflection;  // read back from the player's own gestures
  SourcePos at;
};

struct Pacing {
  double line_base = 1.5;      // seconds every line lingers at the least
  double per_word = 0.3;       // plus this per word
  double default_pause = 1.5;  // a `pause:` with no length
  double linger(size_t words) const { return line_base + per_word * static_cast<double>(words); }
};

struct Story {
  std::string title;
  std::string dir;  // the story directory it was loaded from
  // Where its fonts are, best first (StoryFiles::font_folders): the renderer looks in these
  // before the system's, and `check` opens every font in them.
  std::vector<std::string> font_folders;
  SceneId start = kNone;
  Pacing pacing;
  std::vector<Variable> variables;
  std::vector<Scene> scenes;
  std::vector<Ending> endings;
  Symbols symbols;
  // The gestures (Symbols::find_gesture keys, ascending) that some chose() reads: the runtime
  // counts these and no others (State::chose, in this order), so a story that never asks what
  // the player chose keeps no counts at all.
  std::vector<int32_t> chose_keys;
  Sources sources;
  // The characters of the lines' texts (Text::plain); shared by copies of the story.
  std::shared_ptr<StringPool> strings;
  SourcePos at;
  // `words(n)` in the story's language (set with a catalogue, engine/locale); empty: English
  // (number_words). Not part of the story's text: a pack never holds it.
  std::function<std::string(double)> number_words;
  // Each place's name in the story's language (set with a catalogue: its `place/<id>/name`),
  // by place id; a place not in it is named by its id in words (place_name, wording.h). Not part
  // of the story's text either: a pack never holds it.
  std::map<std::string, std::string> place_names;

  // The scene of an id that names one (a programming error otherwise: asserted).
  const Scene& scene(SceneId id) const {
    assert(id >= 0 && static_cast<size_t>(id) < scenes.size());
    return scenes[static_cast<size_t>(id)];
  }
  Scene& scene(SceneId id) {
    assert(id >= 0 && static_cast<size_t>(id) < scenes.size());
    return scenes[static_cast<size_t>(id)];
  }
  // The ending an id names, or null for kNone or an id from another version of the story.
  const Ending* ending(EndingId ending) const;
  // The beat, and the gesture of its moment, that an index triple names, or null when any part
  // of it names nothing (a save or a recording from another version of the story, a hesitation
  // with no gesture of its own). `gesture(where)` takes anything that says where it happened: a
  // runtime Event, a HistoryEntry, the State (scene, beat and gesture members).
  const Beat* beat(SceneId scene, BeatId beat) const;
  const Gesture* gesture(SceneId scene, BeatId beat, int32_t gesture) const;
  template <class At>
  const Gesture* gesture(const At& where) const {
    return gesture(where.scene, where.beat, where.gesture);
  }
  SceneId find_scene(const std::string& id) const;
  EndingId find_ending(const std::string& id) const;
  VarId find_variable(const std::string& id) const;
  // Where a gesture key's count is kept in State::chose; -1 when nothing reads it.
  int32_t chose_slot(int32_t gesture_key) const;
};

}  // namespace threshold::story
