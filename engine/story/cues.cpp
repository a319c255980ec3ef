// Which cues the runtime's events fire. See cues.h.
#include "threshold/story/cues.h"

namespace threshold::story {

bool cue_answers(const SoundCue& c, const CueTrigger& t) {
  if (t.kind != CueTrigger::Kind::Fire) return false;
  if (c.on != t.on || (c.beat >= 0 && c.beat != t.beat)) return false;
  if (c.gesture >= 0 && (t.event == nullptr || t.event->gesture != c.gesture)) return false;
  if (c.thing >= 0 && (t.event == nullptr || t.event->thing != c.thing)) return false;
  return true;
}

bool cue_ends(const SoundCue& c, const CueTrigger& t) {
  return t.kind == CueTrigger::Kind::Until && t.event != nullptr &&
         c.until_gesture == t.event->gesture && c.until_beat == t.event->beat;
}

CueTriggers CueFollower::triggers(const Story& story, const Event& e) {
  CueTriggers out;
  auto fire = [&](CueOn on) { out.push({CueTrigger::Kind::Fire, on, e.beat, &e, e.time}); };
  switch (e.kind) {
    case EventKind::LineShown:
    case EventKind::PauseStarted:
    case EventKind::MomentOpened:
      if (e.beat != beat_ && e.gesture < 0) {
        beat_ = e.beat;
        fire(CueOn::Beat);
      }
      break;
    case EventKind::GestureProgress:
      if (e.progress == 0) fire(CueOn::GestureStart);
      break;
    case EventKind::GestureChosen:
      // A touch, a wait, a turn away have no start of their own: they start as they are done.
      if (const Gesture* g = story.gesture(e)) {
        if (g->kind == GestureKind::Touch || g->kind == GestureKind::Wait ||
            g->kind == GestureKind::TurnAway) {
          fire(CueOn::GestureStart);
        }
      }
      out.push({CueTrigger::Kind::Until, CueOn::GestureDone, e.beat, &e, e.time});
      fire(CueOn::GestureDone);
      break;
    case EventKind::Hesitated:
      fire(CueOn::Hesitate);
      break;
    default:
      break;
  }
  return out;
}

std::optional<CueTrigger> CueFollower::settle(const State& state) {
  if (state.beat == beat_ || state.beat < 0 ||
      (state.phase != Phase::Lines && state.phase != Phase::Moment)) {
    return std::nullopt;
  }
  beat_ = state.beat;
  return CueTrigger{CueTrigger::Kind::Fire, CueOn::Beat, state.beat, nullptr, state.time};
}

}  // namespace threshold::story
