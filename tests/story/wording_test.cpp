// How gestures are put into words (engine/story/include/threshold/story/wording.h): authored hints
// as written, ladders on one thing as words, seconds only when asked. Uses tests/stories/tools_text
// and chose_memory.
#include "threshold/story/wording.h"

#include <gtest/gtest.h>

#include "tests/support/test_story.h"
#include "threshold/story/loader.h"

namespace threshold::story {
namespace {

Story load(const char* name) {
  return test_support::load_test_story(name);
}

struct At {
  const Scene& scene;
  const Moment& moment;
  std::vector<int32_t> all;
};

At moment_of(const Story& s, const char* scene, const char* beat) {
  const Scene& sc = s.scene(s.find_scene(scene));
  const Moment& m = *sc.beats[static_cast<size_t>(sc.find_beat(beat))].moment;
  std::vector<int32_t> all;
  for (size_t i = 0; i < m.gestures.size(); ++i) all.push_back(static_cast<int32_t>(i));
  return {sc, m, all};
}

std::vector<std::string> words(const At& at, WordingOptions options = {}) {
  std::vector<std::string> out;
  for (int32_t i : at.all) {
    out.push_back(gesture_wording(at.scene, at.moment, at.moment.gestures[static_cast<size_t>(i)],
                                  at.all, options));
  }
  return out;
}

TEST(Wording, ALadderOnOneThingReadsAsWordsNotSeconds) {
  const Story s = load("tools_text");
  const At table = moment_of(s, "morning", "table");
  EXPECT_EQ(words(table), (std::vector<std::string>{
                              "Hold the cup", "Keep holding the cup", "Reach for the cup, and stop",
                              "Look at the window", "Get up from the table"}));
}

TEST(Wording, TimingsAddTheSecondsOfTimedGesturesOnly) {
  const Story s = load("tools_text");
  WordingOptions timed;
  timed.timings = true;
  EXPECT_EQ(words(moment_of(s, "morning", "table"), timed),
            (std::vector<std::string>{"Hold the cup (2 s)", "Keep holding the cup (5 s)",
                                      "Reach for the cup, and stop", "Look at the window (3 s)",
                                      "Get up from the table"}));
  EXPECT_EQ(
      words(moment_of(s, "morning", "kettle"), timed),
      (std::vector<std::string>{"Touch the kettle", "Stay silent (3 s)", "Stay silent (8 s)"}));
}

TEST(Wording, TheRungIsCountedAmongWhatIsOfferedNow) {
  // Once the short hold is taken (a stay), the long one is the first rung: "Hold the cup".
  const Story s = load("tools_text");
  const At table = moment_of(s, "morning", "table");
  EXPECT_EQ(gesture_wording(table.scene, table.moment, table.moment.gestures[1], {1, 2, 3, 4}),
            "Hold the cup");
}

TEST(Wording, UntimedModeSaysHowToStartAndStop) {
  const Story s = load("tools_text");
  WordingOptions untimed;
  untimed.untimed = true;
  const std::vector<std::string> w = words(moment_of(s, "morning", "table"), untimed);
  EXPECT_EQ(w[0], "Press the cup to start holding, again to stop");
  EXPECT_EQ(w[1], w[0]);
  EXPECT_EQ(w[2], "Press the cup, then let go");
}

// Untimed, a press on a thing that also holds starts the hold: its touch names its key, and a
// touch on a thing that only touches does not need to.
TEST(Wording, UntimedATouchOnAThingThatAlsoHoldsNamesItsKey) {
  const Story s = load("runtime_basics");
  const At hallway = moment_of(s, "hallway", "door");
  WordingOptions untimed;
  untimed.untimed = true;
  std::vector<std::string> touches;
  for (int32_t i : hallway.all) {
    const Gesture& g = hallway.moment.gestures[static_cast<size_t>(i)];
    if (g.kind == GestureKind::Touch) {
      touches.push_back(gesture_wording(hallway.scene, hallway.moment, g, hallway.all, untimed));
    }
  }
  EXPECT_EQ(touches, (std::vector<std::string>{"Touch the cup", "Touch the kettle (T)"}));
  EXPECT_EQ(words(moment_of(s, "hallway", "door"))[4], "Touch the kettle");  // timed: no key
}

TEST(Wording, AnAuthoredHintIsSaidAsWrittenAndKeepsTheGestureSmall) {
  const Story s = load("chose_memory");
  const At table = moment_of(s, "kitchen", "table");
  EXPECT_EQ(words(table)[1], "Keep your hand round it");
  EXPECT_EQ(table.moment.hint_of(table.moment.gestures[0]), "");
  EXPECT_EQ(sizeof(Gesture), 136u);
}

TEST(Wording, APullLadderOnOneThingReadsAsWordsAndTimingsGiveItsPixels) {
  const Story s = load("wording_drag");
  const At wardrobe = moment_of(s, "night", "wardrobe");
  const std::vector<std::string> w = words(wardrobe);
  EXPECT_EQ(w[0], "Pull the suitcase toward you");
  EXPECT_EQ(w[1], "Pull the suitcase closer");
  WordingOptions timings;
  timings.timings = true;
  EXPECT_EQ(words(wardrobe, timings)[1], "Pull the suitcase closer (240 px)");
}

TEST(Wording, UntimedAHintedHoldStillSaysHowToStartAndStop) {
  const Story s = load("wording_drag");
  const At wardrobe = moment_of(s, "night", "wardrobe");
  EXPECT_EQ(words(wardrobe)[2], "Keep your hand on the lamp");
  WordingOptions untimed;
  untimed.untimed = true;
  const std::vector<std::string> w = words(wardrobe, untimed);
  EXPECT_EQ(w[2], "Keep your hand on the lamp (press to start, again to stop)");
  EXPECT_EQ(w[0], "Press the suitcase to pull it toward you, again to stop");
}

}  // namespace
}  // namespace threshold::story
