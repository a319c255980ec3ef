// libFuzzer harness: the loader over one scene file in a valid story. Each input becomes
// scenes/fuzzed.yaml beside the fixed story of fuzz_story.cpp, and load_story reads the whole
// directory on one thread, as `threshold check` would.
#include <cstddef>
#include <cstdint>

#include "fuzz_story.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  threshold::fuzz::load_with("scenes/fuzzed.yaml", data, size);
  return 0;
}
