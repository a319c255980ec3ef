// History and rewind for the debug overlay: a Timeline steps the runtime for the game and keeps
// a snapshot of the State just before every gesture taken (each State::history entry) and at
// every scene entry, so the History panel can rewind to before any gesture and the Scenes panel
// can restart the current scene, jump, and keep recording. Memory is bounded: the oldest
// snapshots go first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

#include "engine/story/runtime.h"

namespace threshold::debug {

struct Snapshot {
  enum class Kind : uint8_t { Gesture, SceneEntry };
  Kind kind = Kind::Gesture;
  size_t history = 0;  // Gesture: the State::history index it precedes; SceneEntry: history size
  story::SceneId scene = story::kNone;  // SceneEntry: the scene entered; Gesture: where it was
  double time = 0;
  story::State state;  // Gesture: just before it, moment open afresh; SceneEntry: just entered
};

class Timeline {
 public:
  static constexpr size_t kDefaultCapacity = 512;
  explicit Timeline(size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  // Runtime::step, recording. The step is split at the runtime's own deadlines (outcomes do not
  // depend on step sizes), so each snapshot is the state exactly before its gesture; a frame
  // with no input change and no deadline costs no copy.
  void step(story::Runtime& runtime, double dt, const story::Input& input,
            std::vector<story::Event>& out);
  // Runtime::start / choose / jump, recording.
  void start(story::Runtime& runtime, std::vector<story::Event>& out,
             story::SceneId scene = story::kNone, story::Hands hands = story::Hands::Found);
  void choose(story::Runtime& runtime, int32_t gesture, std::vector<story::Event>& out);
  void jump(story::Runtime& runtime, story::SceneId scene, std::vector<story::Event>& out);
  // Re-enters the current scene with the state it had on entering (its last entry snapshot):
  // its lines show again. False (nothing changes) when that entry is no longer kept.
  bool restart_scene(story::Runtime& runtime);
  // Puts the runtime back to just before history entry `k` (State::history[k]): the moment of
  // that gesture is open afresh, the gesture and everything after it undone, and later
  // snapshots cut. False when `k` has no snapshot (too old, or not recorded).
  bool rewind(story::Runtime& runtime, size_t k);
  bool can_rewind(size_t k) const { return find_gesture(k) != nullptr; }

  // For anything else that moves the runtime (the game's own shortcuts): `before` is the
  // runtime's state before, `events` what happened; records the gesture taken (the first, when
  // several were taken at one instant) and the last scene entered. Edits that do not move it (a
  // variable set) need nothing; after a state from elsewhere is restored (a save), clear().
  void record(const story::State& before, const story::Runtime& after,
              const std::vector<story::Event>& events);
  // After a live reload: carries every snapshot over to `fresh` by authored ids, repaired as a
  // save is (LiveStory::reload does it); scene entries of scenes that are gone are dropped.
  void rebase(const story::Story& old_story, const story::Story& fresh);
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
void reopen_moment(story::State& state);

}  // namespace threshold::debug
