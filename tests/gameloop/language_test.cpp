// The Language setting in the real game loop: the settings screen lists English and each
// catalogue of the story (by its own name), and a step of it puts the game at once into that
// language — its menus, the story's lines on screen, what is spoken — with the player kept where
// they are; saved in the settings as `language =`. Saves carry no language: a week saved in one
// is continued in another. And at the pseudo-locale every word of every screen comes from the
// table of the game's own words (no English baked into the code).
#include <gtest/gtest.h>

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Window/Event.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "clocked_voice.h"
#include "game/game.h"
#include "game/speech_words.h"
#include "tests/support/test_story.h"
#include "threshold/locale/localize.h"
#include "threshold/locale/story_strings.h"

namespace threshold::game {
namespace {

namespace fs = std::filesystem;

constexpr double kStep = 0.125;

// A French catalogue of a few of the game's words and two of the kitchen's lines.
constexpr const char* kFrench = R"(msgid ""
msgstr ""
"Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgctxt "ui.language.name"
msgid "English"
msgstr "Français"

msgctxt "ui.settings.language"
msgid "Language"
msgstr "Langue"

msgctxt "ui.settings.row"
msgid "{setting}: {value}"
msgstr "{setting} : {value}"

msgctxt "ui.pause.resume"
msgid "Continue"
msgstr "Reprendre"

msgctxt "ui.menu.continue"
msgid "Continue"
msgstr "Continuer"

msgctxt "ui.speech.act_or_wait"
msgid "You can act. Or wait."
msgstr "Tu peux agir. Ou attendre."

msgctxt "ui.notice.autosave_failed"
msgid "Your place was not saved"
msgstr "Ta place n’a pas été gardée"

msgctxt "ui.file.create"
msgid "cannot create the folder {path}: {reason}"
msgstr "impossible de créer le dossier {path} : {reason}"

msgctxt "ui.reason.not_a_folder"
msgid "a part of the path is a file, not a folder"
msgstr "une partie du chemin est un fichier, pas un dossier"

msgctxt "kitchen/counter/1"
msgid "A cup on the counter."
msgstr "Une tasse sur le comptoir."

msgctxt "kitchen/counter/2"
msgid "The door behind you."
msgstr "La porte derrière toi."
)";

sf::Event key_event(bool down, sf::Keyboard::Key code) {
  sf::Event e;
  e.type = down ? sf::Event::KeyPressed : sf::Event::KeyReleased;
  e.key = {code, false, false, false, false};
  return e;
}

class GameLanguageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    base_ = (fs::temp_directory_path() / ("threshold_language_" + name)).string();
    fs::remove_all(base_);
    dir_ = base_ + "/story";
    fs::create_directories(base_);
    fs::copy(std::string(THRESHOLD_TESTS_DIR) + "/stories/game_gestures", dir_,
             fs::copy_options::recursive);
    fs::create_directories(dir_ + "/locales");
    std::ofstream(dir_ + "/locales/fr.po") << kFrench;
    story_ = test_support::load_test_story_at(dir_);
    std::string error;
    renderer_ = render::Renderer::create(story_.font_folders, &error);
    ASSERT_TRUE(renderer_) << error;
    paths_ = platform::paths_for((base_ + "/config").c_str(), (base_ + "/data").c_str(), "/none");
    ASSERT_TRUE(target_.create(320, 180));
  }
  void TearDown() override {
    game_.reset();
    fs::remove_all(base_);
  }

  void make_game(platform::Settings s) {
    s.speech = platform::Speech::Lines;
    game_ = std::make_unique<Game>(story_, *renderer_, paths_, s, sf::Vector2u{1280, 720}, log_);
    clock_ = std::make_shared<VoiceClock>(0.25);
    game_->set_speech([c = clock_] {
      return speech::Connection{std::make_unique<ClockedVoice>(c), ""};
    });
  }
  void tap(sf::Keyboard::Key k) {
    game_->handle(key_event(true, k));
    game_->handle(key_event(false, k));
    game_->draw(target_);
  }
  template <class F>
  bool run_until(F done, double limit = 60) {
    for (double t = 0; !done() && t < limit; t += kStep) {
      game_->advance(kStep);
      clock_->now += kStep;
      game_->draw(target_);
    }
    return done();
  }
  bool in_moment() const { return game_->runtime() && game_->runtime()->in_moment(); }
  // The first line of the kitchen's first beat, as the game's story now reads it.
  std::string first_line() const {
    const story::Scene& k = game_->story()->scene(game_->story()->find_scene("kitchen"));
    return locale::text_source(*k.beats[0].lines[0].text);
  }
  // Opens the settings screen from the item above it (the pause menu, the title screen) and
  // highlights the Language row.
  void to_language_row() {
    tap(sf::Keyboard::Down);  // Settings
    tap(sf::Keyboard::Enter);
    ASSERT_EQ(game_->screen(), Game::Screen::Settings);
    tap(sf::Keyboard::Up);  // Back
    tap(sf::Keyboard::Up);  // Language
  }

  std::string base_, dir_;
  story::Story story_;
  std::unique_ptr<render::Renderer> renderer_;
  platform::Paths paths_;
  std::ostringstream log_;
  std::unique_ptr<Game> game_;
  std::shared_ptr<VoiceClock> clock_;
  sf::RenderTexture target_;
};

TEST_F(GameLanguageTest, SwitchingMidWeekPutsTheGameIntoItAtOnceAndContinueWorksInAnother) {
  make_game({});
  tap(sf::Keyboard::Enter);  // New
  ASSERT_TRUE(run_until([&] { return in_moment(); }));
  const story::State before = game_->runtime()->state();
  tap(sf::Keyboard::Escape);
  ASSERT_EQ(game_->screen(), Game::Screen::Paused);
  to_language_row();
  EXPECT_EQ(game_->menu_labels()[game_->selected()], "Language: English");
  tap(sf::Keyboard::Right);
  // At once: the row, what is spoken, the settings file, the story's lines.
  EXPECT_EQ(game_->settings().language, "fr");
  EXPECT_EQ(game_->menu_labels()[game_->selected()], "Langue : Français");
  EXPECT_EQ(clock_->texts().back(), "Langue : Français");
  EXPECT_EQ(first_line(), "Une tasse sur le comptoir.");
  EXPECT_EQ(game_->runtime()->state().scene, before.scene);
  EXPECT_EQ(game_->runtime()->state().beat, before.beat);
  EXPECT_TRUE(in_moment()) << "the player is kept where they were";
  EXPECT_TRUE(game_->poll_story()) << "the loop is told the story was replaced (the sound)";
  std::ifstream settings(paths_.settings_file());
  const std::string text((std::istreambuf_iterator<char>(settings)),
                         std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("language = fr\n"), std::string::npos) << text;
  // Left steps back to English; Right again to French.
  tap(sf::Keyboard::Left);
  EXPECT_EQ(game_->menu_labels()[game_->selected()], "Language: English");
  EXPECT_EQ(first_line(), "A cup on the counter.");
  // Named, so that it holds against an environment in another language.
  EXPECT_EQ(game_->settings().language, "en");
  tap(sf::Keyboard::Right);
  tap(sf::Keyboard::Escape);  // back to the pause menu, in French
  ASSERT_EQ(game_->screen(), Game::Screen::Paused);
  EXPECT_EQ(game_->menu_labels().front(), "Reprendre");
  tap(sf::Keyboard::Up);  // from Settings to Reprendre
  tap(sf::Keyboard::Up);  // wraps to Save and quit
  tap(sf::Keyboard::Enter);
  ASSERT_TRUE(game_->quit_requested());

  // The week saved in French continues in English: the same scene, beat and moment.
  game_.reset();
  story_ = test_support::load_test_story_at(dir_);
  make_game({});
  ASSERT_EQ(game_->menu_labels()[1], "Continue");
  tap(sf::Keyboard::Down);
  tap(sf::Keyboard::Enter);
  ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  EXPECT_EQ(game_->runtime()->state().scene, before.scene);
  EXPECT_EQ(game_->runtime()->state().beat, before.beat);
  EXPECT_TRUE(in_moment());
  EXPECT_EQ(first_line(), "A cup on the counter.");
  // Switched on the title screen, a Continue plays on in French and speaks it.
  tap(sf::Keyboard::Escape);
  tap(sf::Keyboard::Up);
  tap(sf::Keyboard::Enter);
  ASSERT_TRUE(game_->quit_requested());
  game_.reset();
  make_game({});
  tap(sf::Keyboard::Down);  // Continue
  to_language_row();
  tap(sf::Keyboard::Enter);  // steps on, wrapping: French
  EXPECT_EQ(game_->settings().language, "fr");
  tap(sf::Keyboard::Escape);
  ASSERT_EQ(game_->screen(), Game::Screen::Title);
  EXPECT_EQ(game_->menu_labels()[1], "Continuer");
  tap(sf::Keyboard::Up);  // from Settings to Continuer
  tap(sf::Keyboard::Enter);
  ASSERT_EQ(game_->screen(), Game::Screen::Playing);
  EXPECT_TRUE(in_moment());
  EXPECT_EQ(first_line(), "Une tasse sur le comptoir.");
  const Said said = clock_->texts();
  EXPECT_NE(std::find(said.begin(), said.end(), "Une tasse sur le comptoir."), said.end());
  EXPECT_NE(std::find(said.begin(), said.end(), "Tu peux agir. Ou attendre."), said.end());
}

// Every word the pseudo-locale shows is bracketed (‹…›): one that is not was written into the
// code instead of the table (engine/locale/ui_strings.h).
bool pseudo(const std::string& text) {
  return text.rfind("‹", 0) == 0 && text.size() >= 6 && text.substr(text.size() - 3) == "›";
}

// A save that fails says why in the player's language, the system's reason included: here the
// data folder is a file.
TEST_F(GameLanguageTest, AFailedSaveSaysWhyInThePlayersLanguage) {
  fs::create_directories(fs::path(paths_.data_dir).parent_path());
  std::ofstream(paths_.data_dir) << "a file where the data folder should be\n";
  platform::Settings s;
  s.language = "fr";
  make_game(s);
  tap(sf::Keyboard::Enter);  // New
  ASSERT_TRUE(run_until([&] { return game_->screen() == Game::Screen::Notice; }, 5));
  EXPECT_EQ(game_->menu_title(), "Ta place n’a pas été gardée");
  EXPECT_NE(game_->menu_footnote().find("impossible de créer le dossier " + paths_.data_dir +
                                        " : une partie du chemin est un fichier, pas un dossier"),
            std::string::npos)
      << game_->menu_footnote();
  EXPECT_NE(log_.str().find("cannot create " + paths_.data_dir + ": Not a directory"),
            std::string::npos)
      << "the log stays English: " << log_.str();
}

TEST_F(GameLanguageTest, AtThePseudoLocaleEveryWordOfEveryScreenIsFromTheTable) {
  locale::pseudo_localize(story_);
  platform::Settings s;
  s.language = locale::kPseudoLocale;
  make_game(s);
  auto check_screen = [&](const char* where) {
    EXPECT_TRUE(game_->menu_title().empty() || pseudo(game_->menu_title()))
        << where << ": " << game_->menu_title();
    EXPECT_TRUE(game_->menu_footnote().empty() || pseudo(game_->menu_footnote()))
        << where << ": " << game_->menu_footnote();
    for (const std::string& label : game_->menu_labels())
      EXPECT_TRUE(pseudo(label)) << where << ": " << label;
  };
  check_screen("the title screen");
  // The settings: every row at every one of its values (Enter steps on, wrapping).
  tap(sf::Keyboard::Down);
  tap(sf::Keyboard::Enter);
  ASSERT_EQ(game_->screen(), Game::Screen::Settings);
  const size_t rows = game_->menu_labels().size();
  for (size_t row = 0; row + 2 < rows; ++row) {  // not Language, not Back
    for (int step = 0; step < 9; ++step) {
      check_screen("the settings screen");
      tap(sf::Keyboard::Enter);
    }
    tap(sf::Keyboard::Down);
  }
  check_screen("the settings screen");
  tap(sf::Keyboard::Escape);
  tap(sf::Keyboard::Up);     // from Settings to New
  tap(sf::Keyboard::Enter);  // New
  ASSERT_TRUE(run_until([&] { return in_moment(); }));
  EXPECT_TRUE(pseudo(clock_->texts().back())) << clock_->texts().back();
  tap(sf::Keyboard::Escape);
  check_screen("the pause menu");
  tap(sf::Keyboard::Down);
  tap(sf::Keyboard::Down);
  tap(sf::Keyboard::Enter);  // History
  ASSERT_EQ(game_->screen(), Game::Screen::History);
  check_screen("the History screen");
  // The speech's own words, and the gesture wording around the story's.
  const locale::UiText& ui = game_->language().ui();
  EXPECT_TRUE(pseudo(words::focused_thing(ui, "‹ţħé çüþ·›", {"‹Ħöŀď·›", "‹Ţöüçħ·›"})));
  EXPECT_TRUE(pseudo(game_->language().gesture_words().wait));
  const story::Scene& kitchen = story_.scene(story_.find_scene("kitchen"));
  EXPECT_TRUE(pseudo(story::hesitation_wording(kitchen, nullptr, kitchen.find_thing("cup"),
                                               &game_->language().gesture_words())));
}

}  // namespace
}  // namespace threshold::game
