// The explorer behind `threshold explore`: a breadth-first search over every state a story can
// be in, driving the real runtime. It proves endings reachable (with the shortest gesture path
// to each) and finds states with no way on. Used by the command line and the story tests.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "threshold/story/model.h"

namespace threshold::story {

struct ExploreOptions {
  size_t max_states = 200000;  // stop (inconclusively) after this many distinct states
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

struct ExploreResult {
  size_t states = 0;      // distinct states explored
  bool complete = false;  // false: stopped at max_states
  size_t max_states = 0;
  std::vector<EndingReach> endings;  // one per ending of the story, in story order
  std::vector<StuckState> stuck;

  bool all_endings_reachable() const;
  // The report `threshold explore` prints.
  std::string report(const Story& story) const;
  // 0: every ending reachable and nothing stuck; 1: a stuck state, or an ending proven
  // unreachable; 2: stopped at max_states with no problem found so far (inconclusive).
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
