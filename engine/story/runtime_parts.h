// Internal to the Runtime: only its parts (runtime*.cpp) include this header. It holds what they
// share: the Env over the State (Runtime::StateEnv), where the story is now (beat_of, moment_of,
// event_now) and the ladders a press, a look or a drag climbs on one thing.
#pragma once

#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "threshold/story/runtime.h"

namespace threshold::story {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();
// How many things may happen at one instant before the runtime decides the story loops without
// letting time pass (beats that lead to each other with no lines) and stops it.
inline constexpr int kMaxTransitionsPerInstant = 100000;

inline bool is_idle(const Input& in) {
  return in.press == kNone && in.look == kNone && !in.turn_away && !in.skip && !in.attend &&
         in.touch == kNone;
}

inline bool is_line_phase(Phase p) {
  return p == Phase::Lines || p == Phase::GestureLines || p == Phase::EndingLines;
}

// An event happening now, where the story is.
inline Event event_now(EventKind kind, const State& s) {
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

inline const Beat* beat_of(const Story& story, const State& s) {
  if (s.scene < 0 || static_cast<size_t>(s.scene) >= story.scenes.size()) return nullptr;
  const Scene& scene = story.scene(s.scene);
  if (s.beat < 0 || static_cast<size_t>(s.beat) >= scene.beats.size()) return nullptr;
  return &scene.beats[static_cast<size_t>(s.beat)];
}

// The moment of the current beat, whether or not it is open (gesture lines read it too).
inline const Moment* moment_of(const Story& story, const State& s) {
  const Beat* beat = beat_of(story, s);
  return beat && beat->moment ? &*beat->moment : nullptr;
}

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
inline double drag_of(const Input& in, double since, double t) {
  return in.drag + in.slide * (t - since);
}

// When the drag of `in` (sliding from `since`) reaches `distance` in the direction `sign` (+1
// away, -1 toward): -infinity when it already has, infinity when it never will. Deadlines and
// the check that fires them both ask this, so a deadline is always found reached.
inline double reach_time(const Input& in, double since, double sign, double distance) {
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

  std::string number_words(double n) const override {
    const Story& story = **story_;
    return story.number_words ? story.number_words(n) : story::number_words(n);
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

}  // namespace threshold::story
