// The Variables panel: every variable and counter listed; edits type-checked and live at once.
#include "threshold/debug/variables.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "story_fixture.h"

namespace threshold::debug {
namespace {

using namespace threshold::debug::testing;
using story::Input;

class VariablesTest : public DoorMoment {
 protected:
  VariableRow row(const std::string& name) {
    for (const VariableRow& r : list_variables(*story_, rt_->state())) {
      if (r.name == name) return r;
    }
    ADD_FAILURE() << "no row " << name;
    return {};
  }
};

TEST_F(VariablesTest, ListsStoryVariablesThenCountersThenVisitsWithTypesAndValues) {
  const std::vector<VariableRow> rows = list_variables(*story_, rt_->state());
  std::vector<std::string> names;
  for (const VariableRow& r : rows) names.push_back(r.name);
  const std::vector<std::string> expected = {"restlessness", "has_keys",    "mood",      "day",
                                             "waited",       "held",        "hesitated", "looked",
                                             "touched",      "turned_away", "silence",   "time"};
  ASSERT_EQ(names.size(), expected.size() + story_->scenes.size());
  EXPECT_EQ(std::vector<std::string>(names.begin(), names.begin() + 12), expected);
  for (size_t i = 0; i < story_->scenes.size(); ++i) {
    EXPECT_EQ(names[12 + i], "visits(" + story_->scenes[i].id + ")");
  }
  EXPECT_EQ(row("has_keys").type, story::Type::Bool);
  EXPECT_EQ(row("mood").value, story::Value("grey"));
  EXPECT_EQ(row("visits(hallway)").value, story::Value(1));
  EXPECT_EQ(row("time").value, story::Value(1.0));
  EXPECT_FALSE(row("time").editable);
  EXPECT_EQ(row("visits(attic)").kind, VariableKind::Visits);
}

TEST_F(VariablesTest, EditingVariablesMakesTheDoorAppearAtOnce) {
  EXPECT_FALSE(offers(*rt_, "open_door"));
  EXPECT_EQ(set_variable(*rt_, "restlessness", "4"), "");
  EXPECT_FALSE(offers(*rt_, "open_door"));
  EXPECT_EQ(set_variable(*rt_, "has_keys", "true"), "");
  EXPECT_TRUE(offers(*rt_, "open_door"));
  // And the game goes on from there: touching the door now leads out.
  std::vector<story::Event> out;
  rt_->step(0.0, Input{.press = thing(*rt_, "door")}, out);
  rt_->step(0.5, Input{}, out);
  EXPECT_EQ(scene_id(*rt_), "street");
}

TEST_F(VariablesTest, WrongTypedEditsAreRefusedWithAReasonAndChangeNothing) {
  const story::State before = rt_->state();
  EXPECT_EQ(set_variable(*rt_, "restlessness", "lots"), "restlessness is a number; 'lots' is not");
  EXPECT_EQ(set_variable(*rt_, "has_keys", "3"), "has_keys is true or false; '3' is not");
  EXPECT_NE(set_variable(*rt_, "waited", "1.5"), "");
  EXPECT_NE(set_variable(*rt_, "held", "-1"), "");
  EXPECT_NE(set_variable(*rt_, "day", "0"), "");
  EXPECT_NE(set_variable(*rt_, "time", "3"), "");
  EXPECT_NE(set_variable(*rt_, "visits(cellar)", "1"), "");
  EXPECT_EQ(set_variable(*rt_, "courage", "1"), "there is no variable or counter called 'courage'");
  story::State s = rt_->state();
  EXPECT_NE(set_variable(*story_, s, "mood", story::Value(2.0)), "");
  EXPECT_EQ(rt_->state(), before);
  EXPECT_EQ(s, before);
}

TEST_F(VariablesTest, CountersVisitsAndStringsCanBeSet) {
  EXPECT_EQ(set_variable(*rt_, "mood", "\"bright\""), "");
  EXPECT_EQ(row("mood").value, story::Value("bright"));
  EXPECT_EQ(set_variable(*rt_, "waited", "3"), "");
  EXPECT_EQ(rt_->state().counters.waited, 3);
  EXPECT_EQ(set_variable(*rt_, "visits(kitchen)", "2"), "");
  EXPECT_EQ(rt_->env().visits(story_->find_scene("kitchen")), 2.0);
  EXPECT_EQ(set_variable(*rt_, "day", "3"), "");
  EXPECT_EQ(rt_->env().builtin(story::Builtin::Day), 3.0);
}

TEST_F(VariablesTest, SettingSilenceSetsWhatConditionsReadNowWhileTheSilenceRuns) {
  rt_->step(2.0, Input{});  // two seconds of silence running
  EXPECT_EQ(set_variable(*rt_, "silence", "10"), "");
  EXPECT_DOUBLE_EQ(rt_->env().builtin(story::Builtin::Silence), 10.0);
  rt_->step(1.0, Input{});
  EXPECT_DOUBLE_EQ(rt_->env().builtin(story::Builtin::Silence), 11.0);
}

}  // namespace
}  // namespace threshold::debug

namespace threshold::debug {
namespace {

using namespace threshold::debug::testing;

// The chose() counts a story reads are listed after the visits, and can be edited like them.
TEST(VariablesChose, ListsAndEditsTheCountsOfTheGesturesAChoseReads) {
  const auto story = load_or_fail(std::string(THRESHOLD_TESTS_DIR) + "/stories/chose_memory");
  ASSERT_TRUE(story);
  story::Runtime rt(*story);
  std::vector<story::Event> out = rt.start();
  rt.fast_forward(out);
  rt.choose(gesture_index(rt, "drink"), out);
  rt.fast_forward(out);
  std::vector<std::string> chose_rows;
  for (const VariableRow& r : list_variables(*story, rt.state())) {
    if (r.kind != VariableKind::Chose) continue;
    chose_rows.push_back(r.name + " = " + r.value.to_text());
  }
  EXPECT_EQ(chose_rows,
            (std::vector<std::string>{"chose(kitchen.drink) = 1", "chose(kitchen.pour) = 0"}));
  EXPECT_TRUE(offers(rt, "pour"));
  EXPECT_EQ(set_variable(rt, "chose(kitchen.drink)", "3"), "");
  EXPECT_FALSE(offers(rt, "pour"));                                // if: chose(drink) < 3
  EXPECT_NE(set_variable(rt, "chose(kitchen.hold_it)", "1"), "");  // nothing reads it
  EXPECT_NE(set_variable(rt, "chose(kitchen.drink)", "-1"), "");
}

}  // namespace
}  // namespace threshold::debug
