// "Done means", as tests: the real story in data/ played through the real game loop
// (threshold_game, drawing through the real renderer off-screen) from the title screen to an
// ending with the mouse alone and again with the keyboard alone, following the scripts
// tests/golden/data_<ending>.script (one gesture id a moment, `-` for silence; the text player's
// transcript of each is beside it), each gesture made as a player
// would make it: the pointer moves onto the thing's real area (Renderer::thing_area of the
// loaded visual), a hold is a button or key kept down for the hold's seconds, a look is the
// pointer or focus resting there, turning away is the right button or Backspace. And a player
// who quits mid-scene with Esc → Save and quit finds the same scene and variables on Continue.
#include <gtest/gtest.h>

#include <SFML/Graphics/RenderTexture.hpp>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

#include "clocked_voice.h"
#include "game/game.h"
#include "tests/support/test_story.h"

namespace threshold::game {
namespace {

using story::GestureKind;
using story::kNone;

constexpr double kStep = 0.05;  // the loop's time step (20 frames a second)

enum class Hands { Mouse, Keyboard };

// The entries of a playthrough script: comment-only lines are skipped, `# …` tails cut.
std::vector<std::string> read_script(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::vector<std::string> entries;
  std::string line;
  while (std::getline(in, line)) {
    const size_t hash = line.find('#');
    std::string body = hash == std::string::npos ? line : line.substr(0, hash);
    body.erase(0, body.find_first_not_of(" \t\r"));
    body.erase(body.find_last_not_of(" \t\r") + 1);
    if (body.empty() && hash != std::string::npos) continue;
    entries.push_back(body);
  }
  return entries;
}

sf::Event key_event(bool down, sf::Keyboard::Key code) {
  sf::Event e;
  e.type = down ? sf::Event::KeyPressed : sf::Event::KeyReleased;
  e.key = {code, false, false, false, false};
  return e;
}
sf::Event mouse_move(sf::Vector2f p) {
  sf::Event e;
  e.type = sf::Event::MouseMoved;
  e.mouseMove = {static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y))};
  return e;
}
sf::Event mouse_button(bool down, sf::Mouse::Button b, sf::Vector2f p) {
  sf::Event e;
  e.type = down ? sf::Event::MouseButtonPressed : sf::Event::MouseButtonReleased;
  e.mouseButton = {b, static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y))};
  return e;
}

// Each test gets its own XDG directories, as a fresh user would have.
class ScopedXdg {
 public:
  explicit ScopedXdg(const std::string& name) {
    base_ = (std::filesystem::temp_directory_path() / ("threshold_playthrough_" + name)).string();
    std::filesystem::remove_all(base_);
    std::filesystem::create_directories(base_ + "/config");
    std::filesystem::create_directories(base_ + "/data");
    save("XDG_CONFIG_HOME", config_);
    save("XDG_DATA_HOME", data_);
    setenv("XDG_CONFIG_HOME", (base_ + "/config").c_str(), 1);
    setenv("XDG_DATA_HOME", (base_ + "/data").c_str(), 1);
  }
  ~ScopedXdg() {
    restore("XDG_CONFIG_HOME", config_);
    restore("XDG_DATA_HOME", data_);
    std::error_code ec;
    std::filesystem::remove_all(base_, ec);
  }
  const std::string& base() const { return base_; }

 private:
  static void save(const char* name, std::optional<std::string>& into) {
    if (const char* v = std::getenv(name)) into = v;
  }
  static void restore(const char* name, const std::optional<std::string>& value) {
    if (value)
      setenv(name, value->c_str(), 1);
    else
      unsetenv(name);
  }
  std::string base_;
  std::optional<std::string> config_, data_;
};

class RealStory : public ::testing::Test {
 protected:
  void SetUp() override {
    story_ = test_support::load_test_story_at(THRESHOLD_DATA_DIR);
    std::string error;
    renderer_ = render::Renderer::create(story_.font_folders, &error);
    ASSERT_TRUE(renderer_) << error;
    ASSERT_TRUE(target_.create(640, 360));
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "_" + info->name();
    std::replace(name.begin(), name.end(), '/', '_');  // parameterised names hold '/'
    xdg_ = std::make_unique<ScopedXdg>(name);
  }
  void TearDown() override { xdg_.reset(); }

  // A new session, as `threshold play` makes one: paths from the environment. The player reads
  // fast (text speed at its fastest setting): lines move on sooner, which keeps a 30-minute story
  // within the test budget, while moments are never hurried, so every hold, look and silence is
  // still made in real time.
  // `spoken`: speech on (lines and things), through a voice that reads 14 characters a second
  // on the test's clock (a brisk screen-reader rate), each reading holding the story's clock.
  void make_game(bool spoken = false) {
    settings_.text_speed = platform::kMaxTextSpeed;
    if (spoken) settings_.speech = platform::Speech::LinesAndThings;
    game_ = std::make_unique<Game>(story_, *renderer_, platform::paths_from_environment(),
                                   settings_, sf::Vector2u{1280, 720}, log_);
    if (spoken) {
      voice_ = std::make_shared<VoiceClock>(0.25, 1.0 / 14);
      game_->set_speech([v = voice_] {
        return speech::Connection{std::make_unique<ClockedVoice>(v), ""};
      });
    }
  }
  // Real seconds for `story_seconds` of a gesture, at the settings' time to act.
  double real(double story_seconds) const { return story_seconds * settings_.time_scale; }

  void send(const sf::Event& e) { game_->handle(e); }
  void tap(sf::Keyboard::Key k) {
    send(key_event(true, k));
    send(key_event(false, k));
  }
  void step_once() {
    game_->advance(kStep);
    if (voice_) voice_->now += kStep;
    if (++frame_ % 16 == 0) game_->draw(target_);
  }
  void run(double seconds) {
    const int steps = static_cast<int>(std::lround(seconds / kStep));
    for (int i = 0; i < steps; ++i) step_once();
  }
  template <class F>
  bool run_until(F done, double limit) {
    for (double t = 0; !done(); t += kStep) {
      if (t > limit) return false;
      step_once();
    }
    return true;
  }

  bool in_moment() const { return game_->runtime() && game_->runtime()->in_moment(); }
  bool at_ending() const { return game_->screen() == Game::Screen::Ending; }
  const story::State& state() const { return game_->runtime()->state(); }
  const story::Scene& scene() const { return story_.scene(state().scene); }
  std::string where() const {
    if (!game_->runtime() || state().scene == kNone) return "(no scene)";
    return scene().id + " at " + std::to_string(state().time) + " s";
  }

  // Window pixels (1280×720: the frame is the window) of a frame point.
  sf::Vector2f to_window(float x, float y) const {
    const platform::Letterbox& box = game_->letterbox();
    return {box.left + x * box.scale, box.top + y * box.scale};
  }
  sf::Vector2f on_thing(story::ThingId thing) const {
    const story::Rect r = renderer_->thing_area(scene(), thing);
    EXPECT_FALSE(r.empty()) << scene().things[static_cast<size_t>(thing)].id
                            << " has no area to point at";
    return to_window(r.x + r.w / 2, r.y + r.h / 2);
  }
  // Somewhere on the frame that is none of the scene's things: where the pointer rests while
  // the player says nothing.
  sf::Vector2f off_things() const {
    for (float y = 20; y < story::kFrameHeight; y += 40) {
      for (float x = 20; x < story::kFrameWidth; x += 40) {
        bool on_any = false;
        for (size_t t = 0; t < scene().things.size(); ++t) {
          on_any = on_any ||
                   renderer_->thing_area(scene(), static_cast<story::ThingId>(t)).contains(x, y);
        }
        if (!on_any) return to_window(x, y);
      }
    }
    ADD_FAILURE() << scene().id << ": the things cover the whole frame";
    return {0, 0};
  }

  // Title screen → New, by the hands given.
  void start_new(Hands hands) {
    ASSERT_EQ(game_->screen(), Game::Screen::Title);
    ASSERT_EQ(game_->menu_labels().front(), "New");
    if (hands == Hands::Keyboard) {
      ASSERT_EQ(game_->selected(), 0u);
      tap(sf::Keyboard::Enter);
    } else {
      const story::Rect r = game_->menu_item_area(0);
      const sf::Vector2f p = to_window(r.x + r.w / 2, r.y + r.h / 2);
      send(mouse_move(p));
      send(mouse_button(true, sf::Mouse::Left, p));
      send(mouse_button(false, sf::Mouse::Left, p));
    }
    ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  }

  // How long to keep a hold or a look of `g` going: past its seconds, short of the next rung of
  // the same ladder (a release then chooses the longest reached).
  double duration_for(const story::Moment& m, const story::Gesture& g) const {
    const double next = m.next_rung(g, game_->runtime()->offered());
    return g.seconds + std::min(0.2, (next - g.seconds) / 2);
  }
  // A hesitation: let go after the touch window, before the shortest hold on the thing.
  double hesitation_for(const story::Moment& m, const story::Gesture& g) const {
    double shortest = std::numeric_limits<double>::infinity();
    for (int32_t i : game_->runtime()->offered()) {
      const story::Gesture& o = m.gestures[static_cast<size_t>(i)];
      if (o.kind == GestureKind::Hold && o.thing == g.thing)
        shortest = std::min(shortest, o.seconds);
    }
    if (!std::isfinite(shortest)) shortest = 2;
    return (story::kTouchSeconds + shortest) / 2;
  }
  // Keyboard focus onto `thing` with Tab, as a player would cycle to it.
  void focus_on(story::ThingId thing) {
    for (int i = 0; i < 12 && game_->attention().focus != thing; ++i) tap(sf::Keyboard::Tab);
    ASSERT_EQ(game_->attention().focus, thing) << "Tab never reaches it, " << where();
  }

  void make_gesture(Hands hands, const story::Moment& m, const story::Gesture& g) {
    const bool mouse = hands == Hands::Mouse;
    switch (g.kind) {
      case GestureKind::Wait:
        // Silence: the pointer rests on nothing, or W (which drops focus and hands).
        if (mouse)
          send(mouse_move(off_things()));
        else
          tap(sf::Keyboard::W);
        return;
      case GestureKind::TurnAway:
        if (mouse) {
          const sf::Vector2f p = off_things();
          send(mouse_button(true, sf::Mouse::Right, p));
          send(mouse_button(false, sf::Mouse::Right, p));
        } else {
          tap(sf::Keyboard::BackSpace);
        }
        return;
      case GestureKind::Look:
        if (mouse)
          send(mouse_move(on_thing(g.thing)));
        else
          focus_on(g.thing);
        run(real(duration_for(m, g)));
        if (mouse)
          send(mouse_move(off_things()));
        else if (in_moment())
          tap(sf::Keyboard::W);  // looks away: focus dropped
        return;
      case GestureKind::Touch:
      case GestureKind::Hold:
      case GestureKind::Hesitate: {
        const double down = g.kind == GestureKind::Touch  ? 0
                            : g.kind == GestureKind::Hold ? duration_for(m, g)
                                                          : hesitation_for(m, g);
        const sf::Vector2f p = mouse ? on_thing(g.thing) : sf::Vector2f{};
        if (mouse) {
          send(mouse_move(p));
          send(mouse_button(true, sf::Mouse::Left, p));
        } else {
          focus_on(g.thing);
          send(key_event(true, sf::Keyboard::Space));
        }
        run(real(down));
        if (mouse) {
          send(mouse_button(false, sf::Mouse::Left, p));
          send(mouse_move(off_things()));
        } else {
          send(key_event(false, sf::Keyboard::Space));
        }
        return;
      }
      case GestureKind::Push:
      case GestureKind::Pull: {
        // The mouse drags in 10-pixel steps (up away, down toward) past the gesture's distance,
        // short of the next rung of the same ladder, and lets go (the longest reached is chosen);
        // the keyboard holds Page Up / Page Down while the thing slides there by itself.
        const float sign = g.kind == GestureKind::Push ? -1.f : 1.f;
        const sf::Keyboard::Key key =
            g.kind == GestureKind::Push ? sf::Keyboard::PageUp : sf::Keyboard::PageDown;
        if (mouse) {
          const sf::Vector2f p = on_thing(g.thing);
          send(mouse_move(p));
          send(mouse_button(true, sf::Mouse::Left, p));
          const float scale = game_->letterbox().scale;
          sf::Vector2f at = p;
          const double next = m.next_rung(g, game_->runtime()->offered());
          const double reach = g.distance + std::min(10.0, (next - g.distance) / 2);
          for (int i = 0; i < 100 && in_moment() && 10.0 * i < reach; ++i) {
            at.y += sign * 10 * scale;
            send(mouse_move(at));
            run(1.0 / 60);
          }
          send(mouse_button(false, sf::Mouse::Left, at));
          send(mouse_move(off_things()));
        } else {
          focus_on(g.thing);
          send(key_event(true, key));
          run(real(g.distance / story::kSlideRate + 0.05));
          send(key_event(false, key));
        }
        return;
      }
    }
  }

  // Plays entries [from, to) of the script: each waits for its moment, makes the gesture, and
  // checks the game took exactly that gesture.
  void play(Hands hands, const std::vector<std::string>& entries, size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      const std::string& entry = entries[i];
      ASSERT_TRUE(run_until([&] { return in_moment() || at_ending(); }, 600))
          << "no moment opened for entry " << i << " '" << entry << "', " << where();
      ASSERT_TRUE(in_moment()) << "the story ended before entry " << i << " '" << entry << "'";
      const story::Moment& m = *game_->runtime()->moment();
      const size_t before = state().history.size();
      int32_t chosen = -1;
      for (int32_t g : game_->runtime()->offered()) {
        const story::Gesture& gesture = m.gestures[static_cast<size_t>(g)];
        const bool silence = entry == "-" || entry.empty();
        if ((silence && gesture.kind == GestureKind::Wait) || gesture.id == entry) {
          chosen = g;
          break;
        }
      }
      ASSERT_GE(chosen, 0) << "'" << entry << "' is not offered in " << where();
      const story::Gesture& g = m.gestures[static_cast<size_t>(chosen)];
      const std::string scene_id = scene().id;
      make_gesture(hands, m, g);
      ASSERT_TRUE(run_until([&] { return state().history.size() > before; }, 120))
          << "'" << g.id << "' was never taken in " << scene_id;
      const story::HistoryEntry& took = state().history[before];
      EXPECT_EQ(took.gesture, chosen)
          << "wanted '" << g.id << "' in " << scene_id << ", got "
          << (took.gesture >= 0 ? m.gestures[static_cast<size_t>(took.gesture)].id
                                : std::string("a hesitation"));
      if (entry == "-" || entry.empty()) {
        EXPECT_EQ(took.kind, GestureKind::Wait);
      }
    }
  }

  void play_to_ending(Hands hands, const std::string& ending, bool spoken = false) {
    const std::vector<std::string> entries =
        read_script(std::string(THRESHOLD_TESTS_DIR) + "/golden/data_" + ending + ".script");
    ASSERT_FALSE(entries.empty());
    make_game(spoken);
    start_new(hands);
    play(hands, entries, 0, entries.size());
    expect_ending(hands, ending);
  }

  void expect_ending(Hands hands, const std::string& ending) {
    ASSERT_TRUE(run_until([&] { return at_ending(); }, 600)) << "no ending, " << where();
    const story::Ending* reached = story_.ending(state().ending);
    ASSERT_NE(reached, nullptr);
    EXPECT_EQ(reached->id, ending);
    run(3);
    game_->draw(target_);
    // The ending's page is read, then the player goes back to the title; nothing to continue.
    if (hands == Hands::Keyboard) {
      tap(sf::Keyboard::Enter);
    } else {
      const sf::Vector2f p = to_window(640, 360);
      send(mouse_button(true, sf::Mouse::Left, p));
      send(mouse_button(false, sf::Mouse::Left, p));
    }
    EXPECT_EQ(game_->screen(), Game::Screen::Title);
    EXPECT_FALSE(game_->autosave_exists());
  }

  story::Story story_;
  platform::Settings settings_;
  std::unique_ptr<render::Renderer> renderer_;
  sf::RenderTexture target_;
  std::ostringstream log_;
  std::unique_ptr<Game> game_;
  std::unique_ptr<ScopedXdg> xdg_;
  std::shared_ptr<VoiceClock> voice_;
  int frame_ = 0;
};

// The endings that tests/golden/ holds a data_<ending>.script for (tools_text.script is another
// story's; data_<ending>_<language>.script, where data/locales/<language>.po is a catalogue, is
// played in that language by cli_test).
std::vector<std::string> script_endings() {
  std::vector<std::string> names;
  const std::string prefix = "data_";
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(THRESHOLD_TESTS_DIR) + "/golden")) {
    const std::string stem = e.path().stem().string();
    if (e.path().extension() != ".script" || !stem.starts_with(prefix)) continue;
    const std::string language = stem.substr(stem.rfind('_') + 1);
    if (std::filesystem::exists(std::string(THRESHOLD_DATA_DIR) + "/locales/" + language + ".po"))
      continue;
    names.push_back(stem.substr(prefix.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

class MouseAlone : public RealStory, public ::testing::WithParamInterface<std::string> {};
class KeyboardAlone : public RealStory, public ::testing::WithParamInterface<std::string> {};

TEST_P(MouseAlone, PlaysTheStoryFromTheTitleToItsEnding) {
  play_to_ending(Hands::Mouse, GetParam());
}

TEST_P(KeyboardAlone, PlaysTheStoryFromTheTitleToItsEnding) {
  play_to_ending(Hands::Keyboard, GetParam());
}

auto ending_name = [](const ::testing::TestParamInfo<std::string>& p) { return p.param; };
INSTANTIATE_TEST_SUITE_P(RealStory, MouseAlone, ::testing::ValuesIn(script_endings()), ending_name);
INSTANTIATE_TEST_SUITE_P(RealStory, KeyboardAlone, ::testing::ValuesIn(script_endings()),
                         ending_name);

// Time to act at 3×: every hold, look and silence takes three times as long, and the story
// takes the same branches to the same ending.
TEST_F(RealStory, ThreeTimesTheTimePlaysAnEndingWithTheMouse) {
  settings_.time_scale = 3;
  play_to_ending(Hands::Mouse, "stayed");
}

// Untimed: nothing is chosen by the clock; each silence the script asks for is W.
TEST_F(RealStory, UntimedPlaysAnEndingWithTheKeyboardAlone) {
  settings_.time_unlimited = true;
  play_to_ending(Hands::Keyboard, "left");
}

// A blind player's game: speech on, the keyboard alone, the first ending of the scripts. Every
// line is read to its end (the clock waits for each), each moment is announced, and the ending's
// way back to the title is the last thing said.
TEST_F(RealStory, SpokenTheKeyboardAloneReachesAnEndingWithEveryLineReadToItsEnd) {
  const std::vector<std::string> endings = script_endings();
  ASSERT_FALSE(endings.empty());
  play_to_ending(Hands::Keyboard, endings.front(), true);
  ASSERT_TRUE(voice_);
  size_t lines = 0, openings = 0;
  for (const VoiceClock::Reading& r : voice_->readings) {
    if (r.kind == speech::Kind::Line) {
      ++lines;
      EXPECT_FALSE(r.cut) << "cut off: " << r.text;
    }
    if (r.kind == speech::Kind::Announcement) ++openings;
  }
  const std::vector<std::string> entries =
      read_script(std::string(THRESHOLD_TESTS_DIR) + "/golden/data_" + endings.front() + ".script");
  EXPECT_GE(openings, entries.size());
  EXPECT_GT(lines, 2 * entries.size());
  // The ending's one line was said (Enter then went back to the title, which is read too).
  const Said said = voice_->texts();
  EXPECT_NE(std::find(said.begin(), said.end(), "Press Enter or click to return to the title"),
            said.end());
  EXPECT_EQ(log_.str().find("speech"), std::string::npos) << log_.str();
}

TEST_F(RealStory, QuittingMidSceneThenContinuingResumesThereWithTheSameVariables) {
  const std::vector<std::string> entries =
      read_script(std::string(THRESHOLD_TESTS_DIR) + "/golden/data_left.script");
  ASSERT_GE(entries.size(), 6u);
  make_game();
  start_new(Hands::Keyboard);
  // Into the third scene, and quit while its gesture's answer is still on screen.
  const size_t quit_after = 6;
  play(Hands::Keyboard, entries, 0, quit_after);
  run(0.6);
  ASSERT_FALSE(at_ending());
  const std::string scene_id = scene().id;
  const std::vector<story::Value> variables = state().variables;
  const std::vector<story::SceneId> visited = state().visited;
  ASSERT_GE(visited.size(), 3u);
  tap(sf::Keyboard::Escape);
  ASSERT_EQ(game_->screen(), Game::Screen::Paused);
  ASSERT_EQ(game_->menu_labels().back(), "Save and quit");
  tap(sf::Keyboard::Up);  // wraps to the last item
  tap(sf::Keyboard::Enter);
  ASSERT_TRUE(game_->quit_requested());
  const std::string save = platform::paths_from_environment().autosave_file();
  EXPECT_EQ(save.rfind(xdg_->base(), 0), 0u) << "the save went outside XDG_DATA_HOME: " << save;
  EXPECT_TRUE(std::filesystem::is_regular_file(save));

  // A new session: Continue is on the title screen and resumes in the same scene.
  game_.reset();
  make_game();
  ASSERT_EQ(game_->menu_labels(),
            (std::vector<std::string>{"New", "Continue", "Settings", "Quit"}));
  tap(sf::Keyboard::Down);
  tap(sf::Keyboard::Enter);
  ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  EXPECT_EQ(scene().id, scene_id);
  EXPECT_EQ(state().variables, variables);
  EXPECT_EQ(state().visited, visited);
  // And the story goes on from there to the ending the script leads to.
  play(Hands::Keyboard, entries, quit_after, entries.size());
  expect_ending(Hands::Keyboard, "left");
}

// The loop redraws a calm scene only when Game::ambient_key() changes: left alone in the
// kitchen's moment (steam, a passing car's light, the camera's drift, the silence deepening),
// that is a few times a second, not sixty; with reduced motion only the silence's steps remain.
TEST_F(RealStory, AnIdleMomentAsksForFewRedraws) {
  for (const bool reduced : {false, true}) {
    SCOPED_TRACE(reduced ? "reduced motion" : "motion");
    platform::Settings settings;
    settings.reduced_motion = reduced;
    game_ = std::make_unique<Game>(story_, *renderer_, platform::paths_from_environment(), settings,
                                   sf::Vector2u{1280, 720}, log_);
    start_new(Hands::Keyboard);
    ASSERT_TRUE(run_until([&] { return in_moment(); }, 120));
    tap(sf::Keyboard::A);        // the player's hands found: the silence may run
    run(2.6);                    // the last line's fade, the opening's breath
    constexpr double dt = 0.01;  // the loop looks this often while calm
    int changes = 0, calm_steps = 0;
    uint64_t key = game_->ambient_key();
    for (int i = 0; i < 600 && in_moment(); ++i) {  // 6 s, short of the first wait
      game_->advance(dt);
      if (!game_->calm()) continue;
      ++calm_steps;
      const uint64_t k = game_->ambient_key();
      changes += k != key ? 1 : 0;
      key = k;
    }
    ASSERT_TRUE(in_moment());
    EXPECT_EQ(calm_steps, 600) << "nothing but the ambient moves in an idle moment";
    if (reduced) {
      EXPECT_TRUE(game_->still());
      EXPECT_GE(changes, 2) << "the silence still shows";
      EXPECT_LE(changes, static_cast<int>(render::kSilenceDriftSteps));
    } else {
      EXPECT_GE(changes, 6) << "the steam rises, the camera drifts";
      EXPECT_LE(changes, 6 * 21) << "at most about 20 frames a second";
    }
    // The player acts (focus on a thing): the silence is over and its light with it.
    tap(sf::Keyboard::Tab);
    EXPECT_NE(game_->attention().focus, kNone);
    EXPECT_EQ(render::silence_drift(*game_->runtime(), state().time), 0.f);
  }
}

}  // namespace
}  // namespace threshold::game
