// libFuzzer harness: the save reader, against tests/stories/runtime_basics. A save that reads
// must write back to a save that reads again, and the runtime must run on from it. (Not to the
// same text: resuming steps back to the line that was on screen, save.h, so a save of a save
// just loaded is one line earlier.)
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_story.h"
#include "threshold/story/save.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace threshold::story;
  static const Story& story = threshold::fuzz::test_story("runtime_basics");
  const std::string text(reinterpret_cast<const char*>(data), size);
  LoadedSave loaded = load_from_text(story, text);
  if (!loaded.ok) return 0;
  // What was loaded saves to a save that reads.
  const std::string again = save_to_text(story, loaded.state);
  LoadedSave reread = load_from_text(story, again);
  if (!reread.ok) {
    std::fprintf(stderr, "a save that read does not read back:\n%s\n--- wrote:\n%s\n--- %s\n",
                 text.c_str(), again.c_str(), reread.error.c_str());
    std::abort();
  }
  // Resume and play on for a few seconds, idle: what a player does after Continue.
  Runtime rt(story);
  rt.restore(std::move(loaded.state));
  std::vector<Event> out;
  for (int i = 0; i < 40 && !rt.finished(); ++i) rt.step(0.25, Input{}, out);
  return 0;
}
