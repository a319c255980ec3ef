#include "tests/support/test_story.h"

#include <gtest/gtest.h>

#include <utility>

namespace threshold::test_support {

story::Story load_test_story(std::string_view name, std::source_location where) {
  return load_test_story_at(std::string(THRESHOLD_TESTS_DIR) + "/stories/" + std::string(name),
                            where);
}

namespace {

[[noreturn]] void fail(const std::string& what, const story::LoadResult& r,
                       std::source_location where) {
  ADD_FAILURE_AT(where.file_name(), static_cast<int>(where.line())) << what << " did not load:\n"
                                                                    << r.diagnostics.format_all();
  throw StoryDidNotLoad(what + " did not load (its diagnostics are above)");
}

}  // namespace

story::Story load_test_story_at(const std::string& dir, std::source_location where) {
  story::LoadResult r = story::load_story(dir);
  if (!r.story) fail("the story in " + dir, r, where);
  return std::move(*r.story);
}

const story::Story& loaded_story(const story::LoadResult& result, std::source_location where) {
  if (!result.story) fail("the story", result, where);
  return *result.story;
}

}  // namespace threshold::test_support
