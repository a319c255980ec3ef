// What the harnesses share: a small valid story written once into a tmpfs directory (so that a
// load reads memory, not disk), a way to replace one of its files with a fuzzer's input, and the
// stories of tests/stories that the save and recording harnesses read against.
// Uses only the story core's public headers (loader.h), so the loader's insides can change freely.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "threshold/story/model.h"

namespace threshold::fuzz {

// Creates a fresh directory under /dev/shm (or $TMPDIR when there is no /dev/shm) holding the
// fixed story: story.yaml, places/room.yaml, scenes/first.yaml. Removed when the process exits.
// Returns its path.
const std::string& fixed_story_dir();

// Writes `size` bytes to `relative` (e.g. "scenes/fuzzed.yaml") inside `dir`, replacing it.
void write_file(const std::string& dir, const std::string& relative, const uint8_t* data,
                size_t size);
void write_file(const std::string& dir, const std::string& relative, const std::string& text);

// The fuzzer's input as `relative` of the fixed story, then the whole story loaded on one
// thread, as `threshold check` would, and its diagnostics formatted (formatting quotes the lines
// under the carets: a diagnostic's position must lie in its file). THRESHOLD_FUZZ_VERBOSE=1
// prints what an input gets (to see why seeds fail, or a reproducer).
void load_with(const std::string& relative, const uint8_t* data, size_t size);

// A story of tests/stories, loaded once (aborts if it does not load: the harness is broken).
const story::Story& test_story(const char* name);

}  // namespace threshold::fuzz
