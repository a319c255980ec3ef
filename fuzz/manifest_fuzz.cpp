// libFuzzer harness: story.yaml (the manifest) in a valid story. Each input replaces the fixed
// story's story.yaml (fuzz_story.cpp); its place and scene stay, so the manifest's variables,
// endings and start are linked against real scenes.
#include <cstddef>
#include <cstdint>

#include "fuzz_story.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  threshold::fuzz::load_with("story.yaml", data, size);
  return 0;
}
