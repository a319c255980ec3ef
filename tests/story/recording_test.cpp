// Recordings: a run recorded while it is played replays to exactly the same events and state,
// whatever step size the replay uses, and survives the trip through its text form.
// Uses tests/stories/runtime_basics.
#include "threshold/story/recording.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/test_story.h"
#include "threshold/story/loader.h"

namespace threshold::story {
namespace {

const Story& basics() {
  static const Story story = test_support::load_test_story("runtime_basics");
  return story;
}

ThingId thing(const char* scene, const char* id) {
  const Story& s = basics();
  return s.scene(s.find_scene(scene)).find_thing(id);
}

// What a player does in the hallway, by time: a look, a quick touch, a hesitation, a long hold.
Input hallway_player(double t) {
  Input in;
  if (t >= 0.5 && t < 4.2) in.look = thing("hallway", "window");
  if (t >= 7.0 && t < 7.1) in.press = thing("hallway", "kettle");
  if (t >= 10.0 && t < 11.0) in.press = thing("hallway", "door");
  if (t >= 13.5 && t < 19.0) in.press = thing("hallway", "door");
  if (t >= 19.5 && t < 19.6) in.skip = true;
  return in;
}

struct LiveRun {
  Recording recording;
  std::vector<Event> events;
  State state;
};

// Plays the way the game does (fixed frames, input sampled each frame), recording as it goes.
LiveRun play_live(double until) {
  LiveRun run;
  Runtime rt(basics());
  Recorder recorder;
  recorder.recording().story_title = basics().title;
  recorder.recording().start = basics().find_scene("hallway");
  run.events = rt.start(recorder.recording().start);
  while (rt.state().time < until) {
    const Input in = hallway_player(rt.state().time);
    recorder.note(rt.state().time, in);
    rt.step(1.0 / 60.0, in, run.events);
  }
  recorder.finish(rt.state().time);
  run.recording = recorder.recording();
  run.state = rt.state();
  return run;
}

TEST(Recording, ARecordedRunReplaysToTheSameEvents) {
  const LiveRun live = play_live(30.0);
  ASSERT_TRUE(live.state.phase == Phase::Finished || live.state.phase == Phase::EndingLines);
  EXPECT_EQ(live.state.counters.looked, 1);
  EXPECT_EQ(live.state.counters.touched, 1);
  EXPECT_EQ(live.state.counters.hesitated, 1);
  EXPECT_EQ(live.state.counters.held, 1);
  // Only the changes are kept: a few lines for half a minute of play.
  EXPECT_LT(live.recording.changes.size(), 12u);

  Runtime rt(basics());
  const std::vector<Event> replayed = replay(rt, live.recording);
  EXPECT_EQ(replayed, live.events);
  EXPECT_EQ(rt.state(), live.state);
  // A runtime that already played (and ended holding nothing in particular) replays the same.
  EXPECT_EQ(replay(rt, live.recording), live.events);
  EXPECT_EQ(rt.state(), live.state);
}

TEST(Recording, TheReplayStepSizeChangesNothing) {
  const LiveRun live = play_live(30.0);
  Runtime fine(basics()), coarse(basics()), huge(basics());
  const std::vector<Event> a = replay(fine, live.recording, 1.0 / 60.0);
  const std::vector<Event> b = replay(coarse, live.recording, 0.25);
  const std::vector<Event> c = replay(huge, live.recording, 10.0);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a, c);
  EXPECT_EQ(fine.state(), coarse.state());
  EXPECT_EQ(fine.state(), huge.state());
  // The long hold completed exactly five seconds after the press, whatever the steps.
  const Event* long_hold = nullptr;
  for (const Event& e : b) {
    if (e.kind == EventKind::GestureChosen && e.held == 5.0) long_hold = &e;
  }
  ASSERT_NE(long_hold, nullptr);
  double pressed = -1;
  for (const Recording::Change& ch : live.recording.changes) {
    if (ch.input.press == thing("hallway", "door")) pressed = ch.time;
  }
  EXPECT_EQ(long_hold->time, pressed + 5.0);
}

TEST(Recording, TheTextFormRoundTripsExactly) {
  const LiveRun live = play_live(30.0);
  const std::string text = live.recording.to_text(basics());
  EXPECT_EQ(text.rfind("threshold-recording 1\nstory Runtime Basics\nstart hallway\n", 0), 0u)
      << text;
  EXPECT_NE(text.find(" press=door look=- away=0 skip=0\n"), std::string::npos) << text;
  EXPECT_NE(text.find(" press=- look=window away=0 skip=0\n"), std::string::npos) << text;
  ParsedRecording parsed = parse_recording(basics(), text);
  ASSERT_TRUE(parsed.ok) << parsed.error;
  ASSERT_EQ(parsed.recording.changes.size(), live.recording.changes.size());
  for (size_t i = 0; i < parsed.recording.changes.size(); ++i) {
    EXPECT_EQ(parsed.recording.changes[i].time, live.recording.changes[i].time);
    EXPECT_EQ(parsed.recording.changes[i].input, live.recording.changes[i].input);
  }
  EXPECT_EQ(parsed.recording.end_time, live.recording.end_time);
  Runtime rt(basics());
  EXPECT_EQ(replay(rt, parsed.recording), live.events);
  EXPECT_EQ(parsed.recording.to_text(basics()), text);
}

TEST(Recording, ANewGameThatWaitedForThePlayersHandsReplaysExactly) {
  // A new game in the silence scene: the player rests until 40 s, then moves the pointer over
  // nothing; the first rung fires three seconds later, and the replay agrees.
  Runtime rt(basics());
  Recorder recorder;
  recorder.recording().story_title = basics().title;
  recorder.recording().start = basics().find_scene("silence");
  recorder.recording().hands = Hands::Awaited;
  std::vector<Event> events = rt.start(recorder.recording().start, Hands::Awaited);
  while (rt.state().time < 50.0) {
    Input in;
    in.hands = rt.state().time >= 40.0;
    recorder.note(rt.state().time, in);
    rt.step(1.0 / 60.0, in, events);
  }
  recorder.finish(rt.state().time);
  const auto chosen = std::find_if(events.begin(), events.end(), [](const Event& e) {
    return e.kind == EventKind::GestureChosen;
  });
  ASSERT_NE(chosen, events.end());
  EXPECT_GT(chosen->time, 43.0);
  const std::string text = recorder.recording().to_text(basics());
  EXPECT_NE(text.find("\nstart silence\nhands awaited\n"), std::string::npos) << text;
  EXPECT_NE(text.find(" press=- look=- away=0 skip=0 hands=1\n"), std::string::npos) << text;
  ParsedRecording parsed = parse_recording(basics(), text);
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(parsed.recording.hands, Hands::Awaited);
  Runtime again(basics());
  EXPECT_EQ(replay(again, parsed.recording, 0.5), events);
  EXPECT_EQ(again.state(), rt.state());
}

// Plays `scene` from its start for `seconds` in steps of 1/60 s, with the input `at(time)`
// gives, and records it in `recorder`; returns the events.
template <class At>
std::vector<Event> record(Runtime& rt, Recorder& recorder, const char* scene, double seconds,
                          At at) {
  recorder.recording().story_title = basics().title;
  recorder.recording().start = basics().find_scene(scene);
  std::vector<Event> events = rt.start(recorder.recording().start);
  while (rt.state().time < seconds) {
    const Input in = at(rt.state().time);
    recorder.note(rt.state().time, in);
    rt.step(1.0 / 60.0, in, events);
  }
  recorder.finish(rt.state().time);
  return events;
}

TEST(Recording, AnUntimedSilenceIsRecordedAndReplaysExactly) {
  // The untimed Time setting: the player attends (no wait fires) until 30 s, then waits on
  // purpose; the first rung fires three seconds after that, in the replay too.
  Runtime rt(basics());
  Recorder recorder;
  const std::vector<Event> events = record(rt, recorder, "silence", 40.0, [](double t) {
    Input in;
    in.hands = true;
    in.attend = t < 30.0;
    return in;
  });
  const auto chosen = std::find_if(events.begin(), events.end(), [](const Event& e) {
    return e.kind == EventKind::GestureChosen;
  });
  ASSERT_NE(chosen, events.end());
  EXPECT_NEAR(chosen->time, 33.0, 0.02);
  const std::string text = recorder.recording().to_text(basics());
  EXPECT_NE(text.find(" press=- look=- away=0 skip=0 attend=1 hands=1\n"), std::string::npos)
      << text;
  ParsedRecording parsed = parse_recording(basics(), text);
  ASSERT_TRUE(parsed.ok) << parsed.error;
  Runtime again(basics());
  EXPECT_EQ(replay(again, parsed.recording, 0.5), events);
  EXPECT_EQ(again.state(), rt.state());
}

TEST(Recording, ATouchOnPurposeIsRecordedAndReplaysExactly) {
  Runtime rt(basics());
  Recorder recorder;
  const std::vector<Event> events = record(rt, recorder, "hallway", 6.0, [](double t) {
    Input in;
    in.hands = true;
    if (t >= 1.0 && t < 3.0) in.touch = thing("hallway", "kettle");
    return in;
  });
  const std::string text = recorder.recording().to_text(basics());
  EXPECT_NE(text.find(" press=- look=- away=0 skip=0 touch=kettle hands=1\n"), std::string::npos)
      << text;
  ParsedRecording parsed = parse_recording(basics(), text);
  ASSERT_TRUE(parsed.ok) << parsed.error;
  Runtime again(basics());
  EXPECT_EQ(replay(again, parsed.recording, 0.5), events);
  EXPECT_EQ(again.state(), rt.state());
  EXPECT_EQ(again.state().counters.touched, 1);
}

TEST(Recording, ThingsAreNamedInTheSceneCurrentAtTheTime) {
  // `door` is a different thing in the hallway than in the office of `conditions`.
  ASSERT_NE(thing("hallway", "door"), thing("conditions", "door"));
  const std::string office =
      "threshold-recording 1\nstory Runtime Basics\nstart conditions\n"
      "0 press=- look=- away=0 skip=0\n1.5 press=door look=- away=0 skip=0\nend 2\n";
  ParsedRecording parsed = parse_recording(basics(), office);
  ASSERT_TRUE(parsed.ok) << parsed.error;
  EXPECT_EQ(parsed.recording.changes[1].input.press, thing("conditions", "door"));
  // After turning away in the hallway the player is in the street, which has no door.
  const std::string street =
      "threshold-recording 1\nstory Runtime Basics\nstart hallway\n"
      "0 press=- look=- away=1 skip=0\n0.5 press=door look=- away=0 skip=0\nend 2\n";
  parsed = parse_recording(basics(), street);
  EXPECT_FALSE(parsed.ok);
  EXPECT_EQ(parsed.error, "line 5: no thing 'door' in the scene 'street'");
}

TEST(Recording, BrokenRecordingsAreRefusedWithAReason) {
  auto error_of = [](const std::string& text) {
    ParsedRecording p = parse_recording(basics(), text);
    EXPECT_FALSE(p.ok) << text;
    return p.error;
  };
  const std::string head = "threshold-recording 1\nstory Runtime Basics\nstart hallway\n";
  EXPECT_EQ(error_of(""), "the recording is empty");
  EXPECT_EQ(error_of("threshold-save 1\n"), "line 1: not a Threshold recording");
  EXPECT_EQ(error_of("threshold-recording 1\nstory Another Story\n"),
            "line 2: this recording is of 'Another Story', not 'Runtime Basics'");
  EXPECT_EQ(error_of(head + "1 press=- look=- away=0 skip=0\n"),
            "the recording is truncated (it has no 'end' line)");
  EXPECT_EQ(error_of(head + "1 press=-\nend 3"),  // cut inside the last line: "end 3" of "end 35"
            "the recording is truncated (it has no 'end' line)");
  EXPECT_EQ(error_of(head + "2 press=-\n1 press=-\nend 3\n"),
            "line 5: the changes are not in time order");
  EXPECT_EQ(error_of(head + "soon press=-\nend 3\n"),
            "line 4: expected a time or 'end', found 'soon'");
  EXPECT_EQ(error_of(head + "1 grip=door\nend 3\n"), "line 4: unknown field 'grip'");
  EXPECT_EQ(error_of(head + "1 away=yes\nend 3\n"), "line 4: 'away' is 0 or 1");
  EXPECT_EQ(error_of(head + "1 press=-\nend 0.5\n"),
            "line 5: the end comes before the last change");
  EXPECT_EQ(error_of("threshold-recording 1\nstory Runtime Basics\nstart attic\n"),
            "line 3: no scene 'attic'");
}

TEST(Recording, TimesThatAreNotFiniteNegativeOrAbsurdlyLateAreRefused) {
  auto error_of = [](const std::string& text) {
    ParsedRecording p = parse_recording(basics(), text);
    EXPECT_FALSE(p.ok) << text;
    return p.error;
  };
  const std::string head = "threshold-recording 1\nstory Runtime Basics\nstart hallway\n";
  EXPECT_EQ(error_of(head + "nan press=-\nend 3\n"), "line 4: the time 'nan' is not a finite time");
  EXPECT_EQ(error_of(head + "inf press=-\nend 3\n"), "line 4: the time 'inf' is not a finite time");
  EXPECT_EQ(error_of(head + "1e999 press=-\nend 3\n"),
            "line 4: the time '1e999' is not a finite time");
  EXPECT_EQ(error_of(head + "-1 press=-\nend 3\n"),
            "line 4: the time '-1' is before the start (times count from 0)");
  EXPECT_EQ(error_of(head + "1e300 press=-\nend 1e300\n"),
            "line 4: the time '1e300' is past the longest recording (604800 s, a week)");
  EXPECT_EQ(error_of(head + "1 press=-\nend nan\n"),
            "line 5: the end time 'nan' is not a finite time");
  EXPECT_EQ(error_of(head + "1 press=-\nend -inf\n"),
            "line 5: the end time '-inf' is not a finite time");
  EXPECT_EQ(error_of(head + "1 press=-\nend 1e9\n"),
            "line 5: the end time '1e9' is past the longest recording (604800 s, a week)");
  EXPECT_EQ(error_of(head + "2 press=-\nend 4000\n"),
            "line 5: the end comes 3998 s after the last input; a recording ends at most 3600 s "
            "after it");
  // An hour of quiet after the last input is still a recording.
  EXPECT_TRUE(parse_recording(basics(), head + "2 press=-\nend 3602\n").ok);
}

TEST(Recording, AReplayStopsSteppingOnceTheStoryHasFinished) {
  LiveRun live = play_live(30.0);
  ASSERT_EQ(live.state.phase, Phase::Finished);
  // A billion seconds after the ending, in steps of a millisecond, would be 10^12 calls to the
  // runtime: a replay that kept stepping would never finish (story_tests time out after 300 s).
  // It jumps over them instead, and lands exactly on the end with exactly the run's events.
  live.recording.end_time = live.recording.changes.back().time + 1e9;
  Runtime rt(basics());
  const std::vector<Event> replayed = replay(rt, live.recording, 1e-3);
  EXPECT_EQ(rt.state().phase, Phase::Finished);
  EXPECT_EQ(rt.state().time, live.recording.end_time);
  EXPECT_EQ(replayed, live.events);
}

TEST(Recording, TheRecorderKeepsOnlyChanges) {
  Recorder r;
  const Input a{}, b{1, kNone, false, false};
  r.note(0, a);
  r.note(0.1, a);
  r.note(0.2, b);
  r.note(0.3, b);
  r.note(0.4, a);
  r.finish(1.0);
  ASSERT_EQ(r.recording().changes.size(), 3u);
  EXPECT_EQ(r.recording().changes[1].time, 0.2);
  EXPECT_EQ(r.recording().changes[1].input, b);
  EXPECT_EQ(r.recording().end_time, 1.0);
}

}  // namespace
}  // namespace threshold::story
