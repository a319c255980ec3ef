// The `threshold` executable, run for real: version and help, `check` on good and bad stories,
// `explore` exit codes, and text mode's scripted transcripts compared with golden files in
// tests/golden/ (THRESHOLD_REGEN=1 rewrites them).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <source_location>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/golden.h"
#include "threshold/story/codes.h"
#include "threshold/story/loader.h"
#include "threshold/story/recording.h"
#include "threshold/story/runtime.h"

namespace {

namespace story = threshold::story;
namespace test_support = threshold::test_support;

const std::string kTests = THRESHOLD_TESTS_DIR;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string temp_path(const std::string& name) {
  return ::testing::TempDir() + "threshold_cli_" + std::to_string(::getpid()) + "_" + name;
}

// Runs the executable with `args`, feeding `input` on stdin; captures stdout, stderr, status.
Outcome run(const std::vector<std::string>& args, const std::string& input = "") {
  const std::string in_path = temp_path("stdin");
  const std::string out_path = temp_path("stdout");
  const std::string err_path = temp_path("stderr");
  std::ofstream(in_path, std::ios::binary) << input;
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int in = ::open(in_path.c_str(), O_RDONLY);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<char*> argv;
    std::string exe = THRESHOLD_EXE;
    argv.push_back(exe.data());
    std::vector<std::string> copies = args;
    for (std::string& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(exe.c_str(), argv.data());
    ::_exit(127);
  }
  Outcome r;
  int status = 0;
  if (pid > 0 && ::waitpid(pid, &status, 0) == pid && WIFEXITED(status)) {
    r.code = WEXITSTATUS(status);
  }
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  std::remove(in_path.c_str());
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  return r;
}

// Sets an environment variable for the executables run while it lives, then puts it back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    const char* was = std::getenv(name);
    had_ = was != nullptr;
    if (had_) old_ = was;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (had_) {
      ::setenv(name_, old_.c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
};

// `check --accessibility` draws frames with Mesa's OpenGL, which leaks by LeakSanitizer's
// standards (as the render and platform tests say): its leaks are not looked for there.
std::string without_leak_checks() {
  const char* asan = std::getenv("ASAN_OPTIONS");
  return std::string(asan ? asan : "") + (asan && *asan ? ":" : "") + "detect_leaks=0";
}

std::string story_dir(const std::string& name) {
  return kTests + "/stories/" + name;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string last_line(const std::string& text) {
  std::string t = text;
  if (!t.empty() && t.back() == '\n') t.pop_back();
  const size_t nl = t.rfind('\n');
  return nl == std::string::npos ? t : t.substr(nl + 1);
}

// Compares `actual` with tests/golden/<name>, or rewrites it when THRESHOLD_REGEN=1.
void expect_golden(const std::string& name, const std::string& actual,
                   std::source_location where = std::source_location::current()) {
  test_support::expect_matches_golden(kTests + "/golden/" + name, actual, where);
}

TEST(Cli, VersionPrintsTheProgramAndItsVersion) {
  const Outcome r = run({"--version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("threshold ", 0), 0u) << r.out;
  EXPECT_TRUE(has(r.out, ".")) << r.out;
  EXPECT_EQ(run({"check", "--version"}).out, r.out);
}

TEST(Cli, HelpListsEveryCommand) {
  const Outcome r = run({"--help"});
  EXPECT_EQ(r.code, 0);
  for (const char* verb : {"text", "check", "explore", "graph"}) {
    EXPECT_TRUE(has(r.out, verb)) << verb << " missing from:\n" << r.out;
  }
}

// `threshold explain T0102` says what the code in `error[T0102]` means: its title, a paragraph,
// a wrong and a right example, and the fix; any spelling a writer might copy works.
TEST(Cli, ExplainSaysWhatACodeMeansWithAWrongAndARightExample) {
  const Outcome r = run({"explain", "T0102"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("T0102: unknown key\n\n", 0), 0u) << r.out;
  EXPECT_TRUE(has(r.out, "\nWrong:\n    - id: start\n      lnes: [The kettle ticks.]\n")) << r.out;
  EXPECT_TRUE(has(r.out, "\nRight:\n    - id: start\n      lines: [The kettle ticks.]\n")) << r.out;
  EXPECT_TRUE(has(r.out, "\nFix: ")) << r.out;
  for (const char* spelling : {"t0102", "0102", "102"}) {
    EXPECT_EQ(run({"explain", spelling}).out, r.out) << spelling;
  }
}

TEST(Cli, ExplainOfACodeThatDoesNotExistIsAnErrorWithTheClosestCode) {
  const Outcome r = run({"explain", "T0130"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(has(r.err, "no diagnostic code 'T0130'; did you mean T0103?")) << r.err;
  EXPECT_EQ(run({"explain", "kettle"}).code, 1);
}

// With no code, every code is listed with its title, each one explainable.
TEST(Cli, ExplainWithNoCodeListsEveryCode) {
  const Outcome r = run({"explain"});
  EXPECT_EQ(r.code, 0) << r.err;
  for (const story::CodeInfo& c : story::all_codes()) {
    const std::string name = story::code_name(c.code);
    EXPECT_TRUE(has(r.out, "  " + name + "  " + std::string(c.title) + "\n")) << name;
    EXPECT_EQ(run({"explain", name}).code, 0) << name;
  }
}

// docs/authoring.md lists every code exactly as `threshold explain --markdown` prints them
// (THRESHOLD_REGEN=1 rewrites the section after a change to the table).
TEST(Cli, TheAuthoringGuideDocumentsEveryCodeAsExplainPrintsIt) {
  const Outcome r = run({"explain", "--markdown"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string path = std::string(THRESHOLD_DATA_DIR) + "/../docs/authoring.md";
  std::string doc = slurp(path);
  const std::string begin = "<!-- begin: threshold explain --markdown -->\n";
  const std::string end = "<!-- end: threshold explain --markdown -->";
  const size_t b = doc.find(begin);
  const size_t e = doc.find(end);
  ASSERT_NE(b, std::string::npos) << path;
  ASSERT_NE(e, std::string::npos) << path;
  // The whole guide is the golden file, with the section as explain prints it.
  std::string expected = doc;
  expected.replace(b + begin.size(), e - b - begin.size(), r.out);
  test_support::expect_matches_golden(path, expected);
}

TEST(Cli, TextHelpExplainsScriptsAndExitStatus) {
  const Outcome r = run({"text", "--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_TRUE(has(r.out, "--script")) << r.out;
  EXPECT_TRUE(has(r.out, "--record")) << r.out;
  EXPECT_TRUE(has(r.out, "3 the script ended before the story did")) << r.out;
}

TEST(Cli, UnknownOptionIsAnError) {
  const Outcome r = run({"check", "--no-such-option"});
  EXPECT_NE(r.code, 0);
  EXPECT_FALSE(r.err.empty());
}

// Every floating option of every verb, given NaN or an infinity, is refused before anything
// runs: a clear message naming the option and its range, exit 1, and no file written (today
// `audio-render --seconds nan` crashed and `render --at nan` wrote a blank PNG).
TEST(Cli, EveryFloatingOptionRefusesNanAndInfinitiesAndWritesNothing) {
  struct Case {
    std::string verb;
    std::string option;
    std::string out_name;
    std::string range;
  };
  const std::vector<Case> cases = {
      {"audio-render", "--seconds", "nan.wav", "from 0.01 to 3600"},
      {"render", "--at", "at.png", "from 0 to 36000"},
      {"render", "--text-scale", "scale.png", "from 0.75 to 2"},
      {"render", "--line-spacing", "spacing.png", "from 1 to 2"},
      {"render", "--drag", "drag.png", "from -720 to 720"},
  };
  for (const Case& c : cases) {
    for (const char* bad : {"nan", "NaN", "inf", "-inf", "infinity", "1e999"}) {
      const std::string out = temp_path(c.out_name);
      std::remove(out.c_str());
      std::vector<std::string> args = {c.verb, story_dir("tools_text"), "--out", out, c.option,
                                       bad};
      if (c.verb == "audio-render" && c.option != "--seconds") args.push_back("--seconds=1");
      const Outcome r = run(args);
      const std::string what = c.verb + " " + c.option + " " + bad;
      EXPECT_EQ(r.code, 1) << what << "\n" << r.err;
      EXPECT_TRUE(has(r.err, c.option)) << what << "\n" << r.err;
      EXPECT_TRUE(has(r.err, "must be a finite number " + c.range + ", not '" + bad + "'"))
          << what << "\n"
          << r.err;
      EXPECT_FALSE(std::ifstream(out).good()) << what << " wrote " << out;
      std::remove(out.c_str());
    }
  }
}

TEST(Cli, AFloatingOptionInRangeIsStillAccepted) {
  const Outcome r = run({"audio-render", story_dir("tools_text"), "--seconds", "0.1", "--out",
                         temp_path("short.wav")});
  std::remove(temp_path("short.wav").c_str());
  EXPECT_FALSE(has(r.err, "finite number")) << r.err;
}

TEST(Cli, CheckOnABadStoryExitsOneWithFileLineAndColumn) {
  const Outcome r = run({"check", story_dir("tools_bad")});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(has(r.err, "tools_bad/scenes/room.yaml:8:9: error[T0102]: unknown key 'lnger'"))
      << r.err;
  EXPECT_TRUE(has(r.err,
                  "    "
                  "        lnger: 3\n"
                  "    "
                  "        ^\n"))
      << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(Cli, CheckPrintsWarningsThenTheSummaryAsTheLastLine) {
  const Outcome r = run({"check", story_dir("tools_warnings")});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(last_line(r.out), "3 scenes, 2 moments, 4 gestures, 2 endings, 27 words, ~0 min");
  EXPECT_TRUE(
      has(r.err, "scenes/c_island.yaml:1:8: warning[T0601]: scene 'island' is never reached"))
      << r.err;
  EXPECT_TRUE(has(r.err, "0 errors, 9 warnings")) << r.err;
}

// `check --accessibility`: a wait shorter than its lines take to read at the slowest text speed
// is warned of at the wait, one long enough is not; a sound a player could act on with no
// caption keeps the subtitles tag from being claimed, with its reason. Without the flag the
// story checks clean of T0613.
TEST(Cli, CheckForAccessibilityWarnsOfAShortWaitAndSaysWhichTagsItCanClaim) {
  const ScopedEnv gl("ASAN_OPTIONS", without_leak_checks());
  const Outcome r = run({"check", story_dir("accessibility"), "--accessibility"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(has(r.err,
                  "scenes/porch.yaml:33:11: warning[T0613]: this wait of 5 s is shorter "
                  "than its beat's lines take to read at the slowest text speed (14 s)"))
      << r.err;
  EXPECT_FALSE(has(r.err, "wait of 6 s")) << r.err;  // 6 s after lines of 4 s: long enough
  EXPECT_TRUE(has(r.out,
                  "  no   Large & Clear Subtitles: 1 sound a player could act on has "
                  "no caption (T0612)"))
      << r.out;
  EXPECT_TRUE(has(r.out, "  yes  Playable Without Button Holds: ")) << r.out;
  EXPECT_TRUE(has(r.out, "read at the slowest text speed: 1 (T0613)\n")) << r.out;
  EXPECT_TRUE(has(r.out, "Not checked yet:\n")) << r.out;
  // The porch light's state is in its colour alone; the window's curtain is a shape too.
  EXPECT_TRUE(has(r.err,
                  "scenes/porch.yaml:10:7: warning[T0614]: this layer, drawn while 'light_on', "
                  "has the outline of the layer at line 9 and changes only its colour"))
      << r.err;
  EXPECT_FALSE(has(r.err, "curtain_open'")) << r.err;
  EXPECT_TRUE(has(r.out, "Layers whose when: changes only a colour: 1 (T0614)\n")) << r.out;
  // The white step under the lines, measured in the frame as drawn (under Xvfb).
  EXPECT_TRUE(has(r.err,
                  "scenes/porch.yaml:7:3: warning[T0615]: the lines over this picture "
                  "have a contrast of "))
      << r.err;
  EXPECT_TRUE(has(r.out, "  porch, morning: ")) << r.out;
  EXPECT_TRUE(has(r.out, ":1 (T0615), lowest in porch\n")) << r.out;
  const Outcome plain = run({"check", story_dir("accessibility")});
  for (const char* code : {"T0613", "T0614", "T0615"}) EXPECT_FALSE(has(plain.err, code)) << code;
  // The shipped story: every sound a player could act on is captioned, no state is in colour
  // alone, and the text reads at 4.5:1 or more over each of its 14 places and times of day.
  const Outcome data = run({"check", THRESHOLD_DATA_DIR, "--accessibility"});
  EXPECT_TRUE(has(data.out,
                  "  yes  Large & Clear Subtitles: every sound a player could act on "
                  "has a caption"))
      << data.out;
  EXPECT_TRUE(has(data.out, "Layers whose when: changes only a colour: 0\n")) << data.out;
  EXPECT_FALSE(has(data.err, "T0614")) << data.err;
  EXPECT_FALSE(has(data.err, "T0615")) << data.err;
  const size_t section = data.out.find("Text over each place (");
  ASSERT_NE(section, std::string::npos) << data.out;
  const size_t end = data.out.find("Accessible Games Initiative tags:", section);
  const std::string places = data.out.substr(section, end - section);
  EXPECT_EQ(std::count(places.begin(), places.end(), '\n'), 15) << places;  // heading + 14
  EXPECT_TRUE(has(places, "  street, morning: ")) << places;
}

// With no display to draw the frames on, the contrast is said not to be measured, and the rest
// of the check is made as ever.
TEST(Cli, CheckForAccessibilityWithNoDisplaySaysTheContrastWasNotMeasured) {
  Outcome r;
  {
    const ScopedEnv display("DISPLAY", ":9876");  // no server answers there
    r = run({"check", story_dir("accessibility"), "--accessibility"});
  }
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "Text over each place: not measured (no display: ")) << r.out;
  EXPECT_TRUE(has(r.out, "run it under xvfb-run -a)\n")) << r.out;
  EXPECT_FALSE(has(r.err, "T0615")) << r.err;
  EXPECT_TRUE(has(r.err, "T0614")) << r.err;
}

TEST(Cli, CheckWithWerrorFailsOnWarnings) {
  EXPECT_EQ(run({"check", story_dir("tools_warnings"), "--werror"}).code, 1);
  const Outcome clean = run({"check", story_dir("tools_explore"), "--werror"});
  EXPECT_EQ(clean.code, 0) << clean.err;
  EXPECT_TRUE(clean.err.empty()) << clean.err;
}

TEST(Cli, MissingStoryDirectoryIsAnError) {
  const Outcome r = run({"check", story_dir("no_such_story")});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(has(r.err, "no_such_story")) << r.err;
}

// A copy of tests/stories/tools_text with a FIFO among its scene files, removed afterwards.
class StoryWithAFifo {
 public:
  StoryWithAFifo() : dir_(temp_path("fifo_story")) {
    std::filesystem::remove_all(dir_);
    std::filesystem::copy(story_dir("tools_text"), dir_, std::filesystem::copy_options::recursive);
    fifo_ = dir_ + "/scenes/pipe.yaml";
    made_ = ::mkfifo(fifo_.c_str(), 0600) == 0;
  }
  ~StoryWithAFifo() { std::filesystem::remove_all(dir_); }
  bool made() const { return made_; }
  const std::string& dir() const { return dir_; }
  const std::string& fifo() const { return fifo_; }

 private:
  std::string dir_;
  std::string fifo_;
  bool made_ = false;
};

TEST(Cli, CheckAndTextRefuseAFifoAmongTheSceneFilesInsteadOfWaitingForever) {
  const StoryWithAFifo story;
  ASSERT_TRUE(story.made());
  const std::string error =
      story.fifo() + ": error[T0001]: not a regular file (a FIFO); story files must be plain files";
  const Outcome check = run({"check", story.dir()});
  EXPECT_EQ(check.code, 1);
  EXPECT_TRUE(has(check.err, error)) << check.err;
  const Outcome text = run({"text", story.dir(), "--fast"});
  EXPECT_EQ(text.code, 1);
  EXPECT_TRUE(has(text.err, error)) << text.err;
}

// A copy of tests/stories/tools_explore (which checks clean) that ships fonts: a good TrueType
// header, a file that is no font, an empty WOFF in a subfolder, and a text file that is no font
// by name.
TEST(Cli, CheckReportsAFontTheStoryShipsThatIsNoFontAtTheFile) {
  const std::string dir = temp_path("font_story");
  std::filesystem::remove_all(dir);
  std::filesystem::copy(story_dir("tools_explore"), dir, std::filesystem::copy_options::recursive);
  std::filesystem::create_directories(dir + "/fonts/web");
  std::ofstream(dir + "/fonts/Good.ttf", std::ios::binary)
      << std::string("\0\1\0\0", 4) << "glyphs";
  std::ofstream(dir + "/fonts/Broken.otf", std::ios::binary) << "<html>404 Not Found</html>";
  std::ofstream(dir + "/fonts/web/Empty.woff", std::ios::binary);
  std::ofstream(dir + "/fonts/LICENSE.txt") << "SIL Open Font License";
  const Outcome r = run({"check", dir});
  std::filesystem::remove_all(dir);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_TRUE(
      has(r.err, dir + "/fonts/Broken.otf: error[T0503]: font 'fonts/Broken.otf' is not a font "
                       "the game can read (it does not start like a TrueType, OpenType or "
                       "WOFF font); the game uses the next font it finds\n"))
      << r.err;
  EXPECT_TRUE(has(r.err, dir +
                             "/fonts/web/Empty.woff: error[T0503]: font 'fonts/web/Empty.woff' is "
                             "empty; the game uses the next font it finds\n"))
      << r.err;
  EXPECT_FALSE(has(r.err, "Good.ttf")) << r.err;
  EXPECT_FALSE(has(r.err, "LICENSE")) << r.err;
  EXPECT_TRUE(has(r.err, "2 errors, 0 warnings")) << r.err;
}

TEST(Cli, ExploreExitsOneWhenAnEndingCannotBeReached) {
  const Outcome r = run({"explore", story_dir("tools_explore")});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(has(r.out, "ending 'spoke' (Spoke): NOT reachable")) << r.out;
  EXPECT_TRUE(has(r.out,
                  "ending 'left' (Left): reachable in 3 gestures\n"
                  "    kitchen.start.hold_cup\n"
                  "    kitchen.start.open_door\n"
                  "    street.stop.board\n"))
      << r.out;
}

TEST(Cli, ExploreMakesEveryGestureOfTheShippedStoryWithTimedAndUntimedHands) {
  // Every ending at every Time to act: 1x to 3x (one search), and untimed.
  const Outcome r = run({"explore", THRESHOLD_DATA_DIR, "--time", "every"});
  EXPECT_EQ(r.code, 0) << r.out;
  const size_t untimed = r.out.find("\n== untimed\n");
  ASSERT_EQ(r.out.rfind("== timed\n", 0), 0u) << r.out;
  ASSERT_NE(untimed, std::string::npos) << r.out;
  for (const std::string& part : {r.out.substr(0, untimed), r.out.substr(untimed)}) {
    for (const char* ending : {"stayed", "left", "came_back", "spoke"}) {
      EXPECT_TRUE(has(part, "ending '" + std::string(ending) + "' (")) << ending;
    }
    EXPECT_FALSE(has(part, "NOT reachable")) << part;
    EXPECT_FALSE(has(part, "cannot be made")) << part;
    EXPECT_FALSE(has(part, "stuck:")) << part;
  }
}

TEST(Cli, ExploreWithHandsNamesAGestureNoPlayerCanMake) {
  const Outcome r = run({"explore", story_dir("tools_hands"), "--time", "timed"});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(has(r.out,
                  "cannot be made with timed hands: scene 'hall', beat 'dark', gesture "
                  "'flick'"))
      << r.out;
  EXPECT_EQ(run({"explore", story_dir("tools_hands")}).code, 0);
}

TEST(Cli, ExploreExitsZeroWhenEveryEndingIsReachable) {
  const Outcome r = run({"explore", story_dir("tools_text")});
  EXPECT_EQ(r.code, 0) << r.out;
}

TEST(Cli, ExploreNamesALoopWithNoMomentAsALoop) {
  const Outcome r = run({"explore", story_dir("tools_line_loop")});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(has(r.out,
                  "stuck: scene 'hall', beat 'enter': a loop with no moment in it: hall.enter -> "
                  "hall.enter, again and again (it repeats at hall.enter); the story is stopped "
                  "there\n"))
      << r.out;
  EXPECT_FALSE(has(r.out, "without reaching an ending")) << r.out;
}

TEST(Cli, ExploreExitsTwoWhenItHitsMaxStates) {
  const Outcome r = run({"explore", story_dir("tools_loop"), "--max-states", "10"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(
      has(r.out, "stopped after 10 states: the story's state space is larger; raise --max-states"))
      << r.out;
  EXPECT_EQ(run({"explore", story_dir("tools_loop")}).code, 0);
}

TEST(Cli, GraphPrintsDot) {
  const Outcome r = run({"graph", story_dir("tools_explore")});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("digraph story {", 0), 0u) << r.out;
  EXPECT_TRUE(has(r.out, "\"kitchen\" -> \"street\" [label=\"open_door\"];")) << r.out;
}

TEST(Cli, ScriptedPlaythroughMatchesTheGoldenTranscript) {
  const Outcome r =
      run({"text", story_dir("tools_text"), "--script", kTests + "/golden/tools_text.script"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  expect_golden("tools_text.transcript", r.out);
}

TEST(Cli, ScriptLineThatIsNotOfferedIsAnError) {
  const std::string script = temp_path("bad.script");
  std::ofstream(script) << "# comment lines do not count as gestures\n-\n\ndrink\n";
  const Outcome r = run({"text", story_dir("tools_text"), "--script", script});
  std::remove(script.c_str());
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(
      r.err,
      "script line 4: 'drink' is not offered here (offered: short_hold, long_hold, pull_back, "
      "glance, leave_table, -)\n");
}

TEST(Cli, ScriptThatEndsBeforeTheStoryExitsThree) {
  const std::string script = temp_path("short.script");
  std::ofstream(script) << "switch_off\n";
  const Outcome r = run({"text", story_dir("tools_text"), "--script", script});
  std::remove(script.c_str());
  EXPECT_EQ(r.code, 3);
  EXPECT_TRUE(has(r.err,
                  "the script ended before the story did (at scene 'morning', beat "
                  "'table')"))
      << r.err;
  EXPECT_TRUE(has(r.out, "Silence.\nYou sit with the cup.\n")) << r.out;
}

TEST(Cli, EndOfInputClosesTheBook) {
  const Outcome r = run({"text", story_dir("tools_text"), "--fast"}, "1\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "  1. Touch the kettle\n")) << r.out;
  EXPECT_TRUE(has(r.out, "Silence.\n")) << r.out;
  EXPECT_EQ(last_line(r.out), "You close the book.");
}

TEST(Cli, InteractiveNumbersPickFromTheListAndEmptyLinesAreSilence) {
  // Silence twice at the kettle (3 s, then 8 s), look, then the long hold and the door.
  const Outcome r = run({"text", story_dir("tools_text"), "--fast"}, "\n\n4\n2\n1\n");
  EXPECT_EQ(r.code, 0) << r.err;
  // Each rung says the time since the one before, in words: 3 s, then 5 more.
  EXPECT_TRUE(has(r.out, "(A moment.)\nThe fridge hums.\n")) << r.out;
  EXPECT_TRUE(has(r.out, "(A while.)\nIt boils over.\n")) << r.out;
  EXPECT_TRUE(has(r.out, "A bird on the wire.\n")) << r.out;
  EXPECT_TRUE(has(r.out, "* Gone *\n\nThe door closes behind you.\nYou waited two times.\n"))
      << r.out;
  EXPECT_FALSE(has(r.out, "You close the book.")) << r.out;
}

TEST(Cli, LabelsAndSilencesShowNoSecondsUnlessTimingsAreAsked) {
  const std::string input = "\n\n1\n";
  const Outcome plain = run({"text", story_dir("tools_text"), "--fast"}, input);
  EXPECT_EQ(plain.code, 0) << plain.err;
  EXPECT_TRUE(has(plain.out, "  1. Hold the cup\n  2. Keep holding the cup\n")) << plain.out;
  EXPECT_TRUE(has(plain.out, "  3. Reach for the cup, and stop\n")) << plain.out;
  EXPECT_TRUE(has(plain.out, "  5. Get up from the table\n")) << plain.out;  // its hint
  EXPECT_FALSE(has(plain.out, " s)")) << plain.out;
  EXPECT_FALSE(has(plain.out, "second")) << plain.out;

  const Outcome timed = run({"text", story_dir("tools_text"), "--fast", "--timings"}, input);
  EXPECT_EQ(timed.code, 0) << timed.err;
  EXPECT_TRUE(has(timed.out, "(3 seconds pass.)\nThe fridge hums.\n")) << timed.out;
  EXPECT_TRUE(has(timed.out, "(5 more seconds pass.)\nIt boils over.\n")) << timed.out;
  EXPECT_TRUE(has(timed.out, "  1. Hold the cup (2 s)\n  2. Keep holding the cup (5 s)\n"))
      << timed.out;
}

TEST(Cli, AHesitationIsNotEchoed) {
  const Outcome r = run({"text", story_dir("tools_text"), "--fast"}, "1\n3\n");
  EXPECT_TRUE(has(r.out, "Your hand comes back.\n")) << r.out;
  EXPECT_FALSE(has(r.out, "You let go")) << r.out;
}

TEST(Cli, SilenceWhereNothingWaitsSaysNothingHappens) {
  const Outcome r = run({"text", story_dir("tools_text"), "--fast"}, "1\n\n");
  EXPECT_TRUE(has(r.out, "(Nothing happens.)\n")) << r.out;
}

TEST(Cli, SceneOptionStartsThere) {
  const std::string script = temp_path("street.script");
  std::ofstream(script) << "board\n";
  const Outcome r =
      run({"text", story_dir("tools_explore"), "--scene", "street", "--script", script});
  std::remove(script.c_str());
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("The kitchen is quiet."), std::string::npos) << r.out;
  EXPECT_TRUE(has(r.out, "The bus comes.\n")) << r.out;
  EXPECT_TRUE(has(r.out, "* Left *\n")) << r.out;
}

TEST(Cli, UnknownSceneIsAnErrorWithASuggestion) {
  const Outcome r = run({"text", story_dir("tools_explore"), "--scene", "stret"});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(has(r.err, "there is no scene 'stret'; did you mean 'street'?")) << r.err;
}

TEST(Cli, RecordingReplaysToTheSameEnding) {
  const std::string rec_path = temp_path("run.recording");
  const Outcome r = run({"text", story_dir("tools_text"), "--script",
                         kTests + "/golden/tools_text.script", "--record", rec_path});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string text = slurp(rec_path);
  std::remove(rec_path.c_str());
  ASSERT_FALSE(text.empty());

  story::LoadResult loaded = story::load_story(story_dir("tools_text"));
  ASSERT_TRUE(loaded.story) << loaded.diagnostics.format_all();
  const story::ParsedRecording parsed = story::parse_recording(*loaded.story, text);
  ASSERT_TRUE(parsed.ok) << parsed.error;
  story::Runtime rt(*loaded.story);
  const std::vector<story::Event> events = story::replay(rt, parsed.recording);
  std::vector<std::string> lines;
  std::string ending;
  for (const story::Event& e : events) {
    if (e.kind == story::EventKind::LineShown) lines.push_back(e.text);
    if (e.kind == story::EventKind::EndingReached) ending = e.text;
  }
  EXPECT_EQ(ending, "Gone");
  // Every line of the replay appears in the transcript, in order.
  size_t at = 0;
  for (const std::string& line : lines) {
    const size_t found = r.out.find(line + "\n", at);
    ASSERT_NE(found, std::string::npos) << line;
    at = found + line.size();
  }
}

TEST(Cli, ReplayOfARecordedRunPrintsEveryLineAndTheEndingAtTheirTimes) {
  const std::string rec_path = temp_path("replay.recording");
  const Outcome played = run({"text", story_dir("tools_text"), "--script",
                              kTests + "/golden/tools_text.script", "--record", rec_path});
  ASSERT_EQ(played.code, 0) << played.err;
  const Outcome replayed = run({"replay", rec_path, story_dir("tools_text")});
  std::remove(rec_path.c_str());
  ASSERT_EQ(replayed.code, 0) << replayed.err;
  // Every line the player read comes back, in order, in the replay's log.
  std::istringstream transcript(played.out);
  std::string line;
  size_t from = 0;
  size_t lines_found = 0;
  while (std::getline(transcript, line)) {
    if (line.empty() || line[0] == ' ' || line[0] == '>' || line[0] == '(' || line[0] == '*' ||
        line.rfind("\xe2\x80\x94", 0) == 0) {
      continue;  // gesture lists, prompts, asides, titles and scene headings are the player's UI
    }
    const size_t at = replayed.out.find(line, from);
    ASSERT_NE(at, std::string::npos) << "missing from the replay: " << line;
    from = at + line.size();
    ++lines_found;
  }
  EXPECT_GT(lines_found, 3u);
  EXPECT_TRUE(has(replayed.out, "ending_reached")) << replayed.out;
}

TEST(Cli, ReplayOfAGarbledRecordingSaysWhichLine) {
  const std::string rec_path = temp_path("garbled.recording");
  std::ofstream(rec_path) << "threshold-recording 1\nstory Tools Text\nstart -\nsoon press=cup\n";
  const Outcome r = run({"replay", rec_path, story_dir("tools_text")});
  std::remove(rec_path.c_str());
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(has(r.err, "line 4")) << r.err;
}

// The real story as the issue asks for it: clean under --werror, a week worth half an hour or
// more to read (at least 6,000 words, an estimated 30 to 45 minutes), every ending reachable and
// no state stuck. The summary line is the last line `check` prints.
TEST(Cli, TheWholeStoryChecksCleanReadsForHalfAnHourAndReachesEveryEnding) {
  const Outcome c = run({"check", THRESHOLD_DATA_DIR, "--werror"});
  ASSERT_EQ(c.code, 0) << c.out << c.err;
  const size_t words_at = c.out.find(" words, ~");
  ASSERT_NE(words_at, std::string::npos) << c.out;
  size_t digits = words_at;
  while (digits > 0 && (std::isdigit(static_cast<unsigned char>(c.out[digits - 1])) ||
                        c.out[digits - 1] == ',')) {
    --digits;
  }
  std::string number = c.out.substr(digits, words_at - digits);
  number.erase(std::remove(number.begin(), number.end(), ','), number.end());
  const int words = std::stoi(number);
  const int minutes = std::stoi(c.out.substr(words_at + std::string(" words, ~").size()));
  EXPECT_GE(words, 6000) << c.out;
  EXPECT_GE(minutes, 30) << c.out;
  EXPECT_LE(minutes, 45) << c.out;

  const Outcome e = run({"explore", THRESHOLD_DATA_DIR});
  EXPECT_EQ(e.code, 0) << e.out << e.err;
  EXPECT_EQ(e.out.find("unreachable"), std::string::npos) << e.out;
}

// The real story, played to each of its endings by the scripts tests/golden/data_<ending>.script
// (one per ending, named after it). Each must reach that ending, show its title and reflection,
// and read exactly as the golden transcript beside it, data_<ending>.transcript, says.
class StoryPlaythrough : public ::testing::TestWithParam<std::string> {};

TEST_P(StoryPlaythrough, ReachesItsEndingAndMatchesTheGoldenTranscript) {
  const std::string ending_id = GetParam();
  const std::string data = THRESHOLD_DATA_DIR;
  const story::LoadResult loaded = story::load_story(data);
  ASSERT_TRUE(loaded.story) << loaded.diagnostics.format_all();
  const story::EndingId ending = loaded.story->find_ending(ending_id);
  ASSERT_NE(ending, story::kNone) << "tests/golden/data_" << ending_id
                                  << ".script is named after no ending of data/";

  const Outcome r =
      run({"text", data, "--script", kTests + "/golden/data_" + ending_id + ".script"});
  EXPECT_EQ(r.code, 0) << r.err;
  const story::Ending* found = loaded.story->ending(ending);
  ASSERT_NE(found, nullptr) << ending_id;
  const story::Ending& e = *found;
  EXPECT_NE(r.out.find(e.title), std::string::npos) << "the ending's title is not shown";
  EXPECT_FALSE(e.reflection.empty());
  expect_golden("data_" + ending_id + ".transcript", r.out);
}

std::vector<std::string> playthrough_endings() {
  std::vector<std::string> names;
  const story::LoadResult loaded = story::load_story(THRESHOLD_DATA_DIR);
  if (!loaded.story) return names;
  for (const story::Ending& e : loaded.story->endings) names.push_back(e.id);
  return names;
}

INSTANTIATE_TEST_SUITE_P(EveryEnding, StoryPlaythrough, ::testing::ValuesIn(playthrough_endings()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

// One ending played in French (data/locales/fr.po) by tests/golden/data_spoke_fr.script: the
// story's every line of the week and of the ending in French, as data_spoke_fr.transcript reads.
TEST(StoryPlaythroughInFrench, ReachesOutLoudAndMatchesTheGoldenTranscript) {
  const Outcome r = run({"text", THRESHOLD_DATA_DIR, "--locale", "fr", "--script",
                         kTests + "/golden/data_spoke_fr.script"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(has(r.out, "* À voix haute *")) << "the ending's French title is not shown";
  EXPECT_TRUE(has(r.out, "La lumière est encore bleue.\n")) << r.out;
  EXPECT_FALSE(has(r.out, "The light is still blue.")) << r.out;
  EXPECT_FALSE(has(r.out, "Out Loud")) << r.out;
  expect_golden("data_spoke_fr.transcript", r.out);
}

// `check --locale fr` warns where the French makes a wait begin before its lines are read: once,
// at the line that grew, naming both reading times; the English alone is clean.
TEST(Cli, CheckWithALocaleWarnsWhereATranslationIsTooLongForItsWait) {
  const Outcome french = run({"check", story_dir("reading_time"), "--locale", "fr"});
  EXPECT_EQ(french.code, 0) << french.err;
  EXPECT_TRUE(has(french.err,
                  "scenes/hall.yaml:10:9: warning[T0616]: translated, this line takes "
                  "7 s to read at the slowest text speed, its English 4 s"))
      << french.err;
  EXPECT_TRUE(has(french.err, "0 errors, 1 warning")) << french.err;
  const Outcome strict = run({"check", story_dir("reading_time"), "--locale", "fr", "--werror"});
  EXPECT_EQ(strict.code, 1);
  const Outcome english = run({"check", story_dir("reading_time")});
  EXPECT_EQ(english.code, 0) << english.err;
  EXPECT_FALSE(has(english.err, "T0616")) << english.err;
}

// `check --locale vai` warns at each letter of a script that no face the game would use has
// (it would be drawn as a box), once each, at its .po line; a font for it in the story's
// fonts/vai/ silences it. Japanese and Hindi have their fallback faces: no warning.
TEST(Cli, CheckWithALocaleWarnsAtACharacterNoFontHasUntilTheStoryBringsOne) {
  const Outcome vai = run({"check", story_dir("scripts"), "--locale", "vai"});
  EXPECT_EQ(vai.code, 0) << vai.err;
  EXPECT_TRUE(has(vai.err,
                  "locales/vai.po:10: warning[T0617]: no font the game would use has "
                  "'ꕉ' (U+A549): it is drawn as an empty box; put a font that has it "
                  "in the story's fonts/vai/"))
      << vai.err;
  EXPECT_TRUE(has(vai.err, "0 errors, 7 warnings")) << vai.err;  // ꕉ ꕜ ꕮ ꔔ ꘋ ꖸ ꔰ; not ' ' or '.'
  for (const char* language : {"ja", "hi"}) {
    const Outcome fine = run({"check", story_dir("scripts"), "--locale", language});
    EXPECT_FALSE(has(fine.err, "T0617")) << language << ": " << fine.err;
  }
  // The same story with a font for Vai beside it.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("threshold_vai_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::copy(story_dir("scripts"), dir, std::filesystem::copy_options::recursive);
  std::filesystem::create_directories(dir / "fonts" / "vai");
  const std::string vai_font = "/usr/share/fonts/truetype/noto/NotoSansVai-Regular.ttf";
  ASSERT_TRUE(std::filesystem::exists(vai_font)) << "install fonts-noto-core (scripts/packages)";
  std::filesystem::copy_file(vai_font, dir / "fonts" / "vai" / "NotoSansVai-Regular.ttf");
  const Outcome with_font = run({"check", dir.string(), "--locale", "vai"});
  EXPECT_EQ(with_font.code, 0) << with_font.err;
  EXPECT_FALSE(has(with_font.err, "T0617")) << with_font.err;
  std::filesystem::remove_all(dir);
}

}  // namespace

// The terminal player offers a push and a pull as numbered gestures, and performs them as the
// keyboard would (the thing slides to its distance); the recording it writes keeps the slide.
TEST(Cli, TextPlayerOffersAPullAndPerformsIt) {
  const std::string script = temp_path("pull.script");
  const std::string recording = temp_path("pull.recording");
  std::ofstream(script) << "3\n";
  const Outcome r =
      run({"text", story_dir("push_pull"), "--fast", "--script", script, "--record", recording});
  std::remove(script.c_str());
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "  1. Push the folder away\n")) << r.out;
  EXPECT_TRUE(has(r.out, "> 3. Pull her hand toward you\n")) << r.out;
  EXPECT_TRUE(has(r.out, "* Took *")) << r.out;
  const std::string text = slurp(recording);
  EXPECT_TRUE(has(text, " press=hand look=- away=0 skip=0 slide=-60\n")) << text;
  // Replayed, the recording reaches the same ending.
  const Outcome replayed = run({"replay", recording, story_dir("push_pull")});
  std::remove(recording.c_str());
  EXPECT_EQ(replayed.code, 0) << replayed.err;
  EXPECT_TRUE(has(replayed.out, "Took")) << replayed.out;
}

// ---------------------------------------------------------------------------------------------
// The compiled story (`threshold pack`): every verb reads the pack as it reads the folder.

namespace {

// `dir` packed into a temporary file, whose path is returned.
std::string packed(const std::string& dir, const std::string& name) {
  const std::string path = temp_path(name + ".pack");
  const Outcome r = run({"pack", dir, "-o", path});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "wrote " + path)) << r.out;
  return path;
}

// Every golden transcript of tests/golden/, played from the pack of its story (in its language,
// for a translated one), reads the same.
TEST(Pack, EveryGoldenTranscriptReadsTheSameFromThePack) {
  const std::string data_pack = packed(THRESHOLD_DATA_DIR, "data");
  const std::string tools_pack = packed(story_dir("tools_text"), "tools_text");
  namespace fs = std::filesystem;
  // A transcript in another language (data_<ending>_<language>, where data/locales has the
  // catalogue): the pack in a folder of its own, with that catalogue beside it.
  const std::string translated = temp_path("translated_pack");
  fs::remove_all(translated);
  fs::create_directories(translated + "/locales");
  fs::copy_file(data_pack, translated + "/story.pack");
  size_t compared = 0;
  for (const auto& entry : fs::directory_iterator(kTests + "/golden")) {
    if (entry.path().extension() != ".script") continue;
    const std::string name = entry.path().stem().string();
    std::vector<std::string> args = {"text", name.rfind("data_", 0) == 0 ? data_pack : tools_pack,
                                     "--script", entry.path().string()};
    const std::string language = name.substr(name.rfind('_') + 1);
    const std::string po = std::string(THRESHOLD_DATA_DIR) + "/locales/" + language + ".po";
    if (name.rfind("data_", 0) == 0 && fs::exists(po)) {
      fs::copy_file(po, translated + "/locales/" + language + ".po",
                    fs::copy_options::overwrite_existing);
      args[1] = translated + "/story.pack";
      args.insert(args.end(), {"--locale", language});
    }
    const Outcome r = run(args);
    EXPECT_EQ(r.code, 0) << name << ": " << r.err;
    EXPECT_EQ(r.out, slurp(kTests + "/golden/" + name + ".transcript")) << name;
    ++compared;
  }
  EXPECT_EQ(compared, 6u);
  std::remove(data_pack.c_str());
  std::remove(tools_pack.c_str());
  fs::remove_all(translated);
}

TEST(Pack, ExploreAndCheckSayTheSameOfThePack) {
  for (const std::string& dir : {std::string(THRESHOLD_DATA_DIR), story_dir("tools_explore")}) {
    const std::string pack = packed(dir, "explored");
    const Outcome yaml = run({"explore", dir});
    const Outcome from_pack = run({"explore", pack});
    EXPECT_TRUE(has(yaml.out, " states")) << yaml.out;
    EXPECT_EQ(from_pack.out, yaml.out);
    EXPECT_EQ(from_pack.code, yaml.code);
    const Outcome check = run({"check", pack});
    EXPECT_EQ(check.code, 0) << check.out << check.err;
    std::remove(pack.c_str());
  }
}

TEST(Pack, ABrokenPackIsOneLineAndExitsOne) {
  const std::string pack = packed(story_dir("tools_text"), "broken");
  const std::string bytes = slurp(pack);
  const std::string cut = temp_path("cut.pack");
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  std::string flipped = bytes;
  flipped[flipped.size() - 3] = static_cast<char>(flipped[flipped.size() - 3] ^ 1);
  const std::string bad = temp_path("flipped.pack");
  std::ofstream(bad, std::ios::binary) << flipped;
  for (const char* verb : {"text", "check", "explore", "graph"}) {
    const Outcome r = run({verb, cut});
    EXPECT_EQ(r.code, 1) << verb;
    EXPECT_EQ(r.err, "threshold: " + cut + ": truncated: its header promises " +
                         std::to_string(bytes.size() - 32) + " bytes of story and it holds " +
                         std::to_string(bytes.size() / 2 - 32) + "\n")
        << verb;
    const Outcome f = run({verb, bad});
    EXPECT_EQ(f.code, 1) << verb;
    EXPECT_EQ(f.err, "threshold: " + bad + ": corrupt: its checksum does not match its contents\n");
  }
  for (const std::string& p : {pack, cut, bad}) std::remove(p.c_str());
}

// A pack kept in its story's folder (as installed) names the same files and lines: `check` says
// what it says of the folder, the load's warnings (a place no scene uses) and the checker's, each
// at its file:line with the line quoted.
TEST(Pack, CheckOfAPackInItsFolderSaysWhatCheckOfTheFolderSays) {
  for (const char* name : {"tools_warnings", "places"}) {
    const std::string dir = temp_path(std::string("folder_") + name);
    std::filesystem::remove_all(dir);
    std::filesystem::copy(story_dir(name), dir, std::filesystem::copy_options::recursive);
    const Outcome packing = run({"pack", dir, "-o", dir + "/story.pack"});
    ASSERT_EQ(packing.code, 0) << packing.err;
    const Outcome yaml = run({"check", dir});
    const Outcome pack = run({"check", dir + "/story.pack"});
    EXPECT_TRUE(has(yaml.err, dir + "/")) << yaml.err;
    EXPECT_TRUE(has(yaml.err, "warning[")) << yaml.err;
    EXPECT_EQ(pack.err, yaml.err) << name;
    EXPECT_EQ(pack.out, yaml.out) << name;
    EXPECT_EQ(pack.code, yaml.code) << name;
    // `pack` said the load's warnings too.
    EXPECT_EQ(has(packing.err, "warning["), name == std::string("places")) << packing.err;
    std::filesystem::remove_all(dir);
  }
}

// A recording made against the folder replays the same from its pack, and one made from the pack
// replays the same against the folder.
TEST(Pack, ARecordingReplaysTheSameFromThePackAsFromTheFolder) {
  const std::string pack = packed(story_dir("tools_text"), "replayed");
  const std::string rec_path = temp_path("pack_replay.rec");
  const Outcome played =
      run({"text", pack, "--script", kTests + "/golden/tools_text.script", "--record", rec_path});
  ASSERT_EQ(played.code, 0) << played.err;
  EXPECT_EQ(played.out, slurp(kTests + "/golden/tools_text.transcript"));
  const Outcome from_folder = run({"replay", rec_path, story_dir("tools_text")});
  const Outcome from_pack = run({"replay", rec_path, pack});
  ASSERT_EQ(from_folder.code, 0) << from_folder.err;
  EXPECT_FALSE(from_folder.out.empty());
  EXPECT_EQ(from_pack.out, from_folder.out);
  EXPECT_EQ(from_pack.code, from_folder.code);
  std::remove(rec_path.c_str());
  std::remove(pack.c_str());
}

// The sound files a story names are found from the folder its pack is in: audio-render of the
// pack writes the same WAV, byte for byte, as of the folder.
TEST(Pack, ItsSoundsAreFoundBesideIt) {
  const std::string dir = temp_path("folder_audio");
  std::filesystem::remove_all(dir);
  std::filesystem::copy(story_dir("audio"), dir, std::filesystem::copy_options::recursive);
  ASSERT_EQ(run({"pack", dir, "-o", dir + "/story.pack"}).code, 0);
  const std::string yaml_wav = temp_path("audio_yaml.wav");
  const std::string pack_wav = temp_path("audio_pack.wav");
  const Outcome yaml =
      run({"audio-render", dir, "--scene", "file", "--seconds", "1", "--out", yaml_wav});
  const Outcome pack = run({"audio-render", dir + "/story.pack", "--scene", "file", "--seconds",
                            "1", "--out", pack_wav});
  ASSERT_EQ(yaml.code, 0) << yaml.err;
  ASSERT_EQ(pack.code, 0) << pack.err;
  const std::string wav = slurp(yaml_wav);
  EXPECT_GT(wav.size(), 44u);
  EXPECT_TRUE(wav == slurp(pack_wav)) << "the two WAVs differ";
  for (const std::string& p : {yaml_wav, pack_wav}) std::remove(p.c_str());
  std::filesystem::remove_all(dir);
}

TEST(Pack, AStoryThatDoesNotLoadIsNotPacked) {
  const std::string path = temp_path("bad.pack");
  const Outcome r = run({"pack", story_dir("tools_bad"), "-o", path});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(has(r.err, "the story was not loaded")) << r.err;
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
