// Shared by the debug overlay's tests: the test story (tests/stories/debug_door) loaded once per
// test, a runtime over it, and shortcuts to play it (press a thing, stay idle).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <source_location>
#include <string>
#include <vector>

#include "tests/support/test_story.h"
#include "threshold/story/loader.h"
#include "threshold/story/runtime.h"

namespace threshold::debug::testing {

inline std::string door_dir() {
  return std::string(THRESHOLD_TESTS_DIR) + "/stories/debug_door";
}

// Never null: a story that does not load fails the test there (tests/support/test_story.h).
inline std::shared_ptr<const story::Story> load_or_fail(
    const std::string& dir, std::source_location where = std::source_location::current()) {
  return std::make_shared<const story::Story>(test_support::load_test_story_at(dir, where));
}

// The id of what the runtime is showing or where it is, for readable assertions.
inline std::string scene_id(const story::Runtime& rt) {
  const story::State& s = rt.state();
  if (s.scene < 0) return "";
  return rt.story().scene(s.scene).id;
}

inline story::ThingId thing(const story::Runtime& rt, const std::string& id) {
  return rt.story().scene(rt.state().scene).find_thing(id);
}

inline int32_t gesture_index(const story::Runtime& rt, const std::string& id) {
  const story::Moment* m = rt.moment();
  if (!m) return -1;
  for (size_t i = 0; i < m->gestures.size(); ++i) {
    if (m->gestures[i].id == id) return static_cast<int32_t>(i);
  }
  return -1;
}

inline bool offers(const story::Runtime& rt, const std::string& id) {
  const int32_t g = gesture_index(rt, id);
  for (int32_t o : rt.offered()) {
    if (o == g) return true;
  }
  return false;
}

inline std::vector<std::string> lines_of(const std::vector<story::Event>& events) {
  std::vector<std::string> out;
  for (const story::Event& e : events) {
    if (e.kind == story::EventKind::LineShown) out.push_back(e.text);
  }
  return out;
}

// A runtime over the door story, started, with its one line shown and the moment open.
class DoorMoment : public ::testing::Test {
 protected:
  void SetUp() override {
    story_ = load_or_fail(door_dir());
    ASSERT_TRUE(story_);
    rt_ = std::make_unique<story::Runtime>(*story_);
    rt_->start();
    rt_->step(1.0, story::Input{});  // the one line lingers a second; then the moment opens
    ASSERT_TRUE(rt_->in_moment());
  }
  std::shared_ptr<const story::Story> story_;
  std::unique_ptr<story::Runtime> rt_;
};

}  // namespace threshold::debug::testing
