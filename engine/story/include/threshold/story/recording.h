// Recordings: every input change of a run with its time, written as text and replayed exactly.
// Because the runtime's outcomes depend only on when the input changed (see runtime.h), a
// recording of a few lines reproduces a whole playthrough: the base of golden tests and of bug
// reports ("attach your recording").
#pragma once

#include <string>
#include <vector>

#include "threshold/story/runtime.h"

namespace threshold::story {

struct Recording {
  struct Change {
    double time = 0;
    Input input;
  };
  std::string story_title;
  SceneId start = kNone;        // kNone: the story's start scene
  Hands hands = Hands::Found;   // Awaited: a new game that waited for the player's hands
  std::vector<Change> changes;  // in time order
  double end_time = 0;          // the run lasted until here

  // Text form, one change a line: "3.25 press=cup look=- away=0 skip=0" (things by id, in the
  // scene current at that time, found by replaying the run), then "drag=12.5" and "slide=60"
  // when a press moves (push and pull; left out at 0, so older recordings read the same), and
  // " hands=1" once the input reports the player's hands. Times are written with the fewest
  // digits that read back as exactly the same number. The whole file:
  //   threshold-recording 1
  //   story <title>
  //   start <scene id, or - for the story's start>
  //   hands awaited                     (only for a run started with Hands::Awaited)
  //   <changes>
  //   end <end time>
  std::string to_text(const Story& story) const;
};

// Records a run: call note() with every input before stepping with it.
class Recorder {
 public:
  void note(double time, const Input& input);
  void finish(double time) { recording_.end_time = time; }
  const Recording& recording() const { return recording_; }
  Recording& recording() { return recording_; }

 private:
  Recording recording_;
  bool have_last_ = false;
  Input last_;
};

struct ParsedRecording {
  bool ok = false;
  Recording recording;
  std::string error;  // "line 4: ..."
};
ParsedRecording parse_recording(const Story& story, const std::string& text);

// Replays a recording from the start (runtime.start), stepping at most `max_step` seconds at a time
// and landing exactly on each change. Returns every event. The step size changes nothing but the
// work done; it is there so that tests can prove it.
std::vector<Event> replay(Runtime& runtime, const Recording& recording,
                          double max_step = 1.0 / 60.0);

}  // namespace threshold::story
