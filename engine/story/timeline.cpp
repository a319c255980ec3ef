// History snapshots, rewind and restart. See timeline.h.
//
// How a snapshot lands exactly before its gesture: gestures happen only in an open moment, and
// only where the input changes (at the start of a step) or at one of the runtime's own deadlines
// (a hold completing, a look, a wait). Timeline::step applies the input change on its own, then
// walks the step from deadline to deadline, stopping one tick short of each one inside a moment
// to copy the state. The runtime's outcomes do not depend on how a span of time is cut into
// steps, so the game plays exactly as it would without the timeline.
#include "threshold/story/timeline.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "threshold/story/save.h"

namespace threshold::story {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// A scene entry's state made "just entered": the beat it is in shows its lines again from the
// first (the beat's effects are already applied and are not applied twice).
State entered(State s) {
  if (s.phase == Phase::Lines) {
    s.line = 0;
    s.line_until = s.time;
  }
  reopen_moment(s);
  return s;
}

}  // namespace

void reopen_moment(State& s) {
  if (s.phase != Phase::Moment) return;
  if (s.silent) s.counters.silence += running_silence(s);  // the silence so far is kept
  s.last_input = {};
  s.moment_since = s.time;
  s.press_since = s.time;
  s.press_stale = false;
  s.look_since = s.time;
  s.breath_until = s.time;  // a rewind lands in a moment already felt: no second breath
  s.silent = s.hands;
  s.idle_since = s.time;
  s.wait_checked = -kInfinity;
}

void Timeline::push(Snapshot s) {
  if (capacity_ == 0) return;
  while (snapshots_.size() >= capacity_) snapshots_.pop_front();
  snapshots_.push_back(std::move(s));
}

const Snapshot* Timeline::find_gesture(size_t k) const {
  for (auto it = snapshots_.rbegin(); it != snapshots_.rend(); ++it) {
    if (it->kind == Snapshot::Kind::Gesture && it->history == k) return &*it;
  }
  return nullptr;
}

void Timeline::record(const State& before, const Runtime& after, const std::vector<Event>& events) {
  const State& now = after.state();
  // The first gesture taken since `before` is exactly after it. More than one at the same
  // instant (a stay without lines, then a wait of zero seconds) leaves the later ones without a
  // snapshot: there was no state between them to keep.
  if (before.phase == Phase::Moment && now.history.size() > before.history.size()) {
    Snapshot s;
    s.kind = Snapshot::Kind::Gesture;
    s.history = before.history.size();
    s.scene = before.scene;
    s.time = before.time;
    s.state = before;
    reopen_moment(s.state);
    // A later gesture with the same index belongs to a cut-off branch: it goes.
    std::erase_if(snapshots_, [&s](const Snapshot& o) {
      return o.kind == Snapshot::Kind::Gesture && o.history >= s.history;
    });
    push(std::move(s));
  }
  // The last scene entered, when the runtime is still in it.
  const auto entry = std::find_if(events.rbegin(), events.rend(),
                                  [](const Event& e) { return e.kind == EventKind::SceneEntered; });
  if (entry != events.rend() && entry->scene == now.scene) {
    Snapshot s;
    s.kind = Snapshot::Kind::SceneEntry;
    s.history = now.history.size();
    s.scene = now.scene;
    s.time = now.time;
    s.state = entered(now);
    push(std::move(s));
  }
}

void Timeline::step(Runtime& runtime, double dt, const Input& input, std::vector<Event>& out) {
  const double target = runtime.state().time + dt;
  if (runtime.state().phase == Phase::NotStarted || !(dt >= 0)) {
    runtime.advance_to(target, input, out);
    return;
  }
  // One part of the step: `go` moves the runtime; the state before it is copied only when a
  // gesture could be taken in it (a moment is open).
  std::vector<Event> part;
  auto run = [&](auto&& go) {
    part.clear();
    if (runtime.in_moment()) {
      const State before = runtime.state();
      go();
      record(before, runtime, part);
    } else {
      const size_t history = runtime.state().history.size();
      go();
      const bool entered_scene = std::any_of(part.begin(), part.end(), [](const Event& e) {
        return e.kind == EventKind::SceneEntered;
      });
      if (entered_scene || runtime.state().history.size() != history) {
        State before;  // not in a moment: only scene entries are recorded
        before.phase = Phase::Lines;
        record(before, runtime, part);
      }
    }
    out.insert(out.end(), std::make_move_iterator(part.begin()),
               std::make_move_iterator(part.end()));
  };

  // The input's change, at the start of the step (a touch, a release, turning away).
  if (!(input == runtime.state().last_input)) {
    run([&] { runtime.advance_to(runtime.state().time, input, part); });
  }
  // Then from deadline to deadline. Each advance_to makes progress (the runtime does whatever is
  // due at that instant), so the guard is only against a runtime bug.
  for (int guard = 0; guard < 1000000; ++guard) {
    const double d = runtime.next_deadline(input);
    if (d == kInfinity) break;
    const double at = runtime.state().time + d;
    if (!(at <= target)) break;
    if (runtime.in_moment()) {
      const double just_before = std::nextafter(at, -kInfinity);
      if (just_before > runtime.state().time) runtime.advance_to(just_before, input, out);
    }
    run([&] { runtime.advance_to(at, input, part); });
  }
  runtime.advance_to(target, input, out);
}

void Timeline::start(Runtime& runtime, std::vector<Event>& out, SceneId scene, Hands hands) {
  snapshots_.clear();
  const size_t from = out.size();
  for (Event& e : runtime.start(scene, hands)) out.push_back(std::move(e));
  const std::vector<Event> events(out.begin() + static_cast<std::ptrdiff_t>(from), out.end());
  record(State{}, runtime, events);
}

void Timeline::choose(Runtime& runtime, int32_t gesture, std::vector<Event>& out) {
  const State before = runtime.state();
  std::vector<Event> part;
  runtime.choose(gesture, part);
  record(before, runtime, part);
  out.insert(out.end(), part.begin(), part.end());
}

void Timeline::jump(Runtime& runtime, SceneId scene, std::vector<Event>& out) {
  const State before = runtime.state();
  std::vector<Event> part;
  runtime.jump(scene, part);
  record(before, runtime, part);
  out.insert(out.end(), part.begin(), part.end());
}

bool Timeline::restart_scene(Runtime& runtime) {
  const State& now = runtime.state();
  for (auto it = snapshots_.rbegin(); it != snapshots_.rend(); ++it) {
    if (it->kind != Snapshot::Kind::SceneEntry || it->scene != now.scene) continue;
    // Only an entry on the road that led here: its history must be the start of today's.
    if (it->history > now.history.size() ||
        !std::equal(it->state.history.begin(), it->state.history.end(), now.history.begin())) {
      continue;
    }
    State s = it->state;
    snapshots_.erase(it.base(), snapshots_.end());  // everything after the entry is undone
    runtime.restore(std::move(s));
    return true;
  }
  return false;
}

bool Timeline::rewind(Runtime& runtime, size_t k) {
  for (auto it = snapshots_.rbegin(); it != snapshots_.rend(); ++it) {
    if (it->kind != Snapshot::Kind::Gesture || it->history != k) continue;
    if (it->state.history.size() != k) return false;
    State s = std::move(it->state);
    snapshots_.erase(std::prev(it.base()), snapshots_.end());  // it and all after it
    runtime.restore(std::move(s));
    return true;
  }
  return false;
}

namespace {

// Carries history entries over to another version of the story by their authored ids, as a
// save does (what no longer exists becomes kNone). Every snapshot's history is a prefix of the
// next one's, so the same few entries come up again and again: each distinct one is looked up
// once.
class HistoryCarrier {
 public:
  HistoryCarrier(const Story& old_story, const Story& fresh) : old_(old_story), fresh_(fresh) {}

  // Snapshots come in order along one road, so each history mostly repeats the one before:
  // the shared beginning is copied from the last answer, and only the rest is looked up.
  std::vector<HistoryEntry> carry(const std::vector<HistoryEntry>& history) {
    const size_t shared = static_cast<size_t>(
        std::mismatch(history.begin(), history.end(), last_in_.begin(), last_in_.end()).first -
        history.begin());
    std::vector<HistoryEntry> out(last_out_.begin(),
                                  last_out_.begin() + static_cast<std::ptrdiff_t>(shared));
    out.reserve(history.size());
    for (size_t i = shared; i < history.size(); ++i) {
      const HistoryEntry& h = history[i];
      HistoryEntry e = h;
      const Where& w = where(h.scene, h.beat, h.gesture, h.thing);
      e.scene = w.scene;
      e.beat = w.beat;
      e.gesture = w.gesture;
      e.thing = w.thing;
      out.push_back(e);
    }
    last_in_ = history;
    last_out_ = out;
    return out;
  }

  // The same for State::visited; scenes that are gone are left out, as a save does.
  std::vector<SceneId> carry_visited(const std::vector<SceneId>& visited) {
    const size_t shared =
        static_cast<size_t>(std::mismatch(visited.begin(), visited.end(), last_visited_in_.begin(),
                                          last_visited_in_.end())
                                .first -
                            visited.begin());
    std::vector<SceneId> out(
        last_visited_out_.begin(),
        last_visited_out_.begin() + static_cast<std::ptrdiff_t>(carried_upto_[shared]));
    carried_upto_.resize(shared + 1);
    for (size_t i = shared; i < visited.size(); ++i) {
      if (const SceneId n = scene(visited[i]); n != kNone) out.push_back(n);
      carried_upto_.push_back(out.size());
    }
    last_visited_in_ = visited;
    last_visited_out_ = out;
    return out;
  }

  // The scene's id in the fresh story, or kNone when it is gone.
  SceneId scene(SceneId old_scene) { return where(old_scene, -1, -1, -1).scene; }

 private:
  struct Where {
    SceneId scene = kNone;
    BeatId beat = kNone;
    int32_t gesture = -1;
    ThingId thing = kNone;
  };
  template <typename T>
  static const T* at(const std::vector<T>& v, int32_t i) {
    return i >= 0 && static_cast<size_t>(i) < v.size() ? &v[static_cast<size_t>(i)] : nullptr;
  }

  const Where& where(SceneId scene, BeatId beat, int32_t gesture, ThingId thing) {
    const std::array<int32_t, 4> key{scene, beat, gesture, thing};
    const auto found = memo_.find(key);
    if (found != memo_.end()) return found->second;
    Where w;
    const Scene* os = at(old_.scenes, scene);
    w.scene = os ? fresh_.find_scene(os->id) : kNone;
    const Scene* ns = at(fresh_.scenes, w.scene);
    const Beat* ob = os ? at(os->beats, beat) : nullptr;
    w.beat = ns && ob ? ns->find_beat(ob->id) : kNone;
    const Beat* nb = ns ? at(ns->beats, w.beat) : nullptr;
    const Gesture* og = ob && ob->moment ? at(ob->moment->gestures, gesture) : nullptr;
    if (og && nb && nb->moment) {
      for (size_t i = 0; i < nb->moment->gestures.size(); ++i) {
        if (nb->moment->gestures[i].id == og->id) w.gesture = static_cast<int32_t>(i);
      }
    }
    const Thing* ot = os ? at(os->things, thing) : nullptr;
    w.thing = ns && ot ? ns->find_thing(ot->id) : kNone;
    return memo_.emplace(key, w).first->second;
  }

  const Story& old_;
  const Story& fresh_;
  std::map<std::array<int32_t, 4>, Where> memo_;
  std::vector<HistoryEntry> last_in_, last_out_;
  std::vector<SceneId> last_visited_in_, last_visited_out_;
  // carried_upto_[i]: how many of last_visited_out_ came from the first i of last_visited_in_.
  std::vector<size_t> carried_upto_{0};
};

}  // namespace

void Timeline::rebase(const Story& old_story, const Story& fresh) {
  HistoryCarrier carrier(old_story, fresh);
  std::deque<Snapshot> kept;
  for (Snapshot& s : snapshots_) {
    // Where the snapshot resumes, its variables and visits go through the save format, which
    // repairs what was removed; the history, most of a late snapshot, goes by the carrier.
    State without_history = std::move(s.state);
    std::vector<HistoryEntry> history = std::move(without_history.history);
    std::vector<SceneId> visited = std::move(without_history.visited);
    without_history.history.clear();
    // Of the scenes visited, the save needs only the last one that still exists (where a
    // snapshot whose scene is gone resumes); the rest go by the carrier too.
    without_history.visited.clear();
    for (auto it = visited.rbegin(); it != visited.rend(); ++it) {
      if (carrier.scene(*it) != kNone) {
        without_history.visited.push_back(*it);
        break;
      }
    }
    LoadedSave loaded = load_from_text(fresh, save_to_text(old_story, without_history));
    if (!loaded.ok) continue;
    const bool entry = s.kind == Snapshot::Kind::SceneEntry;
    // A scene entry whose scene is gone is no longer an entry of that scene.
    const SceneId scene = s.scene >= 0 && static_cast<size_t>(s.scene) < old_story.scenes.size()
                              ? fresh.find_scene(old_story.scene(s.scene).id)
                              : kNone;
    if (entry && scene == kNone) continue;
    s.scene = scene;
    s.state = std::move(loaded.state);
    s.state.history = carrier.carry(history);
    s.state.visited = carrier.carry_visited(visited);
    if (entry) s.state = entered(std::move(s.state));
    kept.push_back(std::move(s));
  }
  snapshots_ = std::move(kept);
}

}  // namespace threshold::story
