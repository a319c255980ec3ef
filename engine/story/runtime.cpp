// The runtime: plays a loaded Story over time. Everything that happens is driven by absolute
// deadlines (a line's end, a hold's completion, a wait) and by changes of the Input; a step that
// crosses a deadline is split there, so results never depend on the step size.
//
// Contents: the Env over State; construction and copying; time (advance_to, deadlines, due
// work); input in a moment (press, look, turn away, silence); lines and where they lead;
// tools (choose, fast_forward, jump); reflection_lines.
#include "engine/story/runtime.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace threshold::story {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// How many things may happen at one instant before the runtime decides the story loops without
// letting time pass (beats that lead to each other with no lines) and stops it.
constexpr int kMaxTransitionsPerInstant = 100000;

bool is_idle(const Input& in) {
  return in.press == kNone && in.look == kNone && !in.turn_away && !in.skip;
}

bool is_line_phase(Phase p) {
  return p == Phase::Lines || p == Phase::GestureLines || p == Phase::EndingLines;
}

double linger_of(const Line& line, const Pacing& pacing) {
  if (line.linger > 0) return line.linger;  // authored, or set by the loader
  if (line.is_pause()) return pacing.default_pause;
  return pacing.linger(line.text->word_count());
}

// An event happening now, where the story is.
Event event_now(EventKind kind, const State& s) {
  Event e;
  e.kind = kind;
  e.time = s.time;
  e.scene = s.scene;
  e.beat = s.beat;
  return e;
}

// The offered gestures on one thing, as a press or a look sees them.
struct Ladder {
  int32_t touch = -1;
  int32_t hesitate = -1;
  int32_t shortest = -1;  // hold or look with the fewest seconds
  int32_t longest = -1;   // ... and with the most
  int32_t reached = -1;   // the longest whose seconds are <= the time held (when asked)
};

}  // namespace

const char* event_kind_name(EventKind k) {
  switch (k) {
    case EventKind::SceneEntered:
      return "scene_entered";
    case EventKind::LineShown:
      return "line_shown";
    case EventKind::PauseStarted:
      return "pause_started";
    case EventKind::MomentOpened:
      return "moment_opened";
    case EventKind::GestureProgress:
      return "gesture_progress";
    case EventKind::GestureChosen:
      return "gesture_chosen";
    case EventKind::Hesitated:
      return "hesitated";
    case EventKind::EndingReached:
      return "ending_reached";
    case EventKind::Notice:
      return "notice";
  }
  return "unknown";
}

namespace {
// The counter behind a built-in, const or not as the counters are.
template <typename C>
auto counter_in(C& c, Builtin b) -> decltype(&c.waited) {
  switch (b) {
    case Builtin::Waited:
      return &c.waited;
    case Builtin::Held:
      return &c.held;
    case Builtin::Hesitated:
      return &c.hesitated;
    case Builtin::Looked:
      return &c.looked;
    case Builtin::Touched:
      return &c.touched;
    case Builtin::TurnedAway:
      return &c.turned_away;
    default:
      return nullptr;
  }
}
}  // namespace

int32_t* gesture_counter(Counters& counters, Builtin b) { return counter_in(counters, b); }

int32_t* builtin_counter(State& state, Builtin b) {
  return b == Builtin::Day ? &state.day : counter_in(state.counters, b);
}

double running_silence(const State& state) {
  return state.silent ? std::max(0.0, state.time - state.idle_since) : 0.0;
}

double builtin_value(const State& state, Builtin b) {
  switch (b) {
    case Builtin::Silence:
      // The running stretch counts as it runs.
      return state.counters.silence + running_silence(state);
    case Builtin::Time:
      return state.time;
    case Builtin::Day:
      return state.day;
    default:
      return *counter_in(state.counters, b);
  }
}

// ---------------------------------------------------------------------------------------------
// The Env expressions read: variables, built-in counts and visits, straight from the State.

class Runtime::StateEnv final : public Env {
 public:
  // Both point into the runtime, so that an assigned runtime's Env reads its new story.
  StateEnv(const Story* const* story, const State* state) : story_(story), state_(state) {}

  const Value& variable(int32_t var) const override {
    return state_->variables[static_cast<size_t>(var)];
  }

  double builtin(Builtin b) const override { return builtin_value(*state_, b); }

  double visits(int32_t scene) const override {
    if (scene < 0 || static_cast<size_t>(scene) >= state_->visits.size()) return 0;
    return state_->visits[static_cast<size_t>(scene)];
  }

  double chose(int32_t gesture_key) const override {
    const int32_t slot = (*story_)->chose_slot(gesture_key);
    if (slot < 0 || static_cast<size_t>(slot) >= state_->chose.size()) return 0;
    return state_->chose[static_cast<size_t>(slot)];
  }

  // Said once per expression and place (a condition is tested every frame), as a Notice at the
  // next event the runtime gives out (take_notices).
  void divided_by_zero(const Expr& expr) const override {
    const Sources& sources = (*story_)->sources;
    std::string where;
    if (expr.at.file >= 0 && static_cast<size_t>(expr.at.file) < sources.size()) {
      where = " (" + sources.path(expr.at.file) + ":" + std::to_string(expr.at.line) + ":" +
              std::to_string(expr.at.column) + ")";
    }
    std::string text = "'" + expr.source() + "'" + where + " divided by zero; it counted as 0.";
    if (std::find(reported_.begin(), reported_.end(), text) != reported_.end()) return;
    reported_.push_back(text);
    pending_.push_back(std::move(text));
  }
  bool has_notices() const { return !pending_.empty(); }
  std::vector<std::string> take_notices() { return std::exchange(pending_, {}); }

 private:
  const Story* const* story_;
  const State* state_;
  mutable std::vector<std::string> reported_;
  mutable std::vector<std::string> pending_;
};

void Runtime::give_notices(std::vector<Event>& out) {
  if (!env_->has_notices()) return;  // every step asks: nearly always nothing
  for (std::string& text : env_->take_notices()) {
    Event e = event_now(EventKind::Notice, state_);
    e.text = std::move(text);
    out.push_back(std::move(e));
  }
}

// ---------------------------------------------------------------------------------------------
// Construction and copying: the Env points at this runtime's own state, so it is rebuilt.

Runtime::Runtime(const Story& story)
    : story_(&story), env_(std::make_unique<StateEnv>(&story_, &state_)) {
  state_.variables.reserve(story.variables.size());
  for (const Variable& v : story.variables) state_.variables.push_back(v.initial);
  state_.visits.assign(story.scenes.size(), 0);
  state_.chose.assign(story.chose_keys.size(), 0);
}

Runtime::Runtime(const Runtime& other)
    : story_(other.story_),
      state_(other.state_),
      env_(std::make_unique<StateEnv>(&story_, &state_)) {}

Runtime::Runtime(Runtime&& other) noexcept
    : story_(other.story_),
      state_(std::move(other.state_)),
      env_(std::make_unique<StateEnv>(&story_, &state_)) {}

Runtime& Runtime::operator=(const Runtime& other) {
  if (this != &other) {
    story_ = other.story_;
    state_ = other.state_;
  }
  return *this;
}

Runtime& Runtime::operator=(Runtime&& other) noexcept {
  if (this != &other) {
    story_ = other.story_;
    state_ = std::move(other.state_);
  }
  return *this;
}

Runtime::~Runtime() = default;

const Env& Runtime::env() const {
  return *env_;
}

// ---------------------------------------------------------------------------------------------
// Looking things up in the current position.

const Moment* Runtime::moment() const {
  if (state_.phase != Phase::Moment) return nullptr;
  const Beat& beat =
      story_->scenes[static_cast<size_t>(state_.scene)].beats[static_cast<size_t>(state_.beat)];
  return beat.moment ? &*beat.moment : nullptr;
}

namespace {

const Beat* beat_of(const Story& story, const State& s) {
  if (s.scene < 0 || static_cast<size_t>(s.scene) >= story.scenes.size()) return nullptr;
  const Scene& scene = story.scenes[static_cast<size_t>(s.scene)];
  if (s.beat < 0 || static_cast<size_t>(s.beat) >= scene.beats.size()) return nullptr;
  return &scene.beats[static_cast<size_t>(s.beat)];
}

// The moment of the current beat, whether or not it is open (gesture lines read it too).
const Moment* moment_of(const Story& story, const State& s) {
  const Beat* beat = beat_of(story, s);
  return beat && beat->moment ? &*beat->moment : nullptr;
}

// The i-th line of the list being shown, or nullptr past its end.
const Line* line_at(const Story& story, const State& s, int32_t i) {
  if (i < 0) return nullptr;
  auto at = [i](const std::vector<Line>& lines) -> const Line* {
    return static_cast<size_t>(i) < lines.size() ? &lines[static_cast<size_t>(i)] : nullptr;
  };
  switch (s.phase) {
    case Phase::Lines: {
      const Beat* beat = beat_of(story, s);
      return beat ? at(beat->lines) : nullptr;
    }
    case Phase::GestureLines: {
      const Moment* m = moment_of(story, s);
      if (!m || s.gesture < 0 || static_cast<size_t>(s.gesture) >= m->gestures.size()) {
        return nullptr;
      }
      return at(m->gestures[static_cast<size_t>(s.gesture)].lines);
    }
    case Phase::EndingLines: {
      if (s.ending < 0 || static_cast<size_t>(s.ending) >= story.endings.size()) return nullptr;
      const Ending& e = story.endings[static_cast<size_t>(s.ending)];
      if (static_cast<size_t>(i) < e.epilogue.size()) return &e.epilogue[static_cast<size_t>(i)];
      size_t r = static_cast<size_t>(i) - e.epilogue.size();
      return r < e.reflection.size() ? &e.reflection[r] : nullptr;
    }
    default:
      return nullptr;
  }
}

}  // namespace

bool Runtime::is_offered(int32_t gesture) const {
  const Moment* m = moment_of(*story_, state_);
  if (!m || gesture < 0 || static_cast<size_t>(gesture) >= m->gestures.size()) return false;
  const Gesture& g = m->gestures[static_cast<size_t>(gesture)];
  if (g.stay && static_cast<size_t>(gesture) < state_.stayed.size() &&
      state_.stayed[static_cast<size_t>(gesture)]) {
    return false;
  }
  return !g.condition || g.condition->test(*env_);
}

std::vector<int32_t> Runtime::offered() const {
  std::vector<int32_t> out;
  const Moment* m = moment();
  if (!m) return out;
  for (size_t i = 0; i < m->gestures.size(); ++i) {
    if (is_offered(static_cast<int32_t>(i))) out.push_back(static_cast<int32_t>(i));
  }
  return out;
}

namespace {

// The offered gestures a press (kinds hold/touch/hesitate) or a look (kind look) can reach on
// `thing`, and which rung of the ladder `elapsed` seconds reach.
template <typename Offered>
Ladder make_ladder(const Moment& m, ThingId thing, bool look, double elapsed, Offered&& offered) {
  Ladder l;
  const GestureKind timed = look ? GestureKind::Look : GestureKind::Hold;
  for (size_t i = 0; i < m.gestures.size(); ++i) {
    const Gesture& g = m.gestures[i];
    if (g.thing != thing) continue;
    const bool relevant =
        g.kind == timed ||
        (!look && (g.kind == GestureKind::Touch || g.kind == GestureKind::Hesitate));
    if (!relevant) continue;
    const int32_t idx = static_cast<int32_t>(i);
    if (!offered(idx)) continue;
    if (g.kind == GestureKind::Touch) {
      if (l.touch < 0) l.touch = idx;
    } else if (g.kind == GestureKind::Hesitate) {
      if (l.hesitate < 0) l.hesitate = idx;
    } else {
      const auto secs = [&m](int32_t j) { return m.gestures[static_cast<size_t>(j)].seconds; };
      if (l.shortest < 0 || g.seconds < secs(l.shortest)) l.shortest = idx;
      if (l.longest < 0 || g.seconds > secs(l.longest)) l.longest = idx;
      if (g.seconds <= elapsed && (l.reached < 0 || g.seconds > secs(l.reached))) l.reached = idx;
    }
  }
  return l;
}

// The drag of `in` at time `t`, its slide measured from `since`.
double drag_of(const Input& in, double since, double t) {
  return in.drag + in.slide * (t - since);
}

// When the drag of `in` (sliding from `since`) reaches `distance` in the direction `sign` (+1
// away, -1 toward): -infinity when it already has, infinity when it never will. Deadlines and
// the check that fires them both ask this, so a deadline is always found reached.
double reach_time(const Input& in, double since, double sign, double distance) {
  const double d = sign * in.drag, v = sign * in.slide;
  if (d >= distance) return -kInfinity;
  if (v > 0) return since + (distance - d) / v;
  return kInfinity;
}

// The offered pushes and pulls on one thing: the longest of each (reaching it completes the
// gesture) and the longest of either that `drag` has reached.
struct DragLadder {
  int32_t push = -1, pull = -1;
  int32_t reached = -1;
  bool any() const { return push >= 0 || pull >= 0; }
};

template <typename Offered>
DragLadder make_drag_ladder(const Moment& m, ThingId thing, double drag, Offered&& offered) {
  DragLadder l;
  for (size_t i = 0; i < m.gestures.size(); ++i) {
    const Gesture& g = m.gestures[i];
    if (g.thing != thing || (g.kind != GestureKind::Push && g.kind != GestureKind::Pull)) continue;
    const int32_t idx = static_cast<int32_t>(i);
    if (!offered(idx)) continue;
    const auto dist = [&m](int32_t j) { return m.gestures[static_cast<size_t>(j)].distance; };
    int32_t& longest = g.kind == GestureKind::Push ? l.push : l.pull;
    if (longest < 0 || g.distance > dist(longest)) longest = idx;
    const double moved = g.kind == GestureKind::Push ? drag : -drag;
    if (g.distance <= moved && (l.reached < 0 || g.distance > dist(l.reached))) l.reached = idx;
  }
  return l;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Time.

void Runtime::step(double dt, const Input& input, std::vector<Event>& out) {
  advance_to(state_.time + dt, input, out);
}

void Runtime::advance_to(double time, const Input& input, std::vector<Event>& out) {
  if (state_.phase == Phase::NotStarted) {
    state_.last_input = input;
    return;
  }
  transitions_ = 0;
  apply_input(input, out);
  for (;;) {
    const double d = deadline_at(state_.last_input);
    if (!(d <= time)) break;
    if (d > state_.time) {
      state_.time = d;
      transitions_ = 0;
    }
    process_due(out);
  }
  if (time > state_.time) state_.time = time;
  give_notices(out);
}

double Runtime::next_deadline(const Input& input) const {
  const double d = deadline_at(input);
  return d == kInfinity ? kInfinity : std::max(0.0, d - state_.time);
}

double Runtime::deadline_at(const Input& in) const {
  const State& s = state_;
  if (is_line_phase(s.phase)) {
    if (in.skip && !s.last_input.skip) return s.time;
    return s.line_until;
  }
  if (s.phase != Phase::Moment) return kInfinity;
  const Moment* m = moment_of(*story_, s);
  if (!m) return kInfinity;
  const auto offered = [this](int32_t g) { return is_offered(g); };
  double best = kInfinity;
  const Input& last = s.last_input;

  // A hold completes when the longest offered hold on the pressed thing is reached.
  const bool same_press = in.press == last.press;
  if (in.press != kNone && !(same_press && s.press_stale)) {
    const Ladder l = make_ladder(*m, in.press, false, 0, offered);
    if (l.longest >= 0) {
      const double since = same_press ? s.press_since : s.time;
      best = std::min(best, since + m->gestures[static_cast<size_t>(l.longest)].seconds);
    }
  }
  if (in.look != kNone) {
    const Ladder l = make_ladder(*m, in.look, true, 0, offered);
    if (l.longest >= 0) {
      const double since = in.look == last.look ? s.look_since : s.time;
      best = std::min(best, since + m->gestures[static_cast<size_t>(l.longest)].seconds);
    }
  }
  best = std::min(best, drag_deadline(in));
  if (is_idle(in) && (s.hands || in.hands)) {
    const bool running = s.silent && is_idle(last);
    const double since = running ? s.idle_since : std::max(s.time, s.breath_until);
    const double checked = running ? s.wait_checked : -kInfinity;
    for (size_t i = 0; i < m->gestures.size(); ++i) {
      const Gesture& g = m->gestures[i];
      if (g.kind != GestureKind::Wait) continue;
      const double d = since + g.seconds;
      if (d > checked && d < best && is_offered(static_cast<int32_t>(i))) best = d;
    }
  }
  return best == kInfinity ? best : std::max(best, s.time);
}

// Does whatever is due at the current time; every call makes progress (a line, a phase change,
// or moving wait_checked forward), so the loops around it end.
void Runtime::process_due(std::vector<Event>& out) {
  if (++transitions_ > kMaxTransitionsPerInstant) {
    Event e = event_now(EventKind::Notice, state_);
    e.text = "The story loops without letting time pass; it was stopped.";
    out.push_back(std::move(e));
    finish();
    return;
  }
  State& s = state_;
  if (is_line_phase(s.phase)) {
    show_next_line(out);
    return;
  }
  if (s.phase != Phase::Moment) return;
  const Moment* m = moment_of(*story_, s);
  if (!m) return;
  const auto offered = [this](int32_t g) { return is_offered(g); };
  const Input& in = s.last_input;

  if (in.press != kNone && !s.press_stale) {
    const double held = s.time - s.press_since;
    const Ladder l = make_ladder(*m, in.press, false, held, offered);
    if (l.longest >= 0) {
      const Gesture& g = m->gestures[static_cast<size_t>(l.longest)];
      if (s.time >= s.press_since + g.seconds) {
        Event e = event_now(EventKind::GestureProgress, s);
        e.gesture = l.longest;
        e.thing = in.press;
        e.progress = 1;
        out.push_back(std::move(e));
        choose_gesture(l.longest, g.seconds, false, out);
        return;
      }
    }
  }
  if (drag_due(out)) return;
  if (in.look != kNone) {
    const double dwell = s.time - s.look_since;
    const Ladder l = make_ladder(*m, in.look, true, dwell, offered);
    if (l.longest >= 0) {
      const Gesture& g = m->gestures[static_cast<size_t>(l.longest)];
      if (s.time >= s.look_since + g.seconds) {
        Event e = event_now(EventKind::GestureProgress, s);
        e.gesture = l.longest;
        e.thing = in.look;
        e.progress = 1;
        out.push_back(std::move(e));
        choose_gesture(l.longest, g.seconds, false, out);
        return;
      }
    }
  }
  if (s.silent && is_idle(in)) {
    // The earliest offered wait that fell due since the last check; several at once (after a
    // stay's lines ran past them) fire in the order of their deadlines, one per check.
    int32_t due = -1;
    double due_at = kInfinity;
    for (size_t i = 0; i < m->gestures.size(); ++i) {
      const Gesture& g = m->gestures[i];
      if (g.kind != GestureKind::Wait) continue;
      const double d = s.idle_since + g.seconds;
      if (d > s.wait_checked && d <= s.time && d < due_at && is_offered(static_cast<int32_t>(i))) {
        due = static_cast<int32_t>(i);
        due_at = d;
      }
    }
    if (due >= 0) {
      // Only this rung is done: later ones that are also due fire at the next check, at once.
      s.wait_checked = due_at;
      choose_gesture(due, m->gestures[static_cast<size_t>(due)].seconds, false, out);
    } else {
      s.wait_checked = s.time;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Input.

void Runtime::end_silence() {
  if (!state_.silent) return;
  state_.counters.silence += running_silence(state_);
  state_.silent = false;
}

void Runtime::apply_input(const Input& input, std::vector<Event>& out) {
  State& s = state_;
  const Input prev = s.last_input;
  if (input == prev) return;
  // The drag the press had reached when this change came, then the new drag's starting point.
  const double prev_drag = drag_of(prev, s.slide_since, s.time);
  const bool drag_changed =
      input.press != prev.press || input.drag != prev.drag || input.slide != prev.slide;
  if (drag_changed) s.slide_since = s.time;
  // The first sign of the player's hands; from here on a still hand is silence.
  if (!s.hands && (input.hands || !is_idle(input))) s.hands = true;
  if (s.phase != Phase::Moment) {
    // Lines: only skip matters (its rising edge ends the line at once, via deadline_at). Any
    // activity during a stay-wait's lines breaks the silence that carries over.
    if (is_line_phase(s.phase) && input.skip && !prev.skip) s.line_until = s.time;
    if (s.silent && !is_idle(input)) end_silence();
    s.last_input = input;
    return;
  }

  // Silence.
  if (s.silent && !is_idle(input)) end_silence();
  if (!s.silent && is_idle(input) && s.hands) {
    s.silent = true;
    s.idle_since = std::max(s.time, s.breath_until);
    s.wait_checked = -kInfinity;
  }

  const Moment* m = moment_of(*story_, s);
  const auto offered = [this](int32_t g) { return is_offered(g); };
  auto progress = [&](int32_t gesture, ThingId thing, double p) {
    Event e = event_now(EventKind::GestureProgress, s);
    e.gesture = gesture;
    e.thing = thing;
    e.progress = p;
    out.push_back(std::move(e));
  };

  // Each change below may choose a gesture and close the moment; the rest is then only noted.
  s.last_input.skip = input.skip;

  // Turning away.
  if (input.turn_away != prev.turn_away) {
    s.last_input.turn_away = input.turn_away;
    if (input.turn_away && m) {
      for (size_t i = 0; i < m->gestures.size(); ++i) {
        if (m->gestures[i].kind == GestureKind::TurnAway && is_offered(static_cast<int32_t>(i))) {
          choose_gesture(static_cast<int32_t>(i), 0, false, out);
          break;
        }
      }
      if (s.phase != Phase::Moment) {
        s.last_input = input;
        return;
      }
    }
  }

  // Pressing and releasing.
  if (input.press != prev.press) {
    if (prev.press != kNone) {
      if (s.press_stale) {
        s.press_stale = false;
      } else {
        release_press(prev.press, prev_drag, out);
      }
    }
    s.last_input.press = input.press;
    if (s.phase != Phase::Moment) {
      s.last_input = input;
      return;
    }
    if (input.press != kNone && m) {
      s.press_since = s.time;
      s.press_stale = false;
      const Ladder l = make_ladder(*m, input.press, false, 0, offered);
      const bool drags = make_drag_ladder(*m, input.press, 0, offered).any();
      if (l.touch >= 0 && l.longest < 0 && !drags) {
        choose_gesture(l.touch, 0, false, out);
        s.last_input = input;
        return;
      }
      if (l.longest >= 0 || (l.hesitate >= 0 && !drags)) {
        progress(l.longest >= 0 ? l.longest : l.hesitate, input.press, 0);
      }
      // One start per press (sound cues answer it): the hold's, or else the push's or pull's.
      if (drags && l.longest < 0) drag_progress(input, true, out);
    }
  } else if (drag_changed && input.press != kNone && !s.press_stale && m) {
    drag_progress(input, false, out);  // the same press moved: the thing follows
  }

  // Looking.
  if (input.look != prev.look) {
    if (prev.look != kNone) end_look(prev.look, out);
    s.last_input.look = input.look;
    if (s.phase != Phase::Moment) {
      s.last_input = input;
      return;
    }
    if (input.look != kNone && m) {
      s.look_since = s.time;
      const Ladder l = make_ladder(*m, input.look, true, 0, offered);
      if (l.longest >= 0) progress(l.longest, input.look, 0);
    }
  }
  s.last_input = input;
}

void Runtime::release_press(ThingId thing, double drag, std::vector<Event>& out) {
  State& s = state_;
  const Moment* m = moment_of(*story_, s);
  if (!m) return;
  const double held = s.time - s.press_since;
  const auto offered = [this](int32_t g) { return is_offered(g); };
  const Ladder l = make_ladder(*m, thing, false, held, offered);
  const DragLadder d = make_drag_ladder(*m, thing, drag, offered);
  if (l.longest < 0 && l.hesitate < 0 && !d.any()) return;  // nothing here answers to a hold

  if (l.longest >= 0 || (l.hesitate >= 0 && !d.any())) {
    Event p = event_now(EventKind::GestureProgress, s);
    p.gesture = l.longest >= 0 ? l.longest : l.hesitate;
    p.thing = thing;
    if (l.longest >= 0) {
      const double full = m->gestures[static_cast<size_t>(l.longest)].seconds;
      p.progress = full > 0 ? std::min(1.0, held / full) : 1.0;
    }
    out.push_back(std::move(p));
  }
  if (d.any()) {
    const DragLean lean = drag_lean(thing, drag);
    Event p = event_now(EventKind::GestureProgress, s);
    p.gesture = lean.gesture;
    p.thing = thing;
    p.progress = lean.progress;
    out.push_back(std::move(p));
  }

  const bool still = std::abs(drag) < kStillPixels;
  if (l.touch >= 0 && (l.longest >= 0 || d.any()) && held < kTouchSeconds && still) {
    choose_gesture(l.touch, held, false, out);
    return;
  }
  if (d.reached >= 0) {
    choose_gesture(d.reached, held, false, out);
    return;
  }
  if (l.reached >= 0) {
    choose_gesture(l.reached, held, false, out);
    return;
  }
  // Let go before any hold was reached: a hesitation, whether or not the story answers it.
  s.counters.hesitated++;
  Event h = event_now(EventKind::Hesitated, s);
  h.gesture = l.hesitate;
  h.thing = thing;
  h.held = held;
  out.push_back(std::move(h));
  if (l.hesitate >= 0) {
    choose_gesture(l.hesitate, held, true, out);
    return;
  }
  HistoryEntry entry;
  entry.time = s.time;
  entry.scene = s.scene;
  entry.beat = s.beat;
  entry.gesture = -1;
  entry.kind = GestureKind::Hesitate;
  entry.thing = thing;
  entry.seconds = held;
  s.history.push_back(entry);
}

void Runtime::end_look(ThingId thing, std::vector<Event>& out) {
  State& s = state_;
  const Moment* m = moment_of(*story_, s);
  if (!m) return;
  const double dwell = s.time - s.look_since;
  const Ladder l = make_ladder(*m, thing, true, dwell, [this](int32_t g) { return is_offered(g); });
  if (l.longest < 0) return;
  Event p = event_now(EventKind::GestureProgress, s);
  p.gesture = l.longest;
  p.thing = thing;
  const double full = m->gestures[static_cast<size_t>(l.longest)].seconds;
  p.progress = full > 0 ? std::min(1.0, dwell / full) : 1.0;
  out.push_back(std::move(p));
  if (l.reached >= 0) choose_gesture(l.reached, dwell, false, out);
}

// ---------------------------------------------------------------------------------------------
// Push and pull: the drag of the press.

double Runtime::drag_now() const {
  const State& s = state_;
  if (s.phase != Phase::Moment || s.last_input.press == kNone || s.press_stale) return 0;
  return drag_of(s.last_input, s.slide_since, s.time);
}

Runtime::DragLean Runtime::drag_lean(ThingId thing, double drag) const {
  DragLean lean;
  const Moment* m = moment_of(*story_, state_);
  if (!m || thing == kNone) return lean;
  const DragLadder l = make_drag_ladder(*m, thing, 0, [this](int32_t g) { return is_offered(g); });
  const bool away = drag > 0 || (drag == 0 && l.push >= 0);
  lean.gesture = away ? (l.push >= 0 ? l.push : l.pull) : (l.pull >= 0 ? l.pull : l.push);
  if (lean.gesture < 0) return lean;
  const Gesture& g = m->gestures[static_cast<size_t>(lean.gesture)];
  const double moved = g.kind == GestureKind::Push ? drag : -drag;
  lean.progress = g.distance > 0 ? std::clamp(moved / g.distance, 0.0, 1.0) : 1.0;
  return lean;
}

double Runtime::drag_deadline(const Input& in) const {
  const State& s = state_;
  const Input& last = s.last_input;
  const bool same_press = in.press == last.press;
  if (s.phase != Phase::Moment || in.press == kNone || (same_press && s.press_stale)) {
    return kInfinity;
  }
  const Moment* m = moment_of(*story_, s);
  if (!m) return kInfinity;
  const DragLadder l =
      make_drag_ladder(*m, in.press, 0, [this](int32_t g) { return is_offered(g); });
  const bool same_drag = same_press && in.drag == last.drag && in.slide == last.slide;
  const double since = same_drag ? s.slide_since : s.time;
  const auto dist = [m](int32_t j) { return m->gestures[static_cast<size_t>(j)].distance; };
  double best = kInfinity;
  if (l.push >= 0) best = std::min(best, reach_time(in, since, 1, dist(l.push)));
  if (l.pull >= 0) best = std::min(best, reach_time(in, since, -1, dist(l.pull)));
  return best;
}

// A push or pull whose distance the press has reached now completes.
bool Runtime::drag_due(std::vector<Event>& out) {
  State& s = state_;
  const Input& in = s.last_input;
  const Moment* m = moment_of(*story_, s);
  if (in.press == kNone || s.press_stale || !m) return false;
  const DragLadder l =
      make_drag_ladder(*m, in.press, 0, [this](int32_t g) { return is_offered(g); });
  for (auto [gesture, sign] : {std::pair{l.push, 1.0}, std::pair{l.pull, -1.0}}) {
    if (gesture < 0) continue;
    const double distance = m->gestures[static_cast<size_t>(gesture)].distance;
    if (reach_time(in, s.slide_since, sign, distance) > s.time) continue;
    Event e = event_now(EventKind::GestureProgress, s);
    e.gesture = gesture;
    e.thing = in.press;
    e.progress = 1;
    out.push_back(std::move(e));
    choose_gesture(gesture, s.time - s.press_since, false, out);
    return true;
  }
  return false;
}

// The press began (`start`) or moved: how far along the push or pull it leans toward is. A move
// that leans nowhere yet says nothing (progress 0 is the gesture's start).
void Runtime::drag_progress(const Input& in, bool start, std::vector<Event>& out) {
  const DragLean lean = drag_lean(in.press, in.drag);
  if (lean.gesture < 0 || (!start && lean.progress <= 0)) return;
  Event e = event_now(EventKind::GestureProgress, state_);
  e.gesture = lean.gesture;
  e.thing = in.press;
  e.progress = lean.progress;
  out.push_back(std::move(e));
}

// ---------------------------------------------------------------------------------------------
// A gesture chosen, and where lines lead.

void Runtime::choose_gesture(int32_t gesture, double seconds, bool counted,
                             std::vector<Event>& out) {
  State& s = state_;
  const Moment* m = moment_of(*story_, s);
  const Gesture& g = m->gestures[static_cast<size_t>(gesture)];

  // Gestures still in progress elsewhere end with the moment, so their glow can fade.
  const Input& in = s.last_input;
  const auto offered = [this](int32_t i) { return is_offered(i); };
  const bool own_press = g.thing == in.press && g.kind != GestureKind::Look;
  const bool own_look = g.thing == in.look && g.kind == GestureKind::Look;
  if (in.press != kNone && !s.press_stale && !own_press) {
    const Ladder l = make_ladder(*m, in.press, false, 0, offered);
    if (l.longest >= 0 || l.hesitate >= 0) {
      Event e = event_now(EventKind::GestureProgress, s);
      e.gesture = l.longest >= 0 ? l.longest : l.hesitate;
      e.thing = in.press;
      if (l.longest >= 0) {
        const double full = m->gestures[static_cast<size_t>(l.longest)].seconds;
        e.progress = full > 0 ? std::min(1.0, (s.time - s.press_since) / full) : 1.0;
      }
      out.push_back(std::move(e));
    }
  }
  if (in.look != kNone && !own_look) {
    const Ladder l = make_ladder(*m, in.look, true, 0, offered);
    if (l.longest >= 0) {
      Event e = event_now(EventKind::GestureProgress, s);
      e.gesture = l.longest;
      e.thing = in.look;
      const double full = m->gestures[static_cast<size_t>(l.longest)].seconds;
      e.progress = full > 0 ? std::min(1.0, (s.time - s.look_since) / full) : 1.0;
      out.push_back(std::move(e));
    }
  }

  // A stay-wait lets the silence run on through its lines (the silence ladder); anything else
  // ends it here.
  if (!(g.kind == GestureKind::Wait && g.stay)) end_silence();

  Event e = event_now(EventKind::GestureChosen, s);
  e.gesture = gesture;
  e.thing = g.thing;
  e.held = seconds;
  out.push_back(std::move(e));

  Counters& c = s.counters;
  switch (g.kind) {
    case GestureKind::Wait:
      c.waited++;
      break;
    case GestureKind::Hold:
      c.held++;
      break;
    case GestureKind::Hesitate:
      if (!counted) c.hesitated++;
      break;
    case GestureKind::Look:
      c.looked++;
      break;
    case GestureKind::Touch:
      c.touched++;
      break;
    case GestureKind::TurnAway:
      c.turned_away++;
      break;
    case GestureKind::Push:
    case GestureKind::Pull:
      break;  // no counter of their own: the history remembers them
  }
  if (!story_->chose_keys.empty()) {
    const int32_t slot = story_->chose_slot(story_->symbols.find_gesture(s.scene, g.id));
    if (slot >= 0 && static_cast<size_t>(slot) < s.chose.size())
      ++s.chose[static_cast<size_t>(slot)];
  }
  HistoryEntry h;
  h.time = s.time;
  h.scene = s.scene;
  h.beat = s.beat;
  h.gesture = gesture;
  h.kind = g.kind;
  h.thing = g.thing;
  h.seconds = seconds;
  s.history.push_back(h);

  for (const Effect& effect : g.effects) apply_effect(effect, *env_, s.variables);
  if (g.stay && static_cast<size_t>(gesture) < s.stayed.size()) {
    s.stayed[static_cast<size_t>(gesture)] = true;
  }
  s.phase = Phase::GestureLines;
  s.gesture = gesture;
  s.line = 0;
  s.line_until = s.time;
}

void Runtime::show_next_line(std::vector<Event>& out) {
  State& s = state_;
  for (int32_t i = s.line;; ++i) {
    const Line* line = line_at(*story_, s, i);
    if (!line) break;
    if (line->condition && !line->condition->test(*env_)) continue;
    const double linger = linger_of(*line, story_->pacing);
    Event e;
    e.kind = line->is_pause() ? EventKind::PauseStarted : EventKind::LineShown;
    e.time = s.time;
    e.scene = s.scene;
    e.beat = s.beat;
    e.gesture = s.phase == Phase::GestureLines ? s.gesture : -1;
    e.ending = s.phase == Phase::EndingLines ? s.ending : kNone;
    e.linger = linger;
    if (line->text) e.text = line->text->render(*env_);
    out.push_back(std::move(e));
    s.line = i + 1;
    s.line_until = s.time + linger;
    return;
  }
  lines_done(out);
}

void Runtime::lines_done(std::vector<Event>& out) {
  State& s = state_;
  switch (s.phase) {
    case Phase::Lines: {
      const Beat* beat = beat_of(*story_, s);
      if (!beat) {
        finish();
      } else if (beat->moment) {
        open_moment(true, out);
      } else {
        follow(beat->target, out);
      }
      return;
    }
    case Phase::GestureLines: {
      const Moment* m = moment_of(*story_, s);
      if (!m || s.gesture < 0 || static_cast<size_t>(s.gesture) >= m->gestures.size()) {
        finish();
        return;
      }
      const Gesture& g = m->gestures[static_cast<size_t>(s.gesture)];
      if (g.stay) {
        open_moment(false, out);
      } else {
        follow(g.target, out);
      }
      return;
    }
    case Phase::EndingLines:
      finish();
      return;
    default:
      return;
  }
}

void Runtime::follow(const Target& target, std::vector<Event>& out) {
  if (target.beat() != kNone) {
    begin_beat(target.beat(), out);
  } else if (target.scene() != kNone) {
    enter_scene(target.scene(), out);
  } else if (target.ending() != kNone) {
    begin_ending(target.ending(), out);
  } else {
    // No target: the next beat of the scene; after the last one the story has nowhere to go.
    const Scene& scene = story_->scenes[static_cast<size_t>(state_.scene)];
    const BeatId next = state_.beat + 1;
    if (next >= 0 && static_cast<size_t>(next) < scene.beats.size()) {
      begin_beat(next, out);
    } else {
      finish();
    }
  }
}

void Runtime::enter_scene(SceneId scene, std::vector<Event>& out) {
  State& s = state_;
  end_silence();
  const Scene& sc = story_->scenes[static_cast<size_t>(scene)];
  s.scene = scene;
  s.visits[static_cast<size_t>(scene)]++;
  s.visited.push_back(scene);
  if (sc.day > 0) s.day = sc.day;
  s.ending = kNone;
  Event e;
  e.kind = EventKind::SceneEntered;
  e.time = s.time;
  e.scene = scene;
  out.push_back(std::move(e));
  if (sc.beats.empty()) {
    finish();
    return;
  }
  begin_beat(0, out);
}

void Runtime::begin_beat(BeatId beat, std::vector<Event>& out) {
  State& s = state_;
  // Beats without a moment lead on by themselves, always to the same beat: one begun a second
  // time before any moment opened will be begun forever, its lines shown without end.
  const std::pair<SceneId, BeatId> here{s.scene, beat};
  if (std::find(since_moment_.begin(), since_moment_.end(), here) != since_moment_.end()) {
    Event e = event_now(EventKind::Notice, s);
    e.text = "The story loops through lines without ever reaching a moment; it was stopped.";
    out.push_back(std::move(e));
    finish();
    return;
  }
  since_moment_.push_back(here);
  s.beat = beat;
  s.phase = Phase::Lines;
  s.gesture = -1;
  s.line = 0;
  s.line_until = s.time;  // the first line is due now
  const Beat& b = story_->scenes[static_cast<size_t>(s.scene)].beats[static_cast<size_t>(beat)];
  for (const Effect& effect : b.effects) apply_effect(effect, *env_, s.variables);
}

void Runtime::begin_ending(EndingId ending, std::vector<Event>& out) {
  State& s = state_;
  end_silence();
  s.phase = Phase::EndingLines;
  s.ending = ending;
  s.gesture = -1;
  s.line = 0;
  s.line_until = s.time;
  Event e = event_now(EventKind::EndingReached, s);
  e.ending = ending;
  e.text = story_->endings[static_cast<size_t>(ending)].title;
  out.push_back(std::move(e));
}

void Runtime::open_moment(bool fresh, std::vector<Event>& out) {
  since_moment_.clear();
  State& s = state_;
  const Moment* m = moment_of(*story_, s);
  s.phase = Phase::Moment;
  s.gesture = -1;
  if (fresh) {
    s.moment_since = s.time;
    s.breath_until = s.time + kBreathSeconds;
    s.stayed.assign(m ? m->gestures.size() : 0, false);
  }
  const Input& in = s.last_input;
  // A press or turn-away already down belongs to what came before; it counts once released.
  s.press_stale = in.press != kNone;
  s.press_since = s.time;
  s.look_since = s.time;
  s.slide_since = s.time;
  if (!(s.silent && is_idle(in))) {
    end_silence();
    s.silent = is_idle(in) && s.hands;
    s.idle_since = std::max(s.time, s.breath_until);
    s.wait_checked = -kInfinity;
  }
  Event e = event_now(EventKind::MomentOpened, s);
  e.linger = fresh ? kBreathSeconds : 0.0;
  out.push_back(std::move(e));
  if (in.look != kNone && m) {
    const Ladder l = make_ladder(*m, in.look, true, 0, [this](int32_t g) { return is_offered(g); });
    if (l.longest >= 0) {
      Event p = event_now(EventKind::GestureProgress, s);
      p.gesture = l.longest;
      p.thing = in.look;
      out.push_back(std::move(p));
    }
  }
}

void Runtime::finish() {
  end_silence();
  state_.phase = Phase::Finished;
}

// ---------------------------------------------------------------------------------------------
// Starting, and the tools' shortcuts.

std::vector<Event> Runtime::start(SceneId scene, Hands hands) {
  std::vector<Event> out;
  State fresh;
  fresh.hands = hands == Hands::Found;
  fresh.variables.reserve(story_->variables.size());
  for (const Variable& v : story_->variables) fresh.variables.push_back(v.initial);
  fresh.visits.assign(story_->scenes.size(), 0);
  fresh.chose.assign(story_->chose_keys.size(), 0);
  state_ = std::move(fresh);  // input included: a replay must not inherit an earlier run's press
  transitions_ = 0;
  since_moment_.clear();
  const SceneId first = scene != kNone ? scene : story_->start;
  if (first < 0 || static_cast<size_t>(first) >= story_->scenes.size()) {
    finish();
    return out;
  }
  enter_scene(first, out);
  while (deadline_at(state_.last_input) <= state_.time) process_due(out);
  give_notices(out);
  return out;
}

void Runtime::choose(int32_t gesture, std::vector<Event>& out) {
  if (!in_moment() || !is_offered(gesture)) return;
  transitions_ = 0;
  const Gesture& g = moment()->gestures[static_cast<size_t>(gesture)];
  double seconds = 0;
  if (g.kind == GestureKind::Wait || g.kind == GestureKind::Hold || g.kind == GestureKind::Look) {
    seconds = g.seconds;
  }
  if (g.kind == GestureKind::Wait) {
    // As though the player had been silent for the whole wait (the running stretch is part of it).
    const double running = running_silence(state_);
    end_silence();
    state_.counters.silence += std::max(0.0, g.seconds - running);
  }
  choose_gesture(gesture, seconds, false, out);
  while (deadline_at(state_.last_input) <= state_.time) process_due(out);
  give_notices(out);
}

void Runtime::fast_forward(std::vector<Event>& out) {
  transitions_ = 0;
  for (;;) {
    if (is_line_phase(state_.phase)) {
      state_.line_until = state_.time;
    } else if (state_.phase != Phase::Moment || deadline_at(state_.last_input) > state_.time) {
      break;  // a moment is open and nothing is due in it (a zero wait would be), or the end
    }
    process_due(out);
  }
}

void Runtime::jump(SceneId scene, std::vector<Event>& out) {
  if (scene < 0 || static_cast<size_t>(scene) >= story_->scenes.size()) return;
  transitions_ = 0;
  since_moment_.clear();
  if (state_.phase == Phase::NotStarted) {
    for (Event& e : start(scene)) out.push_back(std::move(e));
    return;
  }
  enter_scene(scene, out);
  while (deadline_at(state_.last_input) <= state_.time) process_due(out);
}

std::vector<std::string> reflection_lines(const Runtime& runtime, EndingId ending) {
  std::vector<std::string> out;
  const Story& story = runtime.story();
  if (ending < 0 || static_cast<size_t>(ending) >= story.endings.size()) return out;
  for (const Line& line : story.endings[static_cast<size_t>(ending)].reflection) {
    if (line.is_pause()) continue;
    if (line.condition && !line.condition->test(runtime.env())) continue;
    out.push_back(line.text->render(runtime.env()));
  }
  return out;
}

}  // namespace threshold::story
