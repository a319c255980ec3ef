// The game's sound, heard through OpenAL Soft's loopback device: the real Game, fed synthesized
// SFML events and time steps, drives an AudioEngine whose mix the tests pull after every step.
// New game brings in the kitchen's room tone, the settings' volume silences it and brings it
// back, pausing fades it down rather than cutting it, and a game without sound still plays.
#include <gtest/gtest.h>

#include <SFML/Graphics/RenderTexture.hpp>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "game/game.h"
#include "tests/support/test_story.h"
#include "threshold/audio/audio_engine.h"

namespace threshold::game {
namespace {

constexpr double kStep = 0.05;  // the loop's time step (20 frames a second)
constexpr int kRate = 48000;

sf::Event key_event(bool down, sf::Keyboard::Key code) {
  sf::Event e;
  e.type = down ? sf::Event::KeyPressed : sf::Event::KeyReleased;
  e.key = {code, false, false, false, false};
  return e;
}

double rms(const std::vector<float>& s, double from, double to) {
  const size_t a = static_cast<size_t>(from * kRate) * 2;
  const size_t b = std::min(s.size(), static_cast<size_t>(to * kRate) * 2);
  double sum = 0;
  for (size_t i = a; i < b; ++i) sum += static_cast<double>(s[i]) * s[i];
  return b > a ? std::sqrt(sum / static_cast<double>(b - a)) : 0;
}

class GameAudio : public ::testing::Test {
 protected:
  void SetUp() override {
    story_ = test_support::load_test_story("game_gestures");
    // The kitchen hums (in code, as its `ambience:` would say): a steady room tone, no ducking.
    story::Ambience& amb = story_.scene(story_.find_scene("kitchen")).ambience;
    amb.authored = true;
    amb.crossfade = 0.5f;
    amb.duck_db = 0;
    story::SoundLayer hum;
    hum.synth = story::Synth::Hum;
    hum.level = 0.3f;
    amb.tone.push_back(hum);

    std::string error;
    renderer_ = render::Renderer::create(story_.font_folders, &error);
    ASSERT_TRUE(renderer_) << error;
    const std::string base =
        (std::filesystem::temp_directory_path() /
         ("threshold_gameaudio_" +
          std::string(::testing::UnitTest::GetInstance()->current_test_info()->name())))
            .string();
    std::filesystem::remove_all(base);
    paths_ = platform::paths_for((base + "/config").c_str(), (base + "/data").c_str(), "/none");
    ASSERT_TRUE(target_.create(320, 180));
  }

  void make_game(audio::AudioEngine* engine) {
    game_ = std::make_unique<Game>(story_, *renderer_, paths_, platform::Settings{},
                                   sf::Vector2u{1280, 720}, log_, engine);
  }
  void tap(sf::Keyboard::Key k) {
    game_->handle(key_event(true, k));
    game_->handle(key_event(false, k));
  }
  // Runs the loop for `seconds`, the engine mixing each step's worth of sound after it.
  std::vector<float> listen(double seconds) {
    const int steps = static_cast<int>(std::lround(seconds / kStep));
    const int frames = static_cast<int>(std::lround(kStep * kRate));
    std::vector<float> out(2 * static_cast<size_t>(frames) * static_cast<size_t>(steps));
    for (int i = 0; i < steps; ++i) {
      game_->advance(kStep);
      engine_->render(out.data() + 2 * static_cast<size_t>(frames) * static_cast<size_t>(i),
                      frames);
      if (i % 8 == 0) game_->draw(target_);
    }
    return out;
  }
  // From the pause menu: Settings, then the master volume stepped `steps` times (± = Right/Left),
  // back to the pause menu and on with the story.
  void change_volume_while_paused(int steps) {
    tap(sf::Keyboard::Escape);
    ASSERT_EQ(game_->screen(), Game::Screen::Paused);
    tap(sf::Keyboard::Down);
    tap(sf::Keyboard::Enter);
    ASSERT_EQ(game_->screen(), Game::Screen::Settings);
    while (game_->menu_labels()[game_->selected()].rfind("Volume:", 0) != 0) {
      tap(sf::Keyboard::Down);
    }
    for (int i = 0; i < std::abs(steps); ++i) {
      tap(steps > 0 ? sf::Keyboard::Right : sf::Keyboard::Left);
    }
    tap(sf::Keyboard::Escape);  // back to the pause menu
    ASSERT_EQ(game_->screen(), Game::Screen::Paused);
    tap(sf::Keyboard::Escape);  // and on
    ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  }
  // Leaves the pointer on nothing and lets time pass until the kitchen's wait runs out.
  void wait_for_the_ending() {
    sf::Event moved;
    moved.type = sf::Event::MouseMoved;
    moved.mouseMove = {640, 80};
    game_->handle(moved);
    for (double t = 0; t < 20 && game_->screen() == Game::Screen::Playing; t += kStep) {
      game_->advance(kStep);
      if (engine_) engine_->render(scratch_.data(), static_cast<int>(scratch_.size() / 2));
    }
  }
  void new_game() {
    ASSERT_EQ(game_->menu_labels()[game_->selected()], "New");
    tap(sf::Keyboard::Enter);
    ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  }

  story::Story story_;
  std::unique_ptr<render::Renderer> renderer_;
  platform::Paths paths_;
  sf::RenderTexture target_;
  std::ostringstream log_;
  std::unique_ptr<audio::AudioEngine> engine_;  // outlives the game (declared first)
  std::unique_ptr<Game> game_;
  std::vector<float> scratch_ = std::vector<float>(2 * static_cast<size_t>(kStep * kRate));
};

TEST_F(GameAudio, ANewGameBringsInTheKitchensRoomTone) {
  engine_ = std::make_unique<audio::AudioEngine>(story_, audio::Output::Loopback, "", kRate);
  ASSERT_FALSE(engine_->silent()) << engine_->status();
  make_game(engine_.get());
  const std::vector<float> title = listen(0.5);
  EXPECT_LT(rms(title, 0, 0.5), 1e-4) << "the title screen is quiet";
  new_game();
  const std::vector<float> kitchen = listen(1.5);
  EXPECT_GT(rms(kitchen, 1.0, 1.5), 0.02);  // past the crossfade in
}

TEST_F(GameAudio, TheSettingsVolumeSilencesTheGameAndBringsItBack) {
  engine_ = std::make_unique<audio::AudioEngine>(story_, audio::Output::Loopback, "", kRate);
  ASSERT_FALSE(engine_->silent()) << engine_->status();
  make_game(engine_.get());
  new_game();
  const double before = rms(listen(1.5), 1.0, 1.5);
  ASSERT_GT(before, 0.02);

  change_volume_while_paused(-10);  // 80% down to 0%
  EXPECT_EQ(game_->settings().master_volume, 0.f);
  // OpenAL Soft ramps a gain change over its first mix (no click): silent from then on.
  EXPECT_LT(rms(listen(1.5), 0.1, 1.5), 1e-4) << "playing at volume 0";
  EXPECT_EQ(platform::load_settings(paths_.settings_file()).settings.master_volume, 0.f);

  change_volume_while_paused(8);  // back to 80%
  EXPECT_FLOAT_EQ(game_->settings().master_volume, 0.8f);
  EXPECT_NEAR(rms(listen(1.5), 1.0, 1.5), before, 0.1 * before);
  EXPECT_EQ(game_->runtime()->state().scene, story_.find_scene("kitchen"));
}

TEST_F(GameAudio, PausingFadesTheRoomDownRatherThanCuttingIt) {
  engine_ = std::make_unique<audio::AudioEngine>(story_, audio::Output::Loopback, "", kRate);
  ASSERT_FALSE(engine_->silent()) << engine_->status();
  make_game(engine_.get());
  new_game();
  const double playing = rms(listen(1.5), 1.0, 1.5);
  ASSERT_GT(playing, 0.02);
  tap(sf::Keyboard::Escape);
  ASSERT_EQ(game_->screen(), Game::Screen::Paused);
  const std::vector<float> paused = listen(2);
  EXPECT_GT(rms(paused, 0, 0.1), 0.5 * playing) << "cut, not faded";
  EXPECT_LT(rms(paused, 0.3, 0.4), 0.8 * playing) << "not fading";
  EXPECT_LT(rms(paused, 1.0, 2.0), 1e-4) << "still sounding while paused";
  tap(sf::Keyboard::Escape);  // Esc again continues, and the room comes back
  ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  EXPECT_NEAR(rms(listen(1.0), 0.8, 1.0), playing, 0.1 * playing);
}

TEST_F(GameAudio, BackOnTheTitleTheRoomFadesAway) {
  engine_ = std::make_unique<audio::AudioEngine>(story_, audio::Output::Loopback, "", kRate);
  ASSERT_FALSE(engine_->silent()) << engine_->status();
  make_game(engine_.get());
  new_game();
  listen(1);
  wait_for_the_ending();
  ASSERT_EQ(game_->screen(), Game::Screen::Ending);
  const double ending = rms(listen(0.5), 0.4, 0.5);
  ASSERT_GT(ending, 0.02) << "the ending keeps the room's sound";
  tap(sf::Keyboard::Enter);
  ASSERT_EQ(game_->screen(), Game::Screen::Title);
  const std::vector<float> title = listen(2);
  EXPECT_GT(rms(title, 0, 0.1), 0.5 * ending) << "cut, not faded";
  EXPECT_LT(rms(title, 1.0, 2.0), 1e-4) << "the title screen is not quiet";
  // A new game in the same kitchen: its sound comes back.
  new_game();
  EXPECT_NEAR(rms(listen(1.5), 1.0, 1.5), ending, 0.1 * ending);
}

TEST_F(GameAudio, WithoutASoundDeviceTheGamePlaysSilently) {
  engine_ = std::make_unique<audio::AudioEngine>(story_, audio::Output::Device,
                                                 "no such sound device", kRate);
  EXPECT_TRUE(engine_->silent());
  EXPECT_FALSE(engine_->status().empty());
  make_game(engine_.get());
  new_game();
  listen(1);
  // The story runs as it would with sound: doing nothing lets the kitchen's wait run out.
  wait_for_the_ending();
  EXPECT_EQ(game_->screen(), Game::Screen::Ending);
}

TEST_F(GameAudio, WithNoEngineAtAllTheGameStillPlays) {
  make_game(nullptr);
  new_game();
  wait_for_the_ending();
  EXPECT_EQ(game_->screen(), Game::Screen::Ending);
}

}  // namespace
}  // namespace threshold::game
