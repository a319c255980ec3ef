// The Now panel's answers: why a gesture is hidden, and the timers of those on offer.
#include "threshold/debug/inspect.h"

#include <gtest/gtest.h>

#include "story_fixture.h"
#include "threshold/debug/variables.h"
#include "threshold/story/expression.h"

namespace threshold::debug {
namespace {

using namespace threshold::debug::testing;
using story::Input;

class InspectTest : public DoorMoment {
 protected:
  // By value: the report is often a temporary.
  GestureReport gesture(const NowReport& now, const std::string& id) {
    for (const GestureReport& g : now.gestures) {
      if (g.id == id) return g;
    }
    ADD_FAILURE() << "no gesture " << id;
    return {};
  }
};

TEST_F(InspectTest, HiddenDoorNamesEachFalseConditionWithTheValuesItRead) {
  const NowReport now = inspect_now(*rt_);
  EXPECT_EQ(now.scene, "hallway");
  EXPECT_EQ(now.beat, "waiting");
  const GestureReport door = gesture(now, "open_door");
  EXPECT_FALSE(door.offered);
  ASSERT_TRUE(door.has_condition);
  EXPECT_EQ(door.condition.source, "restlessness >= 4 and has_keys");
  EXPECT_EQ(door.condition.value, story::Value(false));
  ASSERT_EQ(door.condition.blame.size(), 2u);
  EXPECT_EQ(door.condition.blame[0], "restlessness >= 4 is false (restlessness = 0)");
  EXPECT_EQ(door.condition.blame[1], "has_keys is false (has_keys = false)");
  EXPECT_NE(door.why_hidden.find("restlessness >= 4 is false (restlessness = 0)"),
            std::string::npos);
}

TEST_F(InspectTest, OnlyTheStillFalsePartIsBlamedOnceTheOtherHolds) {
  ASSERT_EQ(set_variable(*rt_, "restlessness", "2"), "");
  ASSERT_EQ(set_variable(*rt_, "has_keys", "true"), "");
  const GestureReport door = gesture(inspect_now(*rt_), "open_door");
  EXPECT_FALSE(door.offered);
  ASSERT_EQ(door.condition.blame.size(), 1u);
  EXPECT_EQ(door.condition.blame[0], "restlessness >= 4 is false (restlessness = 2)");
}

TEST_F(InspectTest, ConditionPartsListEverySubExpressionWithItsValue) {
  const GestureReport door = gesture(inspect_now(*rt_), "open_door");
  // and / >= / restlessness / has_keys (the constant 4 is its own text and left out).
  ASSERT_EQ(door.condition.parts.size(), 4u);
  EXPECT_EQ(door.condition.parts[0].text, "restlessness >= 4 and has_keys");
  EXPECT_EQ(door.condition.parts[0].depth, 0);
  EXPECT_EQ(door.condition.parts[1].text, "restlessness >= 4");
  EXPECT_EQ(door.condition.parts[1].value, story::Value(false));
  EXPECT_EQ(door.condition.parts[2].text, "restlessness");
  EXPECT_EQ(door.condition.parts[2].value, story::Value(0.0));
  EXPECT_TRUE(door.condition.parts[2].reads_state);
  EXPECT_EQ(door.condition.parts[2].depth, 2);
  EXPECT_EQ(door.condition.parts[3].text, "has_keys");
}

TEST_F(InspectTest, NotAndOrAreBlamedThroughTheOperandsThatDecideThem) {
  story::Diagnostics diags;
  const auto compile = [&](const std::string& text) {
    std::optional<story::Expr> e = story::compile_expression(
        text, story_->symbols, story::Type::Bool, {}, story_->sources, diags);
    EXPECT_TRUE(e.has_value()) << diags.format_all();
    return *e;
  };
  // `or`: both sides are false, both are named.
  ConditionReport r =
      explain_condition(*story_, compile("restlessness > 1 or visits(kitchen) > 0"), rt_->env());
  ASSERT_EQ(r.blame.size(), 2u);
  EXPECT_EQ(r.blame[1], "visits(kitchen) > 0 is false (visits(kitchen) = 0)");
  // `not (a and b)` is false only because both are true.
  r = explain_condition(*story_, compile("not (mood == \"grey\" and day == 1)"), rt_->env());
  EXPECT_EQ(r.value, story::Value(false));
  ASSERT_EQ(r.blame.size(), 2u);
  EXPECT_EQ(r.blame[0], "mood == \"grey\" is true (mood = \"grey\")");
  EXPECT_EQ(r.blame[1], "day == 1 is true (day = 1)");
  EXPECT_EQ(r.parts[0].text, "not (mood == \"grey\" and day == 1)");
  // A condition that holds blames nothing.
  r = explain_condition(*story_, compile("waited + 1 > 0"), rt_->env());
  EXPECT_TRUE(r.blame.empty());
}

TEST_F(InspectTest, PrintingKeepsTheParenthesesThatMatter) {
  story::Diagnostics diags;
  std::optional<story::Expr> e =
      story::compile_expression("(restlessness - 1) * 2 - (3 - held) >= min(2, abs(-restlessness))",
                                story_->symbols, story::Type::Bool, {}, story_->sources, diags);
  ASSERT_TRUE(e) << diags.format_all();
  EXPECT_EQ(expression_text(*story_, *e, static_cast<int32_t>(e->nodes().size() - 1)),
            "(restlessness - 1) * 2 - (3 - held) >= min(2, abs(-restlessness))");
}

TEST_F(InspectTest, AStayGestureTakenIsHiddenForTheRestOfTheVisit) {
  std::vector<story::Event> out;
  rt_->step(0.0, Input{.press = thing(*rt_, "keys")}, out);  // a touch at once
  rt_->step(1.0, Input{}, out);                              // its one line, then the moment
  ASSERT_TRUE(rt_->in_moment());
  const GestureReport keys = gesture(inspect_now(*rt_), "take_keys");
  EXPECT_FALSE(keys.offered);
  EXPECT_TRUE(keys.stay_taken);
  EXPECT_NE(keys.why_hidden.find("already taken"), std::string::npos);
}

TEST_F(InspectTest, AHoldUnderWayShowsItsProgressAndTimeLeft) {
  rt_->step(0.5, Input{.press = thing(*rt_, "coat")});
  const GestureReport pace = gesture(inspect_now(*rt_), "pace");
  EXPECT_TRUE(pace.underway);
  EXPECT_DOUBLE_EQ(pace.elapsed, 0.5);
  EXPECT_DOUBLE_EQ(pace.progress, 0.25);
  EXPECT_DOUBLE_EQ(pace.remaining, 1.5);
  // The wait does not run while the player holds something.
  const GestureReport sit = gesture(inspect_now(*rt_), "sit");
  EXPECT_FALSE(sit.underway);
}

TEST_F(InspectTest, DuringTheOpeningsBreathTheWaitHasNotStartedAndItsTimeLeftCountsTheBreath) {
  rt_->step(story::kBreathSeconds / 2, Input{});
  const NowReport now = inspect_now(*rt_);
  const GestureReport sit = gesture(now, "sit");
  EXPECT_DOUBLE_EQ(sit.elapsed, 0.0);
  EXPECT_DOUBLE_EQ(sit.remaining, story::kBreathSeconds / 2 + 5.0);
  EXPECT_DOUBLE_EQ(now.next_deadline, sit.remaining);
}

TEST_F(InspectTest, SilenceRunsTheWaitDownToItsDeadline) {
  rt_->step(story::kBreathSeconds + 2.0, Input{});  // the clock starts after the breath
  const NowReport now = inspect_now(*rt_);
  const GestureReport sit = gesture(now, "sit");
  EXPECT_TRUE(sit.underway);
  EXPECT_DOUBLE_EQ(sit.remaining, 3.0);
  EXPECT_DOUBLE_EQ(now.silence, 2.0);
  EXPECT_DOUBLE_EQ(now.next_deadline, 3.0);
  EXPECT_EQ(sit.leads_to, "go: kitchen");
}

TEST_F(InspectTest, BetweenMomentsItTellsTheLinesLeftAndTheLingerOfTheLineOnScreen) {
  story::Runtime rt(*story_);
  std::vector<story::Event> out;
  rt.jump(story_->find_scene("kitchen"), out);
  rt.step(0.25, Input{});
  const NowReport now = inspect_now(rt);
  EXPECT_EQ(now.phase, story::Phase::Lines);
  EXPECT_EQ(now.lines_left, 1);  // "The window is grey." after "The kettle ticks."
  EXPECT_DOUBLE_EQ(now.linger_left, 0.75);
  EXPECT_TRUE(now.gestures.empty());
}

// A push under way: the Now panel shows how far the press has moved of the distance, and when
// it slides by itself (Page Up), how long until it arrives. Uses tests/stories/push_pull.
TEST(InspectPushPull, APushUnderWayShowsTheDistanceMovedAndTimeLeft) {
  const auto story = load_or_fail(std::string(THRESHOLD_TESTS_DIR) + "/stories/push_pull");
  story::Runtime rt(*story);
  rt.start();
  rt.step(1.0, Input{});
  ASSERT_TRUE(rt.in_moment());
  const story::ThingId folder = story->scenes[0].find_thing("folder");
  rt.step(0.0, Input{.press = folder, .slide = story::kSlideRate});
  rt.step(0.5, Input{.press = folder, .slide = story::kSlideRate});
  const NowReport now = inspect_now(rt);
  const GestureReport* refuse = nullptr;
  for (const GestureReport& g : now.gestures) {
    if (g.id == "refuse") refuse = &g;
  }
  ASSERT_NE(refuse, nullptr);
  EXPECT_TRUE(refuse->underway);
  EXPECT_EQ(refuse->distance, 90);
  EXPECT_NEAR(refuse->dragged, 30, 1e-9);
  EXPECT_NEAR(refuse->progress, 1.0 / 3, 1e-9);
  EXPECT_NEAR(refuse->remaining, 1.0, 1e-9);
}

}  // namespace
}  // namespace threshold::debug
