// The story's timeline: the path the shipped game steps the runtime through (game/play_session),
// and its history. A Timeline steps the runtime and keeps a snapshot of the State just before
// every gesture taken (each State::history entry) and at every scene entry, so the overlay's
// History panel can rewind to before any gesture and its Scenes panel can restart the current
// scene, jump, and keep recording; `threshold render --debug-overlay` steps through one too.
// Headless, over the runtime alone (a rewind is a copy of a State). Memory is bounded: the
// oldest snapshots go first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

#include "threshold/story/runtime.h"

namespace threshold::story {

struct Snapshot {
  enum class Kind : uint8_t { Gesture, SceneEntry };
  Kind kind = Kind::Gesture;
  size_t history = 0;     // Gesture: the State::history index it precedes; SceneEntry: history size
  SceneId scene = kNone;  // SceneEntry: the scene entered; Gesture: where it was
  double time = 0;
  State state;  // Gesture: just before it, moment open afresh; SceneEntry: just entered
};

class Timeline {
 public:
  static constexpr size_t kDefaultCapacity = 512;
  explicit Timeline(size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  // Runtime::step, recording. The step is split at the runtime's own deadlines (outcomes do not
  // depend on step sizes), so each snapshot is the state exactly before its gesture; a frame
  // with no input change and no deadline costs no copy.
  void step(Runtime& runtime, double dt, const Input& input, std::vector<Event>& out);
  // Runtime::start / choose / jump, recording.
  void start(Runtime& runtime, std::vector<Event>& out, SceneId scene = kNone,
             Hands hands = Hands::Found);
  void choose(Runtime& runtime, int32_t gesture, std::vector<Event>& out);
  void jump(Runtime& runtime, SceneId scene, std::vector<Event>& out);
  // Re-enters the current scene with the state it had on entering (its last entry snapshot):
  // its lines show again. False (nothing changes) when that entry is no longer kept.
  bool restart_scene(Runtime& runtime);
  // Puts the runtime back to just before history entry `k` (State::history[k]): the moment of
  // that gesture is open afresh, the gesture and everything after it undone, and later
  // snapshots cut. False when `k` has no snapshot (too old, or not recorded).
  bool rewind(Runtime& runtime, size_t k);
  bool can_rewind(size_t k) const { return find_gesture(k) != nullptr; }

  // For anything else that moves the runtime (the game's own shortcuts): `before` is the
  // runtime's state before, `events` what happened; records the gesture taken (the first, when
  // several were taken at one instant) and the last scene entered. Edits that do not move it (a
  // variable set) need nothing; after a state from elsewhere is restored (a save), clear().
  void record(const State& before, const Runtime& after, const std::vector<Event>& events);
  // After a live reload: carries every snapshot over to `fresh` by authored ids, repaired as a
  // save is (LiveStory::reload does it); scene entries of scenes that are gone are dropped.
  void rebase(const Story& old_story, const Story& fresh);
  void clear() { snapshots_.clear(); }

  const std::deque<Snapshot>& snapshots() const { return snapshots_; }
  size_t capacity() const { return capacity_; }

 private:
  const Snapshot* find_gesture(size_t k) const;
  void push(Snapshot s);
  size_t capacity_;
  std::deque<Snapshot> snapshots_;
};

// A state in an open moment made "fresh" as if the moment had just opened at its current time:
// no press or look under way, the silence starting now. Rewind lands here so that the player's
// present input does not finish a gesture from the past.
void reopen_moment(State& state);

}  // namespace threshold::story
