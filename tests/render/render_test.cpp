// The renderer as a player sees it, under Xvfb: every scene of data/ draws a real picture, text
// lands in the lower third, shapes are where the visual says, attention answers with light,
// reduced motion holds still, frames are deterministic, a frame counts its draw calls, and
// `threshold render` writes a PNG.
// Set THRESHOLD_RENDER_DUMP=/some/dir to keep the frames as PNGs for looking at.
#include <gtest/gtest.h>
#include <unistd.h>

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <source_location>
#include <string>
#include <vector>

#include "tests/support/test_story.h"
#include "threshold/platform/display.h"
#include "threshold/platform/window.h"
#include "threshold/render/fonts.h"
#include "threshold/render/renderer.h"
#include "threshold/story/expression.h"
#include "threshold/story/runtime.h"
#include "threshold/story/story_files.h"

namespace threshold::render {
namespace {

using story::Color;
using story::Shape;

const std::string kKitchenDir = std::string(THRESHOLD_TESTS_DIR) + "/stories/render_kitchen";

// ---- A kitchen composed in code, to draw against whatever the data's visuals are.

Shape rect(float x, float y, float w, float h, Color c, std::optional<Color> to = {}) {
  Shape s;
  s.kind = Shape::Kind::Rect;
  s.points = {x, y, w, h};
  s.color = c;
  s.to = to;
  return s;
}

Shape polygon(std::vector<float> pts, Color c) {
  Shape s;
  s.kind = Shape::Kind::Polygon;
  s.points = std::move(pts);
  s.color = c;
  return s;
}

Shape line(float x1, float y1, float x2, float y2, float width, Color c) {
  Shape s;
  s.kind = Shape::Kind::Line;
  s.points = {x1, y1, x2, y2};
  s.width = width;
  s.color = c;
  return s;
}

Shape circle(float cx, float cy, float r, Color c) {
  Shape s;
  s.kind = Shape::Kind::Circle;
  s.points = {cx, cy, r};
  s.color = c;
  return s;
}

story::Visual kitchen_visual(const story::Scene& scene) {
  story::Visual v;
  v.authored = true;
  v.sky_top = Color{58, 70, 88};
  v.sky_bottom = Color{96, 108, 124};
  v.layers.push_back(rect(0, 0, 1280, 470, {84, 92, 104}, Color{66, 72, 84}));
  Shape window = rect(860, 110, 280, 300, {176, 196, 220}, Color{214, 226, 238});
  window.glow = 0.7f;
  window.thing = scene.find_thing("window");
  v.layers.push_back(window);
  v.layers.push_back(line(1000, 110, 1000, 410, 8, {52, 56, 64}));
  v.layers.push_back(line(860, 260, 1140, 260, 8, {52, 56, 64}));
  Shape fridge = rect(80, 120, 190, 350, {214, 218, 214}, Color{186, 190, 188});
  fridge.shadow = true;
  v.layers.push_back(fridge);
  v.layers.push_back(line(250, 220, 250, 300, 6, {120, 124, 126}));
  v.layers.push_back(circle(620, 200, 34, {226, 222, 212}));  // the wall clock
  v.layers.push_back(line(620, 200, 620, 176, 3, {40, 40, 44}));
  v.layers.push_back(line(620, 200, 640, 208, 3, {40, 40, 44}));
  v.layers.push_back(rect(0, 470, 1280, 24, {138, 130, 121}));
  v.layers.push_back(rect(0, 494, 1280, 226, {59, 54, 51}, Color{38, 34, 32}));
  for (float x : {320.f, 640.f, 960.f}) v.layers.push_back(line(x, 500, x, 720, 3, {30, 27, 25}));
  Shape kettle = polygon({300, 470, 314, 392, 390, 392, 404, 470}, {200, 204, 210});
  kettle.shadow = true;
  kettle.thing = scene.find_thing("kettle");
  v.layers.push_back(kettle);
  Shape handle = line(330, 384, 374, 384, 8, {60, 60, 64});
  handle.thing = scene.find_thing("kettle");
  v.layers.push_back(handle);
  Shape cup = polygon({982, 432, 1018, 432, 1014, 470, 986, 470}, {236, 230, 218});
  cup.shadow = true;
  cup.thing = scene.find_thing("cup");
  v.layers.push_back(cup);
  v.light.present = true;
  v.light.x = 1000;
  v.light.y = 260;
  v.light.color = {222, 232, 255, 255};
  v.light.strength = 0.6f;
  v.light.shadows = 0.5f;
  story::Motion steam;
  steam.kind = story::Motion::Kind::Steam;
  steam.area = {1000, 426, 0, 0};
  v.motion.push_back(steam);
  story::Motion car;
  car.kind = story::Motion::Kind::Car;
  car.area = {860, 300, 280, 100};
  car.period = 4;
  car.color = {255, 236, 200, 255};
  v.motion.push_back(car);
  return v;
}

// ---- Drawing and looking at frames.

struct Played {
  std::shared_ptr<story::Story> story;
  std::unique_ptr<story::Runtime> runtime;
  Stage stage;
  void advance_to(double t, story::Input input = {}) {
    std::vector<story::Event> events;
    runtime->advance_to(t, input, events);
    for (const story::Event& e : events) stage.observe(*story, e);
  }
  const story::Scene& scene() const { return story->scene(runtime->state().scene); }
};

Played play(std::shared_ptr<story::Story> story, story::SceneId scene, double at) {
  Played p;
  p.story = std::move(story);
  p.runtime = std::make_unique<story::Runtime>(*p.story);
  for (const story::Event& e : p.runtime->start(scene)) p.stage.observe(*p.story, e);
  p.advance_to(at);
  return p;
}

std::shared_ptr<story::Story> load(const std::string& dir,
                                   std::source_location where = std::source_location::current()) {
  return std::make_shared<story::Story>(test_support::load_test_story_at(dir, where));
}

std::shared_ptr<story::Story> kitchen() {
  std::shared_ptr<story::Story> s = load(kKitchenDir);
  if (s) s->scenes[0].visual = kitchen_visual(s->scenes[0]);
  return s;
}

double luminance(sf::Color c) {
  return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
}

double mean_luminance(const sf::Image& img, story::Rect r) {
  double sum = 0;
  int n = 0;
  for (unsigned y = static_cast<unsigned>(r.y); y < static_cast<unsigned>(r.y + r.h); ++y) {
    for (unsigned x = static_cast<unsigned>(r.x); x < static_cast<unsigned>(r.x + r.w); ++x) {
      sum += luminance(img.getPixel(x, y));
      ++n;
    }
  }
  return n ? sum / n : 0;
}

double luminance_stddev(const sf::Image& img) {
  double sum = 0, sq = 0;
  const sf::Vector2u size = img.getSize();
  for (unsigned y = 0; y < size.y; y += 2) {
    for (unsigned x = 0; x < size.x; x += 2) {
      const double l = luminance(img.getPixel(x, y));
      sum += l;
      sq += l * l;
    }
  }
  const double n = (size.x / 2.0) * (size.y / 2.0);
  const double mean = sum / n;
  return std::sqrt(std::max(0.0, sq / n - mean * mean));
}

// Pixels in rows [y0, y1) that differ by more than `by` in any channel.
int differing(const sf::Image& a, const sf::Image& b, unsigned y0, unsigned y1, int by = 24) {
  int n = 0;
  for (unsigned y = y0; y < y1; ++y) {
    for (unsigned x = 0; x < a.getSize().x; ++x) {
      const sf::Color p = a.getPixel(x, y), q = b.getPixel(x, y);
      if (std::abs(p.r - q.r) > by || std::abs(p.g - q.g) > by || std::abs(p.b - q.b) > by) ++n;
    }
  }
  return n;
}

bool same_pixels(const sf::Image& a, const sf::Image& b) {
  if (a.getSize() != b.getSize()) return false;
  const size_t n = static_cast<size_t>(a.getSize().x) * a.getSize().y * 4;
  return std::equal(a.getPixelsPtr(), a.getPixelsPtr() + n, b.getPixelsPtr());
}

class RenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string problem = platform::display_problem();
    if (!problem.empty()) GTEST_SKIP() << "no display (" << problem << "): run under xvfb-run";
    std::string error;
    renderer_ = Renderer::create({}, &error);
    ASSERT_TRUE(renderer_) << error;
    ASSERT_TRUE(texture_.create(1280, 720));
  }

  sf::Image frame(const Played& p, double time, Attention attention = {}, Style style = {},
                  const std::string& dump_name = "") {
    texture_.clear(sf::Color::Black);
    renderer_->draw(texture_, *p.runtime, p.stage, attention, style, time);
    texture_.display();
    sf::Image img = texture_.getTexture().copyToImage();
    if (const char* dir = std::getenv("THRESHOLD_RENDER_DUMP"); dir && *dir && !dump_name.empty()) {
      img.saveToFile(std::string(dir) + "/" + dump_name + ".png");
    }
    return img;
  }

  std::unique_ptr<Renderer> renderer_;
  sf::RenderTexture texture_;
};

// ---- The data's scenes.

TEST_F(RenderTest, EveryDataSceneRendersAFrameThatIsNotBlank) {
  std::shared_ptr<story::Story> story = load(THRESHOLD_DATA_DIR);
  ASSERT_TRUE(story);
  ASSERT_FALSE(story->scenes.empty());
  for (size_t i = 0; i < story->scenes.size(); ++i) {
    Played p = play(story, static_cast<story::SceneId>(i), 3.0);
    const sf::Image img = frame(p, 3.0, {}, {}, "data_" + story->scenes[i].id);
    EXPECT_GT(luminance_stddev(img), 6.0) << story->scenes[i].id << " looks blank";
    EXPECT_GT(mean_luminance(img, {0, 0, 1280, 720}), 12.0) << story->scenes[i].id << " is black";
  }
}

TEST_F(RenderTest, EveryDataSceneShowsItsFirstLineInTheLowerThird) {
  std::shared_ptr<story::Story> story = load(THRESHOLD_DATA_DIR);
  ASSERT_TRUE(story);
  for (size_t i = 0; i < story->scenes.size(); ++i) {
    Played p = play(story, static_cast<story::SceneId>(i), 3.0);
    ASSERT_FALSE(p.stage.lines().empty()) << story->scenes[i].id << " shows no line by 3 s";
    const sf::Image with = frame(p, 3.0);
    p.stage.clear();
    const sf::Image without = frame(p, 3.0);
    EXPECT_GT(differing(with, without, 480, 720), 400) << story->scenes[i].id;
  }
}

// ---- Text.

TEST_F(RenderTest, ALineOfTextLightsTheLowerThirdAndLeavesTheRestAlone) {
  Played p = play(kitchen(), story::kNone, 0.5);
  ASSERT_EQ(p.stage.lines().size(), 1u);
  const sf::Image with = frame(p, 2.0, {}, {}, "kitchen_line");
  Stage empty;
  std::swap(p.stage, empty);
  const sf::Image without = frame(p, 2.0);
  EXPECT_GT(differing(with, without, 480, 720), 800);
  EXPECT_EQ(differing(with, without, 0, 360, 0), 0);
}

TEST_F(RenderTest, ANewLineFadesIn) {
  Played p = play(kitchen(), story::kNone, 0.0);
  Stage none;
  Stage shown = p.stage;
  std::swap(p.stage, none);
  const sf::Image blank = frame(p, 2.0);
  std::swap(p.stage, shown);
  // The line was shown at 0: 0.2 s later it is faint, 2 s later it is all there.
  const sf::Image early = frame(p, 0.2);
  const sf::Image late = frame(p, 2.0);
  p.stage = Stage{};
  const sf::Image blank_early = frame(p, 0.2);
  EXPECT_LT(differing(early, blank_early, 480, 720), differing(late, blank, 480, 720) / 2);
}

TEST_F(RenderTest, BiggerTextCoversMoreOfTheFrame) {
  Played p = play(kitchen(), story::kNone, 1.5);
  Style big;
  big.text_scale = 1.75f;
  const sf::Image normal = frame(p, 3.0);
  const sf::Image large = frame(p, 3.0, {}, big);
  p.stage = Stage{};
  const sf::Image none = frame(p, 3.0);
  EXPECT_GT(differing(large, none, 360, 720), differing(normal, none, 360, 720) * 3 / 2);
}

TEST_F(RenderTest, HintsNameTheGesturesOnOfferAtTheBottom) {
  Played p = play(kitchen(), story::kNone, 3.0);
  ASSERT_TRUE(p.runtime->in_moment());
  Style hints;
  hints.hints = true;
  const sf::Image with = frame(p, 3.0, {}, hints, "kitchen_hints");
  const sf::Image without = frame(p, 3.0);
  EXPECT_GT(differing(with, without, 670, 715), 300);
  // Legible: bright letters, not dimmed under the lines' dark backing.
  ASSERT_FALSE(p.stage.lines().empty());
  int bright = 0;
  for (unsigned y = 670; y < 715; ++y) {
    for (unsigned x = 0; x < 1280; ++x) bright += luminance(with.getPixel(x, y)) > 150 ? 1 : 0;
  }
  EXPECT_GT(bright, 400);
}

// ---- Captions.

// WCAG's relative luminance of an sRGB colour, 0..1.
double relative_luminance(sf::Color c) {
  auto lin = [](double v) {
    v /= 255;
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

// Rows [y0, y1) that hold letters (a pixel brighter than 170), counted in runs: lines of text.
int text_rows(const sf::Image& img, unsigned y0, unsigned y1) {
  int runs = 0;
  bool in = false;
  for (unsigned y = y0; y < y1; ++y) {
    bool lit = false;
    for (unsigned x = 0; x < img.getSize().x && !lit; ++x)
      lit = luminance(img.getPixel(x, y)) > 170;
    if (lit && !in) ++runs;
    in = lit;
  }
  return runs;
}

story::Caption caption(std::string text, story::CaptionSide side) {
  story::Caption c;
  c.text = std::move(text);
  c.side = side;
  c.from = 0;
  c.until = 100;
  return c;
}

TEST_F(RenderTest, CaptionsAreLargeOnADarkBandAtTheFootBelowTheLinesAtMostTwo) {
  Played p = play(kitchen(), story::kNone, 3.0);
  ASSERT_FALSE(p.stage.lines().empty());
  Style on;
  on.captions = true;
  const unsigned top = 720 - static_cast<unsigned>(std::ceil(caption_band_height(1.f)));
  const sf::Image no_captions = frame(p, 3.0, {}, on);
  p.stage.captions = {caption("the fridge hums", story::CaptionSide::Centre),
                      caption("the clock, ticking", story::CaptionSide::Centre),
                      caption("the kettle, beginning to sing", story::CaptionSide::Centre)};
  const sf::Image three = frame(p, 3.0, {}, on, "kitchen_captions");

  // A band: its background dark, its letters bright, at 7:1 or more (WCAG AAA).
  std::vector<double> band;
  for (unsigned y = top + 2; y < 718; ++y) {
    for (unsigned x = 0; x < 1280; x += 2) band.push_back(relative_luminance(three.getPixel(x, y)));
  }
  std::sort(band.begin(), band.end());
  const double ground = band[band.size() / 2];
  const double ink = band[band.size() - band.size() / 200 - 1];  // the brightest letters
  EXPECT_LT(ground, 0.02) << "the band is dark";
  EXPECT_GE((ink + 0.05) / (ground + 0.05), 7.0) << "ink " << ink << " on " << ground;
  // Large: a row of letters is at least 20 px tall on a 720 px frame.
  int tallest = 0, run = 0;
  for (unsigned y = top; y < 720; ++y) {
    bool lit = false;
    for (unsigned x = 0; x < 1280 && !lit; ++x) lit = luminance(three.getPixel(x, y)) > 170;
    run = lit ? run + 1 : 0;
    tallest = std::max(tallest, run);
  }
  EXPECT_GE(tallest, 20);

  // At most two lines: three captions show as two, the newest two.
  EXPECT_EQ(text_rows(three, top, 720), 2);
  p.stage.captions.erase(p.stage.captions.begin());
  EXPECT_TRUE(same_pixels(three, frame(p, 3.0, {}, on))) << "the oldest of three is not drawn";

  // The story's line stands above the band, as legible as with no captions showing.
  EXPECT_EQ(differing(three, no_captions, 0, top - 4), 0) << "the captions cover the lines";
  Style off;
  const sf::Image without_setting = frame(p, 3.0, {}, off);
  EXPECT_GT(differing(without_setting, no_captions, 480, 720), 400)
      << "with captions on, the lines rise above the band";
  Stage no_lines = p.stage;
  no_lines.clear();
  std::swap(p.stage, no_lines);
  const sf::Image captions_alone = frame(p, 3.0, {}, on);
  EXPECT_GT(differing(three, captions_alone, 360, top - 4), 400) << "the line shows above";
}

TEST_F(RenderTest, ACaptionsArrowPointsToTheSideItsSoundIsOn) {
  Played p = play(kitchen(), story::kNone, 3.0);
  Style on;
  on.captions = true;
  const unsigned top = 720 - static_cast<unsigned>(std::ceil(caption_band_height(1.f)));
  auto drawn = [&](story::CaptionSide side, const std::string& name) {
    p.stage.captions = {caption("the kettle, beginning to sing", side)};
    return frame(p, 3.0, {}, on, name);
  };
  const sf::Image centre = drawn(story::CaptionSide::Centre, "");
  const sf::Image left = drawn(story::CaptionSide::Left, "caption_left");
  const sf::Image right = drawn(story::CaptionSide::Right, "caption_right");
  // What the arrow adds, and where: all of it on its side of the frame's middle, in the band.
  auto added = [&](const sf::Image& with, unsigned x0, unsigned x1) {
    int n = 0;
    for (unsigned y = top; y < 720; ++y) {
      for (unsigned x = x0; x < x1; ++x) {
        n += luminance(with.getPixel(x, y)) - luminance(centre.getPixel(x, y)) > 60 ? 1 : 0;
      }
    }
    return n;
  };
  EXPECT_GT(added(left, 0, 640), 60) << "an arrow on the left";
  EXPECT_EQ(added(left, 640, 1280), 0);
  EXPECT_GT(added(right, 640, 1280), 60) << "an arrow on the right";
  EXPECT_EQ(added(right, 0, 640), 0);
  EXPECT_EQ(differing(left, centre, 0, top), 0) << "the arrow stays on the band";
}

TEST_F(RenderTest, AnEndingShowsItsTitleOverADarkenedScene) {
  Played p = play(kitchen(), story::kNone, 3.0);
  std::vector<story::Event> events;
  p.runtime->step(0.1, {.turn_away = true}, events);
  for (const story::Event& e : events) p.stage.observe(*p.story, e);
  p.advance_to(5.0);
  ASSERT_NE(p.stage.ending(), story::kNone);
  EXPECT_EQ(p.stage.ending_title(), "Gone");
  const sf::Image ending = frame(p, 5.0, {}, {}, "kitchen_ending");
  Played q = play(kitchen(), story::kNone, 3.0);
  const sf::Image scene = frame(q, 3.0);
  EXPECT_LT(mean_luminance(ending, {0, 0, 1280, 100}),
            mean_luminance(scene, {0, 0, 1280, 100}) / 2);
  // The title stands in the upper middle, where only its letters are bright.
  int bright = 0;
  for (unsigned y = 140; y < 220; ++y) {
    for (unsigned x = 0; x < 1280; ++x) bright += luminance(ending.getPixel(x, y)) > 140 ? 1 : 0;
  }
  EXPECT_GT(bright, 300);
}

// ---- Shapes.

TEST_F(RenderTest, ARedRectangleIsRedWhereTheVisualPutsIt) {
  std::shared_ptr<story::Story> s = load(kKitchenDir);
  ASSERT_TRUE(s);
  story::Visual v;
  v.authored = true;
  v.sky_top = v.sky_bottom = Color{20, 20, 20};
  v.drift = 0;
  v.vignette = 0;
  v.layers.push_back(rect(200, 150, 160, 120, {255, 0, 0}));
  s->scenes[0].visual = v;
  Played p = play(s, story::kNone, 3.0);
  const sf::Image img = frame(p, 3.0, {}, {}, "red_rect");
  for (auto [x, y] :
       std::array<std::pair<unsigned, unsigned>, 3>{{{210, 160}, {280, 210}, {350, 260}}}) {
    const sf::Color c = img.getPixel(x, y);
    EXPECT_GT(c.r, 180) << x << "," << y;
    EXPECT_LT(c.g, 60) << x << "," << y;
    EXPECT_LT(c.b, 60) << x << "," << y;
  }
  for (auto [x, y] :
       std::array<std::pair<unsigned, unsigned>, 3>{{{190, 210}, {380, 210}, {280, 290}}}) {
    EXPECT_LT(img.getPixel(x, y).r, 80) << x << "," << y;
  }
}

// The draw calls a frame costs, as the debug overlay's Performance panel shows them.
TEST_F(RenderTest, AFrameReportsItsDrawCallsAndAPictureOfMoreLayersCostsMore) {
  // A shape holds the path the loader resolved; this test builds its shapes by hand.
  const std::string poster = kKitchenDir + "/../visual_basic/pictures/poster.png";
  auto calls = [&](int images) {
    std::shared_ptr<story::Story> s = load(kKitchenDir);
    if (!s) return std::pair{-1, -1};
    story::Visual v;
    v.authored = true;
    v.layers.push_back(rect(0, 0, 1280, 720, {40, 40, 40}));
    // Each picture needs its texture: its own draw call, and the shapes around it their own.
    for (int i = 0; i < images; ++i) {
      Shape image;
      image.kind = Shape::Kind::Image;
      image.image = poster;
      image.points = {100.f + 200.f * static_cast<float>(i), 100, 160, 120};
      v.layers.push_back(image);
      v.layers.push_back(rect(100.f + 200.f * static_cast<float>(i), 400, 60, 60, {200, 0, 0}));
    }
    s->scenes[0].visual = v;
    std::string error;
    std::unique_ptr<Renderer> r = Renderer::create({}, &error);
    if (!r) return std::pair{-1, -1};
    Played p = play(s, story::kNone, 3.0);
    texture_.clear(sf::Color::Black);
    r->draw(texture_, *p.runtime, p.stage, {}, {}, 3.0);
    const int first = r->last_draw_calls();  // the static picture drawn into its cache, too
    texture_.clear(sf::Color::Black);
    r->draw(texture_, *p.runtime, p.stage, {}, {}, 3.0);
    return std::pair{first, r->last_draw_calls()};
  };
  const auto [plain_first, plain_next] = calls(0);
  const auto [layered_first, layered_next] = calls(3);
  EXPECT_GT(plain_first, 0);
  EXPECT_GT(plain_next, 0) << "a frame from the cache still draws the cache and the words";
  EXPECT_GE(layered_first, plain_first + 6) << "three pictures and the shapes after them";
  // Counted per frame, not summed over frames: the same frame again costs the same.
  EXPECT_LT(plain_next, plain_first);
  EXPECT_EQ(layered_next, plain_next) << "once cached, the picture is one copy however layered";
}

// Live reload tells the renderer which files changed (forget_files): an edited picture is read
// again, where otherwise the renderer keeps the copy it read first.
TEST_F(RenderTest, AnEditedPictureIsReadAgainOnceTheRendererIsToldItChanged) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("threshold_repaint_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "wall.png").string();
  auto paint = [&](sf::Color color) {
    sf::Image img;
    img.create(32, 32, color);
    ASSERT_TRUE(img.saveToFile(path));
  };
  paint(sf::Color(220, 30, 30));
  std::shared_ptr<story::Story> s = load(kKitchenDir);
  ASSERT_TRUE(s);
  story::Visual v;
  v.authored = true;
  v.vignette = 0;
  Shape wall;
  wall.kind = Shape::Kind::Image;
  wall.image = path;
  wall.points = {0, 0, 1280, 720};
  v.layers.push_back(wall);
  s->scenes[0].visual = v;
  Played p = play(s, story::kNone, 3.0);
  p.stage = Stage{};
  auto centre = [&] { return frame(p, 3.0).getPixel(640, 200); };
  const sf::Color red = centre();
  EXPECT_GT(red.r, red.b + 60);
  paint(sf::Color(30, 30, 220));
  const sf::Color kept = centre();
  EXPECT_EQ(kept.toInteger(), red.toInteger()) << "the picture read first, until told";
  renderer_->forget_files({(dir / "other.png").string()});
  EXPECT_EQ(centre().toInteger(), red.toInteger()) << "another file changing changes nothing";
  renderer_->forget_files({path});
  const sf::Color blue = centre();
  EXPECT_GT(blue.b, blue.r + 60);
  std::filesystem::remove_all(dir);
}

TEST_F(RenderTest, AMenuAloneIsAFrameOfItsOwnDrawCalls) {
  std::vector<Renderer::MenuItem> items = {{"Continue", true}, {"Quit", false}};
  renderer_->draw_menu(texture_, "Threshold", items, "", {});
  const int one = renderer_->last_draw_calls();
  EXPECT_GT(one, 2);
  renderer_->draw_menu(texture_, "Threshold", items, "", {});
  EXPECT_EQ(renderer_->last_draw_calls(), one);
}

TEST_F(RenderTest, ALayerWithWhenFadesInWhereItIsOnceItsConditionHoldsAndNowhereElse) {
  std::shared_ptr<story::Story> s = load(kKitchenDir);
  ASSERT_TRUE(s);
  story::Visual v;
  v.authored = true;
  v.sky_top = v.sky_bottom = Color{20, 20, 20};
  v.drift = 0;
  v.vignette = 0;
  v.layers.push_back(rect(200, 150, 160, 120, {255, 0, 0}));
  story::Diagnostics diags;
  std::optional<story::Expr> when =
      story::compile_expression("time > 5", s->symbols, story::Type::Bool, {}, s->sources, diags);
  ASSERT_TRUE(when) << diags.format_all();
  v.conditions.push_back(std::move(*when));
  v.layers.back().when = 1;
  s->scenes[0].visual = v;
  auto red = [](const sf::Image& img) { return img.getPixel(280, 210).r; };

  Played before = play(s, story::kNone, 3.0);
  const sf::Image hidden = frame(before, 3.0, {}, {}, "when_before");
  EXPECT_LT(red(hidden), 80);
  Played after = play(s, story::kNone, 8.0);
  const sf::Image starting = frame(after, 8.0);  // the condition is seen to hold: the fade begins
  const sf::Image halfway = frame(after, 8.75);
  const sf::Image shown = frame(after, 10.0, {}, {}, "when_after");
  EXPECT_LT(red(starting), 80);
  EXPECT_GT(red(halfway), red(starting) + 40);  // fading in, not popping
  EXPECT_LT(red(halfway), red(shown) - 40);
  EXPECT_GT(red(shown), 180);
  // Against the same frame without the layer: the pixels differ where it is, only there.
  std::shared_ptr<story::Story> bare_story = load(kKitchenDir);
  ASSERT_TRUE(bare_story);
  v.layers.clear();
  bare_story->scenes[0].visual = v;
  const sf::Image bare_before = frame(play(bare_story, story::kNone, 3.0), 3.0);
  const sf::Image bare_after = frame(play(bare_story, story::kNone, 10.0), 10.0);
  EXPECT_EQ(differing(hidden, bare_before, 0, 720, 2), 0);
  EXPECT_GT(differing(shown, bare_after, 150, 270), 150 * 110);
  EXPECT_EQ(differing(shown, bare_after, 0, 148, 2), 0);
  EXPECT_EQ(differing(shown, bare_after, 272, 720, 2), 0);
}

TEST_F(RenderTest, TheFirstLightVariantThatHoldsLightsTheRoomAndAChangeFadesBetweenThem) {
  std::shared_ptr<story::Story> s = load(kKitchenDir);
  ASSERT_TRUE(s);
  story::Visual v;
  v.authored = true;
  v.sky_top = v.sky_bottom = Color{30, 30, 30};
  v.drift = 0;
  v.vignette = 0;
  story::Diagnostics diags;
  story::Light bright;
  bright.present = true;
  bright.x = 640;
  bright.y = 200;
  bright.color = {255, 230, 190};
  bright.strength = 1;
  std::optional<story::Expr> when =
      story::compile_expression("time > 5", s->symbols, story::Type::Bool, {}, s->sources, diags);
  ASSERT_TRUE(when) << diags.format_all();
  bright.when = std::move(*when);
  story::Light dim = bright;
  dim.when = {};
  dim.strength = 0.1f;
  v.light_variants = {bright, dim};
  v.light = dim;
  s->scenes[0].visual = v;
  const story::Rect around{540, 120, 200, 160};
  const double before = mean_luminance(frame(play(s, story::kNone, 3.0), 3.0), around);
  Played p = play(s, story::kNone, 8.0);
  const double starting = mean_luminance(frame(p, 8.0), around);
  const double halfway = mean_luminance(frame(p, 8.75), around);
  const double after = mean_luminance(frame(p, 10.0), around);
  // The dim light until the change is seen (the silence darkens the room a little meanwhile),
  // then the bright one coming in over 1.5 s, not at once.
  EXPECT_NEAR(starting, before, 4.0) << halfway << " " << after;
  EXPECT_GT(halfway, starting + 3) << before << " " << after;
  EXPECT_GT(after, halfway + 3) << before << " " << starting;
}

TEST_F(RenderTest, APlacesLayerWithWhenIsThereInEveryVisitOnceTheStoryMadeItTrue) {
  // tests/stories/places: the room's radio (a grey rect at 100,300 80×60) has `when: radio_on`,
  // which the scene `fourth` sets before it leads back to `first`.
  std::shared_ptr<story::Story> s = load(std::string(THRESHOLD_TESTS_DIR) + "/stories/places");
  ASSERT_TRUE(s);
  const story::SceneId first = s->find_scene("first");
  Played off = play(s, first, 1.5);
  ASSERT_EQ(off.runtime->state().scene, first);
  const sf::Image without = frame(off, 1.5, {}, {}, "place_radio_off");
  Played on = play(s, s->find_scene("fourth"), 0.0);
  double t = 0;
  while (on.runtime->state().scene != first && t < 30) on.advance_to(t += 0.1);
  on.advance_to(t += 1.5);
  ASSERT_EQ(on.runtime->state().scene, first);
  const sf::Image with = frame(on, t, {}, {}, "place_radio_on");
  const story::Rect radio{110, 310, 60, 40};
  EXPECT_GT(mean_luminance(with, radio), mean_luminance(without, radio) + 40);
}

TEST_F(RenderTest, AConcavePolygonFillsOnlyItsInside) {
  std::shared_ptr<story::Story> s = load(kKitchenDir);
  ASSERT_TRUE(s);
  story::Visual v;
  v.authored = true;
  v.sky_top = v.sky_bottom = Color{0, 0, 0};
  v.drift = 0;
  v.vignette = 0;
  // An L: the notch at its top right stays dark.
  v.layers.push_back(
      polygon({100, 100, 200, 100, 200, 300, 400, 300, 400, 400, 100, 400}, {0, 255, 0}));
  s->scenes[0].visual = v;
  Played p = play(s, story::kNone, 0.0);
  Style still;
  still.reduced_motion = true;
  const sf::Image img = frame(p, 0.0, {}, still, "concave");
  EXPECT_GT(img.getPixel(150, 200).g, 200);
  EXPECT_GT(img.getPixel(350, 350).g, 200);
  EXPECT_LT(img.getPixel(300, 200).g, 40);
}

TEST_F(RenderTest, AShadowFallsAwayFromTheLight) {
  std::shared_ptr<story::Story> s = load(kKitchenDir);
  ASSERT_TRUE(s);
  story::Visual v;
  v.authored = true;
  v.sky_top = v.sky_bottom = Color{160, 160, 160};
  v.drift = 0;
  v.vignette = 0;
  Shape box = rect(600, 300, 80, 80, {40, 40, 40});
  box.shadow = true;
  v.layers.push_back(box);
  v.light.present = true;
  v.light.x = 400;
  v.light.y = 340;
  v.light.strength = 0;  // no wash: only the shadow changes the backdrop
  v.light.shadows = 1;
  s->scenes[0].visual = v;
  Played p = play(s, story::kNone, 0.0);
  const sf::Image img = frame(p, 3.0, {}, {}, "shadow");
  // Right of the box (away from the light) is darker than left of it (toward the light).
  EXPECT_LT(luminance(img.getPixel(720, 340)) + 30, luminance(img.getPixel(560, 340)));
}

TEST_F(RenderTest, ThingAreaIsItsOwnAreaOrTheBoundsOfItsShapes) {
  std::shared_ptr<story::Story> s = kitchen();
  ASSERT_TRUE(s);
  story::Scene& scene = s->scenes[0];
  const story::ThingId kettle = scene.find_thing("kettle");
  const story::Rect k = renderer_->thing_area(scene, kettle);
  // The body (300..404 × 392..470) and the handle line (330..374 at y 384, 8 wide).
  EXPECT_FLOAT_EQ(k.x, 300);
  EXPECT_FLOAT_EQ(k.w, 104);
  EXPECT_FLOAT_EQ(k.y, 380);
  EXPECT_FLOAT_EQ(k.y + k.h, 470);
  scene.things[static_cast<size_t>(kettle)].area = {10, 20, 30, 40};
  const story::Rect own = renderer_->thing_area(scene, kettle);
  EXPECT_FLOAT_EQ(own.x, 10);
  EXPECT_FLOAT_EQ(own.h, 40);
  EXPECT_TRUE(renderer_->thing_area(scene, story::kNone).empty());
}

// ---- Attention.

TEST_F(RenderTest, TheFocusedThingIsBrighterThanWhenUnattended) {
  Played p = play(kitchen(), story::kNone, 3.0);
  const story::ThingId cup = p.scene().find_thing("cup");
  const story::Rect area = renderer_->thing_area(p.scene(), cup);
  Style still;
  still.reduced_motion = true;
  const sf::Image plain = frame(p, 3.0, {}, still, "kitchen_unfocused");
  const sf::Image focused = frame(p, 3.0, {.focus = cup}, still, "kitchen_focused");
  EXPECT_GT(mean_luminance(focused, area), mean_luminance(plain, area) + 8);
  // Only round the cup: the far side of the room is untouched.
  EXPECT_NEAR(mean_luminance(focused, {40, 40, 200, 200}),
              mean_luminance(plain, {40, 40, 200, 200}), 0.5);
}

TEST_F(RenderTest, AHoldGathersLightAndClosesTheVignette) {
  Played p = play(kitchen(), story::kNone, 3.0);
  const story::ThingId cup = p.scene().find_thing("cup");
  const story::Rect cup_area = renderer_->thing_area(p.scene(), cup);
  const story::Rect area{cup_area.x - 24, cup_area.y - 24, cup_area.w + 48, cup_area.h + 48};
  Style still;
  still.reduced_motion = true;
  const sf::Image early = frame(p, 3.0, {.focus = cup, .pressed = cup, .progress = 0.1}, still);
  const sf::Image late =
      frame(p, 3.0, {.focus = cup, .pressed = cup, .progress = 0.9}, still, "kitchen_hold");
  EXPECT_GT(mean_luminance(late, area), mean_luminance(early, area) + 5);
  EXPECT_LT(mean_luminance(late, {0, 0, 160, 160}), mean_luminance(early, {0, 0, 160, 160}) - 3);
}

// ---- Time.

// The kitchen's moment opens at 2 s (two lines of 1 s); its breath runs to 2 + kBreathSeconds.
// `twin`: the same played state with the breath taken out, to draw the same instant without it.
Played without_breath(const std::shared_ptr<story::Story>& s, double at) {
  Played p = play(s, story::kNone, at);
  story::State st = p.runtime->state();
  st.breath_until = st.moment_since;
  p.runtime->restore(st);
  return p;
}

TEST_F(RenderTest, WhenAMomentOpensTheThingsOnOfferBreatheLightOnce) {
  const double open = 2.0, mid = open + story::kBreathSeconds / 2;
  const double after = open + story::kBreathSeconds + 0.25;
  const std::shared_ptr<story::Story> s = kitchen();
  const Played before_p = play(s, story::kNone, open - 0.01);
  ASSERT_FALSE(before_p.runtime->in_moment());
  const Played mid_p = play(s, story::kNone, mid);
  ASSERT_TRUE(mid_p.runtime->in_moment());
  const Played after_p = play(s, story::kNone, after);
  const story::Scene& scene = mid_p.scene();
  const std::array<const char*, 3> offered = {"cup", "kettle", "window"};
  // Reduced motion: nothing moves, so frames before, during and after compare directly.
  Style still;
  still.reduced_motion = true;
  const sf::Image before = frame(before_p, open - 0.01, {}, still);
  const sf::Image during = frame(mid_p, mid, {}, still, "kitchen_breath_still");
  const sf::Image later = frame(after_p, after, {}, still);
  for (const char* id : offered) {
    const story::Rect area = renderer_->thing_area(scene, scene.find_thing(id));
    EXPECT_GT(mean_luminance(during, area), mean_luminance(before, area) + 3) << id;
    EXPECT_GT(mean_luminance(during, area), mean_luminance(later, area) + 3) << id;
  }
  // Only the things answer: the far corner of the room is untouched.
  EXPECT_NEAR(mean_luminance(during, {40, 40, 200, 200}),
              mean_luminance(before, {40, 40, 200, 200}), 0.5);
  // A still step: the same all through the breath.
  EXPECT_TRUE(same_pixels(during, frame(play(s, story::kNone, open + 0.1), open + 0.1, {}, still)));

  // With motion the rest of the frame moves (steam, the car, the drift): each frame is compared
  // with the same instant drawn without the breath. It rises and falls: faint at a tenth of the
  // breath, brightest halfway.
  Style moving;
  const story::Rect cup = renderer_->thing_area(scene, scene.find_thing("cup"));
  auto lift = [&](double at, const char* dump) {
    const double with = mean_luminance(frame(play(s, story::kNone, at), at, {}, moving, dump), cup);
    return with - mean_luminance(frame(without_breath(s, at), at, {}, moving), cup);
  };
  const double at_mid = lift(mid, "kitchen_breath");
  const double at_tenth = lift(open + story::kBreathSeconds / 10, "");
  EXPECT_GT(at_mid, 3);
  EXPECT_GT(at_tenth, 0.5);
  EXPECT_LT(at_tenth, at_mid - 2);
  EXPECT_EQ(lift(after, ""), 0.0);
}

TEST_F(RenderTest, ReducedMotionHoldsTheFrameStill) {
  Played p = play(kitchen(), story::kNone, 2.5);
  ASSERT_TRUE(p.runtime->in_moment());
  // The pointer rests on the cup (which offers no look): the player is not silent, so the
  // world does not move on (that is not motion, and reduced motion keeps it).
  p.advance_to(3.5, {.look = p.scene().find_thing("cup")});  // past the opening's breath
  ASSERT_TRUE(p.runtime->in_moment());
  Style still;
  still.reduced_motion = true;
  EXPECT_TRUE(same_pixels(frame(p, 3.5, {}, still), frame(p, 5.7, {}, still)));
  // Without it the steam rises, the car passes and the camera drifts.
  EXPECT_FALSE(same_pixels(frame(p, 3.5), frame(p, 5.7)));
}

TEST_F(RenderTest, WhileThePlayerIsSilentTheRoomDarkensSlowlyAndActingResetsIt) {
  Played p = play(kitchen(), story::kNone, 0);
  p.advance_to(10, {.look = p.scene().find_thing("cup")});  // no silence yet: the pointer rests
  ASSERT_TRUE(p.runtime->in_moment());
  p.advance_to(10.05);  // the pointer leaves the cup: the silence begins
  const double since = p.runtime->state().idle_since;
  ASSERT_TRUE(p.runtime->state().silent);
  // Reduced motion, so that only the silence changes the frame (it is not motion: it stays).
  Style still;
  still.reduced_motion = true;
  const story::Rect lower{0, 300, 1280, 160};  // above the text, where the floor is
  const sf::Image at0 = frame(p, since, {}, still, "kitchen_silence_0s");
  p.advance_to(since + 5);
  const sf::Image at5 = frame(p, since + 5, {}, still);
  p.advance_to(since + 15);
  ASSERT_TRUE(p.runtime->in_moment());  // the wait is 20 s
  const sf::Image at15 = frame(p, since + 15, {}, still, "kitchen_silence_15s");
  EXPECT_GT(differing(at0, at15, 0, 460, 6), 20000) << "15 s of silence should show";
  // Monotonic: darker at 5 s than at 0, darker again at 15.
  EXPECT_LT(mean_luminance(at5, lower), mean_luminance(at0, lower) - 1);
  EXPECT_LT(mean_luminance(at15, lower), mean_luminance(at5, lower) - 1);
  EXPECT_LT(mean_luminance(at15, {0, 0, 160, 160}), mean_luminance(at0, {0, 0, 160, 160}) - 3)
      << "the vignette closes";
  // Drawing again at the same moment gives the same frame: no flicker.
  EXPECT_TRUE(same_pixels(at15, frame(p, since + 15, {}, still)));
  // The player acts (the pointer comes to rest on the cup): the room is as it was.
  p.advance_to(since + 15.5, {.look = p.scene().find_thing("cup")});
  EXPECT_TRUE(same_pixels(frame(p, since + 15.5, {}, still), at0));
}

TEST_F(RenderTest, TheSameInputsDrawTheSamePixels) {
  Played p = play(kitchen(), story::kNone, 3.0);
  const Attention focus{.focus = p.scene().find_thing("window")};
  const sf::Image a = frame(p, 4.25, focus);
  const sf::Image b = frame(p, 4.25, focus);
  std::string error;
  std::unique_ptr<Renderer> other = Renderer::create({}, &error);
  ASSERT_TRUE(other) << error;
  renderer_ = std::move(other);
  const sf::Image c = frame(p, 4.25, focus);
  EXPECT_TRUE(same_pixels(a, b));
  EXPECT_TRUE(same_pixels(a, c));
}

TEST_F(RenderTest, ASceneComesUpFromBlack) {
  Played p = play(kitchen(), story::kNone, 0.0);
  const sf::Image start = frame(p, 0.1);
  const sf::Image later = frame(p, 1.5);
  EXPECT_LT(mean_luminance(start, {0, 0, 1280, 400}), mean_luminance(later, {0, 0, 1280, 400}) / 2);
  Style still;
  still.reduced_motion = true;  // a cut, not a fade
  EXPECT_NEAR(mean_luminance(frame(p, 0.1, {}, still), {0, 0, 1280, 400}),
              mean_luminance(frame(p, 1.5, {}, still), {0, 0, 1280, 400}), 0.5);
}

TEST_F(RenderTest, TheMenuLightsTheSelectedItem) {
  const std::vector<Renderer::MenuItem> first_on = {{"New", true}, {"Quit", false}};
  const std::vector<Renderer::MenuItem> second_on = {{"New", false}, {"Quit", true}};
  texture_.clear(sf::Color::Black);
  renderer_->draw_menu(texture_, "Threshold", first_on, "", {});
  texture_.display();
  const sf::Image a = texture_.getTexture().copyToImage();
  texture_.clear(sf::Color::Black);
  renderer_->draw_menu(texture_, "Threshold", second_on, "", {});
  texture_.display();
  const sf::Image b = texture_.getTexture().copyToImage();
  if (const char* dir = std::getenv("THRESHOLD_RENDER_DUMP"); dir && *dir) {
    a.saveToFile(std::string(dir) + "/menu.png");
  }
  // Find the two items' rows: where the frames differ; the lit one is brighter in its frame.
  double a_top = 0, b_top = 0, a_bottom = 0, b_bottom = 0;
  for (unsigned y = 200; y < 560; ++y) {
    const double la = mean_luminance(a, {0, static_cast<float>(y), 1280, 1});
    const double lb = mean_luminance(b, {0, static_cast<float>(y), 1280, 1});
    (y < 380 ? a_top : a_bottom) += la;
    (y < 380 ? b_top : b_bottom) += lb;
  }
  EXPECT_GT(differing(a, b, 0, 720), 200);
  EXPECT_GT(a_top - b_top + b_bottom - a_bottom, 0);
}

// ---- The `render` verb.

std::string run(const std::string& command, int* status) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return out;
  char buf[512];
  while (fgets(buf, sizeof buf, pipe)) out += buf;
  const int rc = pclose(pipe);
  *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

TEST_F(RenderTest, TheRenderVerbWritesAPngOfTheAskedSizeLetterboxed) {
  const std::string out =
      (std::filesystem::temp_directory_path() / "threshold_render_test.png").string();
  std::filesystem::remove(out);
  int status = -1;
  const std::string said = run(std::string(THRESHOLD_EXE) + " render " + THRESHOLD_DATA_DIR +
                                   " --at 3 --size 640x480 --out " + out,
                               &status);
  ASSERT_EQ(status, 0) << said;
  sf::Image img;
  ASSERT_TRUE(img.loadFromFile(out));
  EXPECT_EQ(img.getSize(), sf::Vector2u(640, 480));
  // 640×360 of picture between bars of 60 rows above and below.
  EXPECT_EQ(img.getPixel(320, 10), sf::Color::Black);
  EXPECT_EQ(img.getPixel(320, 470), sf::Color::Black);
  EXPECT_GT(luminance_stddev(img), 6.0);
  std::filesystem::remove(out);
}

TEST_F(RenderTest, TheRenderVerbNamesAnUnknownScene) {
  int status = -1;
  const std::string said = run(std::string(THRESHOLD_EXE) + " render " + THRESHOLD_DATA_DIR +
                                   " --scene kitchen_mornin --out /tmp/never.png",
                               &status);
  EXPECT_EQ(status, 1);
  EXPECT_NE(said.find("did you mean 'kitchen_morning'"), std::string::npos) << said;
}

// The pseudo-locale (`--locale qps`) is drawn: the lines are the accented, longer ones, every
// glyph in the game's face (a missing glyph would draw as a box: the pseudo-locale uses none).
TEST_F(RenderTest, TheRenderVerbDrawsThePseudoLocale) {
  const auto tmp = std::filesystem::temp_directory_path();
  const std::string english = (tmp / "threshold_render_en.png").string();
  const std::string pseudo = (tmp / "threshold_render_qps.png").string();
  int status = -1;
  std::string said = run(std::string(THRESHOLD_EXE) + " render " + THRESHOLD_DATA_DIR +
                             " --scene kitchen_morning --at 14 --out " + english,
                         &status);
  ASSERT_EQ(status, 0) << said;
  said = run(std::string(THRESHOLD_EXE) + " render " + THRESHOLD_DATA_DIR +
                 " --scene kitchen_morning --at 14 --locale qps --out " + pseudo,
             &status);
  ASSERT_EQ(status, 0) << said;
  sf::Image a, b;
  ASSERT_TRUE(a.loadFromFile(english));
  ASSERT_TRUE(b.loadFromFile(pseudo));
  // The same picture above the lines; the lines themselves differ.
  EXPECT_LT(differing(a, b, 0, 400), 50);
  EXPECT_GT(differing(a, b, 400, 620), 2000);
  std::filesystem::remove(english);
  std::filesystem::remove(pseudo);
}

// A writer sees a push in progress as the player would: the hand on the folder, moved away.
TEST_F(RenderTest, TheRenderVerbDrawsAHandOnAThingMovedAway) {
  const std::string dir = std::string(THRESHOLD_TESTS_DIR) + "/stories/push_pull";
  const std::string still =
      (std::filesystem::temp_directory_path() / "threshold_still.png").string();
  const std::string pushed =
      (std::filesystem::temp_directory_path() / "threshold_push.png").string();
  int status = -1;
  std::string said =
      run(std::string(THRESHOLD_EXE) + " render " + dir + " --at 3 --reduced-motion --out " + still,
          &status);
  ASSERT_EQ(status, 0) << said;
  said = run(std::string(THRESHOLD_EXE) + " render " + dir +
                 " --at 3 --reduced-motion --press folder --drag 60 --out " + pushed,
             &status);
  ASSERT_EQ(status, 0) << said;
  sf::Image a, b;
  ASSERT_TRUE(a.loadFromFile(still));
  ASSERT_TRUE(b.loadFromFile(pushed));
  // The folder (200,380 240x160) rises by up to 30 px into the wall above it, lit by the hand.
  EXPECT_GT(mean_luminance(b, {220, 355, 200, 20}), mean_luminance(a, {220, 355, 200, 20}) + 20);
  std::filesystem::remove(still);
  std::filesystem::remove(pushed);
}

TEST_F(RenderTest, TheRenderVerbNamesAnUnknownThingAndABadSetting) {
  int status = -1;
  std::string said = run(std::string(THRESHOLD_EXE) + " render " + THRESHOLD_TESTS_DIR +
                             "/stories/push_pull --at 3 --press foldr --out /tmp/never.png",
                         &status);
  EXPECT_EQ(status, 1);
  EXPECT_EQ(said, "threshold: --press: scene 'desk' has no thing 'foldr'\n");
  said = run(std::string(THRESHOLD_EXE) + " render " + THRESHOLD_DATA_DIR +
                 " --scene d4_office --set courage=lots --out /tmp/never.png",
             &status);
  EXPECT_EQ(status, 1);
  EXPECT_NE(said.find("threshold: --set courage=lots: courage is a number"), std::string::npos)
      << said;
}

// Runs without a display, so it needs none itself.
TEST(RenderVerb, WithNoDisplayItSaysSoInOneLineAndFails) {
  int status = -1;
  const std::string said = run("env -u DISPLAY " + std::string(THRESHOLD_EXE) + " render " +
                                   THRESHOLD_DATA_DIR + " --out /tmp/never.png",
                               &status);
  EXPECT_EQ(status, 1);
  EXPECT_EQ(
      said,
      "threshold: no display (DISPLAY is not set); rendering needs X \xE2\x80\x94 try xvfb-run\n");
}

TEST(RendererFonts, ACorruptFontInTheStorysFontsFolderFallsBackToTheSystemSerif) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("threshold_fonts_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "fonts");
  {
    std::FILE* f = std::fopen((dir / "fonts" / "EBGaramond12-Regular.otf").c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs("not a font at all", f);
    std::fclose(f);
  }
  // The folders the loader listed for the story (story_files.h), as Story::font_folders has them.
  const std::vector<std::string> folders = story::list_story_files(dir.string()).font_folders;
  ASSERT_EQ(folders.size(), 1u);
  const FontSearch found = find_fonts(folders);
  ASSERT_GE(found.regular.size(), 2u) << "this test needs a system serif to fall back to";
  EXPECT_EQ(found.regular.front(),
            (std::filesystem::canonical(dir) / "fonts" / "EBGaramond12-Regular.otf").string());
  std::string error;
  EXPECT_NE(Renderer::create(folders, &error), nullptr) << error;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace threshold::render

// ---- Text anyone can read: the face, the spacing, the high-contrast band, 200 % text.

namespace threshold::render {
namespace {

// The contrast of two colours (WCAG).
double contrast(sf::Color a, sf::Color b) {
  const double la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// A stage showing `text` as the newest line, shown long enough ago to have faded in.
Stage stage_with(const story::Story& story, std::vector<std::string> lines) {
  Stage stage;
  story::Event entered;
  entered.kind = story::EventKind::SceneEntered;
  entered.scene = 0;
  stage.observe(story, entered);
  for (std::string& text : lines) {
    story::Event shown;
    shown.kind = story::EventKind::LineShown;
    shown.text = std::move(text);
    stage.observe(story, shown);
  }
  return stage;
}

// The rows (y) and columns (x) where the frame has pixels brighter than `above`, in [y0, y1).
story::Rect bright_bounds(const sf::Image& img, unsigned y0, unsigned y1, double above) {
  unsigned x_min = img.getSize().x, x_max = 0, y_min = y1, y_max = 0;
  for (unsigned y = y0; y < y1; ++y) {
    for (unsigned x = 0; x < img.getSize().x; ++x) {
      if (luminance(img.getPixel(x, y)) <= above) continue;
      x_min = std::min(x_min, x);
      x_max = std::max(x_max, x);
      y_min = std::min(y_min, y);
      y_max = std::max(y_max, y);
    }
  }
  if (x_max < x_min) return {};
  return {static_cast<float>(x_min), static_cast<float>(y_min),
          static_cast<float>(x_max - x_min + 1), static_cast<float>(y_max - y_min + 1)};
}

// The top row of the high-contrast band: the rows up from the foot of the frame that are black
// at both edges.
unsigned band_top(const sf::Image& img) {
  unsigned y = img.getSize().y;
  while (y > 0 && relative_luminance(img.getPixel(4, y - 1)) < 0.005 &&
         relative_luminance(img.getPixel(img.getSize().x - 5, y - 1)) < 0.005) {
    --y;
  }
  return y;
}

// The longest line the shipped story can show, as the player would read it.
std::string longest_line(const story::Story& story) {
  story::Runtime runtime(story);
  std::string longest;
  auto consider = [&](const std::vector<story::Line>& lines) {
    for (const story::Line& l : lines) {
      if (l.is_pause()) continue;
      std::string text = l.text->render(runtime.env());
      if (text.size() > longest.size()) longest = std::move(text);
    }
  };
  for (const story::Scene& scene : story.scenes) {
    for (const story::Beat& beat : scene.beats) {
      consider(beat.lines);
      if (!beat.moment) continue;
      for (const story::Gesture& g : beat.moment->gestures) consider(g.lines);
    }
  }
  for (const story::Ending& e : story.endings) {
    consider(e.epilogue);
    consider(e.reflection);
  }
  return longest;
}

TEST_F(RenderTest, HighContrastTextIsWhiteOnABlackBandAtSevenToOneOrMore) {
  Played p = play(kitchen(), story::kNone, 1.5);
  p.stage = stage_with(*p.story, {"An older line, still there.", "A cup on the counter."});
  Style high;
  high.high_contrast = true;
  const sf::Image img = frame(p, 10.0, {}, high, "high_contrast");
  const unsigned top = band_top(img);
  ASSERT_LT(top, 600u) << "no band under the lines";
  ASSERT_GT(top, 360u) << "the band covers the scene";
  // The band: the darkest and the brightest pixels in the rows of the lines.
  const story::Rect text = bright_bounds(img, top, 720, 200);
  ASSERT_GT(text.w, 100) << "no text on the band";
  sf::Color band = sf::Color::White, ink = sf::Color::Black;
  for (unsigned y = static_cast<unsigned>(text.y); y < static_cast<unsigned>(text.y + text.h);
       ++y) {
    for (unsigned x = 0; x < 1280; ++x) {
      const sf::Color c = img.getPixel(x, y);
      if (relative_luminance(c) < relative_luminance(band)) band = c;
      if (relative_luminance(c) > relative_luminance(ink)) ink = c;
    }
  }
  EXPECT_GE(contrast(ink, band), 7.0);
  // The band is black edge to edge beside the text, where the scene showed through before.
  const sf::Color beside = img.getPixel(20, static_cast<unsigned>(text.y + text.h / 2));
  EXPECT_LT(relative_luminance(beside), 0.01);
  // The older line is no dimmer than 0.8 white (13:1): its letters are as bright as 200 too, so
  // the bright rows span both lines.
  EXPECT_GT(text.h, 60);
}

TEST_F(RenderTest, OpenDyslexicAndDejaVuSansSetTheLinesInTheirOwnFace) {
  ASSERT_TRUE(renderer_->has_face(Face::OpenDyslexic)) << "install fonts-opendyslexic";
  ASSERT_TRUE(renderer_->has_face(Face::Sans)) << "install fonts-dejavu-core";
  Played p = play(kitchen(), story::kNone, 1.5);
  p.stage = stage_with(*p.story, {"A cup on the counter, and the door behind you."});
  Style garamond, dyslexic, sans;
  dyslexic.face = Face::OpenDyslexic;
  sans.face = Face::Sans;
  const sf::Image a = frame(p, 10.0, {}, garamond);
  const sf::Image b = frame(p, 10.0, {}, dyslexic, "font_opendyslexic");
  const sf::Image c = frame(p, 10.0, {}, sans);
  EXPECT_GT(differing(a, b, 480, 720), 2000);
  EXPECT_GT(differing(a, c, 480, 720), 2000);
  EXPECT_GT(differing(b, c, 480, 720), 2000);
  // OpenDyslexic's letters are wider: the same line spans more of the frame.
  EXPECT_GT(bright_bounds(b, 480, 720, 150).w, bright_bounds(a, 480, 720, 150).w * 1.15);
}

TEST_F(RenderTest, WiderLineSpacingSpreadsTheLinesApart) {
  Played p = play(kitchen(), story::kNone, 1.5);
  p.stage = stage_with(*p.story, {"The first line.", "The second line.", "The third line."});
  Style tight, wide;
  tight.high_contrast = wide.high_contrast = true;
  wide.line_spacing = 2.0f;
  const sf::Image a = frame(p, 10.0, {}, tight), b = frame(p, 10.0, {}, wide);
  const story::Rect t = bright_bounds(a, band_top(a), 720, 200);
  const story::Rect w = bright_bounds(b, band_top(b), 720, 200);
  EXPECT_GT(w.h, t.h * 1.6);
}

// 200 % text, at the longest line of the shipped story, with the widest spacing too: the line is
// shown whole, inside the frame.
TEST_F(RenderTest, TwiceTheTextSizeKeepsTheStorysLongestLineInsideTheFrame) {
  std::shared_ptr<story::Story> data = load(THRESHOLD_DATA_DIR);
  ASSERT_TRUE(data);
  const std::string line = longest_line(*data);
  ASSERT_GT(line.size(), 80u);
  for (const float spacing : {1.0f, 2.0f}) {
    Played p = play(data, story::kNone, 0.5);
    p.stage = stage_with(*data, {line});
    Style big;
    big.text_scale = 2.0f;
    big.line_spacing = spacing;
    big.high_contrast = true;  // a black band: the text is the only white
    const sf::Image img = frame(p, 10.0, {}, big, "text_200_percent");
    const unsigned top = band_top(img);
    EXPECT_GT(top, 0u) << "the band, and the text on it, reach the top of the frame";
    const story::Rect text = bright_bounds(img, top, 720, 200);
    ASSERT_GT(text.w, 0) << "no text drawn";
    EXPECT_GE(text.x, 8) << spacing;
    EXPECT_LE(text.x + text.w, 1272) << spacing;
    EXPECT_GE(text.y, 8) << spacing;
    EXPECT_LE(text.y + text.h, 712) << spacing;
    // Twice the size: the rows are much taller than at 100 %.
    Style normal;
    normal.high_contrast = true;
    normal.line_spacing = spacing;
    const sf::Image at_100 = frame(p, 10.0, {}, normal);
    const story::Rect small = bright_bounds(at_100, band_top(at_100), 720, 200);
    EXPECT_GT(text.h, small.h * 1.5) << spacing;
  }
}

// The darkness over a frame (vignette, a silence's cast and shadows) is held in the static
// picture's cache and the motion drawn over it is darkened per vertex; a hold draws it over the
// frame instead, each frame. Both must give the same picture (a hold's first instant closes the
// vignette by nothing yet): for the first scene of each place, late in its first silence, fewer
// than 100 pixels differ by more than 3 levels (the vignette drifts with the picture by a few
// pixels; a particle's darkness is its vertices').
TEST_F(RenderTest, TheDarknessHeldInTheCacheLooksAsTheDarknessDrawnOverTheFrame) {
  std::shared_ptr<story::Story> story = load(THRESHOLD_DATA_DIR);
  ASSERT_TRUE(story);
  std::vector<std::string> places;
  for (size_t i = 0; i < story->scenes.size(); ++i) {
    const std::string& place = story->scenes[i].place;
    if (place.empty() || std::find(places.begin(), places.end(), place) != places.end()) continue;
    places.push_back(place);
    // How long the moment stays open alone (a first play), then into its silence (a second).
    auto into_moment = [&] {
      Played p = play(story, static_cast<story::SceneId>(i), 0);
      for (double t = 0.5; t < 120 && !p.runtime->in_moment(); t += 0.5) p.advance_to(t);
      return p;
    };
    Played first = into_moment();
    ASSERT_TRUE(first.runtime->in_moment()) << place;
    const double start = first.runtime->state().time;
    double open_until = start;
    while (open_until < start + 20 && first.runtime->in_moment())
      first.advance_to(open_until += 0.25);
    Played p = into_moment();
    const double t = open_until - 0.5;
    p.advance_to(t);
    ASSERT_TRUE(p.runtime->in_moment() && p.runtime->state().silent) << place;
    ASSERT_GT(silence_drift(*p.runtime, t), 0.f) << place;
    const sf::Image held = frame(p, t, {}, {}, "shade_held_" + place);
    const sf::Image over = frame(p, t, {.progress = 1e-6}, {}, "shade_over_" + place);
    const int far = differing(held, over, 0, 720, 3);
    EXPECT_LT(far, 100) << place << ": " << far << " pixels differ by more than 3";
  }
}

// ---- Drawing only where the motion moved.

// The game redraws a calm frame only where its motion moved (Renderer::motion_area, clipped
// with platform::clip_drawing): for the first scene of each place in data/, at its first
// moment, a second and a half of frames each drawn that way over the last must equal the same
// frames drawn whole, pixel for pixel; and some of them must really have been drawn in part.
TEST_F(RenderTest, AFrameDrawnOnlyWhereTheMotionMovedIsTheWholeFrame) {
  std::shared_ptr<story::Story> story = load(THRESHOLD_DATA_DIR);
  ASSERT_TRUE(story);
  std::string error;
  std::unique_ptr<Renderer> whole = Renderer::create({}, &error);
  ASSERT_TRUE(whole) << error;
  sf::RenderTexture reference;
  ASSERT_TRUE(reference.create(1280, 720));
  const sf::Vector2u size = texture_.getSize();
  std::vector<std::string> places;
  int in_part = 0, nothing = 0, small = 0;
  for (size_t i = 0; i < story->scenes.size(); ++i) {
    const std::string& place = story->scenes[i].place;
    if (place.empty() || std::find(places.begin(), places.end(), place) != places.end()) continue;
    places.push_back(place);
    Played p = play(story, static_cast<story::SceneId>(i), 0);
    for (double t = 0.5; t < 120 && !p.runtime->in_moment(); t += 0.5) p.advance_to(t);
    ASSERT_TRUE(p.runtime->in_moment()) << place;
    const double t0 = p.runtime->state().time + 3;  // the lines' and the scene's fades are over
    p.advance_to(t0);
    texture_.clear(sf::Color::Black);
    renderer_->draw(texture_, *p.runtime, p.stage, {}, {}, t0);
    for (int k = 1; k <= 30; ++k) {
      const double t = t0 + k * 0.05;
      p.advance_to(t);
      const std::optional<sf::IntRect> area =
          renderer_->motion_area(*p.runtime, p.stage, {}, {}, t, size);
      if (area && (area->width <= 0 || area->height <= 0)) {
        ++nothing;  // nothing that shows changed: not drawn
      } else {
        if (area) {
          ++in_part;
          if (area->width * area->height < static_cast<int>(size.x * size.y) / 2) ++small;
        }
        platform::clip_drawing(texture_, area);
        texture_.clear(sf::Color::Black);
        renderer_->draw(texture_, *p.runtime, p.stage, {}, {}, t);
        platform::clip_drawing(texture_, std::nullopt);
      }
      texture_.display();
      reference.clear(sf::Color::Black);
      whole->draw(reference, *p.runtime, p.stage, {}, {}, t);
      reference.display();
      const sf::Image got = texture_.getTexture().copyToImage();
      const sf::Image want = reference.getTexture().copyToImage();
      ASSERT_TRUE(same_pixels(got, want))
          << place << " at " << t << " s: " << differing(got, want, 0, 720, 0)
          << " pixels differ from the whole frame"
          << (area ? " (drawn in " + std::to_string(area->width) + "x" +
                         std::to_string(area->height) + ")"
                   : " (drawn whole)");
    }
  }
  EXPECT_GT(in_part, 30) << "frames drawn in part";
  EXPECT_GT(small, 10) << "frames drawn in less than half the window";
  std::printf("drawn in part %d (under half the window %d), not drawn %d, of %zu\n", in_part, small,
              nothing, places.size() * 30);
}

}  // namespace
}  // namespace threshold::render
