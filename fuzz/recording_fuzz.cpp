// libFuzzer harness: the recording reader, against tests/stories/runtime_basics; a recording that
// reads is written back (to_text) and replayed, when it lasts at most ten minutes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_story.h"
#include "threshold/story/recording.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace threshold::story;
  static const Story& story = threshold::fuzz::test_story("runtime_basics");
  const std::string text(reinterpret_cast<const char*>(data), size);
  ParsedRecording parsed = parse_recording(story, text);
  if (!parsed.ok) return 0;
  (void)parsed.recording.to_text(story);
  if (parsed.recording.end_time <= 600 && parsed.recording.changes.size() <= 1000) {
    Runtime rt(story);
    // Large steps: the step size changes nothing but the work (recording.h).
    (void)replay(rt, parsed.recording, 1.0);
  }
  return 0;
}
