// The explorer behind `threshold explore`: a breadth-first search over every state a story can
// be in, driving the real runtime. It proves endings reachable (with the shortest gesture path
// to each) and finds states with no way on. Used by the command line and the story tests.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "threshold/story/model.h"

namespace threshold::story {

// How the search makes each gesture: the timing classes of the Time setting.
enum class ExploreHands : uint8_t {
  // Runtime::choose(): what the story allows, whatever a player's hands can do.
  Chosen,
  // With a player's input (story::Performer: a hold pressed for its seconds, a push slid, a wait as
  // silence until it fires). Time to act at 1.5x, 2x and 3x steps the runtime by one second over
  // 1.5, 2 or 3 seconds of play and changes nothing else, so this one search holds for every
  // scale from 1x to 3x.
  Timed,
  // The same hands under the untimed setting: Input::attend held while a moment is open, so no
  // silence runs until the player waits on purpose (a wait is made by choosing silence).
  Untimed,
};
// "any" (Chosen), "timed", "untimed"
const char* explore_hands_name(ExploreHands h);

struct ExploreOptions {
  size_t max_states = 200000;  // stop (inconclusively) after this many distinct states
  ExploreHands hands = ExploreHands::Chosen;
};

struct EndingReach {
  EndingId ending = kNone;
  bool reachable = false;
  std::vector<std::string> path;  // shortest, as "scene.beat.gesture" steps
};

// A state the player cannot leave: a moment offering nothing, a story that finished without an
// ending, or (when the search completed) a state from which no ending can be reached.
struct StuckState {
  SceneId scene = kNone;
  BeatId beat = kNone;
  std::string why;
  std::vector<std::string> path;  // a shortest way there
  size_t count = 1;               // distinct states stuck at this same place
};

// A gesture the story offers that a player's hands, in the search's timing class, cannot make:
// making it as a player would chose something else, or nothing.
struct UnmadeGesture {
  SceneId scene = kNone;
  BeatId beat = kNone;
  std::string gesture;            // its id
  std::string instead;            // what the hands made: "gesture 'x'", "a hesitation", "nothing"
  std::vector<std::string> path;  // a shortest way to the moment
  size_t count = 1;               // distinct states where it could not be made
};

struct ExploreResult {
  ExploreHands hands = ExploreHands::Chosen;
  size_t states = 0;      // distinct states explored
  bool complete = false;  // false: stopped at max_states
  size_t max_states = 0;
  std::vector<EndingReach> endings;  // one per ending of the story, in story order
  std::vector<StuckState> stuck;
  std::vector<UnmadeGesture> unmade;  // never with ExploreHands::Chosen

  bool all_endings_reachable() const;
  // The report `threshold explore` prints.
  std::string report(const Story& story) const;
  // 0: every ending reachable, nothing stuck and every gesture made; 1: a stuck state, a
  // gesture the hands cannot make, or an ending proven unreachable; 2: stopped at max_states with
  // no problem found so far (inconclusive).
  int exit_code() const;
};

// Explores from the story's start scene (or `start`). Two states are the same when everything
// that can influence what happens next is the same: scene, beat, phase, variables, visit counts,
// gesture counts, day, the stay gestures taken. Time and history are left out. Values that can
// only be compared against constants and only grow are capped one past the largest constant
// they are compared with (their differences beyond it can never change an outcome).
ExploreResult explore(const Story& story, const ExploreOptions& options = {},
                      SceneId start = kNone);

}  // namespace threshold::story
