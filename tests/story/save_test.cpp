// Saves: a state survives the round trip through text and files, resumes sensibly after the story
// was edited (with a notice for every repair), and broken files are refused with a reason.
// Uses tests/stories/runtime_basics and runtime_edited (the same story after a writer's edits).
#include "threshold/story/save.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <thread>

#include "tests/support/test_story.h"
#include "threshold/story/loader.h"

namespace threshold::story {
namespace {

namespace fs = std::filesystem;

const Story& load(const char* name) {
  static std::map<std::string, Story> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    it = cache.emplace(name, test_support::load_test_story(name)).first;
  }
  return it->second;
}
const Story& basics() {
  return load("runtime_basics");
}
const Story& edited() {
  return load("runtime_edited");
}

ThingId thing(const Story& s, const char* scene, const char* id) {
  return s.scene(s.find_scene(scene)).find_thing(id);
}
Input press(ThingId t) {
  return Input{t, kNone, false, false};
}

// What a save keeps is the state minus what resuming resets, as save.h documents: the line on
// screen is shown again, a moment's timers start afresh at the saved time (its silence so far
// kept in the counter), the stay gestures are only remembered while a moment is involved.
State resumed(const State& s) {
  State r = s;
  const bool showing =
      s.phase == Phase::Lines || s.phase == Phase::GestureLines || s.phase == Phase::EndingLines;
  if (showing) r.line = std::max(0, s.line - 1);
  r.line_until = s.time;
  r.counters.silence += running_silence(s);
  r.moment_since = r.idle_since = r.press_since = r.look_since = r.slide_since = s.time;
  r.breath_until = s.time;  // the opening's breath is not played again
  r.silent = s.phase == Phase::Moment && s.hands;
  r.wait_checked = -std::numeric_limits<double>::infinity();
  r.last_input = Input{};
  r.press_stale = false;
  if (s.phase != Phase::Moment && s.phase != Phase::GestureLines) r.stayed.clear();
  if (s.phase != Phase::GestureLines) r.gesture = -1;
  return r;
}

// The moment of the scene `silence` opens at 3 s; its silence clock starts after the breath.
constexpr double kRinging = 3.0 + kBreathSeconds;

// Plays `script` (time, input) pairs from `start` and returns the runtime at `until`.
Runtime play(const Story& story, const char* start, std::vector<std::pair<double, Input>> script,
             double until, Hands hands = Hands::Found) {
  Runtime rt(story);
  std::vector<Event> out;
  rt.start(story.find_scene(start), hands);
  Input input;
  for (auto& [t, in] : script) {
    rt.advance_to(t, input, out);
    input = in;
    rt.advance_to(t, input, out);
  }
  rt.advance_to(until, input, out);
  return rt;
}

TEST(Save, ARoundTripGivesTheSameStateAtEveryPhase) {
  const Story& s = basics();
  const ThingId phone = thing(s, "silence", "phone");
  struct Case {
    const char* start;
    std::vector<std::pair<double, Input>> script;
    double until;
    Phase phase;
    Hands hands = Hands::Found;
  };
  const std::vector<Case> cases = {
      {"silence", {}, 1.0, Phase::Lines},
      {"silence", {}, 5.0, Phase::Moment},
      {"silence", {}, kRinging + 3.5, Phase::GestureLines},  // a stay-wait's answer, silence on
      {"silence", {}, kRinging + 6.0, Phase::Moment},        // back in the moment, a rung taken
      {"silence", {}, 3.5, Phase::Moment},                   // during the opening's breath
      {"silence", {}, 5.0, Phase::Moment, Hands::Awaited},   // waiting for the player's hands
      {"hallway", {{1.0, press(thing(s, "hallway", "door"))}}, 1.5, Phase::Moment},  // mid-hold
      {"silence", {{9.0, press(phone)}, {9.1, Input{}}}, 13.5, Phase::EndingLines},
      {"silence", {{9.0, press(phone)}, {9.1, Input{}}}, 40.0, Phase::Finished},
      {"dead_end", {}, 5.0, Phase::Finished},
  };
  for (const Case& c : cases) {
    Runtime rt = play(s, c.start, c.script, c.until, c.hands);
    ASSERT_EQ(rt.state().phase, c.phase) << c.start << " until " << c.until;
    const std::string text = save_to_text(s, rt.state());
    LoadedSave loaded = load_from_text(s, text);
    ASSERT_TRUE(loaded.ok) << loaded.error << "\n" << text;
    EXPECT_TRUE(loaded.notices.empty());
    EXPECT_EQ(loaded.state, resumed(rt.state())) << text;
    // Saving what was loaded writes the same file.
    EXPECT_EQ(save_to_text(s, loaded.state), save_to_text(s, resumed(rt.state())));
  }
}

TEST(Save, TheTextIsReadableAndByAuthoredIds) {
  const Story& s = basics();
  Runtime rt = play(s, "silence", {}, kRinging + 6.0);
  const std::string text = save_to_text(s, rt.state());
  EXPECT_EQ(text.rfind("threshold-save 2\nstory Runtime Basics\ntime 10.25\nphase moment\n", 0), 0u)
      << text;
  EXPECT_NE(text.find("\nscene silence\nbeat ringing\n"), std::string::npos);
  EXPECT_NE(text.find("\nvar courage number 0\n"), std::string::npos);
  EXPECT_NE(text.find("\nvar finished_coffee bool false\n"), std::string::npos);
  EXPECT_NE(text.find("\nvar mood string grey\n"), std::string::npos);
  EXPECT_NE(text.find("\nvisits silence 1\n"), std::string::npos);
  EXPECT_NE(text.find("\ncounters waited=1 held=0 hesitated=0 looked=0 touched=0 turned_away=0 "
                      "silence=6\n"),
            std::string::npos);
  EXPECT_NE(text.find("\nhistory 7.25 silence ringing first_silence wait - 3\n"),
            std::string::npos);
  EXPECT_EQ(text.find("\nhands"), std::string::npos);  // found: nothing to say
  EXPECT_NE(text.find("\nvisited silence\n"), std::string::npos);
  EXPECT_NE(text.find("\nstayed first_silence\n"), std::string::npos);
  EXPECT_EQ(text.substr(text.size() - 4), "end\n");
}

TEST(Save, StringsWithNewlinesAndBackslashesRoundTrip) {
  const Story& s = basics();
  Runtime rt = play(s, "silence", {}, 1.0);
  State st = rt.state();
  st.variables[static_cast<size_t>(s.find_variable("mood"))] = Value("two\nlines \\ and\r more");
  LoadedSave loaded = load_from_text(s, save_to_text(s, st));
  ASSERT_TRUE(loaded.ok) << loaded.error;
  EXPECT_EQ(loaded.state.variables, st.variables);
}

TEST(Save, ResumingMidMomentRestartsItsTimers) {
  const Story& s = basics();
  Runtime rt = play(s, "silence", {}, kRinging + 2.0);  // two seconds of silence
  LoadedSave loaded = load_from_text(s, save_to_text(s, rt.state()));
  ASSERT_TRUE(loaded.ok) << loaded.error;
  Runtime again(s);
  again.restore(loaded.state);
  std::vector<Event> out;
  again.advance_to(kRinging + 17.0, Input{}, out);
  const auto chosen = std::find_if(
      out.begin(), out.end(), [](const Event& e) { return e.kind == EventKind::GestureChosen; });
  ASSERT_NE(chosen, out.end());
  EXPECT_EQ(chosen->time, kRinging + 2.0 + 3.0);  // no second breath: the clock restarts at once
  EXPECT_DOUBLE_EQ(again.env().builtin(Builtin::Silence), 2.0 + 15.0);
}

TEST(Save, AGameSavedBeforeThePlayerFoundTheirHandsStillWaitsForThemOnContinuing) {
  const Story& s = basics();
  Runtime rt = play(s, "silence", {}, 30.0, Hands::Awaited);
  const std::string text = save_to_text(s, rt.state());
  EXPECT_NE(text.find("\nhands awaited\n"), std::string::npos) << text;
  LoadedSave loaded = load_from_text(s, text);
  ASSERT_TRUE(loaded.ok) << loaded.error;
  EXPECT_FALSE(loaded.state.hands);
  Runtime again(s);
  again.restore(loaded.state);
  std::vector<Event> out;
  again.advance_to(90.0, Input{}, out);
  EXPECT_TRUE(again.in_moment());
  EXPECT_EQ(again.env().builtin(Builtin::Silence), 0.0);
}

TEST(Save, AGameSavedAfterTheHandsWereFoundDoesNotAskAgain) {
  const Story& s = basics();
  Input moved;
  moved.hands = true;
  Runtime rt = play(s, "silence", {{1.0, moved}}, 2.0, Hands::Awaited);
  ASSERT_TRUE(rt.state().hands);
  LoadedSave loaded = load_from_text(s, save_to_text(s, rt.state()));
  ASSERT_TRUE(loaded.ok) << loaded.error;
  Runtime again(s);
  again.restore(loaded.state);
  std::vector<Event> out;
  again.advance_to(20.0, Input{}, out);  // the mapper of a continued game starts with no hands
  const auto chosen = std::find_if(
      out.begin(), out.end(), [](const Event& e) { return e.kind == EventKind::GestureChosen; });
  ASSERT_NE(chosen, out.end());
  EXPECT_EQ(chosen->time, kRinging + 3.0);
}

TEST(Save, ResumingMidLinesShowsTheLineAgainWithoutReapplyingEffects) {
  const Story& s = basics();
  Runtime rt = play(s, "hallway", {{0.5, press(thing(s, "hallway", "cup"))}}, 1.0);
  ASSERT_EQ(rt.state().phase, Phase::GestureLines);
  LoadedSave loaded = load_from_text(s, save_to_text(s, rt.state()));
  ASSERT_TRUE(loaded.ok) << loaded.error;
  Runtime again(s);
  again.restore(loaded.state);
  std::vector<Event> out;
  again.advance_to(1.0, Input{}, out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].kind, EventKind::LineShown);
  EXPECT_EQ(out[0].text, "You drink it while it is still too hot.");
  EXPECT_EQ(out[0].time, 1.0);
  EXPECT_EQ(again.env().variable(s.find_variable("courage")), Value(1));
}

TEST(Save, AnEditedStoryResumesAtTheNearestSurvivingPointWithNotices) {
  const Story& before = basics();
  const Story& after = edited();
  // In `conditions`, which the edit removed; `silence` was visited before it and survives.
  {
    Runtime rt(before);
    std::vector<Event> out;
    rt.start(before.find_scene("silence"));
    rt.jump(before.find_scene("conditions"), out);
    rt.advance_to(2.0, Input{}, out);
    LoadedSave loaded = load_from_text(after, save_to_text(before, rt.state()));
    ASSERT_TRUE(loaded.ok) << loaded.error;
    EXPECT_EQ(loaded.state.scene, after.find_scene("silence"));
    EXPECT_EQ(loaded.state.beat, 0);
    EXPECT_EQ(loaded.state.phase, Phase::Lines);
    EXPECT_EQ(loaded.state.line, 0);
    EXPECT_NE(std::find(loaded.notices.begin(), loaded.notices.end(),
                        "The scene 'conditions' no longer exists; resuming at 'silence'."),
              loaded.notices.end());
    EXPECT_EQ(loaded.state.visits[static_cast<size_t>(after.find_scene("silence"))], 1);
  }
  // Nothing visited survives: the start scene.
  {
    Runtime rt = play(before, "conditions", {}, 2.0);
    LoadedSave loaded = load_from_text(after, save_to_text(before, rt.state()));
    ASSERT_TRUE(loaded.ok) << loaded.error;
    EXPECT_EQ(loaded.state.scene, after.find_scene("hallway"));
    EXPECT_NE(std::find(loaded.notices.begin(), loaded.notices.end(),
                        "The scene 'conditions' no longer exists; resuming at 'hallway'."),
              loaded.notices.end());
  }
  // In the beat `kitchen_after`, which the edit removed: the start of its scene.
  {
    Runtime rt = play(before, "hallway", {{0.5, press(thing(before, "hallway", "cup"))}}, 3.0);
    ASSERT_EQ(before.scene(rt.state().scene).beats[static_cast<size_t>(rt.state().beat)].id,
              "kitchen_after");
    LoadedSave loaded = load_from_text(after, save_to_text(before, rt.state()));
    ASSERT_TRUE(loaded.ok) << loaded.error;
    EXPECT_EQ(loaded.state.scene, after.find_scene("hallway"));
    EXPECT_EQ(loaded.state.beat, 0);
    EXPECT_EQ(loaded.state.phase, Phase::Lines);
    EXPECT_NE(std::find(loaded.notices.begin(), loaded.notices.end(),
                        "The beat 'kitchen_after' of 'hallway' no longer exists; resuming at the "
                        "start of the scene."),
              loaded.notices.end());
    // Variables: dropped, retyped, added; the untouched one keeps its value.
    const auto& n = loaded.notices;
    auto has = [&n](const std::string& line) {
      return std::find(n.begin(), n.end(), line) != n.end();
    };
    EXPECT_TRUE(has("The variable 'mood' no longer exists; its value was dropped."));
    EXPECT_TRUE(has("The variable 'courage' is now a bool; it was reset to false."));
    EXPECT_TRUE(has("The variable 'patience' is new; it starts at 3."));
    EXPECT_EQ(n.size(), 4u);
    EXPECT_EQ(loaded.state.variables[static_cast<size_t>(after.find_variable("finished_coffee"))],
              Value(true));
    EXPECT_EQ(loaded.state.variables[static_cast<size_t>(after.find_variable("courage"))],
              Value(false));
    EXPECT_EQ(loaded.state.variables[static_cast<size_t>(after.find_variable("patience"))],
              Value(3));
    // And the repaired state plays on.
    Runtime again(after);
    again.restore(loaded.state);
    std::vector<Event> out;
    again.advance_to(5.0, Input{}, out);
    EXPECT_TRUE(again.in_moment());
  }
  // Showing the answer of `glance`, a gesture the edit removed: back to its moment.
  {
    Runtime rt = play(
        before, "hallway",
        {{0.0, Input{kNone, thing(before, "hallway", "window"), false, false}}, {3.5, Input{}}},
        4.0);
    ASSERT_EQ(rt.state().phase, Phase::GestureLines);
    LoadedSave loaded = load_from_text(after, save_to_text(before, rt.state()));
    ASSERT_TRUE(loaded.ok) << loaded.error;
    EXPECT_EQ(loaded.state.phase, Phase::Moment);
    EXPECT_NE(std::find(loaded.notices.begin(), loaded.notices.end(),
                        "The gesture 'glance' in 'hallway' no longer exists; resuming at its "
                        "moment."),
              loaded.notices.end());
    // The history entry stays, without the gesture it named.
    ASSERT_EQ(loaded.state.history.size(), 1u);
    EXPECT_EQ(loaded.state.history[0].gesture, -1);
    EXPECT_EQ(loaded.state.history[0].kind, GestureKind::Look);
  }
}

TEST(Save, BrokenSavesAreRefusedWithAReason) {
  const Story& s = basics();
  auto error_of = [&s](const std::string& text) {
    LoadedSave l = load_from_text(s, text);
    EXPECT_FALSE(l.ok) << text;
    return l.error;
  };
  EXPECT_EQ(error_of(""), "the save is empty");
  EXPECT_EQ(error_of("hello world\n"), "line 1: not a Threshold save");
  EXPECT_EQ(error_of("threshold-save 7\nend\n"),
            "line 1: unknown save version 7 (this game reads versions 1 to 2)");
  EXPECT_EQ(error_of("threshold-save x\n"), "line 1: the save version is not a number");
  const std::string good = save_to_text(s, play(s, "silence", {}, 9.0).state());
  // Cut at a line's end (a cut inside a line may first be an unknown entry).
  const std::string cut = good.substr(0, good.size() / 2);
  EXPECT_EQ(error_of(cut.substr(0, cut.rfind('\n') + 1)),
            "the save is truncated (it has no 'end' line)");
  EXPECT_EQ(error_of("threshold-save 1\ntime abc\nphase moment\nend\n"),
            "line 2: the time 'abc' is not a finite number of seconds from 0");
  EXPECT_EQ(error_of("threshold-save 1\ntime 1\nphase sideways\nend\n"),
            "line 3: unknown phase 'sideways'");
  EXPECT_EQ(error_of("threshold-save 1\ntime 1\nphase moment\nvar courage number many\nend\n"),
            "line 4: 'many' is not a number");
  EXPECT_EQ(error_of("threshold-save 1\ntime 1\nphase lines\nend\nmore\n"),
            "line 5: text after 'end'");
  EXPECT_EQ(error_of("threshold-save 1\ntime 1\nend\n"), "the save has no time or phase");
  EXPECT_EQ(error_of("threshold-save 1\n" + std::string(1 << 20, 'x') + "\nend\n"),
            "line 2: the line is too long");
  std::string binary = "threshold-save 1\ntime ";
  binary += '\0';
  binary += " 1\nend\n";
  EXPECT_EQ(error_of(binary), "line 2: the save holds binary data");
}

// Numbers a save holds are checked against the story: a time no game reaches (1e17 s froze
// the game, 1e308 fired every timer at once), a line index past every beat, a day past the
// story's days, a version too large to read.
TEST(Save, TimesLinesAndDaysPastTheStoryAreRefusedWithTheLine) {
  const Story& s = basics();
  auto error_of = [&s](const std::string& text) {
    LoadedSave l = load_from_text(s, text);
    EXPECT_FALSE(l.ok) << text;
    return l.error;
  };
  const std::string head = "threshold-save 2\n";
  const std::string tail = "phase moment\nend\n";
  EXPECT_EQ(error_of(head + "time 1e17\n" + tail),
            "line 2: the time 1e17 s is past any game (a save holds at most 31536000 s, a year "
            "of play)");
  EXPECT_EQ(error_of(head + "time 1e308\n" + tail),
            "line 2: the time 1e308 s is past any game (a save holds at most 31536000 s, a year "
            "of play)");
  EXPECT_EQ(error_of(head + "time nan\n" + tail),
            "line 2: the time 'nan' is not a finite number of seconds from 0");
  EXPECT_EQ(error_of(head + "time inf\n" + tail),
            "line 2: the time 'inf' is not a finite number of seconds from 0");
  EXPECT_EQ(error_of(head + "time -3\n" + tail),
            "line 2: the time '-3' is not a finite number of seconds from 0");
  EXPECT_EQ(error_of(head + "time 1\nline 99999999999\n" + tail),
            "line 3: the line index 99999999999 is past every beat of this story");
  const std::string longest = std::to_string([&s] {
    size_t n = 0;
    for (const Scene& sc : s.scenes)
      for (const Beat& b : sc.beats) n = std::max(n, b.lines.size());
    return n;
  }());
  EXPECT_NE(error_of(head + "time 1\nline 5000\n" + tail)
                .find("line 3: the line index 5000 is past every beat of this story"),
            std::string::npos);
  EXPECT_EQ(error_of(head + "time 1\nday 3000000000\n" + tail),
            "line 3: day 3000000000 is past the story's last day (2)");
  EXPECT_EQ(error_of(head + "time 1\nday 3\n" + tail),
            "line 3: day 3 is past the story's last day (2)");
  EXPECT_EQ(error_of(head + "time 1\nday 0\n" + tail),
            "line 3: the day is not a whole number from 1");
  EXPECT_EQ(error_of(head + "time 1\nhistory 1e300 hallway - - look - 1\n" + tail),
            "line 3: the history's time or seconds are past any game (0 to 31536000 s)");
  EXPECT_EQ(error_of("threshold-save 99999999999\nend\n"),
            "line 1: unknown save version 99999999999 (this game reads versions 1 to 2)");
  // What a real week holds still loads: an hour in, on the story's day, at a line it has.
  EXPECT_TRUE(load_from_text(s, head + "time 3600\nday 1\nline " + longest + "\n" + tail).ok);
}

TEST(Save, NoTruncationOrCorruptionOfASaveCrashesTheLoader) {
  const Story& s = basics();
  const std::string good = save_to_text(s, play(s, "silence", {}, 9.0).state());
  for (size_t n = 0; n < good.size(); ++n) {
    LoadedSave l = load_from_text(s, good.substr(0, n));
    EXPECT_FALSE(l.ok) << "a save cut after " << n << " bytes was taken as whole";
    std::string flipped = good;
    flipped[n] = static_cast<char>(flipped[n] ^ 0x5a);
    (void)load_from_text(s, flipped);
  }
}

class SaveFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("threshold_save_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string read(const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  fs::path dir_;
};

TEST_F(SaveFiles, SaveFileAndLoadFileRoundTrip) {
  const Story& s = basics();
  Runtime rt = play(s, "silence", {}, kRinging + 6.0);
  const std::string path = (dir_ / "slot1.save").string();
  EXPECT_EQ(save_file(path, s, rt.state()), "");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1)
      << "a temporary file was left behind";
  LoadedSave loaded = load_file(path, s);
  ASSERT_TRUE(loaded.ok) << loaded.error;
  EXPECT_EQ(loaded.state, resumed(rt.state()));
}

TEST_F(SaveFiles, AMissingFileIsAnErrorNamingIt) {
  LoadedSave loaded = load_file((dir_ / "nope.save").string(), basics());
  EXPECT_FALSE(loaded.ok);
  EXPECT_NE(loaded.error.find("nope.save"), std::string::npos);
  EXPECT_NE(loaded.error.find("No such file"), std::string::npos);
}

TEST_F(SaveFiles, AFailedWriteLeavesThePreviousFileIntact) {
  const std::string path = (dir_ / "slot1.save").string();
  ASSERT_EQ(write_file_atomically(path, "first\n"), "");
  EXPECT_EQ(read(path), "first\n");
  ASSERT_EQ(write_file_atomically(path, "second\n"), "");
  EXPECT_EQ(read(path), "second\n");
  // The rename cannot replace the target (a directory with a file in it is in its way): the
  // error names it, the directory is untouched and no temporary file is left behind.
  const std::string blocked = (dir_ / "slot2.save").string();
  fs::create_directories(blocked + "/inside");
  const std::string error = write_file_atomically(blocked, "third\n");
  EXPECT_NE(error.find("cannot replace " + blocked), std::string::npos) << error;
  EXPECT_TRUE(fs::is_directory(blocked + "/inside"));
  EXPECT_EQ(read(path), "second\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 2)
      << "a temporary file was left behind";
  // A directory that does not exist.
  const std::string elsewhere = (dir_ / "missing" / "slot.save").string();
  EXPECT_NE(write_file_atomically(elsewhere, "x"), "");
  EXPECT_FALSE(fs::exists(elsewhere));
}

// Two savers on one path, many times over, at the same time (two games, or an autosave and
// Save and quit): every save succeeds, and the file is always one of them, whole. With one
// shared temporary name 348 of these saves failed.
TEST_F(SaveFiles, TwoSaversOnOnePathLoseNothing) {
  const std::string path = (dir_ / "slot1.save").string();
  const std::string a = std::string(64 << 10, 'a') + "\n";
  const std::string b = std::string(64 << 10, 'b') + "\n";
  std::atomic<int> failures{0};
  std::string first_error;
  std::mutex error_mutex;
  auto saver = [&](const std::string& contents) {
    for (int i = 0; i < 300; ++i) {
      const std::string error = write_file_atomically(path, contents);
      if (!error.empty()) {
        ++failures;
        const std::lock_guard<std::mutex> lock(error_mutex);
        if (first_error.empty()) first_error = error;
      }
    }
  };
  std::thread one(saver, a), two(saver, b);
  for (int i = 0; i < 200; ++i) {
    const std::string now = read(path);
    if (!now.empty()) {
      EXPECT_TRUE(now == a || now == b) << "a torn file of " << now.size();
    }
  }
  one.join();
  two.join();
  EXPECT_EQ(failures.load(), 0) << first_error;
  const std::string last = read(path);
  EXPECT_TRUE(last == a || last == b);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1)
      << "a temporary file was left behind";
}

// The same with two processes (two games at once): each has its own counter, the process id
// keeps their temporary names apart.
TEST_F(SaveFiles, TwoGamesSavingAtOnceLoseNothing) {
  const std::string path = (dir_ / "slot1.save").string();
  std::vector<pid_t> children;
  for (char c : {'a', 'b'}) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      const std::string contents = std::string(64 << 10, c) + "\n";
      int failed = 0;
      for (int i = 0; i < 300; ++i) failed += write_file_atomically(path, contents).empty() ? 0 : 1;
      ::_exit(failed > 0 ? 1 : 0);
    }
    children.push_back(pid);
  }
  for (const pid_t pid : children) {
    int status = -1;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a game's save failed";
  }
  const std::string last = read(path);
  EXPECT_TRUE(last == std::string(64 << 10, 'a') + "\n" ||
              last == std::string(64 << 10, 'b') + "\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1)
      << "a temporary file was left behind";
}

TEST_F(SaveFiles, AnUnwritableDirectoryIsAnErrorAndChangesNothing) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes anywhere";
  const fs::path locked = dir_ / "locked";
  fs::create_directory(locked);
  const std::string path = (locked / "slot.save").string();
  ASSERT_EQ(write_file_atomically(path, "kept\n"), "");
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
  EXPECT_NE(write_file_atomically(path, "lost\n"), "");
  fs::permissions(locked, fs::perms::owner_all);
  EXPECT_EQ(read(path), "kept\n");
}

}  // namespace
}  // namespace threshold::story
