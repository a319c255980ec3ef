// Self-voicing in the real game loop: with speech on, a real speech-dispatcher daemon of the
// test's own (tests/support/speech_daemon.h) hears the title, the story's lines, the moment's
// announcement, the focused thing and the pause menu, in that order; with no server the game
// says so in one line and plays on. And the clock waits for the voice: through a voice whose
// readings last a fixed time on the test's own clock (the same steps the game is given), a
// line's linger and a moment's breath and silence begin when the reading ends, so a 5 s wait
// fires 5 s (after the breath) past the end of the announcement, not past its start.
#include <gtest/gtest.h>
#include <unistd.h>

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Window/Event.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include "clocked_voice.h"
#include "game/game.h"
#include "tests/support/speech_daemon.h"
#include "tests/support/test_story.h"
#include "threshold/audio/audio_engine.h"
#include "threshold/locale/catalogue.h"
#include "threshold/locale/localize.h"
#include "threshold/speech/speaker.h"

namespace threshold::game {
namespace {

using speech::Kind;
using story::kNone;

constexpr double kStep = 0.125;  // exact in binary: the test's clock adds up without drift

sf::Event key_event(bool down, sf::Keyboard::Key code) {
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

// Public, so that a helper of several tests' own can drive it.
class GameSpeech : public ::testing::Test {
 public:
  const story::Story& story() const { return story_; }
  void reset_game() {
    game_.reset();
    clock_.reset();
  }

  void SetUp() override {
    story_ = test_support::load_test_story("game_gestures");
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
         ("threshold_speech_" +
          std::string(::testing::UnitTest::GetInstance()->current_test_info()->name())))
            .string();
    std::filesystem::remove_all(base);
    paths_ = platform::paths_for((base + "/config").c_str(), (base + "/data").c_str(), "/none");
  }

  void make_game(platform::Speech speech, bool hints = false, audio::AudioEngine* sound = nullptr) {
    platform::Settings s;
    s.speech = speech;
    s.hints = hints;
    game_ =
        std::make_unique<Game>(story_, *renderer_, paths_, s, sf::Vector2u{1280, 720}, log_, sound);
  }
  // Speaks through a voice on the test's clock, each reading `seconds` long.
  void speak_on_the_clock(double seconds) {
    clock_ = std::make_shared<VoiceClock>(seconds);
    game_->set_speech([c = clock_] {
      return speech::Connection{std::make_unique<ClockedVoice>(c), ""};
    });
  }
  void send(const sf::Event& e) { game_->handle(e); }
  void tap(sf::Keyboard::Key k) {
    send(key_event(true, k));
    send(key_event(false, k));
  }
  // One step of the test's clock: the game runs, then the voice reads on (so a reading that
  // ends at a step's end lets the game's next step run whole).
  void step() {
    game_->advance(kStep);
    if (clock_) clock_->now += kStep;
    now_ += kStep;
  }
  template <class F>
  bool run_until(F done, double limit = 120) {
    for (double t = 0; !done() && t < limit; t += kStep) step();
    return done();
  }
  bool in_moment() const { return game_->runtime() && game_->runtime()->in_moment(); }
  std::string ending_id() const {
    const story::EndingId e = game_->runtime()->state().ending;
    return e == kNone ? "" : story_.endings[static_cast<size_t>(e)].id;
  }
  size_t log_lines_with(const std::string& word) const {
    std::istringstream in(log_.str());
    size_t n = 0;
    for (std::string line; std::getline(in, line);) n += line.find(word) != std::string::npos;
    return n;
  }
  // When each of the kitchen's lines is shown and how long it lingers, as the runtime alone
  // plays them (no speech): the times the game's lines must keep after each reading.
  std::vector<story::Event> kitchen_lines() const {
    story::Runtime r(story_);
    std::vector<story::Event> all = r.start();
    for (int i = 0; i < 100 && !r.in_moment(); ++i) r.step(0.5, {}, all);
    std::vector<story::Event> lines;
    for (const story::Event& e : all) {
      if (e.kind == story::EventKind::LineShown) lines.push_back(e);
    }
    return lines;
  }

  story::Story story_;
  std::unique_ptr<render::Renderer> renderer_;
  platform::Paths paths_;
  std::ostringstream log_;
  std::unique_ptr<Game> game_;
  std::shared_ptr<VoiceClock> clock_;
  double now_ = 0;
};

// ---------------------------------------------------------------------------------------------
// A real daemon.

TEST_F(GameSpeech, TheDaemonHearsTheTitleTheLinesTheMomentTheThingAndTheMenuInOrder) {
  test_support::SpeechDaemon daemon;
  ASSERT_TRUE(daemon.ok()) << daemon.error();
  make_game(platform::Speech::LinesAndThings);
  game_->set_speech([&] { return speech::connect("threshold-test", daemon.address(), false); });
  ASSERT_TRUE(daemon.wait_for(1)) << log_.str();  // the title, read as the game opens
  tap(sf::Keyboard::Enter);                       // New
  // The clock waits for each reading (the daemon's pace), then lingers: a busy loop would only
  // spin, so each step leaves the daemon a moment.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!in_moment() && std::chrono::steady_clock::now() < until) {
    step();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_TRUE(in_moment());
  ASSERT_TRUE(daemon.wait_for(4)) << ::testing::PrintToString(daemon.said());
  tap(sf::Keyboard::Tab);  // the focus onto the door (left to right: the door, then the cup)
  ASSERT_TRUE(daemon.wait_for(5)) << ::testing::PrintToString(daemon.said());
  tap(sf::Keyboard::Escape);        // the pause menu, read whole before the highlight moves on (a
  ASSERT_TRUE(daemon.wait_for(6));  // highlight moved sooner cuts it off, as it should)
  tap(sf::Keyboard::Down);
  ASSERT_TRUE(daemon.wait_for(7)) << ::testing::PrintToString(daemon.said());
  EXPECT_EQ(daemon.said(),
            (Said{"Game Gestures. New", "A cup on the counter.", "The door behind you.",
                  "You can act. Or wait.", "the door", "Paused. Continue", "Settings"}));
  EXPECT_EQ(log_lines_with("speech"), 0u) << log_.str();
}

TEST_F(GameSpeech, WithNoSpeechServerTheGameSaysSoOnceAndPlaysOn) {
  make_game(platform::Speech::Lines);
  const std::string socket = "/tmp/threshold-no-speechd-" + std::to_string(getpid()) + ".sock";
  game_->set_speech(
      [&] { return speech::connect("threshold-test", "unix_socket:" + socket, false); });
  EXPECT_EQ(log_lines_with("speech"), 1u) << log_.str();
  EXPECT_NE(log_.str().find("plays on without speech"), std::string::npos) << log_.str();
  tap(sf::Keyboard::Enter);  // New: no wait for a voice that is not there
  send(mouse_move(640, 80));
  ASSERT_TRUE(run_until([&] { return in_moment(); }));
  const double opened = now_;
  ASSERT_TRUE(run_until([&] { return !ending_id().empty(); }));
  EXPECT_EQ(ending_id(), "waited");
  EXPECT_NEAR(now_ - opened, story::kBreathSeconds + 5, kStep);
  EXPECT_EQ(log_lines_with("speech"), 1u) << log_.str();
}

TEST_F(GameSpeech, AServerThatGoesAwayMidGameIsOneLineAndTheGamePlaysOn) {
  test_support::SpeechDaemon daemon;
  ASSERT_TRUE(daemon.ok()) << daemon.error();
  make_game(platform::Speech::Lines);
  game_->set_speech([&] { return speech::connect("threshold-test", daemon.address(), false); });
  ASSERT_TRUE(daemon.wait_for(1));
  daemon.stop();
  tap(sf::Keyboard::Enter);  // New
  send(mouse_move(640, 80));
  // The voice is found gone at the next thing said, or soon after: at worst a line holds the
  // clock for as long as a slow reader would take (Narration::hold_limit).
  ASSERT_TRUE(run_until([&] { return !ending_id().empty(); }, 300));
  EXPECT_EQ(ending_id(), "waited");
  EXPECT_EQ(log_lines_with("speech"), 1u) << log_.str();
  EXPECT_NE(log_.str().find("speech stopped"), std::string::npos) << log_.str();
}

// ---------------------------------------------------------------------------------------------
// The clock waits for the voice (a voice on the test's clock).

TEST_F(GameSpeech, AWaitFiresItsSecondsAfterTheAnnouncementHasBeenRead) {
  make_game(platform::Speech::Lines);
  speak_on_the_clock(2.0);
  tap(sf::Keyboard::Enter);   // New
  send(mouse_move(640, 80));  // the hands are found: the silence may count
  ASSERT_TRUE(run_until([&] { return !ending_id().empty(); }));
  EXPECT_EQ(ending_id(), "waited");
  const VoiceClock::Reading* opening = clock_->find("You can act. Or wait.");
  ASSERT_NE(opening, nullptr) << ::testing::PrintToString(clock_->texts());
  // The breath and the 5 s of silence began when the announcement ended, not when it began.
  EXPECT_NEAR(now_ - opening->ends, story::kBreathSeconds + 5, kStep);
  EXPECT_GT(now_ - opening->said_at, story::kBreathSeconds + 5 + 1.5);
}

TEST_F(GameSpeech, TheEndingIsReadWholeThenHowToLeaveIt) {
  make_game(platform::Speech::Lines);
  speak_on_the_clock(2.0);
  tap(sf::Keyboard::Enter);
  send(mouse_move(640, 80));
  ASSERT_TRUE(run_until([&] { return game_->screen() == Game::Screen::Ending; }));
  const Said said = clock_->texts();
  ASSERT_GE(said.size(), 3u);
  // The ending's title and its epilogue, each read to its end, then the one way on.
  EXPECT_EQ(said[said.size() - 3], "Waited");
  EXPECT_EQ(said[said.size() - 2], "The coffee goes cold.");
  EXPECT_EQ(said.back(), "Press Enter or click to return to the title");
  for (const VoiceClock::Reading& r : clock_->readings) {
    if (r.text != "Game Gestures. New") {
      EXPECT_FALSE(r.cut) << r.text;
    }
  }
}

TEST_F(GameSpeech, EachLineLingersFromTheEndOfItsReading) {
  make_game(platform::Speech::Lines);
  speak_on_the_clock(3.0);
  tap(sf::Keyboard::Enter);
  ASSERT_TRUE(run_until([&] { return in_moment(); }));
  const std::vector<story::Event> alone = kitchen_lines();
  ASSERT_EQ(alone.size(), 2u);
  const VoiceClock::Reading* first = clock_->find("A cup on the counter.");
  const VoiceClock::Reading* second = clock_->find("The door behind you.");
  const VoiceClock::Reading* opening = clock_->find("You can act. Or wait.");
  ASSERT_TRUE(first && second && opening) << ::testing::PrintToString(clock_->texts());
  EXPECT_FALSE(first->cut);
  EXPECT_NEAR(second->said_at - first->ends, alone[0].linger, kStep + 1e-9);
  EXPECT_NEAR(opening->said_at - second->ends, alone[1].linger, kStep + 1e-9);
  // The title was being read when New was chosen: it was cut off there.
  EXPECT_EQ(clock_->texts(), (Said{"Game Gestures. New", "A cup on the counter.",
                                   "The door behind you.", "You can act. Or wait."}));
  EXPECT_TRUE(clock_->readings.front().cut);
}

// A translation's longer linger, the text speed and the voice compose: the French line, given
// more time than its English by its own words, lingers that time over the text speed, from the
// end of its reading.
TEST_F(GameSpeech, ATranslatedLineLingersItsOwnTimeFromTheEndOfItsReadingAtTheTextSpeed) {
  const std::vector<story::Event> english = kitchen_lines();
  const std::string po = paths_.config_dir + "/fr.po";
  std::filesystem::create_directories(paths_.config_dir);
  std::ofstream(po)
      << "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n"
         "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
         "msgctxt \"kitchen/counter/1\"\nmsgid \"A cup on the counter.\"\n"
         "msgstr \"Une tasse, encore à moitié pleine, sur le comptoir de la cuisine.\"\n";
  std::string why;
  const std::optional<locale::Catalogue> cat = locale::read_catalogue(po, &why);
  ASSERT_TRUE(cat) << why;
  locale::localize(story_, *cat);
  const std::vector<story::Event> french = kitchen_lines();
  ASSERT_EQ(french.size(), 2u);
  ASSERT_GT(french[0].linger, english[0].linger + 1);  // eleven words against five
  platform::Settings s;
  s.speech = platform::Speech::Lines;
  s.text_speed = 0.5f;
  game_ = std::make_unique<Game>(story_, *renderer_, paths_, s, sf::Vector2u{1280, 720}, log_);
  speak_on_the_clock(3.0);
  tap(sf::Keyboard::Enter);
  ASSERT_TRUE(run_until([&] { return in_moment(); }));
  const VoiceClock::Reading* first =
      clock_->find("Une tasse, encore à moitié pleine, sur le comptoir de la cuisine.");
  const VoiceClock::Reading* second = clock_->find("The door behind you.");
  ASSERT_TRUE(first && second) << ::testing::PrintToString(clock_->texts());
  EXPECT_NEAR(second->said_at - first->ends, french[0].linger / 0.5, kStep + 1e-9);
}

TEST_F(GameSpeech, ALineThePauseMenuCutOffIsReadAgainOnContinuing) {
  make_game(platform::Speech::Lines);
  speak_on_the_clock(10.0);
  tap(sf::Keyboard::Enter);
  for (int i = 0; i < 8; ++i) step();  // one second into the first reading
  tap(sf::Keyboard::Escape);
  EXPECT_EQ(clock_->texts().back(), "Paused. Continue");
  tap(sf::Keyboard::Enter);  // Continue
  ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  step();
  EXPECT_EQ(clock_->texts(), (Said{"Game Gestures. New", "A cup on the counter.",
                                   "Paused. Continue", "A cup on the counter."}));
  // And the clock waits for the new reading: the second line comes after it.
  ASSERT_TRUE(run_until([&] { return clock_->find("The door behind you.") != nullptr; }));
  EXPECT_GE(now_, 1 + 10.0);
}

TEST_F(GameSpeech, SkippingALineStopsItsReadingAndReadsTheNextAtOnce) {
  make_game(platform::Speech::Lines);
  speak_on_the_clock(10.0);
  tap(sf::Keyboard::Enter);
  for (int i = 0; i < 8; ++i) step();  // one second into the first reading
  tap(sf::Keyboard::Space);
  const VoiceClock::Reading* first = clock_->find("A cup on the counter.");
  const VoiceClock::Reading* second = clock_->find("The door behind you.");
  ASSERT_TRUE(first && second) << ::testing::PrintToString(clock_->texts());
  EXPECT_TRUE(first->cut);
  EXPECT_DOUBLE_EQ(second->begins, 1.0);
}

TEST_F(GameSpeech, AVoiceThatNeverEndsHoldsTheClockNoLongerThanASlowReader) {
  make_game(platform::Speech::Lines);
  speak_on_the_clock(std::numeric_limits<double>::infinity());
  tap(sf::Keyboard::Enter);
  ASSERT_TRUE(run_until([&] { return in_moment(); }, 600));
  const std::vector<story::Event> alone = kitchen_lines();
  double longest = 0;
  for (const story::Event& e : alone) {
    longest += Narration::hold_limit(e.text.size()) + e.linger;
  }
  EXPECT_LE(now_, longest + 2 * kStep);
  EXPECT_GE(now_, longest - 2 * kStep);  // it did wait, each time, as long as that
}

TEST_F(GameSpeech, PressingInAMomentLetsTheClockRunWhileTheAnnouncementIsRead) {
  make_game(platform::Speech::Lines);
  speak_on_the_clock(30.0);  // a very slow voice
  tap(sf::Keyboard::Enter);
  ASSERT_TRUE(run_until([&] { return in_moment(); }, 600));
  // Hold the cup (the second thing along) for its two seconds: it is drunk while the
  // announcement is still being read.
  tap(sf::Keyboard::Tab);
  tap(sf::Keyboard::Tab);
  send(key_event(true, sf::Keyboard::Space));
  for (int i = 0; i < 18; ++i) step();
  send(key_event(false, sf::Keyboard::Space));
  EXPECT_EQ(ending_id(), "held");
}

// ---------------------------------------------------------------------------------------------
// What is heard.

// The cup's hold (2 s) half done, and done: with speech on the game's own sound rises an octave
// over it; with speech off it sounds no tone.
double tone_halfway_through_the_hold(GameSpeech& t, platform::Speech speech) {
  audio::AudioEngine sound(t.story(), audio::Output::Loopback);
  EXPECT_FALSE(sound.silent()) << sound.status();
  t.make_game(speech, false, &sound);
  t.speak_on_the_clock(0.25);
  t.tap(sf::Keyboard::Enter);
  EXPECT_TRUE(t.run_until([&] { return t.in_moment(); }));
  t.run_until([] { return false; }, 1);  // the announcement is read
  t.tap(sf::Keyboard::Tab);
  t.tap(sf::Keyboard::Tab);  // the cup
  t.send(key_event(true, sf::Keyboard::Space));
  for (int i = 0; i < 8; ++i) t.step();  // one second of two
  const double halfway = sound.progress_tone_hz();
  for (int i = 0; i < 12; ++i) t.step();
  t.send(key_event(false, sf::Keyboard::Space));
  EXPECT_EQ(t.ending_id(), "held");
  EXPECT_EQ(sound.progress_tone_hz(), 0.0);  // done: the tone stops
  t.reset_game();
  return halfway;
}

TEST_F(GameSpeech, WithSpeechOnAHoldInProgressIsHeardAsAToneRisingToItsEnd) {
  // The tone follows the light, which is a frame behind the press: within one step of halfway.
  EXPECT_NEAR(tone_halfway_through_the_hold(*this, platform::Speech::Lines), audio::kToneHz * 1.5,
              audio::kToneHz * kStep / 2 + 1e-9);
  EXPECT_EQ(tone_halfway_through_the_hold(*this, platform::Speech::Off), 0.0);
}

// ---------------------------------------------------------------------------------------------
// What is said.

TEST_F(GameSpeech, LinesAndThingsNamesTheFocusedThingWithItsHintWhenHintsAreOn) {
  make_game(platform::Speech::LinesAndThings, true);
  speak_on_the_clock(0.5);
  tap(sf::Keyboard::Enter);
  ASSERT_TRUE(run_until([&] { return in_moment(); }));
  run_until([] { return false; }, 1);  // the announcement is read
  tap(sf::Keyboard::Tab);
  tap(sf::Keyboard::Tab);
  const Said said = clock_->texts();
  ASSERT_GE(said.size(), 2u);
  EXPECT_EQ(said[said.size() - 2], "the door: Touch the door.");
  EXPECT_EQ(said.back(), "the cup: Hold the cup, or Reach for the cup, and stop.");
}

TEST_F(GameSpeech, SpeechOfLinesAloneNamesNoThing) {
  make_game(platform::Speech::Lines);
  speak_on_the_clock(0.5);
  tap(sf::Keyboard::Enter);
  ASSERT_TRUE(run_until([&] { return in_moment(); }));
  tap(sf::Keyboard::Tab);
  EXPECT_EQ(clock_->texts(), (Said{"Game Gestures. New", "A cup on the counter.",
                                   "The door behind you.", "You can act. Or wait."}));
}

TEST_F(GameSpeech, TheSettingsAreReadAsTheHighlightMovesAndAsTheyChange) {
  make_game(platform::Speech::Lines);
  speak_on_the_clock(0.5);
  EXPECT_EQ(clock_->texts(), (Said{"Game Gestures. New"}));
  tap(sf::Keyboard::Down);  // Settings
  tap(sf::Keyboard::Enter);
  EXPECT_EQ(clock_->texts().back(),
            "Settings. Left and right, or a click, change a setting. Esc goes back. Text size: "
            "100%");
  // Up from the top wraps to Back, then up past Language and Speech volume to Speech; Right
  // steps it on.
  tap(sf::Keyboard::Up);
  EXPECT_EQ(clock_->texts().back(), "Back");
  tap(sf::Keyboard::Up);
  EXPECT_EQ(clock_->texts().back(), "Language: English");
  tap(sf::Keyboard::Up);
  EXPECT_EQ(clock_->texts().back(), "Speech volume: 100%");
  tap(sf::Keyboard::Up);
  EXPECT_EQ(clock_->texts().back(), "Speech: lines");
  tap(sf::Keyboard::Right);
  EXPECT_EQ(game_->settings().speech, platform::Speech::LinesAndThings);
  EXPECT_EQ(clock_->texts().back(), "Speech: lines and things");
  // Turned off, it says nothing more: not even that it is off.
  const size_t before = clock_->texts().size();
  tap(sf::Keyboard::Enter);  // wraps round to off
  EXPECT_EQ(game_->settings().speech, platform::Speech::Off);
  tap(sf::Keyboard::Up);
  EXPECT_EQ(clock_->texts().size(), before);
  // And on again, from the keyboard alone: the voice is reached again and the item read.
  tap(sf::Keyboard::Down);
  tap(sf::Keyboard::Right);
  EXPECT_EQ(game_->settings().speech, platform::Speech::Lines);
  EXPECT_EQ(clock_->texts().back(),
            "Settings. Left and right, or a click, change a setting. Esc goes back. Speech: lines");
}

// Speech volume is the voice's: left at 100 % the server speaks at its own volume (the player's),
// moved, every change reaches the voice and is read at the new volume; kept for the next game.
TEST_F(GameSpeech, SpeechVolumeIsTheVoicesAndLeftAtFullTheServersOwn) {
  make_game(platform::Speech::Lines);
  speak_on_the_clock(0.5);
  tap(sf::Keyboard::Down);  // Settings
  tap(sf::Keyboard::Enter);
  EXPECT_TRUE(clock_->volumes.empty());
  tap(sf::Keyboard::Up);  // Back
  tap(sf::Keyboard::Up);  // Language
  tap(sf::Keyboard::Up);  // Speech volume
  EXPECT_EQ(clock_->texts().back(), "Speech volume: 100%");
  tap(sf::Keyboard::Left);
  tap(sf::Keyboard::Left);
  EXPECT_FLOAT_EQ(game_->settings().speech_volume, 0.8f);
  ASSERT_EQ(clock_->volumes.size(), 2u);
  EXPECT_FLOAT_EQ(clock_->volumes[0], 0.9f);
  EXPECT_FLOAT_EQ(clock_->volumes[1], 0.8f);
  EXPECT_EQ(clock_->texts().back(), "Speech volume: 80%");
  // A new game with the setting kept: its voice is set to it as soon as it is reached.
  const platform::Settings kept = game_->settings();
  reset_game();
  game_ = std::make_unique<Game>(story_, *renderer_, paths_, kept, sf::Vector2u{1280, 720}, log_);
  speak_on_the_clock(0.5);
  ASSERT_EQ(clock_->volumes.size(), 1u);
  EXPECT_FLOAT_EQ(clock_->volumes[0], 0.8f);
}

TEST_F(GameSpeech, ContinuingInAnOpenMomentReadsItsLinesAndItsOpeningAgain) {
  make_game(platform::Speech::Lines);
  speak_on_the_clock(0.5);
  tap(sf::Keyboard::Enter);
  ASSERT_TRUE(run_until([&] { return in_moment(); }));
  tap(sf::Keyboard::Escape);
  tap(sf::Keyboard::Up);     // wraps to the last item
  tap(sf::Keyboard::Enter);  // Save and quit
  ASSERT_TRUE(game_->quit_requested());
  reset_game();
  make_game(platform::Speech::Lines);
  speak_on_the_clock(0.5);
  tap(sf::Keyboard::Down);
  EXPECT_EQ(clock_->texts().back(), "Continue");
  tap(sf::Keyboard::Enter);
  ASSERT_TRUE(in_moment());
  EXPECT_EQ(clock_->texts(), (Said{"Game Gestures. New", "Continue", "A cup on the counter.",
                                   "The door behind you.", "You can act. Or wait."}));
}

// At the largest text the settings are more than the frame holds: they keep the player's size
// and show a window of rows that follows the highlight, every row reachable by keyboard and
// none running into the footnote.
TEST_F(GameSpeech, EverySettingIsReachableAndInsideTheFrameAtTheLargestText) {
  platform::Settings s;
  s.text_scale = platform::kMaxTextScale;
  game_ = std::make_unique<Game>(story_, *renderer_, paths_, s, sf::Vector2u{1280, 720}, log_);
  tap(sf::Keyboard::Down);
  tap(sf::Keyboard::Enter);
  ASSERT_EQ(game_->screen(), Game::Screen::Settings);
  const std::vector<std::string> items = game_->menu_labels();
  ASSERT_EQ(items[items.size() - 4], "Speech: off");
  ASSERT_EQ(items[items.size() - 3], "Speech volume: 100%");
  ASSERT_EQ(items[items.size() - 2], "Language: English");
  EXPECT_TRUE(game_->menu_item_area(items.size() - 1).empty()) << "all the rows fit after all";
  for (size_t i = 0; i < items.size(); ++i) {
    ASSERT_EQ(game_->selected(), i);
    const story::Rect row = game_->menu_item_area(i);
    EXPECT_FALSE(row.empty()) << items[i] << " is highlighted out of sight";
    EXPECT_GE(row.y, 0) << items[i];
    EXPECT_LE(row.y + row.h, story::kFrameHeight - 40) << items[i] << " runs into the footnote";
    if (i + 1 < items.size()) {
      EXPECT_FALSE(game_->menu_item_area(i + 1).empty()) << "the next row is not in sight";
    }
    tap(sf::Keyboard::Down);
  }
  if (const char* dir = std::getenv("THRESHOLD_SCREENSHOT_DIR")) {
    sf::RenderTexture shot;
    ASSERT_TRUE(shot.create(1280, 720));
    game_->draw(shot);
    shot.display();
    EXPECT_TRUE(shot.getTexture().copyToImage().saveToFile(std::string(dir) + "/settings.png"));
  }
}

TEST_F(GameSpeech, SpeechOffSaysNothingAndNeverReachesForAVoice) {
  make_game(platform::Speech::Off);
  bool reached = false;
  game_->set_speech([&] {
    reached = true;
    return speech::Connection{};
  });
  tap(sf::Keyboard::Enter);
  ASSERT_TRUE(run_until([&] { return in_moment(); }));
  EXPECT_FALSE(reached);
  EXPECT_EQ(log_lines_with("speech"), 0u);
}

}  // namespace
}  // namespace threshold::game
