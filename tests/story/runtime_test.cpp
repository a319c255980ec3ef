// The runtime as a player meets it: gestures read from input over time, exact timing whatever the
// step size, the silence ladder, conditions, effects, built-in counts, endings and their
// reflection. Uses tests/stories/runtime_basics.
#include "threshold/story/runtime.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>

#include "tests/support/test_story.h"
#include "threshold/story/loader.h"

namespace threshold::story {
namespace {

const Story& basics() {
  static const Story story = test_support::load_test_story("runtime_basics");
  return story;
}

SceneId scene(const char* id) {
  return basics().find_scene(id);
}
ThingId thing(const char* scene_id, const char* id) {
  return basics().scene(scene(scene_id)).find_thing(id);
}
int32_t gesture(const Runtime& rt, const char* id) {
  const Scene& sc = basics().scene(rt.state().scene);
  const Beat& b = sc.beats[static_cast<size_t>(rt.state().beat)];
  if (!b.moment) return -2;
  for (size_t i = 0; i < b.moment->gestures.size(); ++i) {
    if (b.moment->gestures[i].id == id) return static_cast<int32_t>(i);
  }
  return -2;
}
std::string gesture_id(const Event& e) {
  const Beat& b = basics().scene(e.scene).beats[static_cast<size_t>(e.beat)];
  return b.moment->gestures[static_cast<size_t>(e.gesture)].id;
}

Input press(ThingId t) {
  return Input{t, kNone, false, false};
}
Input look(ThingId t) {
  return Input{kNone, t, false, false};
}
Input skip() {
  return Input{kNone, kNone, false, true};
}
const Input kIdle{};

// Drives a runtime with a fixed step size, the way the game does, and keeps every event.
struct Player {
  explicit Player(const char* start, double step = 1.0 / 60.0, Hands hands = Hands::Found)
      : rt(basics()), dt(step) {
    events = rt.start(scene(start), hands);
  }
  // Holds `input` until the absolute time `until`, in steps of dt (the last one shortened).
  void hold_until(double until, const Input& input) {
    while (rt.state().time < until) {
      rt.advance_to(std::min(until, rt.state().time + dt), input, events);
    }
    rt.advance_to(until, input, events);
  }
  // Steps with `input` (plain step(dt), as the game loop calls it) for `n` steps.
  void steps(int n, const Input& input) {
    for (int i = 0; i < n; ++i) rt.step(dt, input, events);
  }
  std::vector<Event> of(EventKind k) const {
    std::vector<Event> out;
    for (const Event& e : events) {
      if (e.kind == k) out.push_back(e);
    }
    return out;
  }
  std::optional<Event> chosen() const {
    auto c = of(EventKind::GestureChosen);
    if (c.empty()) return std::nullopt;
    return c.front();
  }
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    for (const Event& e : of(EventKind::LineShown)) out.push_back(e.text);
    return out;
  }
  Runtime rt;
  double dt;
  std::vector<Event> events;
};

TEST(Runtime, LoadsItsTestStory) {
  ASSERT_NE(scene("hallway"), kNone);
}

TEST(Runtime, AMomentWithoutLinesOpensAtOnce) {
  Player p("hallway");
  EXPECT_TRUE(p.rt.in_moment());
  ASSERT_EQ(p.of(EventKind::SceneEntered).size(), 1u);
  ASSERT_EQ(p.of(EventKind::MomentOpened).size(), 1u);
  EXPECT_EQ(p.of(EventKind::MomentOpened)[0].time, 0.0);
  EXPECT_EQ(p.rt.state().visits[static_cast<size_t>(scene("hallway"))], 1);
  EXPECT_EQ(p.rt.state().day, 2);
}

TEST(Runtime, HoldCompletesAtExactlyTwoSecondsWhateverTheStepSize) {
  for (double dt : {1.0 / 60.0, 0.5, 0.3, 0.25, 0.7, 3.0}) {
    Player p("hallway", dt);
    while (!p.chosen()) p.rt.step(dt, press(thing("hallway", "coat")), p.events);
    EXPECT_EQ(gesture_id(*p.chosen()), "take_coat") << dt;
    EXPECT_EQ(p.chosen()->time, 2.0) << "step " << dt;
    EXPECT_EQ(p.chosen()->held, 2.0);
    EXPECT_EQ(p.rt.state().counters.held, 1);
  }
}

TEST(Runtime, HoldReleasedEarlyIsAHesitation) {
  Player p("hallway");
  p.hold_until(1.2, press(thing("hallway", "door")));
  p.hold_until(1.5, kIdle);
  auto hes = p.of(EventKind::Hesitated);
  ASSERT_EQ(hes.size(), 1u);
  EXPECT_EQ(hes[0].time, 1.2);
  EXPECT_DOUBLE_EQ(hes[0].held, 1.2);
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(gesture_id(*p.chosen()), "pull_back");  // the door's authored hesitation
  EXPECT_EQ(p.rt.state().counters.hesitated, 1);
  EXPECT_EQ(p.rt.state().counters.held, 0);
  ASSERT_EQ(p.rt.state().history.size(), 1u);
  EXPECT_EQ(p.rt.state().history[0].kind, GestureKind::Hesitate);
  EXPECT_EQ(p.rt.state().history[0].gesture, gesture(p.rt, "pull_back"));
  EXPECT_EQ(p.lines(), std::vector<std::string>{"You let go."});
}

TEST(Runtime, AHesitationWithNoAuthoredAnswerIsStillCounted) {
  Player p("hallway");
  p.hold_until(1.0, press(thing("hallway", "coat")));
  p.hold_until(1.1, kIdle);
  EXPECT_EQ(p.of(EventKind::Hesitated).size(), 1u);
  EXPECT_FALSE(p.chosen());
  EXPECT_TRUE(p.rt.in_moment());
  EXPECT_EQ(p.rt.state().counters.hesitated, 1);
  ASSERT_EQ(p.rt.state().history.size(), 1u);
  EXPECT_EQ(p.rt.state().history[0].gesture, -1);
}

TEST(Runtime, TwoHoldsOnOneThingChooseByReleaseTime) {
  {
    Player p("hallway");
    p.hold_until(3.0, press(thing("hallway", "door")));
    p.hold_until(3.5, kIdle);
    ASSERT_TRUE(p.chosen());
    EXPECT_EQ(gesture_id(*p.chosen()), "short_hold");
    EXPECT_EQ(p.chosen()->time, 3.0);
    EXPECT_EQ(p.rt.state().scene, scene("hallway"));  // still showing its answer
    EXPECT_EQ(p.lines(), std::vector<std::string>{"You keep your hand there."});
  }
  {
    Player p("hallway", 0.4);
    p.hold_until(7.0, press(thing("hallway", "door")));
    ASSERT_TRUE(p.chosen());
    EXPECT_EQ(gesture_id(*p.chosen()), "long_hold");
    EXPECT_EQ(p.chosen()->time, 5.0);
    EXPECT_TRUE(p.of(EventKind::Hesitated).empty());
  }
}

TEST(Runtime, HoldProgressIsReportedWhenAHoldStartsAndEnds) {
  Player p("hallway");
  p.hold_until(1.0, press(thing("hallway", "door")));
  p.hold_until(1.0, kIdle);
  auto prog = p.of(EventKind::GestureProgress);
  ASSERT_EQ(prog.size(), 2u);
  EXPECT_EQ(prog[0].time, 0.0);
  EXPECT_EQ(prog[0].progress, 0.0);
  EXPECT_EQ(prog[1].time, 1.0);
  EXPECT_DOUBLE_EQ(prog[1].progress, 1.0 / 5.0);  // of the longest hold on the door
}

TEST(Runtime, AQuickPressOnAThingWithTouchAndHoldIsTheTouch) {
  Player p("hallway");
  p.hold_until(0.2, press(thing("hallway", "kettle")));
  EXPECT_FALSE(p.chosen());  // not yet: it might become a hold
  p.hold_until(0.3, kIdle);
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(gesture_id(*p.chosen()), "switch_off");
  EXPECT_EQ(p.chosen()->time, 0.2);
  EXPECT_EQ(p.rt.state().counters.touched, 1);
}

TEST(Runtime, ALongPressOnAThingWithTouchAndHoldIsTheHold) {
  Player p("hallway");
  p.hold_until(0.5, kIdle);
  p.hold_until(3.0, press(thing("hallway", "kettle")));
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(gesture_id(*p.chosen()), "warm_hands");
  EXPECT_EQ(p.chosen()->time, 2.0);
  EXPECT_EQ(p.rt.state().counters.held, 1);
  EXPECT_EQ(p.rt.state().counters.touched, 0);
}

// The untimed twin of a quick press and release: a touch on purpose is the touch however long
// it is kept, so a hand that cannot let go quickly still touches the kettle rather than hold it.
TEST(Runtime, ATouchOnPurposeIsTheTouchHoweverLongItIsKept) {
  Player p("hallway");
  Input touch;
  touch.touch = thing("hallway", "kettle");
  p.hold_until(0.5, kIdle);
  p.hold_until(4.0, touch);
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(gesture_id(*p.chosen()), "switch_off");
  EXPECT_EQ(p.chosen()->time, 0.5);
  EXPECT_EQ(p.rt.state().counters.touched, 1);
  EXPECT_EQ(p.rt.state().counters.held, 0);
}

TEST(Runtime, AMiddlingPressOnAThingWithTouchAndHoldIsAHesitation) {
  Player p("hallway");
  p.hold_until(0.8, press(thing("hallway", "kettle")));
  p.hold_until(1.0, kIdle);
  EXPECT_FALSE(p.chosen());
  EXPECT_EQ(p.rt.state().counters.hesitated, 1);
  EXPECT_EQ(p.rt.state().counters.touched, 0);
}

TEST(Runtime, AThingWithOnlyATouchIsTouchedAtThePressAndItsEffectsApply) {
  Player p("hallway");
  p.hold_until(0.5, kIdle);
  p.hold_until(0.6, press(thing("hallway", "cup")));
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(gesture_id(*p.chosen()), "drink");
  EXPECT_EQ(p.chosen()->time, 0.5);
  const Story& s = basics();
  EXPECT_EQ(p.rt.state().variables[static_cast<size_t>(s.find_variable("finished_coffee"))],
            Value(true));
  EXPECT_EQ(p.rt.state().variables[static_cast<size_t>(s.find_variable("courage"))], Value(1));
  // Its answer, then `then: kitchen_after`, then on to the street.
  p.hold_until(10, kIdle);
  EXPECT_EQ(p.lines()[0], "You drink it while it is still too hot.");
  EXPECT_EQ(p.lines()[1], "The cup is empty.");
  EXPECT_EQ(p.rt.state().scene, scene("street"));
}

TEST(Runtime, LookingAwayAfterAShortLookChoosesItAndItStaysOncePerVisit) {
  Player p("hallway");
  const ThingId window = thing("hallway", "window");
  p.hold_until(4.0, look(window));
  p.hold_until(4.0, kIdle);
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(gesture_id(*p.chosen()), "glance");
  EXPECT_EQ(p.chosen()->time, 4.0);
  EXPECT_DOUBLE_EQ(p.chosen()->held, 4.0);
  p.hold_until(6.5, kIdle);  // its line lingers 2 s, then the moment is open again
  EXPECT_TRUE(p.rt.in_moment());
  const std::vector<int32_t> offered = p.rt.offered();
  EXPECT_EQ(std::count(offered.begin(), offered.end(), gesture(p.rt, "glance")), 0);
  EXPECT_EQ(std::count(offered.begin(), offered.end(), gesture(p.rt, "stare")), 1);
  // A second short look chooses nothing now; a long one reaches the stare.
  p.hold_until(10.5, look(window));
  p.hold_until(10.5, kIdle);
  EXPECT_EQ(p.of(EventKind::GestureChosen).size(), 1u);
  p.hold_until(17.0, look(window));
  auto chosen = p.of(EventKind::GestureChosen);
  ASSERT_EQ(chosen.size(), 2u);
  EXPECT_EQ(gesture_id(chosen[1]), "stare");
  EXPECT_EQ(chosen[1].time, 16.5);
  EXPECT_EQ(p.rt.state().counters.looked, 2);
}

TEST(Runtime, TurningAwayIsAGesture) {
  Player p("hallway");
  p.hold_until(1.0, kIdle);
  p.hold_until(1.5, Input{kNone, kNone, true, false});
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(gesture_id(*p.chosen()), "step_back");
  EXPECT_EQ(p.chosen()->time, 1.0);
  EXPECT_EQ(p.rt.state().counters.turned_away, 1);
}

TEST(Runtime, APressOnAThingNothingAnswersIsOnlyActivity) {
  Player p("hallway");
  p.hold_until(3.0, press(thing("hallway", "wall")));
  p.hold_until(3.5, kIdle);
  EXPECT_FALSE(p.chosen());
  EXPECT_TRUE(p.of(EventKind::Hesitated).empty());
  EXPECT_TRUE(p.rt.in_moment());
}

TEST(Runtime, APressHeldSinceBeforeTheMomentCountsOnlyOnceReleased) {
  Player p("silence");
  const ThingId phone = thing("silence", "phone");
  p.hold_until(5.0, press(phone));  // pressed while the phone rings: the moment opens at 3
  EXPECT_FALSE(p.chosen());
  p.hold_until(5.5, kIdle);
  EXPECT_FALSE(p.chosen());
  p.hold_until(6.0, press(phone));
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(gesture_id(*p.chosen()), "answer");
  EXPECT_EQ(p.chosen()->time, 5.5);
}

TEST(Runtime, AWaitFiresAtMomentOpenPlusTheBreathPlusItsSeconds) {
  for (double dt : {1.0 / 60.0, 0.25, 0.7}) {
    Player p("silence", dt);
    while (!p.chosen()) p.rt.step(dt, kIdle, p.events);
    ASSERT_EQ(p.of(EventKind::MomentOpened).size(), 1u);
    EXPECT_EQ(p.of(EventKind::MomentOpened)[0].time, 3.0);
    EXPECT_EQ(p.of(EventKind::MomentOpened)[0].linger, kBreathSeconds);
    EXPECT_EQ(gesture_id(*p.chosen()), "first_silence");
    EXPECT_EQ(p.chosen()->time, 3.0 + kBreathSeconds + 3.0) << dt;
  }
}

TEST(Runtime, NoSilenceCountsDuringTheBreath) {
  Player p("silence");
  p.hold_until(3.0 + kBreathSeconds, kIdle);
  ASSERT_TRUE(p.rt.in_moment());
  EXPECT_EQ(p.rt.env().builtin(Builtin::Silence), 0.0);
  p.hold_until(3.0 + kBreathSeconds + 1.0, kIdle);
  EXPECT_DOUBLE_EQ(p.rt.env().builtin(Builtin::Silence), 1.0);
}

TEST(Runtime, AHandStillAgainDuringTheBreathStartsTheClockOnlyWhenTheBreathEnds) {
  Player p("silence");
  p.hold_until(3.2, kIdle);
  p.hold_until(3.5, look(thing("silence", "phone")));  // a glance, then the hand rests again
  p.hold_until(20.0, kIdle);
  ASSERT_TRUE(p.chosen());
  EXPECT_DOUBLE_EQ(p.chosen()->time, 3.0 + kBreathSeconds + 3.0);
}

TEST(Runtime, NoWaitFiresInANewGameBeforeThePlayersFirstInput) {
  for (double dt : {1.0 / 60.0, 0.7}) {
    Player p("silence", dt, Hands::Awaited);
    p.hold_until(120.0, kIdle);
    EXPECT_FALSE(p.chosen()) << dt;
    EXPECT_TRUE(p.rt.in_moment());
    EXPECT_EQ(p.rt.env().builtin(Builtin::Silence), 0.0);
    EXPECT_EQ(p.rt.next_deadline(kIdle), std::numeric_limits<double>::infinity());
  }
}

TEST(Runtime, OnceThePlayerHasMovedTheClockRunsFromThatInstant) {
  Input moved;
  moved.hands = true;
  for (double dt : {1.0 / 60.0, 0.7}) {
    Player p("silence", dt, Hands::Awaited);
    p.hold_until(50.0, kIdle);
    p.hold_until(60.0, moved);  // the pointer moved over nothing: the hand is found, and still
    ASSERT_TRUE(p.chosen()) << dt;
    EXPECT_EQ(gesture_id(*p.chosen()), "first_silence");
    EXPECT_DOUBLE_EQ(p.chosen()->time, 50.0 + 3.0) << dt;
    EXPECT_TRUE(p.rt.state().hands);
  }
}

TEST(Runtime, HandsFoundBeforeTheMomentOpensLetTheClockStartAfterTheBreath) {
  Input moved;
  moved.hands = true;
  Player p("silence", 1.0 / 60.0, Hands::Awaited);
  p.hold_until(1.0, kIdle);
  p.hold_until(20.0, moved);  // moved during the opening lines
  ASSERT_TRUE(p.chosen());
  EXPECT_DOUBLE_EQ(p.chosen()->time, 3.0 + kBreathSeconds + 3.0);
}

TEST(Runtime, APressCountsAsFindingTheHandsToo) {
  Player p("silence", 1.0 / 60.0, Hands::Awaited);
  p.hold_until(10.0, kIdle);
  p.hold_until(10.1, skip());  // a key pressed inside the moment: activity, and hands found
  p.hold_until(30.0, kIdle);
  ASSERT_TRUE(p.chosen());
  EXPECT_DOUBLE_EQ(p.chosen()->time, 10.1 + 3.0);
}

TEST(Runtime, TheSilenceLadderFiresInOrderAtThreeEightAndTwentyAfterTheBreath) {
  const double open = 3.0 + kBreathSeconds;
  for (double dt : {1.0 / 60.0, 0.25}) {
    Player p("silence", dt);
    p.hold_until(30.0, kIdle);
    auto chosen = p.of(EventKind::GestureChosen);
    ASSERT_EQ(chosen.size(), 3u);
    EXPECT_EQ(gesture_id(chosen[0]), "first_silence");
    EXPECT_EQ(chosen[0].time, open + 3.0);
    EXPECT_EQ(gesture_id(chosen[1]), "second_silence");
    EXPECT_EQ(chosen[1].time, open + 8.0);
    EXPECT_EQ(gesture_id(chosen[2]), "let_it_ring");
    EXPECT_EQ(chosen[2].time, open + 20.0);
    EXPECT_EQ(p.rt.state().counters.waited, 3);
    EXPECT_DOUBLE_EQ(p.rt.state().counters.silence, 20.0);
    EXPECT_EQ(p.lines()[1], "The ringing goes on.");
    EXPECT_EQ(p.lines()[2], "It stops. It starts again.");
  }
}

TEST(Runtime, AnyActivityRestartsTheSilence) {
  const double b = kBreathSeconds;
  Player p("silence");
  p.hold_until(4.0 + b, kIdle);
  p.hold_until(5.0 + b, look(thing("silence", "phone")));
  p.hold_until(9.0 + b, kIdle);
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(p.chosen()->time, 5.0 + b + 3.0);
  // One second before the look, then four since (the answer to a silence is still silence).
  EXPECT_DOUBLE_EQ(p.rt.env().builtin(Builtin::Silence), 1.0 + 4.0);
}

TEST(Runtime, SkipEndsALineAtOnce) {
  Player p("silence");
  p.hold_until(0.5, kIdle);
  p.hold_until(0.6, skip());
  auto pauses = p.of(EventKind::PauseStarted);
  ASSERT_EQ(pauses.size(), 1u);
  EXPECT_EQ(pauses[0].time, 0.5);
  p.hold_until(2.0, kIdle);
  ASSERT_EQ(p.of(EventKind::MomentOpened).size(), 1u);
  EXPECT_EQ(p.of(EventKind::MomentOpened)[0].time, 1.5);
}

TEST(Runtime, SkipNeverCountsAsWaiting) {
  Player p("silence");
  p.hold_until(3.0, kIdle);  // the moment opens
  // Pressing skip in a moment, again and again, is not silence: no wait may fire.
  for (double t = 3.0; t < 20.0; t += 2.0) {
    p.hold_until(t + 0.1, skip());
    p.hold_until(t + 2.0, kIdle);
  }
  EXPECT_FALSE(p.chosen());
  p.hold_until(30.0, kIdle);
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(gesture_id(*p.chosen()), "first_silence");
  EXPECT_DOUBLE_EQ(p.chosen()->time, 19.1 + 3.0);
}

TEST(Runtime, AGestureWhoseConditionIsFalseIsNotOffered) {
  // Times after each opening's breath (the silence clock starts when it is over).
  const double b = kBreathSeconds;
  Player p("conditions");
  p.hold_until(1.0 + b, kIdle);
  ASSERT_TRUE(p.rt.in_moment());
  const auto offered = p.rt.offered();
  EXPECT_EQ(std::count(offered.begin(), offered.end(), gesture(p.rt, "leave")), 0);
  EXPECT_EQ(std::count(offered.begin(), offered.end(), gesture(p.rt, "work")), 1);
  const ThingId door = thing("conditions", "door"), desk = thing("conditions", "desk");
  p.hold_until(1.5 + b, press(door));
  p.hold_until(2.0 + b, kIdle);
  EXPECT_FALSE(p.chosen());
  // Working twice gives the courage the door asks for.
  p.hold_until(2.1 + b, press(desk));
  // `then: desk` opens the moment afresh, with a breath of its own.
  p.hold_until(4.0 + 2 * b, kIdle);
  p.hold_until(4.1 + 2 * b, press(desk));
  p.hold_until(6.0 + 2 * b, kIdle);
  EXPECT_EQ(p.of(EventKind::GestureChosen).size(), 2u);
  EXPECT_EQ(p.lines().back(), "Courage 2, silence 2.");  // 0.5 s + 1 s of silence
  p.hold_until(6.1 + 2 * b, press(door));
  auto chosen = p.of(EventKind::GestureChosen);
  ASSERT_EQ(chosen.size(), 3u);
  EXPECT_EQ(gesture_id(chosen[2]), "leave");
}

TEST(Runtime, BuiltinsWorkInConditionsAndText) {
  Player p("conditions");
  p.hold_until(40.0, kIdle);  // come_back: offered on the first visit only
  EXPECT_EQ(p.rt.state().visits[static_cast<size_t>(scene("conditions"))], 2);
  auto lines = p.lines();
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], "Courage 0, silence 0.");
  EXPECT_EQ(lines[1], "Courage 0, silence 30.");
  EXPECT_EQ(lines[2], "You have been here before.");
  p.hold_until(100.0, kIdle);
  EXPECT_EQ(p.of(EventKind::GestureChosen).size(), 1u);  // the second visit waits forever
  EXPECT_TRUE(p.rt.in_moment());
}

TEST(Runtime, TheEndingReadsThePlayersGesturesBack) {
  Player p("silence");
  p.hold_until(12.0 + kBreathSeconds, kIdle);  // two rungs of silence
  p.hold_until(13.0 + kBreathSeconds, press(thing("silence", "phone")));
  p.hold_until(60.0, kIdle);
  EXPECT_TRUE(p.rt.finished());
  auto endings = p.of(EventKind::EndingReached);
  ASSERT_EQ(endings.size(), 1u);
  EXPECT_EQ(endings[0].text, "Outside");
  const auto lines = p.lines();
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[3], "It is day 1. You have been here 1 times.");
  EXPECT_EQ(lines[4], "You waited two times and touched 1.");
  EXPECT_EQ(lines[5], "The door closes behind you.");
  EXPECT_EQ(lines[6], "You waited two times.");
  EXPECT_EQ(lines[7], "You never finished the coffee.");
  EXPECT_EQ(reflection_lines(p.rt, endings[0].ending),
            (std::vector<std::string>{"You waited two times.", "You never finished the coffee."}));
}

TEST(Runtime, DayAndVisitsCarryIntoLaterScenes) {
  Player p("hallway");
  p.hold_until(0.1, Input{kNone, kNone, true, false});
  p.hold_until(20.0, kIdle);
  EXPECT_EQ(p.lines()[0], "It is day 2. You have been here 1 times.");
  EXPECT_EQ(p.lines()[1], "You waited zero times and touched 0.");
  EXPECT_TRUE(p.rt.finished());
}

TEST(Runtime, ABeatThatLeadsNowhereFinishesTheStory) {
  Player p("dead_end");
  p.hold_until(0.5, kIdle);
  EXPECT_FALSE(p.rt.finished());
  p.hold_until(1.0, kIdle);
  EXPECT_TRUE(p.rt.finished());
  EXPECT_TRUE(p.of(EventKind::EndingReached).empty());
}

TEST(Runtime, ChooseTakesAGestureAtOnceAndFastForwardShowsTheRest) {
  Player p("silence");
  std::vector<Event> out;
  p.rt.fast_forward(out);
  EXPECT_TRUE(p.rt.in_moment());
  EXPECT_EQ(p.rt.state().time, 0.0);
  p.rt.choose(gesture(p.rt, "let_it_ring"), out);
  EXPECT_EQ(p.rt.state().counters.waited, 1);
  EXPECT_DOUBLE_EQ(p.rt.state().counters.silence, 20.0);
  p.rt.fast_forward(out);
  EXPECT_TRUE(p.rt.finished());
  EXPECT_EQ(p.rt.state().time, 0.0);
  int endings = 0;
  for (const Event& e : out) endings += e.kind == EventKind::EndingReached;
  EXPECT_EQ(endings, 1);
}

TEST(Runtime, ChooseIgnoresAGestureThatIsNotOffered) {
  Player p("conditions");
  std::vector<Event> out;
  p.rt.fast_forward(out);
  out.clear();
  p.rt.choose(gesture(p.rt, "leave"), out);
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(p.rt.in_moment());
}

TEST(Runtime, JumpEntersAScene) {
  Player p("hallway");
  std::vector<Event> out;
  p.rt.jump(scene("street"), out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].kind, EventKind::SceneEntered);
  EXPECT_EQ(p.rt.state().visits[static_cast<size_t>(scene("street"))], 1);
  EXPECT_EQ(p.rt.state().scene, scene("street"));
}

TEST(Runtime, NextDeadlineSaysWhenSomethingHappensByItself) {
  Player p("silence");
  EXPECT_DOUBLE_EQ(p.rt.next_deadline(kIdle), 2.0);
  p.hold_until(3.0, kIdle);
  EXPECT_DOUBLE_EQ(p.rt.next_deadline(kIdle), kBreathSeconds + 3.0);
  Player h("hallway");
  EXPECT_DOUBLE_EQ(h.rt.next_deadline(press(thing("hallway", "door"))), 5.0);
  EXPECT_EQ(h.rt.next_deadline(kIdle), std::numeric_limits<double>::infinity());
}

TEST(Runtime, ACopyPlaysOnWithoutTouchingTheOriginal) {
  Player p("conditions");
  p.hold_until(1.0, kIdle);
  Runtime copy = p.rt;
  std::vector<Event> out;
  copy.advance_to(1.1, press(thing("conditions", "desk")), out);
  copy.advance_to(3.0, kIdle, out);
  EXPECT_EQ(copy.state().counters.touched, 1);
  EXPECT_EQ(p.rt.state().counters.touched, 0);
  // Each evaluates against its own state.
  const VarId courage = basics().find_variable("courage");
  EXPECT_EQ(copy.env().variable(courage), Value(1));
  EXPECT_EQ(p.rt.env().variable(courage), Value(0));
  Runtime moved = std::move(copy);
  EXPECT_EQ(moved.env().variable(courage), Value(1));
  p.rt = moved;
  EXPECT_EQ(p.rt.env().variable(courage), Value(1));
}

TEST(Runtime, RewindIsACopyOfTheState) {
  Player p("silence");
  p.hold_until(4.0, kIdle);
  const State saved = p.rt.state();
  std::vector<Event> first, second;
  p.rt.advance_to(30.0, kIdle, first);
  p.rt.restore(saved);
  p.rt.advance_to(30.0, kIdle, second);
  EXPECT_EQ(first, second);
}

TEST(Runtime, DividingByAVariableThatIsZeroIsANoticeOnceNotASilentZero) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("threshold_divide_" + std::to_string(::getpid()));
  fs::create_directories(dir / "scenes");
  std::ofstream(dir / "story.yaml")
      << "title: T\nstart: room\nvariables:\n  cups: 0\nendings:\n  done:\n    title: Done\n";
  std::ofstream(dir / "scenes" / "room.yaml")
      << "scene: room\nbeats:\n  - id: sit\n    lines:\n      - 'Each gets {10 / cups}.'\n"
         "      - text: Again.\n        if: 10 % cups == 0\n"
         "    moment:\n      gestures:\n        - {id: again, wait: 1, then: sit}\n";
  LoadResult r = load_story(dir.string());
  fs::remove_all(dir);
  ASSERT_TRUE(r.story) << r.diagnostics.format_all();
  Runtime rt(*r.story);
  std::vector<Event> events = rt.start();
  for (int i = 0; i < 120; ++i) rt.step(0.5, kIdle, events);  // a minute: round after round
  std::vector<std::string> notices;
  size_t shown = 0;
  for (const Event& e : events) {
    if (e.kind == EventKind::Notice) notices.push_back(e.text);
    if (e.kind == EventKind::LineShown && e.text == "Each gets 0.") ++shown;
  }
  EXPECT_GE(shown, 3u);
  const std::string file = (dir / "scenes" / "room.yaml").string();
  // Each expression is named once, where it was written, however often it is evaluated.
  EXPECT_EQ(notices, (std::vector<std::string>{
                         "'10 / cups' (" + file + ":5:21) divided by zero; it counted as 0.",
                         "'10 % cups == 0' (" + file + ":7:13) divided by zero; it counted as 0.",
                     }));
}

TEST(Runtime, ABeatThatGoesBackToItsOwnSceneWithoutAMomentStopsAtItsFirstRepetition) {
  LoadResult r = load_story(std::string(THRESHOLD_TESTS_DIR) + "/stories/tools_line_loop");
  ASSERT_TRUE(r.story) << r.diagnostics.format_all();
  Runtime rt(*r.story);
  std::vector<Event> events = rt.start();
  for (int i = 0; i < 600 && !rt.finished(); ++i) rt.step(0.5, kIdle, events);
  EXPECT_TRUE(rt.finished());
  std::vector<std::string> lines, notices;
  for (const Event& e : events) {
    if (e.kind == EventKind::LineShown) lines.push_back(e.text);
    if (e.kind == EventKind::Notice) notices.push_back(e.text);
  }
  EXPECT_EQ(lines, std::vector<std::string>{"The hall again."});
  EXPECT_EQ(notices, std::vector<std::string>{"The story loops through lines without ever "
                                              "reaching a moment; it was stopped."});
}

TEST(Runtime, TenThousandTouchesAreTenThousandGesturesWithTheirEffects) {
  // How fast: bench/playthrough_bench (10,000 gestures against idle steps in the same run).
  Runtime rt(basics());
  std::vector<Event> events;
  events.reserve(64);
  rt.start(scene("loop"));
  const ThingId bell = thing("loop", "bell");
  for (int i = 0; i < 10000; ++i) {
    events.clear();
    rt.step(1.0 / 60.0, press(bell), events);
    rt.step(1.0 / 60.0, kIdle, events);
  }
  EXPECT_EQ(rt.state().counters.touched, 10000);
  EXPECT_EQ(rt.env().variable(basics().find_variable("courage")), Value(10000));
}

}  // namespace
}  // namespace threshold::story
