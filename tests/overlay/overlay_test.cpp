// The debug overlay in the game under Xvfb (threshold_game drawing through the real renderer into
// an off-screen target, fed synthesized events): F1 opens and closes it, a click on a panel does
// not reach the game, the panels change the frame only where they stand, the Time panel's pause
// and scale steer the story's clock, an edited story file is played at once (a broken one is
// shown and the last good story plays on), and `threshold render --debug-overlay` draws it.
#include <gtest/gtest.h>

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "game/game.h"
#include "tests/support/test_story.h"
#include "threshold/debug/live_reload.h"
#include "threshold/debug/variables.h"

namespace threshold::game {
namespace {

namespace fs = std::filesystem;
using story::kNone;

constexpr double kStep = 0.05;
constexpr unsigned kW = 1280, kH = 720;

sf::Event key(bool down, sf::Keyboard::Key code) {
  sf::Event e;
  e.type = down ? sf::Event::KeyPressed : sf::Event::KeyReleased;
  e.key = {code, false, false, false, false};
  return e;
}
sf::Event mouse_move(int x, int y) {
  sf::Event e;
  e.type = sf::Event::MouseMoved;
  e.mouseMove = {x, y};
  return e;
}
sf::Event mouse_button(bool down, int x, int y) {
  sf::Event e;
  e.type = down ? sf::Event::MouseButtonPressed : sf::Event::MouseButtonReleased;
  e.mouseButton = {sf::Mouse::Left, x, y};
  return e;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::trunc);
  out << text;
}
void replace_in(const fs::path& p, const std::string& from, const std::string& to) {
  std::string text = read_text(p);
  const size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  write_text(p, text);
}

class Overlay : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("threshold_overlay_" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(base_);
    fs::create_directories(base_);
    // A copy of the story, so that the live reload test can edit it.
    dir_ = base_ / "story";
    paths_ = platform::paths_for((base_ / "config").c_str(), (base_ / "data").c_str(), "/none");
    ASSERT_TRUE(target_.create(kW, kH));
  }
  void TearDown() override {
    game_.reset();
    fs::remove_all(base_);
  }

  // The story `name` (tests/stories), copied so that the live reload test can edit it.
  void make_game(bool overlay_open, bool live = false, const std::string& name = "game_gestures") {
    fs::copy(fs::path(THRESHOLD_TESTS_DIR) / "stories" / name, dir_, fs::copy_options::recursive);
    auto story = std::make_shared<story::Story>(test_support::load_test_story_at(dir_.string()));
    // The things' areas in code, as `area:` would place them: the cup in the middle of the
    // frame, a door along the left edge, where the Now panel opens.
    auto place = [&](const char* scene, const char* thing, story::Rect area) {
      const story::SceneId s = story->find_scene(scene);
      if (s == kNone) return;
      story::Scene& sc = story->scene(s);
      if (sc.find_thing(thing) != kNone)
        sc.things[static_cast<size_t>(sc.find_thing(thing))].area = area;
    };
    place("kitchen", "cup", {520, 380, 160, 120});
    place("kitchen", "door", {80, 120, 220, 560});
    place("hallway", "door", {80, 120, 220, 560});
    std::string error;
    renderer_ = render::Renderer::create(story->font_folders, &error);
    ASSERT_TRUE(renderer_) << error;
    game_ = std::make_unique<Game>(std::shared_ptr<const story::Story>(story), *renderer_, paths_,
                                   platform::Settings{}, sf::Vector2u{kW, kH}, log_);
    game_->enable_overlay("", overlay_open);
    if (live) game_->watch_story(std::make_unique<debug::LiveStory>(dir_.string(), story));
  }

  void send(const sf::Event& e) { game_->handle(e); }
  void tap(sf::Keyboard::Key k) {
    send(key(true, k));
    send(key(false, k));
  }
  void run(double seconds) {
    const int steps = static_cast<int>(std::lround(seconds / kStep));
    for (int i = 0; i < steps; ++i) game_->advance(kStep);
  }
  sf::Image frame() {
    game_->draw(target_);
    target_.display();
    return target_.getTexture().copyToImage();
  }
  void new_game_to_moment() {
    ASSERT_EQ(game_->screen(), Game::Screen::Title);
    // Enter on "New": with the overlay open, the keyboard is the game's unless a panel's text
    // field has it.
    tap(sf::Keyboard::Enter);
    ASSERT_EQ(game_->screen(), Game::Screen::Playing);
    for (int i = 0; i < 400 && !in_moment(); ++i) game_->advance(kStep);
    ASSERT_TRUE(in_moment());
  }
  bool in_moment() const { return game_->runtime() && game_->runtime()->in_moment(); }
  std::string scene_id() const {
    const story::SceneId s = game_->runtime()->state().scene;
    return s == kNone ? "" : game_->story()->scene(s).id;
  }
  std::string ending_id() const {
    const story::EndingId e = game_->runtime()->state().ending;
    const story::Ending* ending = game_->story()->ending(e);
    return ending ? ending->id : "";
  }

  fs::path base_, dir_;
  platform::Paths paths_;
  std::unique_ptr<render::Renderer> renderer_;
  sf::RenderTexture target_;
  std::ostringstream log_;
  std::unique_ptr<Game> game_;
};

TEST_F(Overlay, F1OpensAndClosesTheOverlayWithoutTouchingTheGame) {
  make_game(false);
  EXPECT_FALSE(game_->overlay_open());
  tap(sf::Keyboard::F1);
  EXPECT_TRUE(game_->overlay_open());
  EXPECT_EQ(game_->screen(), Game::Screen::Title);
  EXPECT_EQ(game_->selected(), 0u);
  tap(sf::Keyboard::F1);
  EXPECT_FALSE(game_->overlay_open());
}

TEST_F(Overlay, AClickOnAPanelDoesNotReachTheDoorBehindIt) {
  // The kitchen's door lies at the left of the frame, where the Now panel opens.
  make_game(true);
  new_game_to_moment();
  (void)frame();  // the panels are drawn: the overlay knows where they stand
  send(mouse_move(190, 300));
  (void)frame();
  send(mouse_button(true, 190, 300));
  run(0.1);
  send(mouse_button(false, 190, 300));
  run(0.5);
  (void)frame();
  EXPECT_EQ(scene_id(), "kitchen");
  EXPECT_TRUE(game_->runtime()->state().history.empty());

  // Closed, the same click opens the door.
  tap(sf::Keyboard::F1);
  ASSERT_FALSE(game_->overlay_open());
  send(mouse_move(190, 300));
  send(mouse_button(true, 190, 300));
  run(0.1);
  send(mouse_button(false, 190, 300));
  run(3);
  EXPECT_EQ(scene_id(), "hallway");
}

TEST_F(Overlay, AHoldStartedInTheGameEndsInTheGameWhenReleasedOverAPanel) {
  make_game(false);
  new_game_to_moment();
  send(mouse_move(600, 440));  // the cup, which no panel covers
  send(mouse_button(true, 600, 440));
  run(0.8);
  tap(sf::Keyboard::F1);  // the overlay opens mid-hold
  (void)frame();
  send(mouse_button(false, 190, 300));  // released over the Now panel
  run(0.1);
  // The game saw the release: a hold let go early is a hesitation, not a hold stuck forever.
  EXPECT_EQ(ending_id(), "let_go");
}

TEST_F(Overlay, ThePanelsChangeTheFrameWhereTheyStandAndNowhereElse) {
  make_game(false);
  new_game_to_moment();
  const sf::Image without = frame();
  tap(sf::Keyboard::F1);
  sf::Image with;
  for (int i = 0; i < 3; ++i) with = frame();  // ImGui settles its layout over a few frames
  ASSERT_EQ(without.getSize(), with.getSize());
  auto differing = [&](unsigned x0, unsigned y0, unsigned x1, unsigned y1) {
    size_t n = 0;
    for (unsigned y = y0; y < y1; ++y) {
      for (unsigned x = x0; x < x1; ++x) n += without.getPixel(x, y) != with.getPixel(x, y);
    }
    return static_cast<double>(n) / ((x1 - x0) * (y1 - y0));
  };
  // The Now panel (the left third), the Story graph (top middle), Variables, History and
  // Problems (the right third).
  EXPECT_GT(differing(20, 60, 400, 700), 0.5);
  EXPECT_GT(differing(450, 60, 830, 260), 0.5);
  EXPECT_GT(differing(880, 60, 1260, 700), 0.5);
  // The middle of the frame below the graph, where the scene's words appear: untouched.
  EXPECT_EQ(differing(450, 320, 830, 710), 0.0);
  // And the menu bar along the top.
  EXPECT_GT(differing(0, 0, kW, 16), 0.3);
}

TEST_F(Overlay, PausedTheStoryStandsStillAndAStepMovesItExactly) {
  make_game(false);
  new_game_to_moment();
  const double t0 = game_->runtime()->state().time;
  game_->time_control().paused = true;
  run(10);  // longer than the 5 s wait
  EXPECT_TRUE(in_moment());
  EXPECT_EQ(game_->runtime()->state().time, t0);
  game_->time_control().step = 1.0;
  game_->advance(kStep);
  EXPECT_NEAR(game_->runtime()->state().time, t0 + 1.0, 1e-9);
  game_->advance(kStep);  // the step is spent
  EXPECT_NEAR(game_->runtime()->state().time, t0 + 1.0, 1e-9);
}

TEST_F(Overlay, AtTwiceTheTimeScaleTheSilenceRunsOutInHalfTheRealTime) {
  make_game(false);
  new_game_to_moment();
  game_->time_control().scale = 2.0;
  tap(sf::Keyboard::A);  // the player's hands: the silence may run, after the breath
  const double real = (story::kBreathSeconds + 5.0) / 2;
  run(real - 0.2);
  EXPECT_TRUE(in_moment());
  run(0.3);  // past half the breath and the 5 s wait in real time
  EXPECT_EQ(ending_id(), "waited");
}

TEST_F(Overlay, AnEditIsPlayedAtOnceABrokenOneShownAndTheLastGoodStoryPlaysOn) {
  make_game(false, /*live=*/true);
  new_game_to_moment();
  const auto first = game_->story();
  const double t0 = game_->runtime()->state().time;
  const fs::path kitchen = dir_ / "scenes/kitchen.yaml";

  // A writer edits a line: the game plays the new text, still in the kitchen's moment.
  std::this_thread::sleep_for(std::chrono::milliseconds(250));  // the watcher's poll interval
  replace_in(kitchen, "A cup on the counter.", "A cup on the counter, still warm.");
  ASSERT_TRUE(game_->poll_story());
  EXPECT_NE(game_->story(), first);
  EXPECT_EQ(scene_id(), "kitchen");
  EXPECT_TRUE(in_moment());
  EXPECT_NEAR(game_->runtime()->state().time, t0, 1e-9);
  const story::Scene& now = game_->story()->scene(game_->story()->find_scene("kitchen"));
  EXPECT_EQ(now.beats[0].lines[0].text->render(game_->runtime()->env()),
            "A cup on the counter, still warm.");

  // Then breaks the file: nothing changes in the game; the overlay opens on the problem.
  const auto good = game_->story();
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  replace_in(kitchen, "beats:", "beats: [");
  EXPECT_FALSE(game_->poll_story());
  EXPECT_EQ(game_->story(), good);
  EXPECT_TRUE(game_->overlay_open());
  EXPECT_TRUE(game_->overlay()->panel_open("Problems"));
  EXPECT_NE(log_.str().find("does not load"), std::string::npos);
  run(1);
  EXPECT_EQ(scene_id(), "kitchen");  // the last good story plays on
  (void)frame();                     // and the overlay draws the problem without trouble

  // And fixes it: the game goes on with the fixed story, where the player was.
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  replace_in(kitchen, "beats: [", "beats:");
  ASSERT_TRUE(game_->poll_story());
  EXPECT_NE(game_->story(), good);
  EXPECT_EQ(scene_id(), "kitchen");
  EXPECT_TRUE(in_moment());
}

TEST_F(Overlay, RewindingFromTheEndingOpensTheMomentAgainAndTheOtherBranchPlays) {
  make_game(false);
  new_game_to_moment();
  send(mouse_move(600, 440));  // the cup
  send(mouse_button(true, 600, 440));
  run(0.8);
  send(mouse_button(false, 600, 440));  // let go early: a hesitation, the let_go ending
  run(5);
  ASSERT_EQ(ending_id(), "let_go");
  ASSERT_EQ(game_->screen(), Game::Screen::Ending);

  // The History panel's click: rewind to just before the first gesture.
  debug::Session session = game_->debug_session();
  ASSERT_TRUE(session.timeline->rewind(*session.runtime, 0));
  session.changed({}, true);
  EXPECT_EQ(game_->screen(), Game::Screen::Playing);
  EXPECT_TRUE(in_moment());
  EXPECT_TRUE(game_->runtime()->state().history.empty());
  EXPECT_EQ(game_->runtime()->state().counters.hesitated, 0);

  // The pointer still rests on the cup: holding it long enough now drinks it.
  send(mouse_move(600, 440));
  send(mouse_button(true, 600, 440));
  run(2.1);
  send(mouse_button(false, 600, 440));
  EXPECT_EQ(ending_id(), "held");
}

TEST_F(Overlay, AVariableEditedInThePanelOpensTheDoorAtOnce) {
  make_game(false, false, "debug_door");
  new_game_to_moment();
  ASSERT_EQ(scene_id(), "hallway");
  // Not restless enough and no keys: the door does not answer a click.
  send(mouse_move(190, 300));
  send(mouse_button(true, 190, 300));
  run(0.1);
  send(mouse_button(false, 190, 300));
  run(0.5);
  ASSERT_EQ(scene_id(), "hallway");

  // What the Variables panel does on Enter: set, then tell the game.
  debug::Session session = game_->debug_session();
  ASSERT_EQ(debug::set_variable(*session.runtime, "restlessness", "4"), "");
  ASSERT_EQ(debug::set_variable(*session.runtime, "has_keys", "true"), "");
  session.changed({}, false);
  send(mouse_move(190, 300));
  send(mouse_button(true, 190, 300));
  run(0.1);
  send(mouse_button(false, 190, 300));
  run(0.5);
  EXPECT_EQ(scene_id(), "street");
}

TEST_F(Overlay, JumpingToASceneFromTheTitleStartsAGameThere) {
  make_game(true);
  debug::Session session = game_->debug_session();
  ASSERT_EQ(session.runtime, nullptr);
  session.start_at(game_->story()->find_scene("hallway"));
  EXPECT_EQ(game_->screen(), Game::Screen::Playing);
  EXPECT_EQ(scene_id(), "hallway");
}

TEST_F(Overlay, ClosedPanelsStayClosedAndTheLayoutIsKeptForNextTime) {
  const std::string ini = (base_ / "overlay.ini").string();
  {
    debug::Overlay first(ini, true);
    debug::Session session;
    first.draw(target_, session, 0.1);  // ImGui reads and later writes its ini from a frame on
    EXPECT_TRUE(first.panel_open("Variables"));
    first.set_panel_open("Variables", false);
    first.set_panel_open("Time", true);
    first.draw(target_, session, 0.1);
  }
  const std::string text = read_text(ini);
  EXPECT_NE(text.find("[Window][Now]"), std::string::npos);
  EXPECT_NE(text.find("[Threshold][Panels]"), std::string::npos);
  debug::Overlay second(ini, true);
  debug::Session session;
  second.draw(target_, session, 0.1);
  EXPECT_FALSE(second.panel_open("Variables"));
  EXPECT_TRUE(second.panel_open("Time"));
  EXPECT_TRUE(second.panel_open("Now"));
}

TEST(RenderDebugOverlay, DrawsThePanelsOverTheSceneFrame) {
  const fs::path base = fs::temp_directory_path() / "threshold_render_debug_overlay";
  fs::remove_all(base);
  fs::create_directories(base);
  const std::string story = std::string(THRESHOLD_TESTS_DIR) + "/stories/game_gestures";
  const std::string plain = (base / "plain.png").string();
  const std::string with = (base / "with.png").string();
  const std::string cmd =
      std::string(THRESHOLD_EXE) + " render " + story + " --scene kitchen --at 6 --out ";
  ASSERT_EQ(std::system((cmd + plain).c_str()), 0);
  ASSERT_EQ(std::system((cmd + with + " --debug-overlay").c_str()), 0);
  sf::Image a, b;
  ASSERT_TRUE(a.loadFromFile(plain));
  ASSERT_TRUE(b.loadFromFile(with));
  ASSERT_EQ(a.getSize(), b.getSize());
  size_t left = 0, middle = 0;
  for (unsigned y = 320; y < 700; ++y) {
    for (unsigned x = 20; x < 400; ++x) left += a.getPixel(x, y) != b.getPixel(x, y);
    for (unsigned x = 450; x < 830; ++x) middle += a.getPixel(x, y) != b.getPixel(x, y);
  }
  EXPECT_GT(left, 380u * 380u / 2);  // the Now panel
  EXPECT_EQ(middle, 0u);             // the scene's words, below the graph
  fs::remove_all(base);
}

}  // namespace
}  // namespace threshold::game
