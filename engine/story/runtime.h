// The runtime: a story being played. Deterministic and headless. It advances by time steps with
// the player's input state and reports what happened as events; the game, the text player, the
// explorer and the tests all drive it the same way. Its whole state is a copyable value (State):
// rewind is a copy, a save is State written to text.
//
// Timing is exact: deadlines (a line's linger, a hold's completion, a wait) are absolute times,
// and a step that crosses one is split there, so a 2 s hold completes at exactly press + 2 s
// whatever the step size. Outcomes depend only on when the input changed, not on step sizes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/story/model.h"

namespace threshold::story {

// The player's input during a step: what is pressed, what is looked at. Gestures are read from
// how this changes over time (press + release = touch or hesitation, long press = hold, ...).
struct Input {
  ThingId press = kNone;  // thing held down (mouse button or Space/Enter on the focused thing)
  ThingId look = kNone;   // thing the pointer or keyboard focus rests on
  bool turn_away = false; // the player turns away from everything offered
  bool skip = false;      // fast-forward the current line (never counts as waiting)
  friend bool operator==(const Input&, const Input&) = default;
};

enum class EventKind : uint8_t {
  SceneEntered,    // scene
  LineShown,       // text (interpolated), linger
  PauseStarted,    // linger
  MomentOpened,    // scene, beat
  GestureProgress, // gesture, thing, progress 0..1 (emitted when a hold/look/wait starts and ends)
  GestureChosen,   // gesture, held (seconds the gesture took)
  Hesitated,       // thing, held (a hold released before it completed)
  EndingReached,   // ending, text = ending title
  Notice,          // text: something the player or writer should be told (a save resumed elsewhere)
};
const char* event_kind_name(EventKind k);

struct Event {
  EventKind kind = EventKind::Notice;
  double time = 0;
  SceneId scene = kNone;
  BeatId beat = kNone;
  int32_t gesture = -1;  // index into the moment's gestures
  ThingId thing = kNone;
  double progress = 0;
  double held = 0;
  double linger = 0;
  EndingId ending = kNone;
  std::string text;
};

// One gesture the player made, with its times: the history the reflection and the debug
// overlay read, and that rewind cuts.
struct HistoryEntry {
  double time = 0;  // when it was chosen (or when the hold was released, for a hesitation)
  SceneId scene = kNone;
  BeatId beat = kNone;
  int32_t gesture = -1;  // -1 for a hesitation with no authored hesitate gesture
  GestureKind kind = GestureKind::Touch;
  ThingId thing = kNone;
  double seconds = 0;    // how long it took (held, looked, waited)
  friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

struct Counters {
  int32_t waited = 0, held = 0, hesitated = 0, looked = 0, touched = 0, turned_away = 0;
  double silence = 0;  // total seconds idle while a moment was open
  friend bool operator==(const Counters&, const Counters&) = default;
};

enum class Phase : uint8_t {
  NotStarted,
  Lines,          // showing the beat's lines
  Moment,         // a moment is open, waiting for a gesture
  GestureLines,   // showing the chosen gesture's answer
  EndingLines,    // showing an ending's epilogue and reflection
  Finished,       // the story is over
};

// The whole state of a story being played. A plain value: copy it to rewind, compare it in tests.
struct State {
  double time = 0;
  Phase phase = Phase::NotStarted;
  SceneId scene = kNone;
  BeatId beat = kNone;
  int32_t line = 0;          // next line to show in the current list
  double line_until = 0;     // when the line being shown stops lingering
  int32_t gesture = -1;      // the chosen gesture whose lines are showing (GestureLines)
  EndingId ending = kNone;
  std::vector<Value> variables;
  std::vector<int32_t> visits;  // per scene
  int32_t day = 1;
  Counters counters;
  std::vector<HistoryEntry> history;
  std::vector<SceneId> visited;  // scenes in the order entered, for saves and the overlay

  // The moment's input tracking.
  double moment_since = 0;   // when the moment opened
  double idle_since = 0;     // start of the current stretch of silence
  Input last_input;
  double press_since = 0;
  double look_since = 0;
  std::vector<bool> stayed;  // stay-gestures already taken in this visit of the moment

  friend bool operator==(const State&, const State&) = default;
};

class Runtime {
 public:
  explicit Runtime(const Story& story);

  const Story& story() const { return *story_; }
  const State& state() const { return state_; }
  // Replaces the whole state (rewind, load). The caller vouches it was made for this story.
  void restore(State state) { state_ = std::move(state); }

  // Enters the start scene (or `scene`, for tools that jump) and returns what happened.
  std::vector<Event> start(SceneId scene = kNone);
  // Advances by `dt` seconds with `input` held for the whole step; appends events to `out`.
  void step(double dt, const Input& input, std::vector<Event>& out);
  std::vector<Event> step(double dt, const Input& input) {
    std::vector<Event> out;
    step(dt, input, out);
    return out;
  }

  bool finished() const { return state_.phase == Phase::Finished; }
  bool in_moment() const { return state_.phase == Phase::Moment; }
  // Indexes of the gestures of the open moment whose condition holds now (and, for stay
  // gestures, not yet taken in this visit). Empty when no moment is open.
  std::vector<int32_t> offered() const;
  const Moment* moment() const;  // the open moment, or nullptr

  // For tools (explorer, text mode, the overlay): take an offered gesture at once, as though
  // the player had just performed it for its full duration.
  void choose(int32_t gesture, std::vector<Event>& out);
  // Shows every remaining line at once, until a moment opens or the story finishes.
  void fast_forward(std::vector<Event>& out);

  // Jump to a scene now (the overlay's "jump to"); counts as a visit.
  void jump(SceneId scene, std::vector<Event>& out);

  // The Env that expressions evaluate against, over the current state.
  const Env& env() const;
  // Seconds until the next thing happens by itself (line ends, wait fires, hold completes)
  // given the input stays as it is; infinity when nothing will.
  double next_deadline(const Input& input) const;

 private:
  class StateEnv;
  const Story* story_;
  State state_;
  std::unique_ptr<StateEnv> env_;
};

// The rendered text of an ending's reflection for the current state: the lines whose conditions
// hold, interpolated. Used by text mode and the game's ending screen.
std::vector<std::string> reflection_lines(const Runtime& runtime, EndingId ending);

}  // namespace threshold::story
