// Push and pull as the runtime reads them: the drag of a press fires the gesture at exactly its
// distance (moved in steps, or sliding by itself as the keyboard and untimed mode make it), an
// early release is a hesitation, a thing can have both, a still quick press is the touch.
// Also the loader's `distance:` and the recording's drag. Uses tests/stories/push_pull.
#include <gtest/gtest.h>

#include <optional>

#include "tests/support/test_story.h"
#include "threshold/story/checker.h"
#include "threshold/story/explorer.h"
#include "threshold/story/loader.h"
#include "threshold/story/recording.h"
#include "threshold/story/runtime.h"

namespace threshold::story {
namespace {

const Story& desk() {
  static const Story story = test_support::load_test_story("push_pull");
  return story;
}

ThingId thing(const char* id) {
  return desk().scenes[0].find_thing(id);
}

std::string gesture_id(const Event& e) {
  const Beat& b = desk().scene(e.scene).beats[static_cast<size_t>(e.beat)];
  return e.gesture >= 0 ? b.moment->gestures[static_cast<size_t>(e.gesture)].id : "-";
}

Input pressing(const char* t, double drag = 0, double slide = 0) {
  Input in;
  in.press = thing(t);
  in.drag = drag;
  in.slide = slide;
  return in;
}

struct Player {
  Player() : rt(desk()) {
    events = rt.start();
    rt.fast_forward(events);
  }
  // The input changes to `in` at the absolute time `time` (held as it was until then).
  void at(double time, const Input& in) {
    rt.advance_to(time, last, events);
    rt.advance_to(time, in, events);
    last = in;
  }
  std::optional<Event> first(EventKind k) const {
    for (const Event& e : events) {
      if (e.kind == k) return e;
    }
    return std::nullopt;
  }
  std::optional<Event> chosen() const { return first(EventKind::GestureChosen); }
  Runtime rt;
  std::vector<Event> events;
  Input last;
};

TEST(PushPull, TheLoaderReadsDistancesAndTheDefault) {
  const Moment& m = *desk().scenes[0].beats[0].moment;
  EXPECT_EQ(m.gestures[0].kind, GestureKind::Push);
  EXPECT_EQ(m.gestures[0].distance, kDefaultDragDistance);
  EXPECT_EQ(m.gestures[2].kind, GestureKind::Pull);
  EXPECT_EQ(m.gestures[2].distance, 60);
  EXPECT_STREQ(gesture_kind_name(GestureKind::Push), "push");
  EXPECT_STREQ(gesture_kind_name(GestureKind::Pull), "pull");
}

TEST(PushPull, APushFiresAtItsDistanceAndNotBeforeWithThePointerMovedInSteps) {
  Player p;
  ASSERT_TRUE(p.rt.in_moment());
  const double t0 = p.rt.state().time;
  // The pointer moves up 10 frame pixels a step; the default distance is 90.
  for (int i = 0; i <= 8; ++i) p.at(t0 + 0.1 * i, pressing("folder", 10.0 * i));
  EXPECT_FALSE(p.chosen()) << "80 px is short of 90";
  EXPECT_NEAR(p.rt.drag_now(), 80, 1e-9);
  p.at(t0 + 0.85, pressing("folder", 89.5));
  EXPECT_FALSE(p.chosen());
  p.at(t0 + 0.9, pressing("folder", 90));
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(gesture_id(*p.chosen()), "refuse");
  EXPECT_DOUBLE_EQ(p.chosen()->time, t0 + 0.9);
}

TEST(PushPull, ProgressFollowsTheDrag) {
  Player p;
  const double t0 = p.rt.state().time;
  p.at(t0, pressing("folder"));
  p.at(t0 + 0.1, pressing("folder", 45));
  std::vector<double> progress;
  for (const Event& e : p.events) {
    if (e.kind == EventKind::GestureProgress) progress.push_back(e.progress);
  }
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[0], 0);
  EXPECT_DOUBLE_EQ(progress[1], 0.5);
}

TEST(PushPull, LettingGoShortIsAHesitationAnsweredByTheAuthoredOne) {
  Player p;
  const double t0 = p.rt.state().time;
  p.at(t0, pressing("folder"));
  p.at(t0 + 0.5, pressing("folder", 60));
  p.at(t0 + 0.6, Input{});
  ASSERT_TRUE(p.first(EventKind::Hesitated));
  EXPECT_DOUBLE_EQ(p.first(EventKind::Hesitated)->time, t0 + 0.6);
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(gesture_id(*p.chosen()), "keep_hand_on_it");
  EXPECT_EQ(p.rt.state().counters.hesitated, 1);
}

TEST(PushPull, DraggingTheWrongWayNeverPushes) {
  Player p;
  const double t0 = p.rt.state().time;
  p.at(t0, pressing("folder"));
  p.at(t0 + 0.5, pressing("folder", -200));
  EXPECT_FALSE(p.chosen());
}

TEST(PushPull, AThingWithBothIsPushedOrPulledByTheDirection) {
  for (double sign : {1.0, -1.0}) {
    Player p;
    const double t0 = p.rt.state().time;
    p.at(t0, pressing("drawer"));
    p.at(t0 + 0.2, pressing("drawer", sign * 50));
    EXPECT_FALSE(p.chosen());
    p.at(t0 + 0.4, pressing("drawer", sign * 95));
    ASSERT_TRUE(p.chosen());
    EXPECT_EQ(gesture_id(*p.chosen()), sign > 0 ? "shut_drawer" : "open_drawer");
  }
}

TEST(PushPull, APullFiresAtItsOwnDistanceTowardThePlayer) {
  Player p;
  const double t0 = p.rt.state().time;
  p.at(t0, pressing("hand"));
  p.at(t0 + 0.2, pressing("hand", -59));
  EXPECT_FALSE(p.chosen());
  p.at(t0 + 0.3, pressing("hand", -61));
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(gesture_id(*p.chosen()), "take_her_hand");
}

TEST(PushPull, AQuickStillPressOnAThingWithATouchAndAPushIsTheTouch) {
  Player p;
  const double t0 = p.rt.state().time;
  p.at(t0, pressing("note"));
  EXPECT_FALSE(p.chosen()) << "a push waits for the drag";
  p.at(t0 + 0.1, pressing("note", 3));  // a hand is never quite still
  p.at(t0 + 0.2, Input{});
  ASSERT_TRUE(p.chosen());
  EXPECT_EQ(gesture_id(*p.chosen()), "read_note");
}

TEST(PushPull, AQuickPressThatMovedIsNotTheTouch) {
  Player p;
  const double t0 = p.rt.state().time;
  p.at(t0, pressing("note"));
  p.at(t0 + 0.1, pressing("note", 40));
  p.at(t0 + 0.2, Input{});
  EXPECT_FALSE(p.chosen());
  EXPECT_TRUE(p.first(EventKind::Hesitated));
}

TEST(PushPull, TheKeyboardSlideCompletesAtExactlyTheDistanceWhateverTheStepSize) {
  // Page Up held: the folder slides at kSlideRate; 90 px takes exactly 1.5 s.
  for (double dt : {1.0 / 60.0, 0.25, 0.7, 2.0}) {
    Player p;
    const double t0 = p.rt.state().time;
    const Input key = pressing("folder", 0, kSlideRate);
    p.at(t0, key);
    while (!p.chosen()) p.rt.step(dt, key, p.events);
    EXPECT_EQ(gesture_id(*p.chosen()), "refuse") << dt;
    EXPECT_NEAR(p.chosen()->time, t0 + 90 / kSlideRate, 1e-12) << "step " << dt;
  }
}

TEST(PushPull, AKeyboardSlideLetGoEarlyIsAHesitation) {
  Player p;
  const double t0 = p.rt.state().time;
  p.at(t0 + 1.0, pressing("folder", 0, kSlideRate));  // from t0 + 1
  EXPECT_NEAR(p.rt.drag_now(), 0, 1e-12);
  p.at(t0 + 2.0, pressing("folder", 0, kSlideRate));
  EXPECT_NEAR(p.rt.drag_now(), kSlideRate, 1e-9);
  p.at(t0 + 2.0, Input{});
  ASSERT_TRUE(p.first(EventKind::Hesitated));
  EXPECT_EQ(gesture_id(*p.chosen()), "keep_hand_on_it");
}

TEST(PushPull, LookingElsewhereDuringASlideDoesNotRestartIt) {
  Player p;
  const double t0 = p.rt.state().time;
  Input in = pressing("drawer", 0, -kSlideRate);
  p.at(t0, in);
  in.look = thing("note");
  p.at(t0 + 1.0, in);
  EXPECT_NEAR(p.rt.drag_now(), -kSlideRate, 1e-9);
  while (!p.chosen()) p.rt.step(0.1, in, p.events);
  EXPECT_EQ(gesture_id(*p.chosen()), "open_drawer");
  EXPECT_NEAR(p.chosen()->time, t0 + 1.5, 1e-12);
}

TEST(PushPull, AnUntimedSlideStoppedShortIsAHesitationAndLeftAloneCompletes) {
  // Untimed mode: the first press starts the slide (the mapper's toggle), the second stops it.
  Player a;
  const double t0 = a.rt.state().time;
  a.at(t0, pressing("hand", 0, -kSlideRate));
  a.at(t0 + 0.5, Input{});  // 30 of 60 px
  EXPECT_TRUE(a.first(EventKind::Hesitated));
  Player b;
  b.at(t0, pressing("hand", 0, -kSlideRate));
  b.at(t0 + 5, pressing("hand", 0, -kSlideRate));
  ASSERT_TRUE(b.chosen());
  EXPECT_EQ(gesture_id(*b.chosen()), "take_her_hand");
  EXPECT_NEAR(b.chosen()->time, t0 + 1.0, 1e-12);
}

TEST(PushPull, ARecordingKeepsTheDragAndReplaysExactly) {
  Recorder rec;
  const double t0 = 2;  // the moment opens at 1 s, after the line
  rec.note(t0, pressing("folder"));
  rec.note(t0 + 0.2, pressing("folder", 30.25));
  rec.note(t0 + 0.4, pressing("folder", 30.25, kSlideRate));
  rec.finish(t0 + 3);
  rec.recording().story_title = desk().title;
  const std::string text = rec.recording().to_text(desk());
  EXPECT_NE(text.find("drag=30.25 slide=60"), std::string::npos) << text;
  EXPECT_NE(text.find("skip=0\n"), std::string::npos) << "no drag, no field: " << text;
  const ParsedRecording parsed = parse_recording(desk(), text);
  ASSERT_TRUE(parsed.ok) << parsed.error;
  ASSERT_EQ(parsed.recording.changes.size(), 3u);
  EXPECT_EQ(parsed.recording.changes[2].input.drag, 30.25);
  EXPECT_EQ(parsed.recording.changes[2].input.slide, kSlideRate);
  Runtime a(desk()), b(desk());
  const std::vector<Event> coarse = replay(a, parsed.recording, 0.5);
  const std::vector<Event> fine = replay(b, parsed.recording, 1.0 / 120);
  EXPECT_EQ(coarse, fine);
  // 59.75 px to go at 60 px/s from t0 + 0.4.
  const Event* chosen = nullptr;
  for (const Event& e : fine) {
    if (e.kind == EventKind::GestureChosen) chosen = &e;
  }
  ASSERT_NE(chosen, nullptr);
  EXPECT_EQ(gesture_id(*chosen), "refuse");
  EXPECT_NEAR(chosen->time, t0 + 0.4 + 59.75 / 60, 1e-12);
}

TEST(PushPull, TheExplorerReachesTheEndingsOnlyAPushOrAPullLeadsTo) {
  const ExploreResult r = explore(desk());
  EXPECT_TRUE(r.complete);
  EXPECT_TRUE(r.all_endings_reachable()) << r.report(desk());
  for (const EndingReach& e : r.endings) {
    const std::string id = desk().endings[static_cast<size_t>(e.ending)].id;
    if (id == "refused") {
      EXPECT_EQ(e.path, std::vector<std::string>{"desk.across.refuse"});
    }
    if (id == "opened") {
      EXPECT_EQ(e.path, std::vector<std::string>{"desk.across.open_drawer"});
    }
  }
  EXPECT_TRUE(r.stuck.empty()) << r.report(desk());
}

TEST(PushPull, TheCheckerWarnsOfAPushOrPullWithNoRoomToMoveAndOnlyThen) {
  LoadResult r = load_story(std::string(THRESHOLD_TESTS_DIR) + "/stories/tools_push_room");
  ASSERT_TRUE(r.story) << r.diagnostics.format_all();
  Diagnostics diags;
  check(*r.story, diags);
  std::vector<std::string> found;
  for (const Diagnostic& d : diags.items()) {
    if (d.message.find("no room") != std::string::npos) {
      found.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.message);
    }
  }
  EXPECT_EQ(found, (std::vector<std::string>{
                       "23:11 gesture 'raise_blind' pushes the blind away, but it already "
                       "reaches the top of the frame: it has no room to follow the hand up",
                       "26:11 gesture 'drag_rug' pulls the rug toward you, but it already "
                       "reaches the bottom of the frame: it has no room to follow the hand down"}))
      << diags.format_all();
  // The desk: a push and a pull on one drawer, everything with room: nothing to say.
  Diagnostics quiet;
  check(desk(), quiet);
  EXPECT_EQ(quiet.format_all().find("no room"), std::string::npos) << quiet.format_all();
}

TEST(PushPull, ARecordingWithABadDragSaysWhy) {
  const std::string text =
      "threshold-recording 1\nstory Push Pull\nstart -\n1 press=folder look=- away=0 skip=0 "
      "drag=far\nend 2\n";
  const ParsedRecording parsed = parse_recording(desk(), text);
  EXPECT_FALSE(parsed.ok);
  EXPECT_EQ(parsed.error, "line 4: 'drag' is a number of frame pixels, got 'far'");
}

}  // namespace
}  // namespace threshold::story
