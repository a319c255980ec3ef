// The Runtime's push and pull: the drag of a press, where it leans, when it reaches a distance
// and the progress it reports. Part of the Runtime (runtime.h); the time and input parts call it,
// the renderer reads drag_now and drag_lean to move the thing with the hand.
#include <algorithm>
#include <utility>

#include "runtime_parts.h"

namespace threshold::story {

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

}  // namespace threshold::story
