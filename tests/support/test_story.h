// Loading a test story for a test that needs it to load: tests/stories/<name>, or any folder.
// When the story does not load, the test fails at the caller's line with the story's formatted
// diagnostics and stops there, so no test goes on to read a story that is not there.
#pragma once

#include <source_location>
#include <stdexcept>
#include <string>
#include <string_view>

#include "threshold/story/loader.h"
#include "threshold/story/model.h"

namespace threshold::test_support {

// Thrown after the failure is recorded: GoogleTest catches it and ends the test (or its SetUp),
// which also works from a helper's helper, where an ASSERT would only leave the helper.
class StoryDidNotLoad : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// tests/stories/<name>.
story::Story load_test_story(std::string_view name,
                             std::source_location where = std::source_location::current());

// A story folder given by path (data/, a temporary folder a test wrote).
story::Story load_test_story_at(const std::string& dir,
                                std::source_location where = std::source_location::current());

// The story of a result a test already holds (a suite's shared load, a load with options).
const story::Story& loaded_story(const story::LoadResult& result,
                                 std::source_location where = std::source_location::current());

}  // namespace threshold::test_support
