// The checker on small stories written to hold each problem once (tests/stories/tools_*):
// every warning names the right file, line and column, and the summary line reads right.
#include "threshold/story/checker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "tests/support/test_story.h"
#include "threshold/story/loader.h"
#include "threshold/story/wording.h"

namespace threshold::story {
namespace {

Story load_tools_story(const std::string& name) {
  return test_support::load_test_story(name);
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The one warning whose message contains `words`; fails the test when there is not exactly one.
Diagnostic warning_about(const Diagnostics& diags, const std::string& words) {
  std::vector<Diagnostic> found;
  for (const Diagnostic& d : diags.items()) {
    if (d.message.find(words) != std::string::npos) found.push_back(d);
  }
  EXPECT_EQ(found.size(), 1u) << "warnings about '" << words << "':\n" << diags.format_all();
  if (found.empty()) return {};
  EXPECT_EQ(found[0].severity, Severity::Warning);
  return found[0];
}

void expect_at(const Diagnostic& d, const std::string& file_tail, int line, int column) {
  EXPECT_TRUE(ends_with(d.file, file_tail)) << d.file;
  EXPECT_EQ(d.line, line) << d.message;
  EXPECT_EQ(d.column, column) << d.message;
}

class CheckerWarnings : public ::testing::Test {
 protected:
  void SetUp() override {
    story = load_tools_story("tools_warnings");
    check(story, diags);
  }
  Story story;
  Diagnostics diags;
};

TEST_F(CheckerWarnings, SceneNoPathReachesIsNamedWhereItIsWritten) {
  expect_at(warning_about(diags, "scene 'island' is never reached"), "scenes/c_island.yaml", 1, 8);
}

TEST_F(CheckerWarnings, LastBeatWithNoWayOnIsADeadEnd) {
  expect_at(warning_about(diags, "beat 'outside' leads nowhere"), "scenes/b_second.yaml", 5, 5);
}

TEST_F(CheckerWarnings, BeatNothingLeadsToInsideItsSceneIsReported) {
  expect_at(warning_about(diags, "beat 'orphan' is never reached"), "scenes/a_start_room.yaml", 25,
            5);
}

TEST_F(CheckerWarnings, MomentWhoseConditionsAreAllFalseCanNeverBeLeft) {
  const Diagnostic d = warning_about(diags, "no gesture of this moment can ever be taken");
  EXPECT_TRUE(ends_with(d.file, "scenes/a_start_room.yaml"));
  EXPECT_EQ(d.line, 28);
}

TEST_F(CheckerWarnings, GestureWithAnAlwaysFalseConditionPointsAtTheCondition) {
  expect_at(warning_about(diags, "gesture 'never_offered' is never offered"),
            "scenes/a_start_room.yaml", 23, 15);
}

TEST_F(CheckerWarnings, VariableSetButNeverReadIsReported) {
  expect_at(warning_about(diags, "variable 'unread' is set but never read"), "story.yaml", 6, 3);
}

TEST_F(CheckerWarnings, VariableReadButNeverSetSaysTheValueItKeeps) {
  const Diagnostic d = warning_about(diags, "variable 'unset' is read but never set");
  expect_at(d, "story.yaml", 7, 3);
  EXPECT_NE(d.message.find("always stays false"), std::string::npos) << d.message;
}

TEST_F(CheckerWarnings, ThingNoGestureRefersToIsUntouchable) {
  expect_at(warning_about(diags, "nobody can act on the vase"), "scenes/a_start_room.yaml", 6, 3);
}

TEST_F(CheckerWarnings, EndingNoEndNamesIsReported) {
  expect_at(warning_about(diags, "ending 'lost' is never reached"), "story.yaml", 12, 3);
}

TEST_F(CheckerWarnings, WhatIsFineIsNotWarnedAbout) {
  EXPECT_EQ(diags.error_count(), 0u);
  EXPECT_EQ(diags.warning_count(), 9u) << diags.format_all();
  for (const Diagnostic& d : diags.items()) {
    EXPECT_EQ(d.message.find("'used'"), std::string::npos) << d.message;
    EXPECT_EQ(d.message.find("lamp"), std::string::npos) << d.message;
    EXPECT_EQ(d.message.find("ending 'home'"), std::string::npos) << d.message;
    EXPECT_EQ(d.message.find("scene 'second'"), std::string::npos) << d.message;
  }
}

TEST_F(CheckerWarnings, WarningsQuoteTheLineTheyPointAt) {
  const Diagnostic d = warning_about(diags, "nobody can act on the vase");
  EXPECT_EQ(d.source_line, "  vase: the vase");
}

// tests/stories/tools_traps: each trap once, beside the same gestures written so they work.
class CheckerTraps : public ::testing::Test {
 protected:
  void SetUp() override {
    story = load_tools_story("tools_traps");
    check(story, diags);
  }
  Story story;
  Diagnostics diags;
};

TEST_F(CheckerTraps, AHesitateOnAThingWithATouchAndNoHoldCanNeverHappen) {
  const Diagnostic d = warning_about(diags, "gesture 'almost_ring' can never happen");
  expect_at(d, "scenes/kitchen.yaml", 20, 11);
  EXPECT_NE(d.message.find("the bell has a touch ('ring') and no hold, push or pull"),
            std::string::npos);
}

TEST_F(CheckerTraps, ALookAndAHoldOnOneThingSayTheLookFiresWhileItIsHeld) {
  const Diagnostic d = warning_about(diags, "gesture 'look_at_photo' (a look of 2 s)");
  expect_at(d, "scenes/kitchen.yaml", 31, 11);
  EXPECT_NE(d.message.find("'hold_photo' (a hold of 3 s)"), std::string::npos);
  EXPECT_NE(d.message.find("fires first, before the hold completes"), std::string::npos);
}

TEST_F(CheckerTraps, ArithmeticOfCountsInAGestureConditionSaysTheExplorerCannotCapThem) {
  const Diagnostic d = warning_about(diags, "the condition of gesture 'leave' does arithmetic");
  expect_at(d, "scenes/kitchen.yaml", 46, 15);
  EXPECT_NE(d.message.find("on 'courage' and 'patience'"), std::string::npos);
  EXPECT_NE(d.message.find("explore caps a count only where it is compared with a number"),
            std::string::npos);
}

TEST_F(CheckerTraps, TheSameGesturesWrittenSoThatTheyWorkAreNotWarnedAbout) {
  // A hesitate beside a hold (the cup), counts each compared with a number (the coat).
  EXPECT_EQ(diags.warning_count(), 3u) << diags.format_all();
  for (const Diagnostic& d : diags.items()) {
    EXPECT_EQ(d.message.find("not_yet"), std::string::npos) << d.message;
    EXPECT_EQ(d.message.find("put_on_coat"), std::string::npos) << d.message;
  }
}

TEST(Checker, WellFormedStoryGivesNoWarnings) {
  const Story story = load_tools_story("tools_explore");
  Diagnostics diags;
  check(story, diags);
  EXPECT_EQ(diags.items().size(), 0u) << diags.format_all();
}

TEST(Checker, GestureWithNoWayOnInTheLastBeatIsADeadEnd) {
  // tools_text's last moment leads to endings only: no warning. Build the dead end by hand.
  Story story = load_tools_story("tools_text");
  Gesture& open = story.scenes[0].beats.back().moment->gestures[0];
  open.target = Target{};
  Diagnostics diags;
  check(story, diags);
  const Diagnostic d = warning_about(diags, "gesture 'open' leads nowhere");
  EXPECT_TRUE(ends_with(d.file, "scenes/morning.yaml"));
  EXPECT_EQ(d.line, 62);
  // Its ending is no longer named anywhere either.
  warning_about(diags, "ending 'gone' is never reached");
  EXPECT_EQ(diags.warning_count(), 2u) << diags.format_all();
}

TEST(Checker, ABeatThatGoesBackToItsOwnSceneWithoutAMomentIsAnEndlessLoop) {
  const Story story = load_tools_story("tools_line_loop");
  Diagnostics diags;
  check(story, diags);
  expect_at(
      warning_about(diags, "beat 'enter' of scene 'hall' is in a loop of beats without a moment"),
      "scenes/hall.yaml", 5, 9);
}

TEST(Checker, BeatsThatLeadOnToAMomentAreNoLoop) {
  // tools_text's beats lead on by themselves into moments, and its moments loop back.
  const Story story = load_tools_story("tools_text");
  Diagnostics diags;
  check(story, diags);
  for (const Diagnostic& d : diags.items()) {
    EXPECT_EQ(d.message.find("loop of beats"), std::string::npos) << d.format();
  }
}

TEST(CheckerSummary, CountsScenesMomentsGesturesEndingsAndWords) {
  const Story story = load_tools_story("tools_warnings");
  const StorySummary s = summarize(story);
  EXPECT_EQ(s.scenes, 3u);
  EXPECT_EQ(s.moments, 2u);
  EXPECT_EQ(s.gestures, 4u);
  EXPECT_EQ(s.endings, 2u);
  EXPECT_EQ(s.words, 27u);  // lines, gesture lines, epilogues: 4+3+4+5+4+3+4
  // Seven lines at 1.5 s + 0.3 s a word (27 words), plus the moments' mean gesture times:
  // (touch 2 + wait 3 + hold 2) / 3 and (touch 2).
  EXPECT_NEAR(s.seconds, 7 * 1.5 + 27 * 0.3 + 7.0 / 3 + 2, 1e-9);
  EXPECT_EQ(s.to_string(), "3 scenes, 2 moments, 4 gestures, 2 endings, 27 words, ~0 min");
}

TEST(CheckerSummary, AuthoredLingersAndPausesCountAsWritten) {
  const Story story = load_tools_story("tools_text");
  const StorySummary s = summarize(story);
  // tools_text paces lines at 0.5 s + 0.1 s a word, and has one pause of 1 s.
  double lines = 0;
  size_t count = 0;
  for (const Scene& scene : story.scenes) {
    for (const Beat& beat : scene.beats) {
      count += beat.lines.size();
      if (beat.moment) {
        for (const Gesture& g : beat.moment->gestures) count += g.lines.size();
      }
    }
  }
  for (const Ending& e : story.endings) count += e.epilogue.size() + e.reflection.size();
  lines = static_cast<double>(count - 1) * 0.5 + static_cast<double>(s.words) * 0.1 + 1.0;
  const double moments = (2 + 3 + 8) / 3.0 + (2 + 5 + 2 + 3 + 2) / 5.0 + (3 + 5) / 2.0;
  EXPECT_NEAR(s.seconds, lines + moments, 1e-9);
}

TEST(CheckerSummary, ReadsLikeTheDocsWithThousandsSeparators) {
  StorySummary s;
  s.scenes = 42;
  s.moments = 120;
  s.gestures = 310;
  s.endings = 4;
  s.words = 7800;
  s.seconds = 38 * 60 + 20;
  EXPECT_EQ(s.to_string(), "42 scenes, 120 moments, 310 gestures, 4 endings, 7,800 words, ~38 min");
}

TEST(CheckerSummary, UsesSingularForOne) {
  StorySummary s;
  s.scenes = s.moments = s.gestures = s.endings = s.words = 1;
  s.seconds = 50;
  EXPECT_EQ(s.to_string(), "1 scene, 1 moment, 1 gesture, 1 ending, 1 word, ~1 min");
}

TEST(CheckerSummary, ThousandsAreSeparatedByCommas) {
  EXPECT_EQ(with_thousands(0), "0");
  EXPECT_EQ(with_thousands(999), "999");
  EXPECT_EQ(with_thousands(7800), "7,800");
  EXPECT_EQ(with_thousands(1234567), "1,234,567");
}

}  // namespace
}  // namespace threshold::story
