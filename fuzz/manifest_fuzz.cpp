// libFuzzer harness: story.yaml (the manifest) in a valid story. Each input replaces the fixed
// story's story.yaml (fuzz_story.cpp); its place and scene stay, so the manifest's variables,
// endings and start are linked against real scenes.
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
  fuzz::write_file(dir, "story.yaml", data, size);
  story::LoadOptions options;
  options.threads = 1;
  story::LoadResult r = story::load_story(dir, options);
  const std::string printed = r.diagnostics.format_all();
  static const bool verbose = std::getenv("THRESHOLD_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "%s", printed.c_str());
  return 0;
}
