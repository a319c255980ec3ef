// The real game loop (threshold_game) under Xvfb, drawing through the real renderer, fed
// synthesized SFML events and time steps: each gesture takes the branch the story says, the
// keyboard alone and the mouse alone reach an ending, Save and quit then Continue resumes in
// the same scene with the same variables, and the frame stays letterboxed.
#include "game/game.h"

#include <gtest/gtest.h>

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "game/history.h"
#include "tests/support/test_story.h"
#include "threshold/platform/window.h"
#include "threshold/story/captions.h"

namespace threshold::game {
namespace {

using story::kNone;

constexpr double kStep = 0.05;  // the loop's time step in these tests (20 frames a second)

using test_support::load_test_story;

sf::Event key_event(bool down, sf::Keyboard::Key code, bool shift = false) {
  sf::Event e;
  e.type = down ? sf::Event::KeyPressed : sf::Event::KeyReleased;
  e.key = {code, false, false, shift, false};
  return e;
}
sf::Event mouse_move(float x, float y) {
  sf::Event e;
  e.type = sf::Event::MouseMoved;
  e.mouseMove = {static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y))};
  return e;
}
sf::Event mouse_button(bool down, sf::Mouse::Button b, float x, float y) {
  sf::Event e;
  e.type = down ? sf::Event::MouseButtonPressed : sf::Event::MouseButtonReleased;
  e.mouseButton = {b, static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y))};
  return e;
}

class GameLoop : public ::testing::Test {
 protected:
  void SetUp() override {
    story_ = load_test_story("game_gestures");
    // The visual loader is not in yet: give the things their places in code, as `area:` would.
    story::Scene& kitchen = story_.scene(story_.find_scene("kitchen"));
    kitchen.things[static_cast<size_t>(kitchen.find_thing("cup"))].area = {520, 380, 160, 120};
    kitchen.things[static_cast<size_t>(kitchen.find_thing("door"))].area = {80, 120, 220, 560};
    story::Scene& hallway = story_.scene(story_.find_scene("hallway"));
    hallway.things[static_cast<size_t>(hallway.find_thing("coat"))].area = {900, 150, 180, 400};

    std::string error;
    renderer_ = render::Renderer::create(story_.font_folders, &error);
    ASSERT_TRUE(renderer_) << error;
    const std::string base =
        (std::filesystem::temp_directory_path() /
         ("threshold_gameloop_" +
          std::string(::testing::UnitTest::GetInstance()->current_test_info()->name())))
            .string();
    std::filesystem::remove_all(base);
    paths_ = platform::paths_for((base + "/config").c_str(), (base + "/data").c_str(), "/none");
    ASSERT_TRUE(target_.create(640, 360));
  }

  void make_game(platform::Settings settings = {}, sf::Vector2u size = {1280, 720}) {
    game_ = std::make_unique<Game>(story_, *renderer_, paths_, settings, size, log_);
  }

  void send(const sf::Event& e) { game_->handle(e); }
  void tap(sf::Keyboard::Key k) {
    send(key_event(true, k));
    send(key_event(false, k));
  }
  // Advances `seconds` of real time in loop-sized steps, drawing now and then as the loop does.
  void run(double seconds) {
    const int steps = static_cast<int>(std::lround(seconds / kStep));
    for (int i = 0; i < steps; ++i) {
      game_->advance(kStep);
      if (++frame_ % 8 == 0) game_->draw(target_);
    }
  }
  // Advances until `done` holds (or `limit` seconds pass); returns the seconds it took.
  template <class F>
  double run_until(F done, double limit = 60) {
    double t = 0;
    while (!done() && t < limit) {
      game_->advance(kStep);
      if (++frame_ % 8 == 0) game_->draw(target_);
      t += kStep;
    }
    return t;
  }
  // With THRESHOLD_SCREENSHOT_DIR set, the game as the player sees it now, as a PNG there.
  void keep_picture(const std::string& name) {
    const char* dir = std::getenv("THRESHOLD_SCREENSHOT_DIR");
    if (dir == nullptr) return;
    sf::RenderTexture shot;
    ASSERT_TRUE(shot.create(1280, 720));
    game_->draw(shot);
    shot.display();
    EXPECT_TRUE(shot.getTexture().copyToImage().saveToFile(std::string(dir) + "/" + name));
  }
  bool in_moment() const { return game_->runtime() && game_->runtime()->in_moment(); }
  std::string scene_id() const {
    const story::SceneId s = game_->runtime()->state().scene;
    return s == kNone ? "" : story_.scene(s).id;
  }
  story::ThingId thing(const std::string& scene, const std::string& id) const {
    return story_.scene(story_.find_scene(scene)).find_thing(id);
  }
  std::string ending_id() const {
    const story::EndingId e = game_->runtime()->state().ending;
    const story::Ending* ending = story_.ending(e);
    return ending ? ending->id : "";
  }
  story::Value variable(const std::string& id) const {
    return game_->runtime()->state().variables[static_cast<size_t>(story_.find_variable(id))];
  }
  // Title screen → New → the kitchen's moment.
  void new_game_to_moment() {
    ASSERT_EQ(game_->screen(), Game::Screen::Title);
    ASSERT_EQ(game_->menu_labels()[game_->selected()], "New");
    tap(sf::Keyboard::Enter);
    ASSERT_EQ(game_->screen(), Game::Screen::Playing);
    run_until([&] { return in_moment(); });
    ASSERT_TRUE(in_moment());
    ASSERT_EQ(scene_id(), "kitchen");
  }
  // Centre of a thing's area in window pixels, for a window of `size`.
  sf::Vector2f on_thing(const std::string& scene, const std::string& thing) const {
    const story::Scene& s = story_.scene(story_.find_scene(scene));
    const story::Rect r = renderer_->thing_area(s, s.find_thing(thing));
    const platform::Letterbox& box = game_->letterbox();
    return {box.left + (r.x + r.w / 2) * box.scale, box.top + (r.y + r.h / 2) * box.scale};
  }
  void finish_ending() {
    run_until([&] { return game_->screen() == Game::Screen::Ending; });
    ASSERT_EQ(game_->screen(), Game::Screen::Ending);
  }

  story::Story story_;
  std::unique_ptr<render::Renderer> renderer_;
  platform::Paths paths_;
  sf::RenderTexture target_;
  std::ostringstream log_;
  std::unique_ptr<Game> game_;
  int frame_ = 0;
};

TEST_F(GameLoop, HoldingTheCupWithTheMouseFor2Point1SecondsDrinksIt) {
  make_game();
  new_game_to_moment();
  const sf::Vector2f cup = on_thing("kitchen", "cup");
  send(mouse_move(cup.x, cup.y));
  send(mouse_button(true, sf::Mouse::Left, cup.x, cup.y));
  run(1.0);
  EXPECT_TRUE(in_moment());  // half way: still holding
  EXPECT_GT(game_->attention().progress, 0.4);
  EXPECT_FALSE(game_->still());  // light gathers while the hold runs
  run(1.1);
  send(mouse_button(false, sf::Mouse::Left, cup.x, cup.y));
  EXPECT_EQ(ending_id(), "held");
  EXPECT_EQ(game_->runtime()->state().history.back().seconds, 2.0);
  finish_ending();
}

TEST_F(GameLoop, LettingGoOfTheCupAt0Point8SecondsIsAHesitation) {
  make_game({}, {1920, 1200});  // letterboxed: bars above and below
  new_game_to_moment();
  const sf::Vector2f cup = on_thing("kitchen", "cup");
  send(mouse_move(cup.x, cup.y));
  send(mouse_button(true, sf::Mouse::Left, cup.x, cup.y));
  run(0.8);
  send(mouse_button(false, sf::Mouse::Left, cup.x, cup.y));
  EXPECT_EQ(ending_id(), "let_go");
  EXPECT_EQ(game_->runtime()->state().counters.hesitated, 1);
  EXPECT_NEAR(game_->runtime()->state().history.back().seconds, 0.8, 1e-9);
}

TEST_F(GameLoop, DoingNothingLetsTheSilenceRunOut) {
  make_game();
  new_game_to_moment();
  send(mouse_move(640, 80));         // the pointer rests on nothing
  run(story::kBreathSeconds + 4.9);  // the clock starts once the opening's breath is over
  EXPECT_TRUE(in_moment());
  run(0.2);
  EXPECT_EQ(ending_id(), "waited");
}

TEST_F(GameLoop, ANewGameWithNoInputNeverTimesOutTheFirstMoment) {
  make_game();
  new_game_to_moment();  // Enter on the title: the hands found there are not counted in the game
  run(120);
  EXPECT_TRUE(in_moment());
  EXPECT_EQ(ending_id(), "");
  EXPECT_EQ(game_->runtime()->state().counters.silence, 0.0);
  // The first movement of the pointer (over nothing) starts the clock: five seconds later the
  // silence has chosen.
  send(mouse_move(640, 80));
  run(4.9);
  EXPECT_TRUE(in_moment());
  run(0.2);
  EXPECT_EQ(ending_id(), "waited");
}

TEST_F(GameLoop, AnyKeyCountsAsFindingTheHands) {
  make_game();
  new_game_to_moment();
  run(30);
  tap(sf::Keyboard::A);  // a key the game does not use
  run(4.9);
  EXPECT_TRUE(in_moment());
  run(0.2);
  EXPECT_EQ(ending_id(), "waited");
}

TEST_F(GameLoop, SkippingLinesNeverCountsAsWaiting) {
  make_game();
  tap(sf::Keyboard::Enter);  // New
  // Space skips each line at once (a tap a line), and the moment opens early. The last press
  // is still down when the moment opens.
  double took = 0;
  for (int i = 0; i < 10 && !in_moment(); ++i) {
    send(key_event(true, sf::Keyboard::Space));
    run(0.1);
    took += 0.1;
    if (!in_moment()) send(key_event(false, sf::Keyboard::Space));
  }
  ASSERT_TRUE(in_moment());
  EXPECT_LT(took, 0.5);
  // The silence starts after the moment's opening breath, not before, and the held skip does
  // not stop it.
  run(story::kBreathSeconds + 4.9);
  EXPECT_TRUE(in_moment());
  send(key_event(false, sf::Keyboard::Space));
  run(0.2);
  EXPECT_EQ(ending_id(), "waited");
}

TEST_F(GameLoop, TheKeyboardAloneReachesAnEndingAndReturnsToTheTitle) {
  make_game();
  tap(sf::Keyboard::Enter);  // New
  // Tab to the door (focus runs left to right: the door, then the cup), touch it with Space.
  run_until([&] { return in_moment(); });
  tap(sf::Keyboard::Tab);
  ASSERT_EQ(game_->attention().focus, thing("kitchen", "door"));
  tap(sf::Keyboard::Space);
  EXPECT_EQ(variable("touched_door"), story::Value(true));
  run_until([&] { return in_moment(); });
  ASSERT_EQ(scene_id(), "hallway");
  // Hold the coat with Space for its second.
  tap(sf::Keyboard::Tab);
  send(key_event(true, sf::Keyboard::Space));
  run(1.1);
  send(key_event(false, sf::Keyboard::Space));
  EXPECT_EQ(ending_id(), "left");
  finish_ending();
  EXPECT_EQ(variable("restless"), story::Value(3.0));
  tap(sf::Keyboard::Enter);
  EXPECT_EQ(game_->screen(), Game::Screen::Title);
  // The story is over: there is nothing to continue.
  EXPECT_FALSE(game_->autosave_exists());
  EXPECT_EQ(game_->menu_labels(), (std::vector<std::string>{"New", "Settings", "Quit"}));
}

TEST_F(GameLoop, TheMouseAloneTurnsAwayWithTheRightButton) {
  make_game();
  new_game_to_moment();
  const sf::Vector2f door = on_thing("kitchen", "door");
  send(mouse_move(door.x, door.y));
  send(mouse_button(true, sf::Mouse::Left, door.x, door.y));
  send(mouse_button(false, sf::Mouse::Left, door.x, door.y));
  run_until([&] { return in_moment(); });
  ASSERT_EQ(scene_id(), "hallway");
  send(mouse_button(true, sf::Mouse::Right, 640, 360));
  send(mouse_button(false, sf::Mouse::Right, 640, 360));
  EXPECT_EQ(ending_id(), "stayed");
}

TEST_F(GameLoop, BackspaceTurnsAway) {
  make_game();
  new_game_to_moment();
  tap(sf::Keyboard::Tab);
  tap(sf::Keyboard::Enter);  // the door
  run_until([&] { return in_moment(); });
  tap(sf::Keyboard::BackSpace);
  EXPECT_EQ(ending_id(), "stayed");
}

TEST_F(GameLoop, UntimedAPressStartsTheHoldAndWaitingCompletesIt) {
  platform::Settings s;
  s.untimed = true;
  make_game(s);
  new_game_to_moment();
  tap(sf::Keyboard::Tab);
  tap(sf::Keyboard::Tab);    // the cup
  tap(sf::Keyboard::Space);  // starts holding; the key is already up
  run(1.9);
  EXPECT_TRUE(in_moment());
  run(0.2);
  EXPECT_EQ(ending_id(), "held");
}

// Untimed, a press on a thing that also holds starts the hold; T touches it, however long the
// key is down: a hand that cannot let go quickly still touches the cup.
TEST_F(GameLoop, UntimedTTouchesAThingThatAlsoHoldsHoweverLongItIsDown) {
  story::Scene& kitchen = story_.scene(story_.find_scene("kitchen"));
  story::Gesture tap_cup;
  tap_cup.id = "tap_cup";
  tap_cup.kind = story::GestureKind::Touch;
  tap_cup.thing = kitchen.find_thing("cup");
  tap_cup.target.set_scene(story_.find_scene("hallway"));
  kitchen.beats[0].moment->gestures.push_back(tap_cup);
  platform::Settings s;
  s.untimed = true;
  make_game(s);
  new_game_to_moment();
  tap(sf::Keyboard::Tab);
  tap(sf::Keyboard::Tab);  // the cup
  send(key_event(true, sf::Keyboard::T));
  run(3.0);  // longer than the hold's 2 s: still the touch
  send(key_event(false, sf::Keyboard::T));
  run(0.1);
  EXPECT_EQ(game_->runtime()->state().counters.touched, 1);
  EXPECT_EQ(game_->runtime()->state().counters.held, 0);
  EXPECT_EQ(scene_id(), "hallway");
}

TEST_F(GameLoop, UntimedASecondPressEarlyIsAHesitation) {
  platform::Settings s;
  s.untimed = true;
  make_game(s);
  new_game_to_moment();
  const sf::Vector2f cup = on_thing("kitchen", "cup");
  send(mouse_button(true, sf::Mouse::Left, cup.x, cup.y));
  send(mouse_button(false, sf::Mouse::Left, cup.x, cup.y));
  run(0.8);
  send(mouse_button(true, sf::Mouse::Left, cup.x, cup.y));
  send(mouse_button(false, sf::Mouse::Left, cup.x, cup.y));
  EXPECT_EQ(ending_id(), "let_go");
}

TEST_F(GameLoop, WaitingOnPurposeWithWLetsTheSilenceRunOut) {
  make_game();
  new_game_to_moment();
  tap(sf::Keyboard::Tab);  // looking at the door is not silence
  run(5.2);
  EXPECT_TRUE(in_moment());
  tap(sf::Keyboard::W);
  run(4.9);
  EXPECT_TRUE(in_moment());
  run(0.2);
  EXPECT_EQ(ending_id(), "waited");
}

TEST_F(GameLoop, FasterTextMovesLinesOnButNotTheSilence) {
  platform::Settings fast;
  fast.text_speed = 2;
  make_game(fast);
  tap(sf::Keyboard::Enter);
  const double took = run_until([&] { return in_moment(); });
  // Two lines of 3.0 s and 2.7 s at twice the speed.
  EXPECT_NEAR(took, 2.85, 2 * kStep);
  send(mouse_move(640, 80));  // the player's hand, on nothing
  run(story::kBreathSeconds + 4.9);
  EXPECT_TRUE(in_moment());
  run(0.2);
  EXPECT_EQ(ending_id(), "waited");
}

TEST_F(GameLoop, ThreeTimesTheTimeMakesEveryLineWaitAndHoldLastThreeTimesAsLong) {
  platform::Settings slow;
  slow.time_scale = 3;
  make_game(slow);
  tap(sf::Keyboard::Enter);
  const double took = run_until([&] { return in_moment(); }, 120);
  EXPECT_NEAR(took, 3 * 5.7, 2 * kStep);  // two lines of 3.0 s and 2.7 s
  const sf::Vector2f cup = on_thing("kitchen", "cup");
  send(mouse_move(cup.x, cup.y));
  send(mouse_button(true, sf::Mouse::Left, cup.x, cup.y));
  run(5.8);  // the 2 s hold takes 6 s
  EXPECT_TRUE(in_moment());
  EXPECT_NEAR(game_->attention().progress, 5.8 / 6, 0.02);
  run(0.3);
  send(mouse_button(false, sf::Mouse::Left, cup.x, cup.y));
  EXPECT_EQ(ending_id(), "held");
  EXPECT_EQ(game_->runtime()->state().history.back().seconds, 2.0);  // in the story's seconds
}

TEST_F(GameLoop, OneAndAHalfTimesTheTimeStretchesTheSilenceBeforeAWait) {
  platform::Settings slower;
  slower.time_scale = 1.5;
  make_game(slower);
  new_game_to_moment();
  send(mouse_move(640, 80));  // the hand rests on nothing
  run(1.5 * (story::kBreathSeconds + 5) - 0.2);
  EXPECT_TRUE(in_moment());
  run(0.3);
  EXPECT_EQ(ending_id(), "waited");
}

TEST_F(GameLoop, UntimedTimeNeverWaitsForThePlayerUntilTheyChooseTo) {
  platform::Settings untimed;
  untimed.time_unlimited = true;
  make_game(untimed);
  new_game_to_moment();
  send(mouse_move(640, 80));  // the hand rests on nothing, for ten minutes
  run(600);
  EXPECT_TRUE(in_moment());
  // A hold is still a hold: the clock runs while the cup is held.
  const sf::Vector2f cup = on_thing("kitchen", "cup");
  send(mouse_move(cup.x, cup.y));
  send(mouse_button(true, sf::Mouse::Left, cup.x, cup.y));
  run(0.8);
  send(mouse_button(false, sf::Mouse::Left, cup.x, cup.y));
  EXPECT_EQ(ending_id(), "let_go");
}

TEST_F(GameLoop, UntimedTimeWaitsWhenThePlayerPressesW) {
  platform::Settings untimed;
  untimed.time_unlimited = true;
  make_game(untimed);
  new_game_to_moment();
  run(60);
  EXPECT_TRUE(in_moment());
  tap(sf::Keyboard::W);  // the silence begins now, and runs its 5 s
  run(4.9);
  EXPECT_TRUE(in_moment());
  run(0.2);
  EXPECT_EQ(ending_id(), "waited");
}

TEST_F(GameLoop, UntimedTimeAClickOnNothingIsTheMousesWait) {
  platform::Settings untimed;
  untimed.time_unlimited = true;
  make_game(untimed);
  new_game_to_moment();
  send(mouse_move(640, 80));
  run(30);
  send(mouse_button(true, sf::Mouse::Left, 640, 80));
  send(mouse_button(false, sf::Mouse::Left, 640, 80));
  run(5.1);
  EXPECT_EQ(ending_id(), "waited");
}

TEST_F(GameLoop, TheCooldownAfterATouchKeepsATremorFromSkippingTheNextLine) {
  for (const float cooldown : {0.0f, 0.5f}) {
    platform::Settings s;
    s.cooldown = cooldown;
    make_game(s);
    new_game_to_moment();
    const sf::Vector2f door = on_thing("kitchen", "door");
    send(mouse_move(door.x, door.y));
    send(mouse_button(true, sf::Mouse::Left, door.x, door.y));  // touches the door
    send(mouse_button(false, sf::Mouse::Left, door.x, door.y));
    ASSERT_EQ(game_->runtime()->state().history.size(), 1u);
    run(0.2);
    ASSERT_EQ(scene_id(), "kitchen");                           // "You open the door." lingers
    send(mouse_button(true, sf::Mouse::Left, door.x, door.y));  // the hand trembles
    send(mouse_button(false, sf::Mouse::Left, door.x, door.y));
    run(kStep);
    if (cooldown == 0) {
      EXPECT_EQ(scene_id(), "hallway") << "without a cooldown the second click skips the line";
      continue;
    }
    EXPECT_EQ(scene_id(), "kitchen") << "the cooldown did not keep the second click";
    run(0.6);
    ASSERT_EQ(scene_id(), "kitchen");
    send(mouse_button(true, sf::Mouse::Left, door.x, door.y));  // after it, a click skips
    send(mouse_button(false, sf::Mouse::Left, door.x, door.y));
    run(kStep);
    EXPECT_EQ(scene_id(), "hallway");
  }
}

TEST_F(GameLoop, EveryNewSceneIsSavedAndSaveAndQuitThenContinueResumesThere) {
  make_game();
  new_game_to_moment();
  EXPECT_TRUE(game_->autosave_exists());  // saved on entering the kitchen
  tap(sf::Keyboard::Tab);
  tap(sf::Keyboard::Space);  // the door
  run_until([&] { return in_moment(); });
  ASSERT_EQ(scene_id(), "hallway");
  const std::vector<story::Value> variables = game_->runtime()->state().variables;
  tap(sf::Keyboard::Escape);
  ASSERT_EQ(game_->screen(), Game::Screen::Paused);
  ASSERT_EQ(game_->menu_labels(),
            (std::vector<std::string>{"Continue", "Settings", "History", "Save and quit"}));
  tap(sf::Keyboard::Up);  // wraps to the last item
  tap(sf::Keyboard::Enter);
  EXPECT_TRUE(game_->quit_requested());
  EXPECT_NE(log_.str().find("saved to " + paths_.autosave_file()), std::string::npos);

  // A new session: Continue is on the title screen and resumes in the hallway.
  make_game();
  ASSERT_EQ(game_->menu_labels(),
            (std::vector<std::string>{"New", "Continue", "Settings", "Quit"}));
  tap(sf::Keyboard::Down);
  tap(sf::Keyboard::Enter);
  ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  EXPECT_EQ(scene_id(), "hallway");
  EXPECT_EQ(game_->runtime()->state().variables, variables);
  EXPECT_EQ(variable("restless"), story::Value(3.0));
  // And the story goes on from there.
  run_until([&] { return in_moment(); });
  tap(sf::Keyboard::BackSpace);
  EXPECT_EQ(ending_id(), "stayed");
}

// The History: the lines shown and the player's own gestures in words, newest last; H opens it
// and closes it, the story's clock stands still while it is open, and it is read back by
// keyboard. It survives Save and quit, then Continue.
TEST_F(GameLoop, TheHistoryListsTheLinesAndWhatYouDidAndSurvivesContinue) {
  make_game();
  new_game_to_moment();
  const sf::Vector2f door = on_thing("kitchen", "door");
  send(mouse_move(door.x, door.y));
  send(mouse_button(true, sf::Mouse::Left, door.x, door.y));  // touches the door
  send(mouse_button(false, sf::Mouse::Left, door.x, door.y));
  run_until([&] { return in_moment(); });
  ASSERT_EQ(scene_id(), "hallway");
  const double time = game_->runtime()->state().time;
  tap(sf::Keyboard::H);
  ASSERT_EQ(game_->screen(), Game::Screen::History);
  const std::vector<std::string> expected{"A cup on the counter.",  "The door behind you.",
                                          "You touched the door.",  "You open the door.",
                                          "Your coat on its hook.", "Back"};
  EXPECT_EQ(game_->menu_labels(), expected);
  EXPECT_EQ(game_->menu_labels()[game_->selected()], "Your coat on its hook.");  // the newest
  tap(sf::Keyboard::Up);
  tap(sf::Keyboard::Up);
  EXPECT_EQ(game_->menu_labels()[game_->selected()], "You touched the door.");
  EXPECT_FALSE(game_->menu_item_area(game_->selected()).empty());
  run(30);  // reading back takes the time it takes: the story waits
  EXPECT_EQ(game_->runtime()->state().time, time);
  keep_picture("history.png");
  tap(sf::Keyboard::H);
  ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  EXPECT_TRUE(in_moment());

  // Save and quit from the pause menu; the next session's Continue has the same history.
  tap(sf::Keyboard::Escape);
  tap(sf::Keyboard::Up);  // wraps to Save and quit
  tap(sf::Keyboard::Enter);
  ASSERT_TRUE(game_->quit_requested());
  make_game();
  tap(sf::Keyboard::Down);  // Continue
  tap(sf::Keyboard::Enter);
  ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  run_until([&] { return in_moment(); });
  tap(sf::Keyboard::Escape);
  ASSERT_EQ(game_->menu_labels()[2], "History");
  tap(sf::Keyboard::Down);
  tap(sf::Keyboard::Down);
  tap(sf::Keyboard::Enter);
  ASSERT_EQ(game_->screen(), Game::Screen::History);
  EXPECT_EQ(game_->menu_labels(), expected) << "the resumed line is not listed twice";
  tap(sf::Keyboard::Escape);  // back to the pause menu it came from
  EXPECT_EQ(game_->screen(), Game::Screen::Paused);
}

TEST_F(GameLoop, TheWheelTurnedUpOpensTheHistoryAndADamagedHistoryFileIsNoHistory) {
  make_game();
  new_game_to_moment();
  sf::Event wheel;
  wheel.type = sf::Event::MouseWheelScrolled;
  wheel.mouseWheelScroll = {sf::Mouse::VerticalWheel, 1.f, 640, 300};
  send(wheel);
  ASSERT_EQ(game_->screen(), Game::Screen::History);
  EXPECT_EQ(game_->menu_labels().front(), "A cup on the counter.");
  tap(sf::Keyboard::Escape);
  ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  ASSERT_TRUE(game_->autosave_exists());
  {
    std::ofstream damaged(paths_.history_file(), std::ios::binary | std::ios::trunc);
    damaged << std::string(5000, '\x01') << "\nline: A line that was read.\n";
  }
  make_game();
  tap(sf::Keyboard::Down);  // Continue
  tap(sf::Keyboard::Enter);
  ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  tap(sf::Keyboard::H);
  ASSERT_EQ(game_->screen(), Game::Screen::History);
  EXPECT_EQ(game_->menu_labels().front(), "A line that was read.");
  EXPECT_NE(log_.str().find("history file had 1 line it could not read"), std::string::npos)
      << log_.str();
}

TEST(PlayHistory, KeepsTheNewestItemsAndTheirFileFormRoundTrips) {
  story::Story s = load_test_story("game_gestures");
  PlayHistory history;
  for (size_t i = 0; i < kHistoryKept + 50; ++i) {
    story::Event shown;
    shown.kind = story::EventKind::LineShown;
    shown.text = "Line " + std::to_string(i);
    history.observe(s, shown);
  }
  ASSERT_EQ(history.items().size(), kHistoryKept);
  EXPECT_EQ(history.items().front().text, "Line 50");
  std::vector<std::string> notices;
  const PlayHistory again = PlayHistory::from_text(history.to_text(), &notices);
  EXPECT_TRUE(notices.empty());
  EXPECT_EQ(again.items(), history.items());
}

// A data directory that is a file: no save can be made. The autosave on entering a scene says
// so once, in the game; Save and quit stays in the game, says what failed and where, and
// offers to try again or to quit without saving. THRESHOLD_SCREENSHOT_DIR keeps a picture.
TEST_F(GameLoop, ASaveThatFailedIsNeverAQuit) {
  std::filesystem::create_directories(std::filesystem::path(paths_.data_dir).parent_path());
  std::ofstream(paths_.data_dir) << "a file where the data directory should be\n";
  make_game();
  ASSERT_EQ(game_->screen(), Game::Screen::Title);
  tap(sf::Keyboard::Enter);  // New
  run_until([&] { return game_->screen() != Game::Screen::Playing; }, 5);
  // Entering the kitchen tried to save: the player is told, once, in the game.
  ASSERT_EQ(game_->screen(), Game::Screen::Notice);
  EXPECT_EQ(game_->menu_title(), "Your place was not saved");
  EXPECT_NE(game_->menu_footnote().find(paths_.data_dir), std::string::npos)
      << game_->menu_footnote();
  keep_picture("autosave_failed.png");
  tap(sf::Keyboard::Enter);
  ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  run_until([&] { return in_moment(); });
  tap(sf::Keyboard::Tab);
  tap(sf::Keyboard::Space);  // the door: a second scene, a second failed autosave
  run_until([&] { return in_moment() && scene_id() == "hallway"; });
  ASSERT_EQ(scene_id(), "hallway");
  EXPECT_EQ(game_->screen(), Game::Screen::Playing) << "the failure is shown only once";

  tap(sf::Keyboard::Escape);
  ASSERT_EQ(game_->screen(), Game::Screen::Paused);
  tap(sf::Keyboard::Up);  // Save and quit
  tap(sf::Keyboard::Enter);
  EXPECT_FALSE(game_->quit_requested());
  ASSERT_EQ(game_->screen(), Game::Screen::SaveFailed);
  EXPECT_EQ(game_->menu_title(), "The game was not saved");
  EXPECT_NE(game_->menu_footnote().find(paths_.data_dir), std::string::npos)
      << game_->menu_footnote();
  EXPECT_EQ(game_->menu_labels(),
            (std::vector<std::string>{"Try again", "Quit without saving", "Back to the game"}));
  keep_picture("save_failed.png");

  // Trying again while it still fails stays; once the directory can be made, it saves and quits.
  tap(sf::Keyboard::Enter);
  EXPECT_FALSE(game_->quit_requested());
  EXPECT_EQ(game_->screen(), Game::Screen::SaveFailed);
  std::filesystem::remove(paths_.data_dir);
  tap(sf::Keyboard::Enter);
  EXPECT_TRUE(game_->quit_requested());
  EXPECT_TRUE(game_->autosave_exists());
  EXPECT_NE(log_.str().find("saved to " + paths_.autosave_file()), std::string::npos);
}

TEST_F(GameLoop, QuitWithoutSavingQuitsAndBackToTheGamePlaysOn) {
  std::filesystem::create_directories(std::filesystem::path(paths_.data_dir).parent_path());
  std::ofstream(paths_.data_dir) << "not a directory\n";
  make_game();
  tap(sf::Keyboard::Enter);  // New
  run_until([&] { return game_->screen() == Game::Screen::Notice; }, 5);
  tap(sf::Keyboard::Enter);
  tap(sf::Keyboard::Escape);
  tap(sf::Keyboard::Up);
  tap(sf::Keyboard::Enter);  // Save and quit
  ASSERT_EQ(game_->screen(), Game::Screen::SaveFailed);
  tap(sf::Keyboard::Escape);  // back to the game
  EXPECT_EQ(game_->screen(), Game::Screen::Playing);
  EXPECT_FALSE(game_->quit_requested());
  tap(sf::Keyboard::Escape);
  tap(sf::Keyboard::Up);
  tap(sf::Keyboard::Enter);  // Save and quit, failing again
  ASSERT_EQ(game_->screen(), Game::Screen::SaveFailed);
  tap(sf::Keyboard::Down);  // Quit without saving
  tap(sf::Keyboard::Enter);
  EXPECT_TRUE(game_->quit_requested());
  EXPECT_FALSE(game_->autosave_exists());
}

TEST_F(GameLoop, ClosingTheWindowMidSceneKeepsThePlace) {
  make_game();
  new_game_to_moment();
  tap(sf::Keyboard::Tab);
  tap(sf::Keyboard::Space);
  run(0.5);  // the door's answer is on screen
  sf::Event closed;
  closed.type = sf::Event::Closed;
  send(closed);
  EXPECT_TRUE(game_->quit_requested());
  make_game();
  tap(sf::Keyboard::Down);
  tap(sf::Keyboard::Enter);
  EXPECT_EQ(variable("touched_door"), story::Value(true));
}

TEST_F(GameLoop, EscapePausesAndTimeStandsStill) {
  make_game();
  new_game_to_moment();
  const double t = game_->runtime()->state().time;
  tap(sf::Keyboard::Escape);
  run(30);
  EXPECT_EQ(game_->runtime()->state().time, t);
  EXPECT_TRUE(in_moment());
  EXPECT_TRUE(game_->still());
  tap(sf::Keyboard::Escape);  // Esc again continues
  EXPECT_EQ(game_->screen(), Game::Screen::Playing);
  run(story::kBreathSeconds + 5.1);  // Esc was a key: the hands are found
  EXPECT_EQ(ending_id(), "waited");
}

TEST_F(GameLoop, AStillSceneLetsTheLoopRest) {
  make_game();
  new_game_to_moment();
  run(3);  // the last line has faded in
  EXPECT_TRUE(game_->still());
  game_->draw(target_);
  EXPECT_FALSE(game_->dirty());
}

TEST_F(GameLoop, TheMenusWorkWithTheMouseAndSettingsPersist) {
  make_game();
  const std::vector<std::string> labels = game_->menu_labels();
  const size_t settings =
      static_cast<size_t>(std::find(labels.begin(), labels.end(), "Settings") - labels.begin());
  const story::Rect r = game_->menu_item_area(settings);
  send(mouse_move(r.x + r.w / 2, r.y + r.h / 2));
  EXPECT_EQ(game_->selected(), settings);
  send(mouse_button(true, sf::Mouse::Left, r.x + r.w / 2, r.y + r.h / 2));
  ASSERT_EQ(game_->screen(), Game::Screen::Settings);
  const std::vector<std::string> rows = game_->menu_labels();
  const size_t hints =
      static_cast<size_t>(std::find(rows.begin(), rows.end(), "Hints: off") - rows.begin());
  ASSERT_LT(hints, rows.size());
  const story::Rect h = game_->menu_item_area(hints);
  send(mouse_button(true, sf::Mouse::Left, h.x + h.w / 2, h.y + h.h / 2));
  EXPECT_TRUE(game_->settings().hints);
  EXPECT_EQ(game_->menu_labels()[hints], "Hints: on");
  // The keyboard: Up to "Text size", Right makes it bigger.
  for (size_t i = 0; i < hints; ++i) tap(sf::Keyboard::Up);
  tap(sf::Keyboard::Right);
  EXPECT_FLOAT_EQ(game_->settings().text_scale, 1.25f);
  const platform::LoadedSettings saved = platform::load_settings(paths_.settings_file());
  EXPECT_TRUE(saved.found);
  EXPECT_EQ(saved.settings, game_->settings());
  game_->draw(target_);
}

TEST_F(GameLoop, TimeToActStepsFromOneTimesToUntimedByKeyboardAndIsKept) {
  make_game();
  tap(sf::Keyboard::Down);  // New → Settings
  ASSERT_EQ(game_->menu_labels()[game_->selected()], "Settings");
  tap(sf::Keyboard::Enter);
  ASSERT_EQ(game_->screen(), Game::Screen::Settings);
  while (game_->menu_labels()[game_->selected()].rfind("Time to act", 0) != 0) {
    tap(sf::Keyboard::Down);
    ASSERT_NE(game_->menu_labels()[game_->selected()], "Back") << "no Time to act";
  }
  std::vector<std::string> seen{game_->menu_labels()[game_->selected()]};
  for (int i = 0; i < 5; ++i) {
    tap(sf::Keyboard::Enter);
    seen.push_back(game_->menu_labels()[game_->selected()]);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"Time to act: 1×", "Time to act: 1.5×",
                                            "Time to act: 2×", "Time to act: 3×",
                                            "Time to act: untimed", "Time to act: 1×"}));
  tap(sf::Keyboard::Left);  // Left stops at the end; Right steps on
  EXPECT_EQ(game_->menu_labels()[game_->selected()], "Time to act: 1×");
  tap(sf::Keyboard::Right);
  tap(sf::Keyboard::Right);
  EXPECT_FLOAT_EQ(game_->settings().time_scale, 2.0f);
  const platform::LoadedSettings saved = platform::load_settings(paths_.settings_file());
  EXPECT_EQ(saved.settings.time_scale, 2.0f);
  EXPECT_FALSE(saved.settings.time_unlimited);
}

TEST_F(GameLoop, CaptionsAreOffUntilTurnedOnFromTheKeyboardAndKept) {
  make_game();
  EXPECT_FALSE(game_->settings().captions);
  // The keyboard alone: down the title to Settings, down the settings to Captions.
  std::vector<std::string> labels = game_->menu_labels();
  for (int i = 0; i < 8 && labels[game_->selected()] != "Settings"; ++i) tap(sf::Keyboard::Down);
  ASSERT_EQ(labels[game_->selected()], "Settings");
  tap(sf::Keyboard::Enter);
  ASSERT_EQ(game_->screen(), Game::Screen::Settings);
  labels = game_->menu_labels();
  ASSERT_NE(std::find(labels.begin(), labels.end(), "Captions: off"), labels.end());
  for (int i = 0; i < 20 && game_->menu_labels()[game_->selected()] != "Captions: off"; ++i) {
    tap(sf::Keyboard::Down);
  }
  ASSERT_EQ(game_->menu_labels()[game_->selected()], "Captions: off");
  tap(sf::Keyboard::Enter);
  EXPECT_TRUE(game_->settings().captions);
  EXPECT_EQ(game_->menu_labels()[game_->selected()], "Captions: on");
  EXPECT_TRUE(platform::load_settings(paths_.settings_file()).settings.captions);
  game_->draw(target_);
  keep_picture("settings_captions.png");
}

TEST_F(GameLoop, WithCaptionsOnTheRoomToneIsNamedOnABandAtTheFootAsTheSceneBegins) {
  story::Scene& kitchen = story_.scene(story_.find_scene("kitchen"));
  story::SoundLayer radio;
  radio.synth = story::Synth::Noise;
  radio.placed = true;
  radio.x = 1100;
  radio.caption = "a radio, low, in the next room";
  kitchen.ambience.authored = true;
  kitchen.ambience.tone.push_back(radio);
  platform::Settings settings;
  settings.captions = true;
  make_game(settings);
  tap(sf::Keyboard::Enter);  // New
  ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  auto letters_at_the_foot = [&] {
    game_->draw(target_);
    target_.display();
    const sf::Image img = target_.getTexture().copyToImage();
    int bright = 0;
    for (unsigned y = 340; y < 360; ++y) {
      for (unsigned x = 0; x < 640; ++x) {
        const sf::Color c = img.getPixel(x, y);
        bright += (c.r + c.g + c.b) / 3 > 170 ? 1 : 0;
      }
    }
    return bright;
  };
  run(1.0);
  EXPECT_GT(letters_at_the_foot(), 40) << "the caption shows on the band";
  keep_picture("captions_on.png");
  run(story::kLayerCaptionSeconds + 1);
  EXPECT_EQ(letters_at_the_foot(), 0) << "announced, then gone; the lines stand above the band";
}

TEST_F(GameLoop, F12AsksForAScreenshot) {
  make_game();
  tap(sf::Keyboard::F12);
  EXPECT_TRUE(game_->take_screenshot_request());
  EXPECT_FALSE(game_->take_screenshot_request());
}

// The window: resizing and switching to fullscreen keep the frame 16:9, centred.
double viewport_aspect(const sf::RenderWindow& window) {
  const sf::FloatRect v = window.getView().getViewport();
  const sf::Vector2u size = window.getSize();
  return (v.width * static_cast<float>(size.x)) / (v.height * static_cast<float>(size.y));
}

TEST_F(GameLoop, ResizingAndFullscreenKeepTheFrameLetterboxed) {
  sf::RenderWindow window;
  platform::open_window(window, false);
  ASSERT_EQ(window.getSize(), sf::Vector2u(1280, 720));
  make_game({}, window.getSize());
  new_game_to_moment();
  game_->draw(window);
  window.display();
  EXPECT_NEAR(viewport_aspect(window), 16.0 / 9.0, 1e-3);

  for (const sf::Vector2u size : {sf::Vector2u(1000, 1000), sf::Vector2u(1600, 500)}) {
    window.setSize(size);
    sf::Event resized;
    resized.type = sf::Event::Resized;
    resized.size = {size.x, size.y};
    send(resized);
    game_->draw(window);
    window.display();
    EXPECT_NEAR(viewport_aspect(window), 16.0 / 9.0, 1e-3) << size.x << "x" << size.y;
    // The pointer still finds the cup through the bars.
    const sf::Vector2f cup = on_thing("kitchen", "cup");
    send(mouse_move(cup.x, cup.y));
    EXPECT_EQ(game_->attention().focus, thing("kitchen", "cup"));
  }

  tap(sf::Keyboard::F11);
  ASSERT_TRUE(game_->take_fullscreen_change());
  EXPECT_TRUE(game_->settings().fullscreen);
  EXPECT_TRUE(platform::load_settings(paths_.settings_file()).settings.fullscreen);
  platform::open_window(window, true);
  game_->set_window_size(window.getSize());
  game_->draw(window);
  window.display();
  EXPECT_EQ(window.getSize().x, sf::VideoMode::getDesktopMode().width);
  EXPECT_NEAR(viewport_aspect(window), 16.0 / 9.0, 1e-3);

  tap(sf::Keyboard::F11);
  ASSERT_TRUE(game_->take_fullscreen_change());
  platform::open_window(window, false);
  game_->set_window_size(window.getSize());
  game_->draw(window);
  EXPECT_EQ(window.getSize(), sf::Vector2u(1280, 720));
  EXPECT_NEAR(viewport_aspect(window), 16.0 / 9.0, 1e-3);
  EXPECT_TRUE(in_moment());  // the story waited through all of it
}

TEST_F(GameLoop, AScreenshotIsAPngOfTheWindow) {
  sf::RenderWindow window;
  platform::open_window(window, false);
  make_game({}, window.getSize());
  game_->draw(window);
  std::string error;
  const std::string path = platform::save_screenshot(window, paths_.screenshots_dir(), &error);
  window.display();
  ASSERT_NE(path, "") << error;
  EXPECT_EQ(path.rfind(paths_.screenshots_dir() + "/", 0), 0u);
  sf::Image image;
  ASSERT_TRUE(image.loadFromFile(path));
  EXPECT_EQ(image.getSize(), sf::Vector2u(1280, 720));
  // Not blank: the title screen has text on it.
  const sf::Color corner = image.getPixel(0, 0);
  bool varied = false;
  for (unsigned y = 0; y < 720 && !varied; y += 4) {
    for (unsigned x = 0; x < 1280 && !varied; x += 4) varied = image.getPixel(x, y) != corner;
  }
  EXPECT_TRUE(varied);
}

// Push and pull through the real Game, on tests/stories/push_pull (a desk: a folder that is
// pushed, a hand that is pulled, a drawer with both).
class GameLoopPushPull : public GameLoop {
 protected:
  void SetUp() override {
    GameLoop::SetUp();
    story_ = load_test_story("push_pull");
    // Drawn at the window's own size, so window pixels stay frame units (a drag of 10 pointer
    // pixels is 10 frame pixels) and the picture can be read.
    ASSERT_TRUE(target_.create(1280, 720));
  }
  void new_game_to_desk() {
    tap(sf::Keyboard::Enter);  // New
    run_until([&] { return in_moment(); });
    ASSERT_TRUE(in_moment());
    ASSERT_EQ(scene_id(), "desk");
  }
  sf::Image picture() {
    game_->draw(target_);
    target_.display();
    return target_.getTexture().copyToImage();
  }
};

int colour_distance(sf::Color a, sf::Color b) {
  return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b);
}

TEST_F(GameLoopPushPull, TheMouseAlonePushesTheFolderAwayAtNinetyPixelsAndNotBefore) {
  platform::Settings s;
  s.reduced_motion = true;  // no drift: pixels stay put; the folder still follows the hand
  make_game(s);
  new_game_to_desk();
  const sf::Vector2f folder = on_thing("desk", "folder");
  const sf::Image before = picture();
  send(mouse_move(folder.x, folder.y));
  send(mouse_button(true, sf::Mouse::Left, folder.x, folder.y));
  // Up 10 pixels a frame's worth at a time (the window is the frame: 1 pixel = 1 frame unit).
  for (int up = 10; up <= 80; up += 10) {
    send(mouse_move(folder.x, folder.y - static_cast<float>(up)));
    run(0.05);
  }
  EXPECT_TRUE(in_moment()) << "80 of 90 pixels";
  EXPECT_NEAR(game_->attention().drag, 80, 1e-9);
  EXPECT_NEAR(game_->attention().progress, 80.0 / 90.0, 1e-9);
  EXPECT_FALSE(game_->still());
  // Drawn displaced: a third of the drag, at most 30 px, so 26.7 px up. Just above the folder's
  // top edge (y 380) is now folder; just above its old bottom edge (y 540) is not.
  const sf::Image now = picture();
  const sf::Color inside = now.getPixel(320, 450);
  EXPECT_GT(colour_distance(before.getPixel(320, 365), now.getPixel(320, 365)), 60);
  EXPECT_LT(colour_distance(now.getPixel(320, 365), inside), 12);
  EXPECT_GT(colour_distance(now.getPixel(320, 530), inside), 60);
  send(mouse_move(folder.x, folder.y - 90));
  EXPECT_EQ(ending_id(), "refused");
  finish_ending();
}

TEST_F(GameLoopPushPull, LettingGoOfTheFolderShortIsAHesitation) {
  make_game();
  new_game_to_desk();
  const sf::Vector2f folder = on_thing("desk", "folder");
  send(mouse_button(true, sf::Mouse::Left, folder.x, folder.y));
  send(mouse_move(folder.x, folder.y - 40));
  run(0.5);
  send(mouse_button(false, sf::Mouse::Left, folder.x, folder.y - 40));
  EXPECT_EQ(game_->runtime()->state().counters.hesitated, 1);
  EXPECT_EQ(ending_id(), "wavered");
}

TEST_F(GameLoopPushPull, TheKeyboardAlonePullsHerHandWithPageDown) {
  make_game();
  new_game_to_desk();
  tap(sf::Keyboard::Tab);
  tap(sf::Keyboard::Tab);  // focus runs left to right: the folder, then her hand
  ASSERT_EQ(game_->attention().focus, thing("desk", "hand"));
  send(key_event(true, sf::Keyboard::PageDown));
  run(0.9);  // 54 of 60 pixels at 60 a second
  EXPECT_TRUE(in_moment());
  EXPECT_LT(game_->attention().drag, -50);
  run(0.2);
  EXPECT_EQ(ending_id(), "took");
  send(key_event(false, sf::Keyboard::PageDown));
  finish_ending();
}

TEST_F(GameLoopPushPull, UntimedAClickOnTheDrawersUpperHalfSlidesItShut) {
  platform::Settings s;
  s.untimed = true;
  make_game(s);
  new_game_to_desk();
  const sf::Vector2f drawer = on_thing("desk", "drawer");
  const sf::Vector2f upper{drawer.x, drawer.y - 30};
  send(mouse_move(upper.x, upper.y));
  send(mouse_button(true, sf::Mouse::Left, upper.x, upper.y));
  send(mouse_button(false, sf::Mouse::Left, upper.x, upper.y));
  run(1.4);
  EXPECT_TRUE(in_moment());  // 84 of 90 pixels, sliding by itself
  run(0.2);
  EXPECT_EQ(ending_id(), "shut");
}

TEST_F(GameLoopPushPull, UntimedASecondClickStopsTheSlideShortAsAHesitation) {
  platform::Settings s;
  s.untimed = true;
  make_game(s);
  new_game_to_desk();
  const sf::Vector2f hand = on_thing("desk", "hand");
  send(mouse_move(hand.x, hand.y));
  send(mouse_button(true, sf::Mouse::Left, hand.x, hand.y));
  send(mouse_button(false, sf::Mouse::Left, hand.x, hand.y));
  run(0.5);
  send(mouse_button(true, sf::Mouse::Left, hand.x, hand.y));
  send(mouse_button(false, sf::Mouse::Left, hand.x, hand.y));
  EXPECT_EQ(game_->runtime()->state().counters.hesitated, 1);
  EXPECT_TRUE(in_moment());  // her hand has no authored hesitation: the moment stays open
}

}  // namespace
}  // namespace threshold::game
