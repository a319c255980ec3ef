// The Runtime's time: stepping to an absolute time, the next deadline (a line's end, a hold's or
// a look's completion, a push's distance, a wait), and doing what is due when one is reached.
// Part of the Runtime (runtime.h); every step and every tool shortcut runs through it.
#include <algorithm>

#include "runtime_parts.h"

namespace threshold::story {

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

}  // namespace threshold::story
