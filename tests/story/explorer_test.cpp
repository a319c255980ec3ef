// The explorer on small stories (tests/stories/tools_*): shortest paths to endings, endings no
// playthrough can reach, states with no way on, and the state limit.
#include "threshold/story/explorer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/test_story.h"
#include "threshold/story/loader.h"
#include "threshold/story/performer.h"
#include "threshold/story/runtime.h"

namespace threshold::story {
namespace {

using Path = std::vector<std::string>;

Story load_tools_story(const std::string& name) {
  return test_support::load_test_story(name);
}

const EndingReach& reach(const Story& story, const ExploreResult& r, const std::string& id) {
  const EndingId e = story.find_ending(id);
  EXPECT_NE(e, kNone) << id;
  return r.endings.at(static_cast<size_t>(e));
}

const StuckState* stuck_at(const Story& story, const ExploreResult& r, const std::string& beat) {
  for (const StuckState& s : r.stuck) {
    const Scene& scene = story.scene(s.scene);
    if (s.beat >= 0 && scene.beats[static_cast<size_t>(s.beat)].id == beat) return &s;
  }
  return nullptr;
}

TEST(Explorer, FindsTheShortestGesturePathToEachEnding) {
  const Story story = load_tools_story("tools_explore");
  const ExploreResult r = explore(story);
  EXPECT_TRUE(r.complete);
  EXPECT_TRUE(reach(story, r, "stayed").reachable);
  EXPECT_EQ(reach(story, r, "stayed").path, Path{"kitchen.start.sit"});
  EXPECT_TRUE(reach(story, r, "left").reachable);
  EXPECT_EQ(reach(story, r, "left").path,
            (Path{"kitchen.start.hold_cup", "kitchen.start.open_door", "street.stop.board"}));
}

TEST(Explorer, EndingNoPlaythroughCanReachIsFlaggedAndFailsTheRun) {
  const Story story = load_tools_story("tools_explore");
  const ExploreResult r = explore(story);
  // `spoke` needs courage 3; the kitchen gives at most 1.
  EXPECT_FALSE(reach(story, r, "spoke").reachable);
  EXPECT_FALSE(r.all_endings_reachable());
  EXPECT_EQ(r.exit_code(), 1);
  EXPECT_NE(r.report(story).find("ending 'spoke' (Spoke): NOT reachable"), std::string::npos)
      << r.report(story);
  EXPECT_TRUE(r.stuck.empty());
}

TEST(Explorer, StoryWhereEverythingIsReachableExitsZero) {
  const Story story = load_tools_story("tools_text");
  const ExploreResult r = explore(story);
  EXPECT_TRUE(r.complete);
  EXPECT_TRUE(r.all_endings_reachable());
  EXPECT_TRUE(r.stuck.empty()) << r.report(story);
  EXPECT_EQ(r.exit_code(), 0);
}

TEST(Explorer, MomentThatOffersNothingIsStuck) {
  const Story story = load_tools_story("tools_stuck");
  const ExploreResult r = explore(story);
  const StuckState* s = stuck_at(story, r, "landing");
  ASSERT_NE(s, nullptr) << r.report(story);
  EXPECT_NE(s->why.find("nothing is offered"), std::string::npos);
  EXPECT_EQ(s->path, Path{"hall.hall.knock"});  // knocking without ringing first
  EXPECT_EQ(r.exit_code(), 1);
  // Ringing first opens the door: that ending is still found.
  EXPECT_EQ(reach(story, r, "inside").path,
            (Path{"hall.hall.ring", "hall.hall.knock", "hall.landing.open"}));
}

TEST(Explorer, StoryThatFinishesWithoutAnEndingIsStuck) {
  const Story story = load_tools_story("tools_stuck");
  const ExploreResult r = explore(story);
  const StuckState* s = stuck_at(story, r, "sitting");
  ASSERT_NE(s, nullptr) << r.report(story);
  EXPECT_NE(s->why.find("without reaching an ending"), std::string::npos);
  EXPECT_EQ(s->path, Path{"hall.hall.sit_down"});
}

TEST(Explorer, LoopThatNeverLeadsOutIsStuck) {
  const Story story = load_tools_story("tools_stuck");
  const ExploreResult r = explore(story);
  const StuckState* s = stuck_at(story, r, "pacing");
  ASSERT_NE(s, nullptr) << r.report(story);
  EXPECT_NE(s->why.find("no ending can be reached"), std::string::npos);
  EXPECT_EQ(s->path, Path{"hall.hall.pace"});
}

TEST(Explorer, ABeatThatGoesToItsOwnSceneAfterOneLineIsALoopNotAnUnfinishedStory) {
  const Story story = load_tools_story("tools_line_loop");
  const ExploreResult r = explore(story);
  ASSERT_EQ(r.stuck.size(), 1u) << r.report(story);
  const StuckState& s = r.stuck[0];
  EXPECT_EQ(story.scene(s.scene).id, "hall");
  EXPECT_EQ(s.why,
            "a loop with no moment in it: hall.enter -> hall.enter, again and again (it repeats "
            "at hall.enter); the story is stopped there");
  EXPECT_EQ(s.why.find("without reaching an ending"), std::string::npos);
  EXPECT_EQ(r.exit_code(), 1);
}

TEST(Explorer, ALoopThroughTwoBeatsNamesBothAndWhereItRepeats) {
  const Story story = load_tools_story("tools_beat_loops");
  const ExploreResult r = explore(story);
  EXPECT_TRUE(reach(story, r, "out").reachable);
  const StuckState* clock = stuck_at(story, r, "tick");
  ASSERT_NE(clock, nullptr) << r.report(story);
  EXPECT_EQ(clock->why.substr(0, 57), "a loop with no moment in it: clock.tick -> clock.tick, ag");
  EXPECT_EQ(clock->path, Path{"hall.hall.listen"});
  const StuckState* stairs = stuck_at(story, r, "up");
  ASSERT_NE(stairs, nullptr) << r.report(story);
  EXPECT_EQ(stairs->why,
            "a loop with no moment in it: stairs.up -> stairs.down -> stairs.up, again and again "
            "(it repeats at stairs.up); the story is stopped there");
  EXPECT_EQ(stairs->path, Path{"hall.hall.climb"});
}

TEST(Explorer, HesitationsNobodyWroteAGestureForStillCount) {
  const Story story = load_tools_story("tools_hesitate");
  const ExploreResult r = explore(story);
  EXPECT_TRUE(r.all_endings_reachable()) << r.report(story);
  EXPECT_EQ(reach(story, r, "fled").path,
            (Path{"room.table.hesitate(cup)", "room.table.hesitate(cup)", "room.table.leave"}));
  EXPECT_EQ(r.exit_code(), 0);
}

TEST(Explorer, HesitationsThatChangeNothingDoNotMultiplyStates) {
  // In tools_explore nothing reads `hesitated` where it could change the way: letting go of the
  // cup leads back to the same state, so the search stays at the three moments' states.
  const Story story = load_tools_story("tools_explore");
  EXPECT_EQ(explore(story).states, 3u);
}

TEST(Explorer, ExploresEveryDistinctStateOnce) {
  const Story story = load_tools_story("tools_loop");
  const ExploreResult r = explore(story);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.states, 31u);  // beads 0..30
  ASSERT_TRUE(r.endings[0].reachable);
  EXPECT_EQ(r.endings[0].path.size(), 31u);
  EXPECT_NE(r.report(story).find("room.count.thread (x30)"), std::string::npos) << r.report(story);
}

TEST(Explorer, CountsPastEveryThresholdAreOneState) {
  // `beads` only grows and is only compared with 30: 0..30 and "more than 30" are all there is.
  const Story story = load_tools_story("tools_cap");
  const ExploreResult r = explore(story);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.states, 32u);
  EXPECT_EQ(r.exit_code(), 0) << r.report(story);
}

TEST(Explorer, StopsAtMaxStatesAndSaysSo) {
  const Story story = load_tools_story("tools_loop");
  ExploreOptions options;
  options.max_states = 10;
  const ExploreResult r = explore(story, options);
  EXPECT_FALSE(r.complete);
  EXPECT_GE(r.states, 10u);
  EXPECT_LT(r.states, 31u);
  EXPECT_EQ(r.exit_code(), 2);
  const std::string report = r.report(story);
  EXPECT_EQ(report.rfind("stopped after 10 states: the story's state space is larger; raise "
                         "--max-states\n",
                         0),
            0u)
      << report;
  EXPECT_EQ(report.find("NOT reachable"), std::string::npos) << report;
}

TEST(Explorer, TimedAndUntimedHandsFindWhatChoosingFinds) {
  // tools_explore's gestures can all be made with a player's input, at every timing class.
  const Story story = load_tools_story("tools_explore");
  const ExploreResult chosen = explore(story);
  for (const ExploreHands hands : {ExploreHands::Timed, ExploreHands::Untimed}) {
    ExploreOptions options;
    options.hands = hands;
    const ExploreResult r = explore(story, options);
    EXPECT_TRUE(r.unmade.empty()) << r.report(story);
    EXPECT_EQ(r.states, chosen.states) << explore_hands_name(hands);
    EXPECT_EQ(reach(story, r, "left").path, reach(story, chosen, "left").path);
    EXPECT_EQ(reach(story, r, "stayed").path, Path{"kitchen.start.sit"});
    EXPECT_FALSE(reach(story, r, "spoke").reachable);
  }
}

TEST(Explorer, AGestureNoHandCanMakeIsNamedWithWhatTheHandsMadeInstead) {
  // The hold of 0.05 s on the switch completes before a touch can let go of it.
  const Story story = load_tools_story("tools_hands");
  EXPECT_TRUE(explore(story).all_endings_reachable());  // choosing directly hides it
  ExploreOptions options;
  options.hands = ExploreHands::Untimed;
  const ExploreResult r = explore(story, options);
  ASSERT_EQ(r.unmade.size(), 1u) << r.report(story);
  EXPECT_EQ(r.unmade[0].gesture, "flick");
  EXPECT_EQ(r.unmade[0].instead, "gesture 'rest_hand'");
  EXPECT_FALSE(reach(story, r, "out").reachable);
  EXPECT_EQ(reach(story, r, "in").path, Path{"hall.dark.flick (gave rest_hand)"});
  EXPECT_EQ(r.exit_code(), 1);
  EXPECT_NE(r.report(story).find("cannot be made with untimed hands: scene 'hall', beat 'dark', "
                                 "gesture 'flick': making it as a player would gives gesture "
                                 "'rest_hand'\n"),
            std::string::npos)
      << r.report(story);
}

// Steps the runtime to its first moment, keeping the events.
struct Played {
  explicit Played(const Story& story) : rt(story) {
    std::vector<Event> started = rt.start();
    rt.fast_forward(started);
  }
  Runtime rt;
  std::vector<Event> ev;
  Performer hands(bool untimed) {
    return Performer(
        rt, [this](double dt, const Input& in) { rt.step(dt, in, ev); }, untimed);
  }
};

TEST(Explorer, UntimedHandsNeverLetTheClockChooseAWait) {
  const Story story = load_tools_story("tools_explore");
  const Moment* moment = nullptr;
  {
    Played timed(story);
    ASSERT_TRUE(timed.rt.in_moment());
    Performer hands = timed.hands(false);
    // The clock runs (the moment's breath, then the 5 s wait, which chooses `sit`).
    int deadlines = 0;
    while (!timed.rt.finished() && deadlines < 10 && hands.silence()) ++deadlines;
    EXPECT_TRUE(timed.rt.finished());
    EXPECT_GE(deadlines, 1);
    EXPECT_EQ(timed.rt.state().ending, story.find_ending("stayed"));
  }
  Played untimed(story);
  Performer hands = untimed.hands(true);
  EXPECT_FALSE(hands.silence());  // nothing will ever happen by itself
  EXPECT_TRUE(untimed.rt.in_moment());
  moment = untimed.rt.moment();
  const std::vector<int32_t> offered = untimed.rt.offered();
  const Gesture& sit = moment->gestures[2];
  ASSERT_EQ(sit.id, "sit");
  EXPECT_TRUE(hands.perform(*moment, offered, sit));  // waiting on purpose
  untimed.rt.fast_forward(untimed.ev);
  EXPECT_EQ(untimed.rt.state().ending, story.find_ending("stayed"));
}

TEST(Explorer, CanStartAtAnotherScene) {
  const Story story = load_tools_story("tools_explore");
  const ExploreResult r = explore(story, {}, story.find_scene("street"));
  EXPECT_EQ(reach(story, r, "left").path, Path{"street.stop.board"});
  EXPECT_FALSE(reach(story, r, "stayed").reachable);
}

}  // namespace
}  // namespace threshold::story
