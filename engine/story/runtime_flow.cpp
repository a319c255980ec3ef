// Where the Runtime's story goes: a gesture chosen (its counts, history and effects), the lines
// shown one at a time, and what they lead to (a beat, a scene, an ending, a moment reopened).
// Part of the Runtime (runtime.h); the time and input parts and the tools' shortcuts call it.
#include <algorithm>
#include <utility>

#include "runtime_parts.h"

namespace threshold::story {

namespace {

double linger_of(const Line& line, const Pacing& pacing) {
  if (line.linger > 0) return line.linger;  // authored, or set by the loader
  if (line.is_pause()) return pacing.default_pause;
  return pacing.linger(line.text->word_count());
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
      const Ending* e = story.ending(s.ending);
      if (e == nullptr) return nullptr;
      if (static_cast<size_t>(i) < e->epilogue.size()) return &e->epilogue[static_cast<size_t>(i)];
      size_t r = static_cast<size_t>(i) - e->epilogue.size();
      return r < e->reflection.size() ? &e->reflection[r] : nullptr;
    }
    default:
      return nullptr;
  }
}

}  // namespace

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
    const Scene& scene = story_->scene(state_.scene);
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
  const Scene& sc = story_->scene(scene);
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
  const Beat& b = story_->scene(s.scene).beats[static_cast<size_t>(beat)];
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
  e.text = story_->ending(ending)->title;
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

}  // namespace threshold::story
