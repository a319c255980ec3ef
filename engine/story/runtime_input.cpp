// The Runtime's reading of the input in a moment: silence starting and ending, turning away,
// pressing and releasing (touch, hold, hesitation), looking. Part of the Runtime (runtime.h);
// advance_to applies every change of the Input through it.
#include <algorithm>
#include <cmath>

#include "runtime_parts.h"

namespace threshold::story {

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

  // A touch on purpose.
  if (input.touch != prev.touch) {
    s.last_input.touch = input.touch;
    if (input.touch != kNone && m) {
      const Ladder l = make_ladder(*m, input.touch, false, 0, offered);
      if (l.touch >= 0) {
        choose_gesture(l.touch, 0, false, out);
        if (s.phase != Phase::Moment) {
          s.last_input = input;
          return;
        }
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

}  // namespace threshold::story
