// chose(): the memory of acts. Names a gesture of its own scene or of another, counts how often
// the player chose it, and the count survives saves, rewinds and edits of the story; only the
// gestures some chose() reads are counted, and the explorer tracks only those that steer.
// Uses tests/stories/chose_memory and small stories written to a temporary folder.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/test_story.h"
#include "threshold/story/explorer.h"
#include "threshold/story/loader.h"
#include "threshold/story/runtime.h"
#include "threshold/story/save.h"

namespace threshold::story {
namespace {

namespace fs = std::filesystem;

Story load_dir(const std::string& dir) {
  return test_support::load_test_story_at(dir);
}

const Story& memory() {
  static const Story story = load_dir(std::string(THRESHOLD_TESTS_DIR) + "/stories/chose_memory");
  return story;
}

// Takes the offered gesture `id` of the open moment, then shows every line up to the next one.
void take(Runtime& rt, const std::string& id) {
  ASSERT_TRUE(rt.in_moment()) << "no moment open for " << id;
  std::vector<Event> out;
  for (int32_t g : rt.offered()) {
    if (rt.moment()->gestures[static_cast<size_t>(g)].id == id) {
      rt.choose(g, out);
      rt.fast_forward(out);
      return;
    }
  }
  FAIL() << id << " is not offered";
}

Runtime started(const Story& story) {
  Runtime rt(story);
  std::vector<Event> out = rt.start();
  rt.fast_forward(out);
  return rt;
}

double chose(const Runtime& rt, const std::string& scene, const std::string& gesture) {
  const Story& s = rt.story();
  return rt.env().chose(s.symbols.find_gesture(s.find_scene(scene), gesture));
}

bool offered(const Runtime& rt, const std::string& id) {
  for (int32_t g : rt.offered()) {
    if (rt.moment()->gestures[static_cast<size_t>(g)].id == id) return true;
  }
  return false;
}

// A story in a fresh temporary folder: story.yaml and one scene file per entry.
class TempStory {
 public:
  TempStory(const std::string& story_yaml, const std::vector<std::string>& scenes) {
    dir_ = fs::temp_directory_path() /
           ("threshold_chose_" + std::to_string(::getpid()) + "_" + std::to_string(count_++));
    fs::create_directories(dir_ / "scenes");
    std::ofstream(dir_ / "story.yaml") << story_yaml;
    for (size_t i = 0; i < scenes.size(); ++i) {
      std::ofstream(dir_ / "scenes" / ("s" + std::to_string(i) + ".yaml")) << scenes[i];
    }
  }
  ~TempStory() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string dir() const { return dir_.string(); }
  LoadResult load() const { return load_story(dir()); }

 private:
  fs::path dir_;
  static inline int count_ = 0;
};

const char* kStoryYaml =
    "title: T\nstart: room\nendings:\n  done:\n    title: Done\n    epilogue: [Over.]\n";

// A room with a lamp that can be touched any number of times; `extra` is added to the beat that
// loops, to read (or not) what was chosen.
std::string room(const std::string& lamp_extra, const std::string& line) {
  return "scene: room\nplace: room\nthings:\n  lamp: the lamp\n  door: the door\nbeats:\n"
         "  - id: sit\n    lines: ['" +
         line +
         "']\n    moment:\n      gestures:\n"
         "        - id: touch_lamp\n          touch: lamp\n          then: sit\n" +
         lamp_extra + "        - id: leave\n          touch: door\n          end: done\n";
}

// ---- compiling --------------------------------------------------------------------------------

TEST(Chose, AnUnknownGestureIsADiagnosticAtItsColumnWithDidYouMean) {
  TempStory t(kStoryYaml, {room("          if: chose(touch_lmp) < 3\n", "A room.")});
  const LoadResult r = t.load();
  ASSERT_FALSE(r.story.has_value());
  ASSERT_EQ(r.diagnostics.items().size(), 1u) << r.diagnostics.format_all();
  const Diagnostic& d = r.diagnostics.items()[0];
  EXPECT_EQ(d.line, 14);
  EXPECT_EQ(d.column, 21);  // the 't' of touch_lmp
  EXPECT_NE(d.message.find("unknown gesture 'touch_lmp' in chose()"), std::string::npos)
      << d.message;
  EXPECT_NE(d.message.find("did you mean 'touch_lamp'"), std::string::npos) << d.message;
}

TEST(Chose, AnUnknownSceneOrAMissingSceneIsADiagnostic) {
  {
    TempStory t(kStoryYaml, {room("", "{chose(rom.touch_lamp)}")});
    const LoadResult r = t.load();
    ASSERT_FALSE(r.story.has_value());
    EXPECT_NE(
        r.diagnostics.format_all().find("unknown scene 'rom' in chose(); did you mean 'room'"),
        std::string::npos)
        << r.diagnostics.format_all();
  }
  {
    // An ending is in no scene: it must say whose gesture it means.
    const std::string story = std::string(kStoryYaml) + "    reflection: ['{chose(touch_lamp)}']\n";
    TempStory t(story, {room("", "A room.")});
    const LoadResult r = t.load();
    ASSERT_FALSE(r.story.has_value());
    EXPECT_NE(r.diagnostics.format_all().find(
                  "chose(touch_lamp) needs its scene here: write chose(room.touch_lamp)"),
              std::string::npos)
        << r.diagnostics.format_all();
  }
  {
    TempStory t(kStoryYaml, {room("          if: chose(1) < 3\n", "A room.")});
    const LoadResult r = t.load();
    ASSERT_FALSE(r.story.has_value());
    EXPECT_NE(r.diagnostics.format_all().find("chose() takes one gesture id"), std::string::npos)
        << r.diagnostics.format_all();
  }
}

// ---- counting ---------------------------------------------------------------------------------

TEST(Chose, CountsHowOftenEachReadGestureWasChosen) {
  Runtime rt = started(memory());
  EXPECT_EQ(chose(rt, "kitchen", "drink"), 0);
  take(rt, "drink");
  take(rt, "drink");
  take(rt, "pour");
  EXPECT_EQ(chose(rt, "kitchen", "drink"), 2);
  EXPECT_EQ(chose(rt, "kitchen", "pour"), 1);
  // Its own scene's drink, not the hall's gesture of the same id.
  take(rt, "drink");
  EXPECT_EQ(chose(rt, "kitchen", "drink"), 3);
  EXPECT_FALSE(offered(rt, "pour"));  // if: chose(drink) < 3
  take(rt, "leave");
  take(rt, "drink");  // the hall's drink: the kitchen's count stays
  EXPECT_EQ(chose(rt, "kitchen", "drink"), 3);
  ASSERT_TRUE(rt.state().ending >= 0);
  const std::vector<std::string> lines = reflection_lines(rt, rt.state().ending);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "You drank it, three times.");
}

TEST(Chose, ALineShowsTheCountOfItsOwnScenesGesture) {
  Runtime rt(memory());
  std::vector<Event> out = rt.start();
  rt.fast_forward(out);
  out.clear();
  for (int32_t g : rt.offered()) {
    if (rt.moment()->gestures[static_cast<size_t>(g)].id == "drink") {
      rt.choose(g, out);
      break;
    }
  }
  rt.fast_forward(out);
  bool shown = false;
  for (const Event& e : out) shown |= e.kind == EventKind::LineShown && e.text == "Drunk 1 times.";
  EXPECT_TRUE(shown);
}

TEST(Chose, OnlyTheGesturesSomeChoseReadsAreCounted) {
  const Story& s = memory();
  // kitchen.drink and kitchen.pour are read; hold_it, leave and the hall's drink are not.
  EXPECT_EQ(s.chose_keys.size(), 2u);
  EXPECT_EQ(s.chose_slot(s.symbols.find_gesture(s.find_scene("kitchen"), "hold_it")), -1);
  Runtime rt = started(s);
  EXPECT_EQ(rt.state().chose.size(), 2u);

  TempStory t(kStoryYaml, {room("", "A room.")});
  const LoadResult r = t.load();
  ASSERT_TRUE(r.story.has_value()) << r.diagnostics.format_all();
  EXPECT_TRUE(r.story->chose_keys.empty());
  EXPECT_TRUE(started(*r.story).state().chose.empty());
}

TEST(Chose, RewindingToACopyOfTheStateRewindsTheCounts) {
  Runtime rt = started(memory());
  take(rt, "drink");
  const State before = rt.state();
  take(rt, "drink");
  take(rt, "drink");
  EXPECT_EQ(chose(rt, "kitchen", "drink"), 3);
  rt.restore(before);
  EXPECT_EQ(chose(rt, "kitchen", "drink"), 1);
  EXPECT_TRUE(offered(rt, "pour"));
}

// ---- saves ------------------------------------------------------------------------------------

TEST(Chose, CountsSurviveASaveByAuthoredIds) {
  Runtime rt = started(memory());
  take(rt, "drink");
  take(rt, "drink");
  take(rt, "pour");
  const std::string text = save_to_text(memory(), rt.state());
  EXPECT_NE(text.find("\nchose kitchen drink 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nchose kitchen pour 1\n"), std::string::npos) << text;
  const LoadedSave loaded = load_from_text(memory(), text);
  ASSERT_TRUE(loaded.ok) << loaded.error;
  EXPECT_EQ(loaded.state.chose, rt.state().chose);
}

TEST(Chose, AnOldSaveWithoutCountsHasThemRebuiltFromItsHistory) {
  Runtime rt = started(memory());
  take(rt, "drink");
  take(rt, "pour");
  take(rt, "drink");
  std::string text = save_to_text(memory(), rt.state());
  // As version 1 wrote it: no chose lines.
  text.replace(text.find("threshold-save 2"), 16, "threshold-save 1");
  for (size_t at; (at = text.find("chose ")) != std::string::npos;) {
    text.erase(at, text.find('\n', at) - at + 1);
  }
  const LoadedSave loaded = load_from_text(memory(), text);
  ASSERT_TRUE(loaded.ok) << loaded.error;
  EXPECT_EQ(loaded.state.chose, rt.state().chose);
}

TEST(Chose, ASaveFromBeforeAnEditThatReadsAGestureIsRepairedFromItsHistory) {
  // Played and saved when nothing read the lamp; then the writer adds a chose() of it.
  TempStory before(kStoryYaml, {room("", "A room.")});
  TempStory after(kStoryYaml, {room("", "Lit {chose(touch_lamp)} times.")});
  const LoadResult b = before.load(), a = after.load();
  ASSERT_TRUE(b.story && a.story) << b.diagnostics.format_all() << a.diagnostics.format_all();
  Runtime rt = started(*b.story);
  take(rt, "touch_lamp");
  take(rt, "touch_lamp");
  EXPECT_TRUE(rt.state().chose.empty());
  const LoadedSave loaded = load_from_text(*a.story, save_to_text(*b.story, rt.state()));
  ASSERT_TRUE(loaded.ok) << loaded.error;
  ASSERT_EQ(loaded.state.chose.size(), 1u);
  EXPECT_EQ(loaded.state.chose[0], 2);
}

// ---- the explorer -----------------------------------------------------------------------------

TEST(Chose, TheExplorerTracksOnlyTheCountsThatSteerTheStory) {
  // A lamp touched in a loop: without a chose() the loop is one state; a line that shows the
  // count does not steer, so it adds none; a condition that stops the lamp at 3 adds exactly the
  // counts 0..3.
  TempStory plain(kStoryYaml, {room("", "A room.")});
  TempStory shown(kStoryYaml, {room("", "Lit {chose(touch_lamp)} times.")});
  const std::string capped =
      "scene: room\nplace: room\nthings:\n  lamp: the lamp\n  door: the door\nbeats:\n"
      "  - id: sit\n    lines: ['A room.']\n    moment:\n      gestures:\n"
      "        - id: touch_lamp\n          touch: lamp\n          if: chose(touch_lamp) < 3\n"
      "          then: sit\n"
      "        - id: leave\n          touch: door\n          end: done\n";
  TempStory counted(kStoryYaml, {capped});
  const LoadResult p = plain.load(), s = shown.load(), c = counted.load();
  ASSERT_TRUE(p.story && s.story && c.story) << c.diagnostics.format_all();
  const size_t base = explore(*p.story).states;
  EXPECT_EQ(explore(*s.story).states, base);
  // The loop is one state without a chose(); steered by one, it is one state per count 0..3.
  EXPECT_EQ(base, 1u);
  EXPECT_EQ(explore(*c.story).states, 4 * base);
}

}  // namespace
}  // namespace threshold::story
