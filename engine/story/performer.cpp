// A player's hands. See performer.h.
#include "threshold/story/performer.h"

#include <algorithm>
#include <cmath>

namespace threshold::story {

double ladder_duration(const Moment& m, const std::vector<int32_t>& offered, const Gesture& g) {
  const double next = m.next_rung(g, offered);
  if (!std::isfinite(next)) return g.seconds;
  return g.seconds + std::min(0.05, (next - g.seconds) / 2);
}

double drag_duration(const Moment& m, const std::vector<int32_t>& offered, const Gesture& g) {
  const double next = m.next_rung(g, offered);
  const double past = std::isfinite(next) ? std::min(2.0, (next - g.distance) / 2) : 2.0;
  return (g.distance + past) / kSlideRate;
}

double hesitation_duration(const Moment& m, const std::vector<int32_t>& offered, ThingId thing) {
  double shortest = INFINITY;
  bool touch = false;
  for (int32_t i : offered) {
    const Gesture& o = m.gestures[static_cast<size_t>(i)];
    if (o.thing != thing) continue;
    if (o.kind == GestureKind::Hold) shortest = std::min(shortest, o.seconds);
    touch |= o.kind == GestureKind::Touch;
  }
  if (!std::isfinite(shortest)) shortest = 1.0;
  double press = shortest / 2;
  if (touch && press < kTouchSeconds) press = (kTouchSeconds + shortest) / 2;
  return press;
}

Input Performer::base() const {
  Input in;
  in.attend = untimed_ && !waiting_ && rt_.in_moment();
  return in;
}

void Performer::release() {
  const Input idle = base();
  step_(0.0, idle);
  if (!(rt_.state().last_input == base())) step_(0.001, base());
}

void Performer::keep(Input input, double seconds) {
  const double end = rt_.state().time + seconds;
  while (!chose_since(history_) && rt_.in_moment() && rt_.state().time < end - 1e-9) {
    input.attend = base().attend;
    const double dt = std::min(end - rt_.state().time, rt_.next_deadline(input));
    step_(dt, input);
  }
  release();
}

bool Performer::silence() {
  const Input idle = base();
  const double dt = rt_.next_deadline(idle);
  if (!std::isfinite(dt)) return false;
  step_(dt, idle);
  return true;
}

void Performer::press_for(ThingId thing, double seconds) {
  history_ = rt_.state().history.size();
  waiting_ = false;
  Input input = base();
  input.press = thing;
  keep(input, seconds);
}

bool Performer::perform(const Moment& m, const std::vector<int32_t>& offered, const Gesture& g) {
  const State& s = rt_.state();
  const SceneId scene = s.scene;
  const BeatId beat = s.beat;
  const auto index = static_cast<int32_t>(&g - m.gestures.data());
  history_ = s.history.size();
  // Whether the runtime has chosen `g` since the gesture began (the last entry, or any).
  auto chosen = [&](bool last_only) {
    for (size_t i = s.history.size(); i-- > history_;) {
      const HistoryEntry& h = s.history[i];
      if (h.scene == scene && h.beat == beat && h.gesture == index) return true;
      if (last_only) return false;
    }
    return false;
  };
  waiting_ = g.kind == GestureKind::Wait;
  Input input = base();
  switch (g.kind) {
    case GestureKind::Wait:
      while (!rt_.finished() && s.scene == scene && s.beat == beat && !chosen(true)) {
        if (!silence()) break;
      }
      break;
    case GestureKind::Hold:
      input.press = g.thing;
      keep(input, ladder_duration(m, offered, g));
      break;
    case GestureKind::Hesitate:
      input.press = g.thing;
      keep(input, hesitation_duration(m, offered, g.thing));
      break;
    case GestureKind::Look:
      input.look = g.thing;
      keep(input, ladder_duration(m, offered, g));
      break;
    case GestureKind::Touch:
      input.press = g.thing;
      keep(input, 0.1);
      break;
    case GestureKind::TurnAway:
      input.turn_away = true;
      keep(input, 0.1);
      break;
    case GestureKind::Push:
    case GestureKind::Pull:
      // The drag as the keyboard makes it: the thing slides at the steady rate until the
      // distance is reached (between rungs when several lie on one thing).
      input.press = g.thing;
      input.slide = g.kind == GestureKind::Push ? kSlideRate : -kSlideRate;
      keep(input, drag_duration(m, offered, g));
      break;
  }
  return chosen(false);
}

}  // namespace threshold::story
