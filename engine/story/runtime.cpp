// The runtime: plays a loaded Story over time. Everything that happens is driven by absolute
// deadlines (a line's end, a hold's completion, a wait) and by changes of the Input; a step that
// crosses a deadline is split there, so results never depend on the step size.
//
// Here: event names, the built-in counts, construction and copying, what is offered, starting
// and the tools' shortcuts (choose, fast_forward, jump), reflection_lines. Beside it, with
// runtime_parts.h: runtime_time.cpp, runtime_input.cpp, runtime_drag.cpp, runtime_flow.cpp.
#include "threshold/story/runtime.h"

#include <algorithm>
#include <utility>

#include "runtime_parts.h"

namespace threshold::story {

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

int32_t* gesture_counter(Counters& counters, Builtin b) {
  return counter_in(counters, b);
}

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
  const Beat& beat = story_->scene(state_.scene).beats[static_cast<size_t>(state_.beat)];
  return beat.moment ? &*beat.moment : nullptr;
}

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
  const Ending* e = story.ending(ending);
  if (e == nullptr) return out;
  for (const Line& line : e->reflection) {
    if (line.is_pause()) continue;
    if (line.condition && !line.condition->test(runtime.env())) continue;
    out.push_back(line.text->render(runtime.env()));
  }
  return out;
}

}  // namespace threshold::story
