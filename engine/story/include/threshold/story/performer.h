// A player's hands (Performer): how each gesture is made with the input a player gives (a hold
// presses the thing for its seconds, a push slides it, silence lets the clock run to the next
// wait), never through Runtime::choose(). The text player makes the reader's choices with it, and
// the explorer's timed and untimed searches make every gesture with it, so that what they show is
// what the game would do with the same hands.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "threshold/story/model.h"
#include "threshold/story/runtime.h"

namespace threshold::story {

// How long to keep a hold or a look: a little past `seconds` when a longer gesture of the same
// ladder exists (so that letting go chooses this rung, not the one below), else exactly `seconds`
// (reaching it completes it).
double ladder_duration(const Moment& m, const std::vector<int32_t>& offered, const Gesture& g);

// How long a slide at kSlideRate takes to reach a push's or pull's distance; past it, halfway
// to the next longer one of the same kind on the thing, so that the release chooses this one.
double drag_duration(const Moment& m, const std::vector<int32_t>& offered, const Gesture& g);

// How long to press to hesitate on a thing: half its shortest hold (1 s when it has none), but
// past a touch when the thing has one.
double hesitation_duration(const Moment& m, const std::vector<int32_t>& offered, ThingId thing);

class Performer {
 public:
  // `step` advances the runtime by `dt` under `input` (the caller records and prints what it
  // does). `untimed`: the Time setting's untimed mode, where the game holds Input::attend while
  // a moment is open until the player waits on purpose.
  using Step = std::function<void(double dt, const Input& input)>;
  Performer(Runtime& rt, Step step, bool untimed = false) : rt_(rt), step_(std::move(step)) {
    untimed_ = untimed;
  }

  // Makes `g`, a gesture of the open moment, as a player would, and lets go. A wait is silence
  // until it fires (earlier rungs of a ladder fire first and the silence goes on through their
  // lines, as in the game). Returns whether the runtime chose `g` itself; false means the hands
  // made something else (another gesture, a hesitation) or nothing.
  bool perform(const Moment& m, const std::vector<int32_t>& offered, const Gesture& g);

  // Presses `thing` for `seconds` (or until something is chosen), then lets go: a hesitation
  // when it is shorter than every hold on the thing.
  void press_for(ThingId thing, double seconds);

  // Silence, to the runtime's next deadline (a wait firing, a line ending). False when nothing
  // would ever happen.
  bool silence();

 private:
  Input base() const;
  // Keeps `input` for `seconds` (or until a gesture is chosen or the moment closes), then lets go.
  void keep(Input input, double seconds);
  void release();
  bool chose_since(size_t history) const { return rt_.state().history.size() > history; }

  Runtime& rt_;
  Step step_;
  bool untimed_ = false;
  bool waiting_ = false;  // untimed: the player has chosen silence in this moment (W)
  size_t history_ = 0;    // the history's length when the gesture began
};

}  // namespace threshold::story
