// The story loader: good stories become the model a writer meant; bad ones give the exact
// diagnostics in tests/bad/<case>/expected.txt (THRESHOLD_REGEN=1 rewrites those files).
#include "threshold/story/loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/golden.h"
#include "tests/support/test_story.h"

namespace threshold::story {
namespace {

namespace fs = std::filesystem;

const std::string kTests = THRESHOLD_TESTS_DIR;

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
}

// The diagnostics as a writer reads them, with paths relative to the story folder.
std::string report(const LoadResult& r, const std::string& dir) {
  std::string out = r.diagnostics.format_all();
  const std::string prefix = dir + "/";
  for (size_t at = out.find(prefix); at != std::string::npos; at = out.find(prefix, at)) {
    out.erase(at, prefix.size());
  }
  return out;
}

// A story folder in a fresh temporary directory, removed afterwards.
class TempStory {
 public:
  TempStory() {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("threshold_loader_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "scenes");
  }
  ~TempStory() { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) const {
    write_text(dir_ / name, text);
  }
  std::string dir() const { return dir_.string(); }

 private:
  fs::path dir_;
};

constexpr const char* kMinimalStory = "title: T\nstart: a\n";
constexpr const char* kMinimalScene = "scene: a\nbeats:\n  - id: one\n    lines: [Hello.]\n";

const Beat& beat_of(const Story& s, const std::string& scene, const std::string& beat) {
  const Scene& sc = s.scenes.at(static_cast<size_t>(s.find_scene(scene)));
  return sc.beats.at(static_cast<size_t>(sc.find_beat(beat)));
}

const Gesture& gesture_of(const Beat& b, const std::string& id) {
  for (const Gesture& g : b.moment->gestures) {
    if (g.id == id) return g;
  }
  throw std::runtime_error("no gesture " + id);
}

// ---------------------------------------------------------------------------------------------
// Good stories

class LoaderBasic : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    result_ = new LoadResult(load_story(kTests + "/stories/loader_basic"));
  }
  static void TearDownTestSuite() {
    delete result_;
    result_ = nullptr;
  }
  const Story& story() { return test_support::loaded_story(*result_); }
  static LoadResult* result_;
};
LoadResult* LoaderBasic::result_ = nullptr;

TEST_F(LoaderBasic, LoadsWithoutDiagnostics) {
  EXPECT_EQ(result_->diagnostics.format_all(), "");
  ASSERT_TRUE(result_->story);
}

TEST_F(LoaderBasic, ManifestGivesTitleStartPacingAndEndings) {
  const Story& s = story();
  EXPECT_EQ(s.title, "Loader Basic");
  ASSERT_EQ(s.scenes.size(), 2u);
  EXPECT_EQ(s.scene(s.start).id, "kitchen_morning");
  EXPECT_DOUBLE_EQ(s.pacing.line_base, 1);
  EXPECT_DOUBLE_EQ(s.pacing.per_word, 0.5);
  EXPECT_DOUBLE_EQ(s.pacing.default_pause, 2);
  ASSERT_EQ(s.endings.size(), 2u);
  EXPECT_EQ(s.endings[0].id, "stayed");
  EXPECT_EQ(s.endings[0].title, "You Stayed");
  ASSERT_EQ(s.endings[0].reflection.size(), 2u);
  EXPECT_TRUE(s.endings[0].reflection[1].condition.has_value());
  EXPECT_EQ(s.endings[0].reflection[1].text->plain, "You never finished the coffee.");
}

TEST_F(LoaderBasic, VariableShorthandInfersTheTypeFromTheDefault) {
  const Story& s = story();
  ASSERT_EQ(s.variables.size(), 5u);
  const Variable& restless = s.variables[static_cast<size_t>(s.find_variable("restlessness"))];
  EXPECT_EQ(restless.type, Type::Number);
  EXPECT_EQ(restless.initial, Value(0.0));
  EXPECT_TRUE(restless.hidden);
  EXPECT_EQ(s.variables[static_cast<size_t>(s.find_variable("finished_coffee"))].type, Type::Bool);
  const Variable& mood = s.variables[static_cast<size_t>(s.find_variable("mood"))];
  EXPECT_EQ(mood.type, Type::String);
  EXPECT_EQ(mood.initial, Value("grey"));
  const Variable& courage = s.variables[static_cast<size_t>(s.find_variable("courage"))];
  EXPECT_EQ(courage.initial, Value(2.0));
  EXPECT_FALSE(courage.hidden);
  const Variable& note = s.variables[static_cast<size_t>(s.find_variable("note"))];
  EXPECT_EQ(note.type, Type::String);
  EXPECT_EQ(note.initial, Value(std::string()));
  EXPECT_EQ(s.symbols.find_variable("courage"), s.find_variable("courage"));
}

TEST_F(LoaderBasic, SceneKeepsPlaceTimeDayThingsAndReservedHooks) {
  const Story& s = story();
  const Scene& k = s.scene(s.find_scene("kitchen_morning"));
  EXPECT_EQ(k.place, "kitchen");
  EXPECT_EQ(k.time, TimeOfDay::Morning);
  EXPECT_EQ(k.day, 1);
  ASSERT_EQ(k.things.size(), 3u);
  EXPECT_EQ(k.things[0].id, "cup");
  EXPECT_EQ(k.things[0].name, "the cup");
  EXPECT_EQ(k.things[1].name, "the window");
  EXPECT_EQ(k.visual_at.line, 5);
  EXPECT_EQ(k.ambience_at.line, 6);
  EXPECT_EQ(s.sources.path(k.file), kTests + "/stories/loader_basic/scenes/a_kitchen.yaml");
  const Scene& street = s.scene(s.find_scene("street_morning"));
  EXPECT_EQ(street.time, TimeOfDay::Evening);
  EXPECT_EQ(street.visual_at.line, 0);  // not written
}

TEST_F(LoaderBasic, LinesAndPausesLingerByStoryPacingUnlessAuthored) {
  const Beat& b = beat_of(story(), "kitchen_morning", "kettle");
  ASSERT_EQ(b.lines.size(), 6u);
  // "The light is still blue." is five words: 1 + 0.5 * 5.
  EXPECT_EQ(b.lines[0].text->plain, "The light is still blue.");
  EXPECT_DOUBLE_EQ(b.lines[0].linger, 3.5);
  EXPECT_DOUBLE_EQ(b.lines[1].linger, 3);  // authored
  EXPECT_TRUE(b.lines[2].is_pause());
  EXPECT_DOUBLE_EQ(b.lines[2].linger, 4);
  EXPECT_TRUE(b.lines[3].is_pause());
  EXPECT_DOUBLE_EQ(b.lines[3].linger, 2);  // the story's default pause
  EXPECT_TRUE(b.lines[4].condition.has_value());
  EXPECT_EQ(b.lines[4].condition->source(), "visits(street_morning) > 1");
  // A quoted line points at its first character, not at the quote.
  EXPECT_EQ(b.lines[4].at.line, 21);
  EXPECT_EQ(b.lines[4].at.column, 16);
  ASSERT_TRUE(b.lines[5].text->parts.has_value());
  ASSERT_EQ(b.lines[5].text->parts->size(), 3u);
  EXPECT_TRUE((*b.lines[5].text->parts)[1].expr.has_value());
  ASSERT_EQ(b.effects.size(), 1u);
  EXPECT_EQ(b.effects[0].variable, story().find_variable("restlessness"));
  EXPECT_EQ(b.effects[0].op, Effect::Op::Add);
}

TEST_F(LoaderBasic, GesturesKeepKindThingSecondsAndWhereTheyLead) {
  const Story& s = story();
  const Scene& k = s.scene(s.find_scene("kitchen_morning"));
  const Beat& b = beat_of(s, "kitchen_morning", "cup_moment");
  ASSERT_TRUE(b.moment);
  ASSERT_EQ(b.moment->gestures.size(), 7u);
  EXPECT_TRUE(b.target.empty());

  const Gesture& finish = gesture_of(b, "finish_it");
  EXPECT_EQ(finish.kind, GestureKind::Touch);
  EXPECT_EQ(finish.thing, k.find_thing("cup"));
  EXPECT_EQ(finish.target.beat(), k.find_beat("leave"));
  ASSERT_EQ(finish.effects.size(), 2u);
  EXPECT_EQ(finish.effects[1].variable, s.find_variable("courage"));
  ASSERT_EQ(finish.lines.size(), 1u);

  const Gesture& short_hold = gesture_of(b, "short_hold");
  EXPECT_EQ(short_hold.kind, GestureKind::Hold);
  EXPECT_DOUBLE_EQ(short_hold.seconds, 2);
  EXPECT_EQ(short_hold.target.scene(), s.find_scene("street_morning"));

  const Gesture& long_hold = gesture_of(b, "long_hold");
  EXPECT_EQ(long_hold.target.ending(), s.find_ending("stayed"));
  ASSERT_TRUE(long_hold.condition);
  EXPECT_EQ(long_hold.condition->type(), Type::Bool);

  const Gesture& glance = gesture_of(b, "glance");
  EXPECT_EQ(glance.kind, GestureKind::Look);
  EXPECT_EQ(glance.thing, k.find_thing("window"));
  EXPECT_TRUE(glance.stay);
  EXPECT_TRUE(glance.target.empty());

  EXPECT_EQ(gesture_of(b, "falter").kind, GestureKind::Hesitate);
  EXPECT_EQ(gesture_of(b, "falter").thing, k.find_thing("door"));
  EXPECT_TRUE(gesture_of(b, "falter").target.empty());
  EXPECT_EQ(gesture_of(b, "first_silence").kind, GestureKind::Wait);
  EXPECT_DOUBLE_EQ(gesture_of(b, "first_silence").seconds, 3);
  EXPECT_EQ(gesture_of(b, "first_silence").thing, kNone);
  EXPECT_EQ(gesture_of(b, "away").kind, GestureKind::TurnAway);
  EXPECT_EQ(gesture_of(b, "away").target.ending(), s.find_ending("the_other_bus"));

  const Beat& leave = beat_of(s, "kitchen_morning", "leave");
  EXPECT_EQ(leave.target.scene(), s.find_scene("street_morning"));
  EXPECT_EQ(beat_of(s, "street_morning", "outside").target.ending(), s.find_ending("stayed"));
  EXPECT_EQ(beat_of(s, "street_morning", "outside").lines[0].text->plain, "The street: wet.");
}

TEST(Loader, SceneFilesAreReadInNameOrder) {
  TempStory t;
  t.write("story.yaml", kMinimalStory);
  t.write("scenes/b.yaml", "scene: b\nbeats: [{id: x}]\n");
  t.write("scenes/a.yaml", kMinimalScene);
  t.write("scenes/c.yaml", "scene: c\nbeats: [{id: x}]\n");
  LoadResult r = load_story(t.dir());
  ASSERT_TRUE(r.story) << r.diagnostics.format_all();
  ASSERT_EQ(r.story->scenes.size(), 3u);
  EXPECT_EQ(r.story->scenes[0].id, "a");
  EXPECT_EQ(r.story->scenes[1].id, "b");
  EXPECT_EQ(r.story->scenes[2].id, "c");
  EXPECT_EQ(r.story->symbols.find_scene("c"), 2);
}

// `count` beats, each with a misspelt key: `count` errors in one file.
std::string scene_with_misspelt_keys(const std::string& id, int count) {
  std::string text = "scene: " + id + "\nbeats:\n";
  for (int i = 0; i < count; ++i) {
    text += "  - {id: b" + std::to_string(i) + ", lines: [Hi.], lnger: 3}\n";
  }
  return text;
}

TEST(Loader, AStoryWithMoreThanAHundredErrorsPrintsAHundredThenHowManyMore) {
  TempStory t;
  t.write("story.yaml", kMinimalStory);
  t.write("scenes/a.yaml", kMinimalScene);
  t.write("scenes/b.yaml", scene_with_misspelt_keys("b", 150));  // past the cap in one file
  t.write("scenes/c.yaml", scene_with_misspelt_keys("c", 90));
  LoadResult r = load_story(t.dir());
  EXPECT_FALSE(r.story.has_value());
  EXPECT_EQ(r.diagnostics.error_count(), 240u);
  // Only what is printed is kept.
  EXPECT_EQ(r.diagnostics.items().size(), Diagnostics::kMaxErrors);
  const std::string out = r.diagnostics.format_all();
  size_t printed = 0;
  for (size_t at = out.find(": error["); at != std::string::npos;
       at = out.find(": error[", at + 1)) {
    ++printed;
  }
  EXPECT_EQ(printed, 100u);
  const size_t last = out.rfind('\n', out.size() - 2);
  EXPECT_EQ(out.substr(last + 1), "and 140 more errors\n");
}

TEST(Loader, DiagnosticsAreTheSameWhateverTheNumberOfThreads) {
  const std::string dir = kTests + "/bad/multiple_errors_in_one_file";
  LoadOptions one;
  one.threads = 1;
  LoadOptions four;
  four.threads = 4;
  const std::string expected = load_story(dir, one).diagnostics.format_all();
  EXPECT_NE(expected, "");
  EXPECT_EQ(load_story(dir, four).diagnostics.format_all(), expected);
}

TEST(Loader, AMisspeltDeclarationIsOneErrorWhateverTheNumberOfThreads) {
  // 40 scenes, three uses of `courage` each, where story.yaml declares `courag`, and one in
  // the `when:` of their place, which is compiled for each of them: the workers meet the uses in
  // chunks that depend on the thread count, and print the same one error for the 121 uses.
  TempStory t;
  t.write("story.yaml", "start: s0\nvariables:\n  courag: 0\n");
  t.write("places/room.yaml",
          "place: room\nvisual:\n  layers:\n"
          "    - { rect: [0, 0, 10, 10], color: \"#202020\", when: courage > 1 }\n");
  constexpr int kScenes = 40;
  for (int i = 0; i < kScenes; ++i) {
    t.write("scenes/s" + std::to_string(i) + ".yaml",
            "scene: s" + std::to_string(i) +
                "\nplace: room\nbeats:\n  - id: b\n    set: [courage += 1]\n    lines:\n"
                "      - text: 'Courage {courage}.'\n      - text: Again.\n"
                "        if: courage > 3\n");
  }
  std::string expected;
  for (unsigned threads : {1u, 2u, 8u}) {
    LoadOptions options;
    options.threads = threads;
    const LoadResult r = load_story(t.dir(), options);
    EXPECT_EQ(r.diagnostics.error_count(), 1u) << threads;
    const std::string got = report(r, t.dir());
    if (expected.empty()) expected = got;
    EXPECT_EQ(got, expected) << threads << " threads";
  }
  EXPECT_EQ(expected,
            "places/room.yaml:4:55: error[T0306]: unknown variable 'courage'; did you mean "
            "'courag'?\n"
            "        - { rect: [0, 0, 10, 10], color: \"#202020\", when: courage > 1 }\n"
            "                                                          ^\n"
            "note: and 120 more uses of 'courage'\n"
            "story.yaml:3:3: note: 'courag' is declared here; if 'courage' is the name you "
            "meant, correct it here\n"
            "      courag: 0\n"
            "      ^\n");
}

TEST(Loader, ManyScenesInParallelLinkAcrossFiles) {
  TempStory t;
  constexpr int kScenes = 200;
  t.write("story.yaml", "start: s0\nvariables:\n  n: 0\n");
  for (int i = 0; i < kScenes; ++i) {
    std::string next = "s" + std::to_string((i + 1) % kScenes);
    t.write("scenes/s" + std::to_string(i) + ".yaml",
            "scene: s" + std::to_string(i) +
                "\nbeats:\n  - id: b\n    set: [n += 1]\n"
                "    lines:\n      - text: Again.\n        if: visits(" +
                next + ") < 3\n    go: " + next + "\n");
  }
  LoadOptions options;
  options.threads = 3;
  LoadResult r = load_story(t.dir(), options);
  ASSERT_TRUE(r.story) << r.diagnostics.format_all();
  ASSERT_EQ(r.story->scenes.size(), static_cast<size_t>(kScenes));
  for (int i = 0; i < kScenes; ++i) {
    // File names sort as text: s0, s1, s10, s100, ...; each scene still goes to its successor.
    const Scene& sc = r.story->scene(i);
    const int n = std::stoi(sc.id.substr(1));
    const SceneId next = sc.beats[0].target.scene();
    ASSERT_NE(next, kNone) << sc.id;
    EXPECT_EQ(r.story->scene(next).id, "s" + std::to_string((n + 1) % kScenes));
  }
}

// ---------------------------------------------------------------------------------------------
// Bad stories made at test time (too big to commit, or needing a temp dir)

TEST(Loader, AnErrorInAFilePastTheThirtyThousandThStillNamesItsFileAndLine) {
  // Positions once held the file in 16 bits: past 32,767 files an error had no file and no
  // line. 33,000 scene files of one line each; the last one's condition names no variable.
  TempStory t;
  constexpr int kScenes = 33000;
  t.write("story.yaml", "start: s00000\n");
  const std::string scenes = t.dir() + "/scenes/";
  char name[32];
  for (int i = 0; i < kScenes; ++i) {
    std::snprintf(name, sizeof name, "s%05d", i);
    const std::string id = name;
    const std::string text = i + 1 < kScenes
                                 ? "{scene: " + id + ", beats: [{id: b}]}\n"
                                 : "scene: " + id + "\nbeats:\n  - id: b\n    lines:\n" +
                                       "      - {text: Hi., if: corage > 1}\n";
    // Plain stdio, not write(): 33,000 files must be written in well under a second.
    std::FILE* f = std::fopen((scenes + id + ".yaml").c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  LoadResult r = load_story(t.dir());
  EXPECT_FALSE(r.story.has_value());
  const std::string out = report(r, t.dir());
  EXPECT_EQ(out.substr(0, out.find('\n')),
            "scenes/s32999.yaml:5:25: error[T0306]: unknown variable 'corage'");
}

TEST(Loader, AFileOverTheSizeLimitIsRefusedWithItsSize) {
  TempStory t;
  t.write("story.yaml", kMinimalStory);
  std::string big = "scene: a\nbeats:\n  - id: one\n    lines:\n";
  while (big.size() < (12u << 20))
    big += "      - A line that is there only to make the file large.\n";
  big.resize(12u << 20);
  t.write("scenes/a.yaml", big);
  LoadResult r = load_story(t.dir());
  EXPECT_FALSE(r.story);
  EXPECT_EQ(report(r, t.dir()),
            "scenes/a.yaml: error[T0002]: file is 12.0 MiB; story files are limited to 8 MiB\n");
}

TEST(Loader, TheSizeLimitIsAnOption) {
  TempStory t;
  t.write("story.yaml", kMinimalStory);
  t.write("scenes/a.yaml", kMinimalScene);
  LoadOptions options;
  options.max_file_bytes = 20;
  LoadResult r = load_story(t.dir(), options);
  EXPECT_EQ(report(r, t.dir()),
            "scenes/a.yaml: error[T0002]: file is 48 bytes; story files are limited to 20 bytes\n");
}

TEST(Loader, AbsurdNestingIsRefusedAtTheLevelThatIsTooDeep) {
  for (int depth : {65, 400, 5000}) {
    TempStory t;
    t.write("story.yaml", kMinimalStory);
    std::string deep = "scene: a\nvisual: ";
    deep += std::string(static_cast<size_t>(depth), '[');
    deep += std::string(static_cast<size_t>(depth), ']');
    deep += "\nbeats: [{id: x}]\n";
    t.write("scenes/a.yaml", deep);
    LoadResult r = load_story(t.dir());
    EXPECT_FALSE(r.story);
    ASSERT_EQ(r.diagnostics.items().size(), 1u) << "depth " << depth;
    const Diagnostic& d = r.diagnostics.items()[0];
    EXPECT_EQ(d.message, "nesting deeper than 64 levels; no story needs this much");
    // The root mapping is level 1, so the 64th '[' (column 8 + 64) is level 65.
    EXPECT_EQ(d.line, 2);
    EXPECT_EQ(d.column, 72) << "depth " << depth;
  }
}

TEST(Loader, YamlCppsOwnRecursionLimitIsTranslated) {
  TempStory t;
  t.write("story.yaml", kMinimalStory);
  std::string deep = "scene: a\nvisual: " + std::string(3000, '[') + std::string(3000, ']') + "\n";
  t.write("scenes/a.yaml", deep);
  LoadOptions options;
  options.max_depth = 100000;  // let yaml-cpp's own guard fire first
  LoadResult r = load_story(t.dir(), options);
  EXPECT_FALSE(r.story);
  ASSERT_EQ(r.diagnostics.items().size(), 1u);
  EXPECT_EQ(r.diagnostics.items()[0].message,
            "nesting deeper than 100000 levels; no story needs this much");
  EXPECT_EQ(r.diagnostics.items()[0].line, 2);
}

TEST(Loader, MissingStoryFolderIsOneClearError) {
  LoadResult r = load_story("/nonexistent/threshold/story");
  EXPECT_FALSE(r.story);
  EXPECT_EQ(r.diagnostics.format_all(),
            "/nonexistent/threshold/story: error[T0006]: story folder not found\n");
}

TEST(Loader, YmlFilesAreIgnoredWithAWarning) {
  TempStory t;
  t.write("story.yaml", kMinimalStory);
  t.write("scenes/a.yaml", kMinimalScene);
  t.write("scenes/b.yml", "scene: b\n");
  LoadResult r = load_story(t.dir());
  ASSERT_TRUE(r.story);
  EXPECT_EQ(report(r, t.dir()),
            "scenes/b.yml: warning: ignored: scene files end in '.yaml', not '.yml'\n");
}

TEST(LoaderRobustness, EveryTruncationOfAGoodSceneLoadsOrReportsWithoutCrashing) {
  const std::string good = read_text(kTests + "/stories/loader_basic/scenes/a_kitchen.yaml");
  const std::string manifest = read_text(kTests + "/stories/loader_basic/story.yaml");
  const std::string street = read_text(kTests + "/stories/loader_basic/scenes/b_street.yaml");
  TempStory t;
  t.write("story.yaml", manifest);
  t.write("scenes/b_street.yaml", street);
  size_t loaded = 0, refused = 0;
  for (size_t n = 1; n < good.size(); n += 11) {
    t.write("scenes/a_kitchen.yaml", good.substr(0, n));
    LoadResult r = load_story(t.dir());
    if (r.story) {
      ++loaded;
    } else {
      ++refused;
      EXPECT_TRUE(r.diagnostics.has_errors()) << "refused without an error at " << n;
    }
  }
  EXPECT_GT(refused, 0u);
}

TEST(LoaderRobustness, WindowsLineEndingsAndAByteOrderMarkAreAccepted) {
  TempStory t;
  t.write("story.yaml", "\xEF\xBB\xBFtitle: T\r\nstart: a\r\n");
  t.write("scenes/a.yaml",
          "scene: a\r\nbeats:\r\n  - id: one\r\n    lines:\r\n      - Hello there.\r\n");
  LoadResult r = load_story(t.dir());
  ASSERT_TRUE(r.story) << r.diagnostics.format_all();
  EXPECT_EQ(r.story->scenes[0].beats[0].lines[0].text->plain, "Hello there.");
}

TEST(LoaderRobustness, ScalarsAndListsWhereMappingsBelongAreReportedNotCrashedOn) {
  TempStory t;
  t.write("story.yaml", "- just a list\n");
  t.write("scenes/a.yaml", "just text\n");
  t.write("scenes/b.yaml",
          "scene: b\nthings: [cup]\nbeats:\n  - lines: {a: b}\n  - 3\n  - id: x\n"
          "    moment: [touch]\n  - id: y\n    moment:\n      gestures: wait\n");
  LoadResult r = load_story(t.dir());
  EXPECT_FALSE(r.story);
  EXPECT_EQ(report(r, t.dir()),
            "scenes/a.yaml:1:1: error[T0106]: a scene file must be a mapping of keys (scene:, "
            "beats:, ...), "
            "got 'just text'\n    just text\n    ^\n"
            "scenes/b.yaml:2:9: error[T0106]: 'things' must be a mapping of keys, got a list\n"
            "    things: [cup]\n            ^\n"
            "scenes/b.yaml:4:5: error[T0103]: beat needs an 'id' (a word, unique in this scene)\n"
            "      - lines: {a: b}\n        ^\n"
            "scenes/b.yaml:5:5: error[T0106]: a beat must be a mapping of keys, got '3'\n      - "
            "3\n        ^\n"
            "scenes/b.yaml:7:13: error[T0106]: 'moment' must be a mapping of keys, got a list\n"
            "        moment: [touch]\n                ^\n"
            "scenes/b.yaml:10:17: error[T0106]: 'gestures' must be a list of gestures, got 'wait'\n"
            "          gestures: wait\n                    ^\n"
            "story.yaml:1:1: error[T0106]: story.yaml must be a mapping of keys (title:, start:, "
            "...), got a "
            "list\n    - just a list\n    ^\n");
}

// ---------------------------------------------------------------------------------------------
// Media stay inside the story folder, after links are followed (the `..` and absolute cases
// are in tests/bad/paths_leave_the_story; links cannot be committed portably, so these make
// theirs at run time).

constexpr const char* kPictureScene =
    "scene: a\n"
    "visual:\n"
    "  layers:\n"
    "    - image: %s\n"
    "      rect: [0, 0, 10, 10]\n"
    "beats:\n  - id: one\n    lines: [Hello.]\n";

std::string picture_scene(const std::string& image) {
  std::string scene = kPictureScene;
  scene.replace(scene.find("%s"), 2, image);
  return scene;
}

const std::string kPicture = kTests + "/bad/visual_image/pictures/window.png";

TEST(LoaderConfinement, AFileOrFolderLinkedFromOutsideTheStoryIsOneErrorAtItsKey) {
  TempStory outside;
  fs::copy_file(kPicture, fs::path(outside.dir()) / "secret.png");
  outside.write("rain.wav", "RIFF");
  TempStory t;
  t.write("story.yaml", kMinimalStory);
  fs::create_directories(fs::path(t.dir()) / "pictures");
  fs::create_symlink(fs::path(outside.dir()) / "secret.png",
                     fs::path(t.dir()) / "pictures" / "secret.png");
  fs::create_directory_symlink(outside.dir(), fs::path(t.dir()) / "shared");
  t.write("scenes/a.yaml",
          "scene: a\n"
          "visual:\n"
          "  layers:\n"
          "    - image: pictures/secret.png\n"
          "      rect: [0, 0, 10, 10]\n"
          "    - image: shared/secret.png\n"
          "      rect: [0, 0, 10, 10]\n"
          "ambience:\n"
          "  tone:\n"
          "    - { file: shared/rain.wav }\n"
          "beats:\n  - id: one\n    lines: [Hello.]\n");
  const LoadResult r = load_story(t.dir());
  EXPECT_FALSE(r.story.has_value());
  EXPECT_EQ(
      report(r, t.dir()),
      "scenes/a.yaml:4:14: error[T0501]: image 'pictures/secret.png' is a link that leads out of "
      "the story folder; copy the file into the story instead\n"
      "        - image: pictures/secret.png\n"
      "                 ^\n"
      "scenes/a.yaml:6:14: error[T0501]: image 'shared/secret.png' is a link that leads out of the "
      "story folder; copy the file into the story instead\n"
      "        - image: shared/secret.png\n"
      "                 ^\n"
      "scenes/a.yaml:10:15: error[T0501]: sound 'shared/rain.wav' is a link that leads out of the "
      "story folder; copy the file into the story instead\n"
      "        - { file: shared/rain.wav }\n"
      "                  ^\n");
}

// A place's shape that names a thing misspelt is one error, at the shape: the scene's thing is
// not also warned of for having no place in the frame, with or without a visual of its own
// over the place's (tests/bad/place_shape_names_a_misspelt_thing has the one without).
TEST(LoaderPlaces, AMisspeltShapeThingIsOneErrorWhenTheSceneAddsToThePlacesVisual) {
  TempStory t;
  t.write("story.yaml", "title: T\nstart: kitchen\nendings:\n  out:\n    title: Out\n");
  t.write("places/kitchen.yaml",
          "place: kitchen\nvisual:\n  layers:\n"
          "    - { rect: [0, 0, 100, 100], color: \"#202020\", thing: kettel }\n");
  t.write("scenes/kitchen.yaml",
          "scene: kitchen\nplace: kitchen\n"
          "visual:\n  add:\n    - { rect: [0, 0, 10, 10], color: \"#101010\" }\n"
          "things:\n  kettle: the kettle\n"
          "beats:\n  - id: a\n    lines: [The kettle.]\n    moment:\n      gestures:\n"
          "        - id: touch_it\n          touch: kettle\n          end: out\n");
  const LoadResult r = load_story(t.dir());
  EXPECT_EQ(report(r, t.dir()),
            "places/kitchen.yaml:4:58: error[T0303]: unknown thing 'kettel': no scene at place "
            "'kitchen' has it; did you mean 'kettle'?\n"
            "        - { rect: [0, 0, 100, 100], color: \"#202020\", thing: kettel }\n"
            "                                                             ^\n");
}

// The game's own assets folder (LoadOptions::assets_dir) is the second place a story's media
// may be, named from the story folder as the bundled story names it: `../assets/...` from data/.
TEST(LoaderConfinement, TheGamesAssetsAreASecondRootAndNothingOutsideBothIs) {
  TempStory game;  // game/data is the story, game/assets the game's assets
  const fs::path root(game.dir());
  fs::create_directories(root / "data" / "scenes");
  fs::create_directories(root / "assets" / "sounds");
  fs::create_directories(root / "outside");
  fs::copy_file(kPicture, root / "assets" / "window.png");
  fs::copy_file(kTests + "/stories/audio/sounds/a440.wav", root / "assets" / "sounds" / "a440.wav");
  fs::copy_file(kPicture, root / "outside" / "secret.png");
  write_text(root / "data" / "story.yaml", kMinimalStory);
  const std::string data = (root / "data").string();
  const std::string scene =
      "scene: a\n"
      "visual:\n"
      "  layers:\n"
      "    - image: ../assets/window.png\n"
      "      rect: [0, 0, 10, 10]\n"
      "ambience:\n"
      "  tone:\n"
      "    - { file: ../assets/sounds/a440.wav }\n"
      "beats:\n  - id: one\n    lines: [Hello.]\n";
  write_text(root / "data" / "scenes" / "a.yaml", scene);
  LoadOptions options;
  options.assets_dir = (root / "assets").string();
  const LoadResult with = load_story(data, options);
  ASSERT_TRUE(with.story.has_value()) << with.diagnostics.format_all();
  const Scene& a = with.story->scenes.at(0);
  EXPECT_EQ(a.visual.layers.at(0).image.str(),
            fs::canonical(root / "assets" / "window.png").string());
  EXPECT_EQ(a.ambience.tone.at(0).file,
            fs::canonical(root / "assets" / "sounds" / "a440.wav").string());

  // Without the assets folder, the same paths leave the story.
  const LoadResult without = load_story(data);
  EXPECT_FALSE(without.story.has_value());
  EXPECT_EQ(without.diagnostics.error_count(), 2u) << without.diagnostics.format_all();

  // `..` out of both folders is still refused, whatever the assets folder.
  std::string outside = scene;
  outside.replace(outside.find("../assets/window.png"), 20, "../outside/secret.png");
  write_text(root / "data" / "scenes" / "a.yaml", outside);
  const LoadResult out = load_story(data, options);
  EXPECT_FALSE(out.story.has_value());
  EXPECT_EQ(
      report(out, data),
      "scenes/a.yaml:4:14: error[T0501]: image '../outside/secret.png' leads out of the story "
      "folder; keep the story's files inside it\n"
      "        - image: ../outside/secret.png\n"
      "                 ^\n");
}

// Fonts are found where the loader listed them (Story::font_folders, what the renderer and
// `check` open): the story's fonts/, then the game's assets' fonts/, confined like any file.
TEST(LoaderConfinement, TheStorysFontsFolderIsListedBeforeTheGamesAndMayNotLeadOut) {
  TempStory game;
  const fs::path root(game.dir());
  fs::create_directories(root / "data" / "scenes");
  fs::create_directories(root / "data" / "fonts");
  fs::create_directories(root / "assets" / "fonts");
  fs::create_directories(root / "outside");
  write_text(root / "data" / "story.yaml", kMinimalStory);
  write_text(root / "data" / "scenes" / "a.yaml",
             "scene: a\nbeats:\n  - id: one\n    lines: [Hi.]\n");
  const std::string data = (root / "data").string();
  LoadOptions options;
  options.assets_dir = (root / "assets").string();
  const LoadResult both = load_story(data, options);
  ASSERT_TRUE(both.story.has_value()) << both.diagnostics.format_all();
  EXPECT_EQ(both.story->font_folders,
            (std::vector<std::string>{fs::canonical(root / "data" / "fonts").string(),
                                      fs::canonical(root / "assets" / "fonts").string()}));
  // Not `data/../assets/fonts` by a join of its own: without the assets folder, the story's only.
  const LoadResult own = load_story(data);
  ASSERT_TRUE(own.story.has_value()) << own.diagnostics.format_all();
  EXPECT_EQ(own.story->font_folders,
            std::vector<std::string>{fs::canonical(root / "data" / "fonts").string()});

  // A fonts/ that is a link out of the story is an error at it, as an image's would be.
  fs::remove(root / "data" / "fonts");
  fs::create_directory_symlink(root / "outside", root / "data" / "fonts");
  const LoadResult out = load_story(data, options);
  EXPECT_FALSE(out.story.has_value());
  EXPECT_EQ(report(out, data),
            "fonts: error[T0501]: the story's 'fonts' folder is a link that leads out of the story "
            "folder; copy the fonts into the story instead\n");
  // A link into the game's assets is fine: they are the story's second root.
  fs::remove(root / "data" / "fonts");
  fs::create_directory_symlink(root / "assets" / "fonts", root / "data" / "fonts");
  const LoadResult in_assets = load_story(data, options);
  ASSERT_TRUE(in_assets.story.has_value()) << in_assets.diagnostics.format_all();
  EXPECT_EQ(in_assets.story->font_folders,
            std::vector<std::string>{fs::canonical(root / "assets" / "fonts").string()});
  // A file where the folder should be: a warning, and the system's serif serves.
  fs::remove(root / "data" / "fonts");
  write_text(root / "data" / "fonts", "EB Garamond");
  const LoadResult file = load_story(data);
  ASSERT_TRUE(file.story.has_value()) << file.diagnostics.format_all();
  EXPECT_TRUE(file.story->font_folders.empty());
  EXPECT_EQ(report(file, data),
            "fonts: warning[T0502]: 'fonts' is a file, not a folder: the game looks for the "
            "story's fonts in a folder 'fonts/', and uses the system's serif until there is one\n");
}

TEST(LoaderConfinement, APathThatStaysInsideTheStoryLoadsAsTheFileItResolvesTo) {
  TempStory t;
  t.write("story.yaml", kMinimalStory);
  fs::create_directories(fs::path(t.dir()) / "images");
  fs::create_directories(fs::path(t.dir()) / "sub");
  fs::copy_file(kPicture, fs::path(t.dir()) / "images" / "a.png");
  // A link that stays inside is fine: only where it leads counts.
  fs::create_symlink("a.png", fs::path(t.dir()) / "images" / "alias.png");
  const std::string resolved = fs::canonical(fs::path(t.dir()) / "images" / "a.png").string();
  for (const std::string image : {"images/a.png", "sub/../images/a.png", "images/alias.png"}) {
    t.write("scenes/a.yaml", picture_scene(image));
    const LoadResult r = load_story(t.dir());
    ASSERT_TRUE(r.story.has_value()) << image << "\n" << r.diagnostics.format_all();
    const Scene& scene = r.story->scenes.at(0);
    ASSERT_EQ(scene.visual.layers.size(), 1u);
    EXPECT_EQ(scene.visual.layers[0].image.str(), resolved) << image;
  }
}

TEST(LoaderConfinement, AStoryFolderReachedThroughALinkStillFindsItsOwnFiles) {
  TempStory t;
  t.write("story.yaml", kMinimalStory);
  fs::create_directories(fs::path(t.dir()) / "images");
  fs::copy_file(kPicture, fs::path(t.dir()) / "images" / "a.png");
  t.write("scenes/a.yaml", picture_scene("images/a.png"));
  TempStory holder;
  const fs::path link = fs::path(holder.dir()) / "story";
  fs::create_directory_symlink(t.dir(), link);
  const LoadResult r = load_story(link.string());
  EXPECT_TRUE(r.story.has_value()) << r.diagnostics.format_all();
}

// ---------------------------------------------------------------------------------------------
// The corpus: every tests/bad/<case> gives exactly its expected.txt

std::vector<std::string> bad_cases() {
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(kTests + "/bad")) {
    if (e.is_directory()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(LoaderCorpus, HasAtLeastTwentyEightCases) {
  EXPECT_GE(bad_cases().size(), 28u);
}

TEST(LoaderCorpus, EveryBadStoryGivesExactlyItsExpectedDiagnostics) {
  for (const std::string& name : bad_cases()) {
    SCOPED_TRACE(name);
    const std::string dir = kTests + "/bad/" + name;
    LoadResult r = load_story(dir);
    EXPECT_FALSE(r.story.has_value()) << "a bad story loaded";
    EXPECT_TRUE(r.diagnostics.has_errors());
    const std::string got = report(r, dir);
    test_support::expect_matches_golden(fs::path(dir) / "expected.txt", got);
  }
}

TEST(LoaderCorpus, ErrorsPointAtTheFileTheyAreAbout) {
  // Every positioned diagnostic quotes a line that exists in its file.
  for (const std::string& name : bad_cases()) {
    const std::string dir = kTests + "/bad/" + name;
    LoadResult r = load_story(dir);
    for (const Diagnostic& d : r.diagnostics.items()) {
      if (d.line == 0) continue;
      EXPECT_TRUE(fs::exists(d.file)) << name << ": " << d.file;
      EXPECT_FALSE(d.source_line.empty() && d.column > 1) << name << ": " << d.format();
    }
  }
}

}  // namespace
}  // namespace threshold::story
