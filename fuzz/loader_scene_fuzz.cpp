// libFuzzer harness: the loader over one scene file in a valid story. Each input becomes
// scenes/fuzzed.yaml beside the fixed story of fuzz_story.cpp, and load_story reads the whole
// directory on one thread, as `threshold check` would.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/story/loader.h"
#include "fuzz/fuzz_story.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace threshold;
  static const std::string& dir = fuzz::fixed_story_dir();
  fuzz::write_file(dir, "scenes/fuzzed.yaml", data, size);
  story::LoadOptions options;
  options.threads = 1;
  story::LoadResult r = story::load_story(dir, options);
  // Formatting quotes the lines under the carets: a diagnostic's position must lie in its file.
  const std::string printed = r.diagnostics.format_all();
  // THRESHOLD_FUZZ_VERBOSE=1 prints what an input gets (to see why seeds fail, or a reproducer).
  static const bool verbose = std::getenv("THRESHOLD_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "%s", printed.c_str());
  return 0;
}
