// Which of a scene's cues (ambience.h) the runtime's events fire: the one reading of the events
// that the audio engine (which plays a cue) and the captions (which show what it is) share, so
// that a caption appears exactly when its sound does. Headless: events and state in, triggers
// out; each caller tests a cue's `when:` against its own view of the story's state.
#pragma once

#include <array>
#include <cstddef>
#include <optional>

#include "threshold/story/ambience.h"
#include "threshold/story/model.h"
#include "threshold/story/runtime.h"

namespace threshold::story {

// What an event means to the cues: `Fire`, the cues answering `on` in `beat` sound (a gesture
// event's gesture and thing filter them further); `Until`, a gesture was chosen and the cues
// sounding `until:` it fade.
struct CueTrigger {
  enum class Kind : uint8_t { Fire, Until };
  Kind kind = Kind::Fire;
  CueOn on = CueOn::Beat;
  BeatId beat = kNone;
  const Event* event = nullptr;  // null: a beat seen begun in the state, with no event for it
  double time = 0;               // runtime time of the event (or of the state)
};

// Whether `cue` answers a Fire trigger: its event, beat, gesture and thing (not its `when:`).
bool cue_answers(const SoundCue& cue, const CueTrigger& trigger);
// Whether `cue` fades at an Until trigger (its `until:` is the chosen gesture).
bool cue_ends(const SoundCue& cue, const CueTrigger& trigger);

// At most three triggers per event (a touch: its start, the until, its done).
class CueTriggers {
 public:
  void push(const CueTrigger& t) { items_[size_++] = t; }
  const CueTrigger* begin() const { return items_.data(); }
  const CueTrigger* end() const { return items_.data() + size_; }
  size_t size() const { return size_; }

 private:
  std::array<CueTrigger, 3> items_{};
  size_t size_ = 0;
};

// Follows one scene's events for its cues: a beat's cues fire once, when its first line, pause
// or moment is seen (or, with no event, when the state shows the beat begun).
class CueFollower {
 public:
  // A scene entered (or entered afresh: a new runtime): its first beat's cues fire again.
  void enter() { beat_ = kNone; }
  // The triggers of `e`, an event of the scene being followed, in the order they apply.
  CueTriggers triggers(const Story& story, const Event& e);
  // After a step's events: a beat begun that no event showed (the first beat of a resumed game).
  std::optional<CueTrigger> settle(const State& state);

 private:
  BeatId beat_ = kNone;  // the beat whose cues already fired
};

}  // namespace threshold::story
