// The runtime: a story being played. Deterministic and headless. It advances by time steps with
// the player's input state and reports what happened as events; the game, the text player, the
// explorer and the tests all drive it the same way. Its whole state is a copyable value (State):
// rewind is a copy, a save is State written to text.
//
// Timing is exact: deadlines (a line's linger, a hold's completion, a wait) are absolute times,
// and a step that crosses one is split there, so a 2 s hold completes at exactly press + 2 s
// whatever the step size. Outcomes depend only on when the input changed, not on step sizes.
//
// How gestures are read (docs/authoring.md, "Rules the runtime follows"):
// - A press on a thing with a touch and no hold is a touch at once. A press on a thing with holds
//   (or a hesitate gesture) starts a hold: reaching the longest hold completes it; a release
//   chooses the longest hold reached; a release before the shortest is a hesitation; a release
//   within kTouchSeconds on a thing that also has a touch is that touch.
// - Looks are the same ladder over how long `Input::look` stays on one thing.
// - Silence: while the input is idle (no press, look, turn_away or skip) the wait clock runs and
//   a wait fires at idle_since + seconds. The clock starts when the moment's opening breath is
//   over (kBreathSeconds after it opens), so a 10 s wait fires at open + kBreathSeconds + 10;
//   skipping lines never starts it early, and pressing skip inside a moment is activity, not
//   silence. In a run started with Hands::Awaited (a new game in the window) no silence runs at
//   all until the player has first moved the pointer or pressed a key (Input::hands, or any
//   press, look, turn_away or skip): the game never chooses for someone who has not yet found
//   their hands. After a
//   `stay` wait the silence goes on through its lines, so a ladder of waits 3/8/20 fires at 3, 8
//   and 20 seconds of unbroken silence. Every other stay reopens the moment with fresh timers.
// - A press or turn_away already down when a moment opens does not count until it is released;
//   a look already resting on a thing counts from the opening.
// - Skip (its rising edge) ends the current line's linger at once.
// - Input::touch turning to a thing chooses that thing's offered touch at once, whatever else it
//   offers (a touch on purpose, the untimed twin of a quick press and release).
// - Push and pull read the drag of the press (Input::drag, Input::slide): a push completes when
//   the drag reaches the longest offered push's distance away from the player, a pull the same
//   toward. A release chooses the longest push or pull reached, else the hold ladder; a release
//   short of everything is a hesitation. A release within kTouchSeconds that moved less than
//   kStillPixels is the thing's touch. A drag that slides by itself (Input::slide: the keyboard
//   pair, untimed mode) completes at the exact instant it reaches the distance.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "threshold/story/model.h"

namespace threshold::story {

// The player's input during a step: what is pressed, what is looked at. Gestures are read from
// how this changes over time (press + release = touch or hesitation, long press = hold, ...).
struct Input {
  ThingId press = kNone;   // thing held down (mouse button or Space/Enter on the focused thing)
  ThingId look = kNone;    // thing the pointer or keyboard focus rests on
  bool turn_away = false;  // the player turns away from everything offered
  bool skip = false;       // fast-forward the current line (never counts as waiting)
  // How far the press has moved since it began, in frame pixels: positive away from the player
  // (up, into the frame), negative toward them (down). Read by push and pull.
  double drag = 0;
  // Frame pixels per second the drag goes on moving by itself from `drag` while the input stays
  // as it is (the keyboard's push/pull keys, untimed slides): the runtime extrapolates, so the
  // gesture completes at the exact instant the distance is reached, whatever the step size.
  double slide = 0;
  // The player has moved the pointer or pressed a key since the game began (it stays true).
  // Not activity: a still hand after it is silence. See Hands.
  bool hands = false;
  // The player is here and has not chosen silence: the wait clock does not run. Set by the game
  // while a moment is open under the untimed Time setting, until the player waits on purpose
  // (W, or a click on nothing), so that no wait is ever chosen for them by the clock. Nothing
  // else reads it: it starts no gesture and ends none.
  bool attend = false;
  // A touch on purpose (the untimed twin of a quick press and release: the T key or the middle
  // button): while it turns to a thing, that thing's touch is chosen, however long the key is
  // down, so that a hand that cannot let go quickly still touches a thing that also holds.
  ThingId touch = kNone;
  friend bool operator==(const Input&, const Input&) = default;
};

enum class EventKind : uint8_t {
  SceneEntered,     // scene
  LineShown,        // text (interpolated), linger
  PauseStarted,     // linger
  MomentOpened,     // scene, beat; linger = the opening's breath (kBreathSeconds; 0 on reopening)
  GestureProgress,  // gesture, thing, progress 0..1 (emitted when a hold/look/push/pull starts
                    // and ends, and when a push's or pull's drag changes)
  GestureChosen,    // gesture, held (seconds the gesture took)
  Hesitated,        // thing, held (a hold released before it completed)
  EndingReached,    // ending, text = ending title
  Notice,           // text: what the player or writer should be told (the story looped)
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
  friend bool operator==(const Event&, const Event&) = default;
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
  double seconds = 0;  // how long it took (held, looked, waited)
  friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

struct Counters {
  int32_t waited = 0, held = 0, hesitated = 0, looked = 0, touched = 0, turned_away = 0;
  double silence = 0;  // total seconds idle while a moment was open
  friend bool operator==(const Counters&, const Counters&) = default;
};

enum class Phase : uint8_t {
  NotStarted,
  Lines,         // showing the beat's lines
  Moment,        // a moment is open, waiting for a gesture
  GestureLines,  // showing the chosen gesture's answer
  EndingLines,   // showing an ending's epilogue and reflection
  Finished,      // the story is over
};

// The whole state of a story being played. A plain value: copy it to rewind, compare it in tests.
struct State {
  double time = 0;
  Phase phase = Phase::NotStarted;
  SceneId scene = kNone;
  BeatId beat = kNone;
  int32_t line = 0;       // next line to show in the current list
  double line_until = 0;  // when the line being shown stops lingering
  int32_t gesture = -1;   // the chosen gesture whose lines are showing (GestureLines)
  EndingId ending = kNone;
  std::vector<Value> variables;
  std::vector<int32_t> visits;  // per scene
  std::vector<int32_t> chose;   // per Story::chose_keys: how often that gesture was chosen
  int32_t day = 1;
  Counters counters;
  std::vector<HistoryEntry> history;
  std::vector<SceneId> visited;  // scenes in the order entered, for saves and the overlay

  // The player has found their hands (see Hands): until then no silence runs. Saved, so a
  // continued game does not wait for them again.
  bool hands = true;

  // The moment's input tracking.
  double moment_since = 0;  // when the moment opened
  double breath_until = 0;  // its opening breath ends here; the silence clock starts no earlier
  double idle_since = 0;    // start of the current stretch of silence
  bool silent = false;      // a stretch of silence is running (it counts toward `silence`)
  double wait_checked = -std::numeric_limits<double>::infinity();  // waits due until here are done
  Input last_input;
  double press_since = 0;
  bool press_stale = false;  // the press began before the moment opened: ignored until released
  double look_since = 0;
  double slide_since = 0;    // when the press, its drag or slide last changed: slides start here
  std::vector<bool> stayed;  // stay-gestures already taken in this visit of the moment

  friend bool operator==(const State&, const State&) = default;
};

// A built-in's value as expressions read it: the silence running now counts, so a condition sees
// silence grow.
double builtin_value(const State& state, Builtin b);
// The whole-number counter behind a built-in (day, waited, held, …), for saves and the overlay's
// edits; nullptr for silence and time, which are seconds. gesture_counter: the counts of
// gestures alone (nullptr for day too).
int32_t* builtin_counter(State& state, Builtin b);
int32_t* gesture_counter(Counters& counters, Builtin b);

// The seconds of the stretch of silence running now (0 before it starts, during the breath).
double running_silence(const State& state);

// How long the things on offer answer a moment's opening (a breath of light, a soft swell of
// sound). The silence clock starts when it is over. Fixed, so recordings and tests stay exact.
constexpr double kBreathSeconds = 1.25;  // exact in binary: times stay exact sums

// Whether a run waits for the player's hands before any silence counts: tools (the text player,
// the explorer) and tests have them from the start; a new game in the window awaits them.
enum class Hands : uint8_t { Found, Awaited };

// A press released sooner than this on a thing that has both a touch and holds is the touch.
constexpr double kTouchSeconds = 0.3;
// A press that moved less than this (frame pixels) has not been dragged: a hand is never still.
constexpr double kStillPixels = 8;
// Frame pixels per second a thing slides by itself under the keyboard's push/pull keys and in
// untimed mode: the default 90-pixel push takes 1.5 s.
constexpr double kSlideRate = 60;

class Runtime {
 public:
  explicit Runtime(const Story& story);
  // Copies and moves carry the state; each runtime has its own Env over its own state.
  Runtime(const Runtime& other);
  Runtime(Runtime&& other) noexcept;
  Runtime& operator=(const Runtime& other);
  Runtime& operator=(Runtime&& other) noexcept;
  ~Runtime();

  const Story& story() const { return *story_; }
  const State& state() const { return state_; }
  // Replaces the whole state (rewind, load). The caller vouches it was made for this story.
  void restore(State state) {
    state_ = std::move(state);
    since_moment_.clear();
  }

  // Enters the start scene (or `scene`, for tools that jump) and returns what happened.
  std::vector<Event> start(SceneId scene = kNone, Hands hands = Hands::Found);
  // Advances by `dt` seconds with `input` held for the whole step; appends events to `out`.
  void step(double dt, const Input& input, std::vector<Event>& out);
  std::vector<Event> step(double dt, const Input& input) {
    std::vector<Event> out;
    step(dt, input, out);
    return out;
  }
  // Advances to the absolute time `time` (no-op when it is not later). Replays use it so that
  // they land exactly on each recorded change.
  void advance_to(double time, const Input& input, std::vector<Event>& out);

  bool finished() const { return state_.phase == Phase::Finished; }
  bool in_moment() const { return state_.phase == Phase::Moment; }
  // Indexes of the gestures of the open moment whose condition holds now (and, for stay
  // gestures, not yet taken in this visit). Empty when no moment is open.
  std::vector<int32_t> offered() const;
  const Moment* moment() const;  // the open moment, or nullptr

  // For tools (explorer, text mode, the overlay): take an offered gesture at once, as though
  // the player had just performed it for its full duration (a wait adds its seconds to
  // `silence`; the clock does not move). Its first line is shown; does nothing when the gesture
  // is not offered.
  void choose(int32_t gesture, std::vector<Event>& out);
  // Shows every remaining line at once, until a moment opens or the story finishes. The clock
  // does not move.
  void fast_forward(std::vector<Event>& out);

  // Jump to a scene now (the overlay's "jump to"); counts as a visit.
  void jump(SceneId scene, std::vector<Event>& out);

  // The Env that expressions evaluate against, over the current state.
  const Env& env() const;
  // The drag of the press now (Input::drag plus its slide so far), 0 when nothing is pressed
  // or the press began before the moment; for the renderer and the overlay.
  double drag_now() const;
  // The push (drag > 0) or pull (drag < 0) the press now leans toward on `thing`, with its
  // progress 0..1; gesture -1 when the thing has none offered that way.
  struct DragLean {
    int32_t gesture = -1;
    double progress = 0;
  };
  DragLean drag_lean(ThingId thing, double drag) const;
  // Seconds until the next thing happens by itself (line ends, wait fires, hold completes)
  // given the input stays as it is; infinity when nothing will.
  double next_deadline(const Input& input) const;

 private:
  class StateEnv;
  const Story* story_;
  State state_;
  std::unique_ptr<StateEnv> env_;

  // Internals (runtime.cpp and its parts, runtime_*.cpp).
  double deadline_at(const Input& input) const;  // absolute
  void apply_input(const Input& input, std::vector<Event>& out);
  void process_due(std::vector<Event>& out);
  void enter_scene(SceneId scene, std::vector<Event>& out);
  void begin_beat(BeatId beat, std::vector<Event>& out);
  void begin_ending(EndingId ending, std::vector<Event>& out);
  void follow(const Target& target, std::vector<Event>& out);
  void show_next_line(std::vector<Event>& out);
  void lines_done(std::vector<Event>& out);
  void open_moment(bool fresh, std::vector<Event>& out);
  void choose_gesture(int32_t gesture, double seconds, bool counted, std::vector<Event>& out);
  void end_silence();
  void release_press(ThingId thing, double drag, std::vector<Event>& out);
  double drag_deadline(const Input& in) const;  // absolute; infinity when no drag is due
  bool drag_due(std::vector<Event>& out);
  void drag_progress(const Input& in, bool start, std::vector<Event>& out);
  void end_look(ThingId thing, std::vector<Event>& out);
  void finish();
  // Notices the Env collected while evaluating (a division by zero), as events.
  void give_notices(std::vector<Event>& out);
  bool is_offered(int32_t gesture) const;
  int32_t transitions_ = 0;  // guards against beats that loop without time passing
  // The beats begun since the last moment opened: one begun twice loops forever (begin_beat).
  std::vector<std::pair<SceneId, BeatId>> since_moment_;
};

// The rendered text of an ending's reflection for the current state: the lines whose conditions
// hold, interpolated. Used by text mode and the game's ending screen.
std::vector<std::string> reflection_lines(const Runtime& runtime, EndingId ending);

}  // namespace threshold::story
