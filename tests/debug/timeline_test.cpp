// History and rewind: snapshots before every gesture, rewinding to choose differently,
// restarting a scene, bounded memory — and a game stepped through the timeline plays exactly as
// one stepped by the runtime alone.
#include "threshold/story/timeline.h"

#include <gtest/gtest.h>

#include "story_fixture.h"
#include "threshold/debug/variables.h"

namespace threshold::debug {
namespace {

using namespace threshold::debug::testing;
using story::Input;

class TimelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    story_ = load_or_fail(door_dir());
    ASSERT_TRUE(story_);
    rt_ = std::make_unique<story::Runtime>(*story_);
    timeline_.start(*rt_, out_);
    step(1.0, {});
    ASSERT_TRUE(rt_->in_moment());
  }
  void step(double dt, Input in) { timeline_.step(*rt_, dt, in, out_); }
  Input press(const std::string& thing_id) { return Input{.press = thing(*rt_, thing_id)}; }
  double var(const std::string& id) {
    return rt_->state().variables[static_cast<size_t>(story_->find_variable(id))].number();
  }
  bool flag(const std::string& id) {
    return rt_->state().variables[static_cast<size_t>(story_->find_variable(id))].boolean();
  }
  // Takes the keys (a touch), paces once (a 2 s hold held for 3 s in one step), and turns away.
  void keys_pace_turn_away() {
    step(0.0, press("keys"));
    step(1.5, {});  // "You take the keys." and the moment again
    step(3.0, press("coat"));
    step(2.5, {});  // "You pace." and the beat again: its line, then the moment
    ASSERT_TRUE(rt_->in_moment());
    step(0.5, Input{.turn_away = true});
    step(0.5, {});
    ASSERT_EQ(scene_id(*rt_), "bedroom");
  }
  std::shared_ptr<const story::Story> story_;
  std::unique_ptr<story::Runtime> rt_;
  story::Timeline timeline_;
  std::vector<story::Event> out_;
};

TEST_F(TimelineTest, SteppingThroughTheTimelinePlaysExactlyAsTheRuntimeAlone) {
  story::Runtime plain(*story_);
  std::vector<story::Event> plain_out = plain.start();
  story::Runtime recorded(*story_);
  std::vector<story::Event> recorded_out;
  story::Timeline timeline;
  timeline.start(recorded, recorded_out);
  const story::Scene& hall = story_->scene(story_->find_scene("hallway"));
  struct Step {
    double dt;
    Input in;
  };
  const std::vector<Step> script = {
      {0.4, {}},
      {0.9, {}},
      {0.3, {.press = hall.find_thing("keys")}},
      {1.7, {}},
      {0.6, {.press = hall.find_thing("coat")}},
      {5.0, {.press = hall.find_thing("coat")}},
      {0.1, {.look = hall.find_thing("door")}},
      {2.9, {}},
      {7.3, {}},
      {0.25, {.skip = true}},
      {4.0, {}},
  };
  for (const Step& s : script) {
    plain.step(s.dt, s.in, plain_out);
    timeline.step(recorded, s.dt, s.in, recorded_out);
  }
  EXPECT_EQ(recorded.state(), plain.state());
  EXPECT_EQ(recorded_out, plain_out);
  EXPECT_GE(recorded.state().history.size(), 3u);
}

TEST_F(TimelineTest, RewindRestoresTheStateBeforeTheChosenGesture) {
  keys_pace_turn_away();
  ASSERT_EQ(rt_->state().history.size(), 3u);
  EXPECT_EQ(rt_->state().counters.turned_away, 1);

  ASSERT_TRUE(timeline_.rewind(*rt_, 2));  // before turning away
  EXPECT_EQ(scene_id(*rt_), "hallway");
  EXPECT_TRUE(rt_->in_moment());
  EXPECT_EQ(rt_->state().history.size(), 2u);
  EXPECT_EQ(rt_->state().counters.turned_away, 0);
  EXPECT_EQ(var("restlessness"), 1.0);
  EXPECT_TRUE(flag("has_keys"));
  EXPECT_FALSE(timeline_.can_rewind(2));  // cut with the gesture itself
  EXPECT_TRUE(timeline_.can_rewind(1));
}

TEST_F(TimelineTest, AfterRewindingChoosingDifferentlyLeadsElsewhere) {
  keys_pace_turn_away();
  ASSERT_TRUE(timeline_.rewind(*rt_, 2));
  step(5.5, {});  // silence this time: the wait fires and leads to the kitchen
  EXPECT_EQ(scene_id(*rt_), "kitchen");
  ASSERT_EQ(rt_->state().history.size(), 3u);
  EXPECT_EQ(rt_->state().history[2].kind, story::GestureKind::Wait);
  EXPECT_TRUE(timeline_.can_rewind(2));  // the new branch is recorded
}

TEST_F(TimelineTest, RewindingBeforeAHoldLandsJustBeforeItCompletesWithNothingPressed) {
  keys_pace_turn_away();
  ASSERT_TRUE(timeline_.rewind(*rt_, 1));  // before the pace
  EXPECT_EQ(var("restlessness"), 0.0);
  EXPECT_TRUE(flag("has_keys"));
  EXPECT_EQ(rt_->state().last_input, Input{});
  // The coat was pressed at 2.5 s for a 2 s hold: the snapshot is from the last instant before
  // it completed, not from when the press began.
  EXPECT_LT(rt_->state().time, 4.5);
  EXPECT_NEAR(rt_->state().time, 4.5, 1e-9);
  EXPECT_FALSE(timeline_.can_rewind(2));
  // The hold had run for two seconds; after the rewind it does not complete by itself.
  step(1.0, {});
  EXPECT_EQ(rt_->state().history.size(), 1u);
  EXPECT_EQ(var("restlessness"), 0.0);
}

TEST_F(TimelineTest, RestartingASceneReturnsToHowItWasOnEntering) {
  step(5.0 + story::kBreathSeconds, {});  // the wait (after the opening's breath): the kitchen
  step(0.5, {});
  ASSERT_EQ(scene_id(*rt_), "kitchen");
  const double entered_at_waited = rt_->state().counters.waited;
  ASSERT_EQ(set_variable(*rt_, "restlessness", "3"), "");
  step(2.0, {});  // both lines, the moment opens
  ASSERT_TRUE(rt_->in_moment());
  out_.clear();
  ASSERT_TRUE(timeline_.restart_scene(*rt_));
  EXPECT_EQ(scene_id(*rt_), "kitchen");
  EXPECT_EQ(var("restlessness"), 0.0);
  EXPECT_EQ(rt_->state().counters.waited, entered_at_waited);
  EXPECT_EQ(rt_->state().visits[static_cast<size_t>(story_->find_scene("kitchen"))], 1);
  step(0.0, {});
  EXPECT_EQ(lines_of(out_), std::vector<std::string>{"The kettle ticks."});
}

TEST_F(TimelineTest, JumpIsRecordedAsASceneEntrySoItCanBeRestarted) {
  timeline_.jump(*rt_, story_->find_scene("attic"), out_);
  EXPECT_EQ(scene_id(*rt_), "attic");
  step(1.0, {});
  ASSERT_TRUE(timeline_.restart_scene(*rt_));
  EXPECT_EQ(scene_id(*rt_), "attic");
  EXPECT_EQ(rt_->state().phase, story::Phase::Lines);
}

TEST_F(TimelineTest, SnapshotsAreBoundedAndTheOldestGoFirst) {
  story::Timeline small(4);
  story::Runtime rt(*story_);
  std::vector<story::Event> out;
  small.start(rt, out);
  small.step(rt, 1.0, {}, out);
  const story::ThingId coat = thing(rt, "coat");
  for (int i = 0; i < 10; ++i) {
    small.step(rt, 2.5, {.press = coat}, out);  // pace
    small.step(rt, 2.0, {}, out);               // its line, the beat's line, the moment
    ASSERT_TRUE(rt.in_moment());
  }
  EXPECT_EQ(rt.state().history.size(), 10u);
  EXPECT_LE(small.snapshots().size(), 4u);
  EXPECT_FALSE(small.can_rewind(0));
  EXPECT_TRUE(small.can_rewind(9));
  ASSERT_TRUE(small.rewind(rt, 9));
  EXPECT_EQ(rt.state().variables[0], story::Value(9.0));
}

}  // namespace
}  // namespace threshold::debug
