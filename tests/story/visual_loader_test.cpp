// A scene's `visual:` and its things' `area:`, loaded: the frame a writer composed arrives in
// Scene::visual with the numbers they wrote, shapes find their things, and the mistakes a
// writer makes while composing are reported where they were made (the exact messages of
// the bad cases are in tests/bad/visual_*).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "tests/support/test_story.h"
#include "threshold/story/loader.h"
#include "threshold/story/names.h"

namespace threshold::story {
namespace {

namespace fs = std::filesystem;

const std::string kTests = THRESHOLD_TESTS_DIR;

class VisualBasic : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    result_ = new LoadResult(load_story(kTests + "/stories/visual_basic"));
  }
  static void TearDownTestSuite() {
    delete result_;
    result_ = nullptr;
  }
  const Scene& room() {
    const Story& s = test_support::loaded_story(*result_);
    return s.scenes.at(static_cast<size_t>(s.find_scene("room")));
  }
  static LoadResult* result_;
};
LoadResult* VisualBasic::result_ = nullptr;

TEST_F(VisualBasic, LoadsWithoutDiagnostics) {
  EXPECT_EQ(result_->diagnostics.format_all(), "");
  ASSERT_TRUE(result_->story);
  EXPECT_TRUE(room().visual.authored);
  EXPECT_EQ(room().visual_at.line, 11);  // a block mapping starts at its first key
}

TEST_F(VisualBasic, SkyIsTheTwoColoursTopAndBottom) {
  const Visual& v = room().visual;
  ASSERT_TRUE(v.sky_top && v.sky_bottom);
  EXPECT_EQ(*v.sky_top, (Color{0x1c, 0x24, 0x31, 255}));
  EXPECT_EQ(*v.sky_bottom, (Color{0x52, 0x64, 0x7f, 255}));
}

TEST_F(VisualBasic, LayersKeepTheirOrderKindsAndNumbers) {
  const Visual& v = room().visual;
  ASSERT_EQ(v.layers.size(), 6u);
  const Shape& floor = v.layers[0];
  EXPECT_EQ(floor.kind, Shape::Kind::Rect);
  EXPECT_EQ(floor.points, (std::vector<float>{0, 470, 1280, 250}));
  EXPECT_EQ(floor.color, (Color{0x2d, 0x2a, 0x27, 255}));
  ASSERT_TRUE(floor.to);
  EXPECT_EQ(*floor.to, (Color{0x1b, 0x19, 0x18, 255}));
  EXPECT_EQ(floor.at.line, 13);

  const Shape& window = v.layers[1];
  EXPECT_EQ(window.color, (Color{0x8e, 0xa3, 0xc0, 0xaa}));  // "#rrggbbaa" keeps its alpha
  EXPECT_FLOAT_EQ(window.glow, 0.7f);
  EXPECT_FALSE(window.to);

  const Shape& cup = v.layers[2];
  EXPECT_EQ(cup.kind, Shape::Kind::Circle);
  EXPECT_EQ(cup.points, (std::vector<float>{1000, 520, 26}));
  EXPECT_TRUE(cup.shadow);
  EXPECT_FALSE(window.shadow);

  const Shape& road = v.layers[3];
  EXPECT_EQ(road.kind, Shape::Kind::Polygon);
  EXPECT_EQ(road.points, (std::vector<float>{0, 720, 340, 470, 420, 470, 180, 720}));

  const Shape& shelf = v.layers[4];
  EXPECT_EQ(shelf.kind, Shape::Kind::Line);
  EXPECT_EQ(shelf.points, (std::vector<float>{860, 260, 1140, 260}));
  EXPECT_FLOAT_EQ(shelf.width, 4);
}

TEST_F(VisualBasic, AnImageHoldsItsFileResolvedInsideTheStoryAndItsPlaceAndIsDrawnUntinted) {
  const Shape& poster = room().visual.layers[5];
  EXPECT_EQ(poster.kind, Shape::Kind::Image);
  EXPECT_EQ(
      poster.image.str(),
      std::filesystem::canonical(kTests + "/stories/visual_basic/pictures/poster.png").string());
  EXPECT_EQ(poster.points, (std::vector<float>{80, 200, 180, 420}));
  EXPECT_EQ(poster.color, (Color{255, 255, 255, 255}));
}

TEST_F(VisualBasic, AShapesThingTagNamesTheScenesThing) {
  const Scene& s = room();
  EXPECT_EQ(s.visual.layers[1].thing, s.find_thing("window"));
  EXPECT_EQ(s.visual.layers[2].thing, s.find_thing("cup"));
  EXPECT_EQ(s.visual.layers[0].thing, kNone);
  // The pointer finds the cup where its circle is.
  Rect r = s.visual.layers[2].bounds();
  EXPECT_TRUE(r.contains(1000, 520));
  EXPECT_FALSE(r.contains(1030, 520));
}

TEST_F(VisualBasic, AThingsAreaIsWhereThePointerFindsIt) {
  const Scene& s = room();
  const Thing& door = s.things.at(static_cast<size_t>(s.find_thing("door")));
  EXPECT_EQ(door.name, "the door");
  EXPECT_FLOAT_EQ(door.area.x, 520);
  EXPECT_FLOAT_EQ(door.area.y, 150);
  EXPECT_FLOAT_EQ(door.area.w, 200);
  EXPECT_FLOAT_EQ(door.area.h, 520);
  EXPECT_TRUE(s.things.at(static_cast<size_t>(s.find_thing("cup"))).area.empty());
}

TEST_F(VisualBasic, LightComesFromWhereItWasWritten) {
  const Light& l = room().visual.light;
  EXPECT_TRUE(l.present);
  EXPECT_FLOAT_EQ(l.x, 1000);
  EXPECT_FLOAT_EQ(l.y, 260);
  EXPECT_EQ(l.color, (Color{0xff, 0xe7, 0xc2, 255}));
  EXPECT_FLOAT_EQ(l.strength, 0.6f);
  EXPECT_FLOAT_EQ(l.shadows, 0.5f);
}

TEST_F(VisualBasic, MotionKeepsKindAreaPeriodAmountAndColour) {
  const std::vector<Motion>& m = room().visual.motion;
  ASSERT_EQ(m.size(), 5u);
  EXPECT_EQ(m[0].kind, Motion::Kind::Steam);
  EXPECT_FLOAT_EQ(m[0].area.x, 1000);
  EXPECT_FLOAT_EQ(m[0].area.y, 500);
  EXPECT_EQ(m[1].kind, Motion::Kind::Rain);
  EXPECT_FLOAT_EQ(m[1].area.w, 280);
  EXPECT_FLOAT_EQ(m[1].amount, 0.6f);
  EXPECT_EQ(m[2].kind, Motion::Kind::Car);
  EXPECT_FLOAT_EQ(m[2].period, 9);
  EXPECT_EQ(m[3].kind, Motion::Kind::Blink);
  EXPECT_FLOAT_EQ(m[3].area.h, 18);
  EXPECT_FLOAT_EQ(m[3].period, 1);
  EXPECT_EQ(m[4].kind, Motion::Kind::Flicker);
  EXPECT_FLOAT_EQ(m[4].amount, 0.3f);
  EXPECT_EQ(m[4].color, (Color{0xe0, 0xf0, 0xff, 255}));
}

TEST_F(VisualBasic, DriftAndVignetteAreTheWritersOwn) {
  EXPECT_FLOAT_EQ(room().visual.drift, 0);
  EXPECT_FLOAT_EQ(room().visual.vignette, 0.3f);
}

// ---------------------------------------------------------------------------------------------
// Small stories written at test time

class TempStory {
 public:
  explicit TempStory(const std::string& scene) {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("threshold_visual_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "scenes");
    std::ofstream(dir_ / "story.yaml") << "title: T\nstart: a\n";
    std::ofstream(dir_ / "scenes" / "a.yaml") << scene;
  }
  ~TempStory() { fs::remove_all(dir_); }
  LoadResult load() const { return load_story(dir_.string()); }
  std::string report(const LoadResult& r) const {
    std::string out = r.diagnostics.format_all();
    const std::string prefix = dir_.string() + "/";
    for (size_t at = out.find(prefix); at != std::string::npos; at = out.find(prefix, at)) {
      out.erase(at, prefix.size());
    }
    return out;
  }

 private:
  fs::path dir_;
};

constexpr const char* kBeats = "beats:\n  - id: one\n    lines: [Hello.]\n";

TEST(VisualLoader, ASceneWithoutVisualIsDrawnByDefault) {
  TempStory t(std::string("scene: a\n") + kBeats);
  LoadResult r = t.load();
  ASSERT_TRUE(r.story) << r.diagnostics.format_all();
  EXPECT_FALSE(r.story->scenes[0].visual.authored);
  EXPECT_TRUE(r.story->scenes[0].visual.layers.empty());
}

TEST(VisualLoader, AnEmptyVisualIsAuthoredAndKeepsTheDefaults) {
  TempStory t(std::string("scene: a\nvisual: {}\n") + kBeats);
  LoadResult r = t.load();
  ASSERT_TRUE(r.story) << r.diagnostics.format_all();
  const Visual& v = r.story->scenes[0].visual;
  EXPECT_TRUE(v.authored);
  EXPECT_FALSE(v.sky_top);
  EXPECT_FALSE(v.light.present);
  EXPECT_FLOAT_EQ(v.drift, Visual{}.drift);
  EXPECT_FLOAT_EQ(v.vignette, Visual{}.vignette);
}

TEST(VisualLoader, AnUnquotedColourIsExplainedWithTheColourQuoted) {
  TempStory t(std::string("scene: a\nvisual:\n  layers:\n    - rect: [0, 0, 10, 10]\n"
                          "      color: #d8c8a8\n") +
              kBeats);
  LoadResult r = t.load();
  EXPECT_FALSE(r.story);
  EXPECT_EQ(
      t.report(r),
      "scenes/a.yaml:5:7: error[T0107]: 'color' is empty because '#' starts a comment in YAML; "
      "put the colour in quotes: color: \"#d8c8a8\"\n"
      "          color: #d8c8a8\n"
      "          ^\n");
}

TEST(VisualLoader, AnEmptyValueIsToldAtItsKeyByWhatItMustBeInVisualAndAmbienceAlike) {
  TempStory t(std::string("scene: a\nvisual:\n  drift:\nambience:\n  duck:\n") + kBeats);
  LoadResult r = t.load();
  EXPECT_FALSE(r.story);
  EXPECT_EQ(t.report(r),
            "scenes/a.yaml:3:3: error[T0201]: 'drift' must be a number, but it is empty\n"
            "      drift:\n"
            "      ^\n"
            "scenes/a.yaml:5:3: error[T0201]: 'duck' must be a number, but it is empty\n"
            "      duck:\n"
            "      ^\n");
}

TEST(VisualLoader, EverySynthAWriterNamesIsPrintedBackAsWritten) {
  // The loader parses and synth_name() prints from one table (load/names.h): the audio
  // engine's keys and the messages name a synth as the writer did.
  const std::vector<std::string> synths = {"hum",    "noise", "rain",  "traffic", "clock",
                                           "kettle", "click", "chime", "keys",    "doors"};
  std::string tone = "ambience:\n  tone:\n";
  for (const std::string& s : synths) tone += "    - { synth: " + s + " }\n";
  TempStory t("scene: a\n" + tone + kBeats);
  LoadResult r = t.load();
  ASSERT_TRUE(r.story) << t.report(r);
  const std::vector<SoundLayer>& layers = r.story->scenes[0].ambience.tone;
  ASSERT_EQ(layers.size(), synths.size());
  for (size_t i = 0; i < synths.size(); ++i) EXPECT_EQ(synth_name(layers[i].synth), synths[i]);
  EXPECT_STREQ(synth_name(Synth::None), "");
}

TEST(VisualLoader, AnUnknownSynthListsTheSynthsOfTheTable) {
  TempStory t(std::string("scene: a\nambience:\n  tone:\n    - { synth: organ }\n") + kBeats);
  LoadResult r = t.load();
  EXPECT_FALSE(r.story);
  EXPECT_EQ(
      t.report(r),
      "scenes/a.yaml:4:16: error[T0205]: unknown synth 'organ'; the synths are hum, noise, rain, "
      "traffic, clock, kettle, click, chime, keys, doors\n"
      "        - { synth: organ }\n"
      "                   ^\n");
}

TEST(VisualLoader, ACarPassesEveryTenSecondsUnlessToldOtherwise) {
  TempStory t(std::string("scene: a\nvisual:\n  motion:\n    - car: [0, 360, 1280, 40]\n") +
              kBeats);
  LoadResult r = t.load();
  ASSERT_TRUE(r.story) << r.diagnostics.format_all();
  ASSERT_EQ(r.story->scenes[0].visual.motion.size(), 1u);
  EXPECT_FLOAT_EQ(r.story->scenes[0].visual.motion[0].period, 10);
}

TEST(VisualLoader, AShapeOutsideTheFrameIsAWarningNotAnError) {
  TempStory t(std::string("scene: a\nvisual:\n  layers:\n    - rect: [1400, 0, 100, 100]\n"
                          "      color: \"#101010\"\n    - rect: [1250, 0, 100, 100]\n"
                          "      color: \"#101010\"\n") +
              kBeats);
  LoadResult r = t.load();
  ASSERT_TRUE(r.story);
  EXPECT_EQ(r.story->scenes[0].visual.layers.size(), 2u);
  EXPECT_EQ(
      t.report(r),
      "scenes/a.yaml:4:7: warning[T0208]: this rect lies wholly outside the 1280×720 frame, so it "
      "is never seen\n"
      "        - rect: [1400, 0, 100, 100]\n"
      "          ^\n");
}

TEST(VisualLoader, AThingActedOnWithNoPlaceInTheFrameIsAWarning) {
  const std::string things =
      "things:\n  cup: the cup\n  door: {name: the door, area: [1, 1, 9, 9]}\n";
  const std::string beats =
      "beats:\n  - id: one\n    lines: [Hello.]\n    moment:\n      gestures:\n"
      "        - {id: drink, touch: cup}\n        - {id: go, touch: door}\n";
  const std::string layers =
      "visual:\n  layers:\n    - rect: [0, 0, 10, 10]\n"
      "      color: \"#101010\"\n";
  TempStory untagged("scene: a\n" + things + layers + beats);
  LoadResult r = untagged.load();
  ASSERT_TRUE(r.story);  // a warning: the keyboard can still reach it
  EXPECT_EQ(
      untagged.report(r),
      "scenes/a.yaml:3:3: warning[T0611]: thing 'cup' has no place in the frame, so the pointer "
      "cannot find it; tag a shape of the visual with 'thing: cup' or give the thing an "
      "'area:'\n"
      "      cup: the cup\n"
      "      ^\n");

  TempStory tagged("scene: a\n" + things + layers + "      thing: cup\n" + beats);
  EXPECT_EQ(tagged.report(tagged.load()), "");

  // A frame not composed yet (no shapes) asks nothing of its things.
  TempStory empty("scene: a\n" + things + "visual: {}\n" + beats);
  EXPECT_EQ(empty.report(empty.load()), "");
}

// ---- Places: data/places/<place>.yaml gives every scene at the place its visual and ambience.

class Places : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { result_ = new LoadResult(load_story(kTests + "/stories/places")); }
  static void TearDownTestSuite() {
    delete result_;
    result_ = nullptr;
  }
  const Scene& scene(const std::string& id) {
    const Story& s = test_support::loaded_story(*result_);
    return s.scenes.at(static_cast<size_t>(s.find_scene(id)));
  }
  static LoadResult* result_;
};
LoadResult* Places::result_ = nullptr;

TEST_F(Places, ASceneWithoutItsOwnVisualOrAmbienceTakesItsPlaces) {
  const Scene& first = scene("first");
  EXPECT_TRUE(first.visual.authored);
  ASSERT_EQ(first.visual.layers.size(), 3u);
  EXPECT_EQ(first.visual.layers[1].color, (Color{0x80, 0x90, 0xa0, 255}));
  EXPECT_EQ(first.visual.layers[1].thing, first.find_thing("window"));  // the scene's window
  EXPECT_FLOAT_EQ(first.visual.vignette, 0.3f);
  ASSERT_EQ(first.ambience.tone.size(), 1u);
  EXPECT_EQ(first.ambience.tone[0].synth, Synth::Hum);
  EXPECT_FLOAT_EQ(first.ambience.duck_db, -6.f);
  // Where it came from: the place file, so a tool points there.
  EXPECT_NE(first.visual_at.file, first.file);
}

TEST_F(Places, ASceneOwnKeysReplaceThePlacesAndAddAppends) {
  const Scene& second = scene("second");
  EXPECT_TRUE(second.visual.light_variants.empty());  // its light replaced the place's list
  EXPECT_FLOAT_EQ(second.visual.light.x, 200.f);
  ASSERT_EQ(second.visual.layers.size(), 4u);  // the place's three, then its cup in front
  EXPECT_EQ(second.visual.layers[3].thing, second.find_thing("cup"));
  ASSERT_EQ(second.visual.motion.size(), 2u);  // the place's rain, then its steam
  EXPECT_EQ(second.visual.motion[1].kind, Motion::Kind::Steam);
  EXPECT_FLOAT_EQ(second.visual.vignette, 0.3f);  // not given: the place's
  ASSERT_EQ(second.ambience.tone.size(), 2u);
  EXPECT_EQ(second.ambience.tone[1].synth, Synth::Clock);
  EXPECT_FLOAT_EQ(second.ambience.duck_db, -12.f);
  // A place's shape tagged with a thing this scene lacks is only drawn.
  EXPECT_EQ(second.visual.layers[1].thing, kNone);
}

TEST_F(Places, LayersReplacedByTheSceneLeaveNothingOfThePlacesLayers) {
  const Scene& third = scene("third");
  ASSERT_EQ(third.visual.layers.size(), 1u);
  EXPECT_EQ(third.visual.layers[0].color, (Color{0x40, 0, 0, 255}));
  EXPECT_EQ(third.visual.motion.size(), 1u);  // not replaced
  ASSERT_EQ(third.ambience.tone.size(), 1u);
  EXPECT_EQ(third.ambience.tone[0].synth, Synth::Noise);
}

TEST_F(Places, APlaceWithNoFileIsFineAndDrawsThePlainDefault) {
  EXPECT_FALSE(scene("fourth").visual.authored);
  EXPECT_FALSE(scene("fourth").ambience.authored);
}

TEST_F(Places, WhenConditionsAreCompiledAndTheLightIsAListOfVariants) {
  const Visual& v = scene("first").visual;
  ASSERT_TRUE(v.condition(v.layers[2]));
  EXPECT_EQ(v.condition(v.layers[2])->type(), Type::Bool);
  EXPECT_FALSE(v.condition(v.layers[1]));
  ASSERT_TRUE(v.motion[0].when);
  ASSERT_EQ(v.light_variants.size(), 2u);
  EXPECT_TRUE(v.light_variants[0].when);
  EXPECT_FALSE(v.light_variants[1].when);
  EXPECT_FLOAT_EQ(v.light.strength, 0.4f);  // with no state to read: the variant without when
}

TEST_F(Places, APlaceFileNoSceneUsesIsAWarning) {
  EXPECT_FALSE(result_->diagnostics.has_errors());
  EXPECT_NE(result_->diagnostics.format_all().find(
                "places/unused.yaml:1:8: warning[T0609]: place 'attic' is used by no scene"),
            std::string::npos)
      << result_->diagnostics.format_all();
}

}  // namespace
}  // namespace threshold::story
