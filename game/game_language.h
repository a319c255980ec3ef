// The player's language in the game: the languages the story has catalogues for (the Language
// setting's values: English, then each <story>/locales/*.po, named in its own words once chosen),
// the game's own words in the chosen one (locale::UiText), and how each story loaded is put into it
// (a debug::StoryPreparation for live reload, which also carries a switch of language to the
// running story). Game (game.h) owns one; the play command tells it a --locale.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "story_locale.h"
#include "threshold/debug/live_reload.h"
#include "threshold/locale/ui_strings.h"
#include "threshold/story/wording.h"

namespace threshold::game {

struct LanguageOption {
  std::string code;  // "en" English (the source), "fr", "qps"
  std::string name;  // in its own words: the catalogue's ui.language.name ("Français")
};

class GameLanguage {
 public:
  GameLanguage() = default;  // English, and no other
  // The languages of the story in `story_dir`; `pseudo` lists the pseudo-locale too (a debug
  // build, or a game started in it). `code` is chosen (see choose).
  GameLanguage(const std::string& story_dir, const std::string& code, bool pseudo,
               std::ostream& log);

  const std::vector<LanguageOption>& options() const { return options_; }
  size_t index() const { return index_; }  // of the chosen, in options()
  const std::string& code() const { return options_[index_].code; }
  // Chooses a language: its catalogue is read for the game's words. One with no catalogue (or
  // one that does not read, said on `log`) is English; false then.
  bool choose(const std::string& code, std::ostream& log);

  const locale::UiText& ui() const { return ui_; }
  const story::GestureWords& gesture_words() const { return words_; }
  const LocaleChoice& choice() const { return choice_; }
  // What puts a freshly loaded story into the chosen language (its catalogue watched).
  debug::StoryPreparation preparation() const;

 private:
  std::string story_dir_;
  std::vector<LanguageOption> options_{{"en", "English"}};
  size_t index_ = 0;
  LocaleChoice choice_;
  locale::UiText ui_;
  story::GestureWords words_;
};

}  // namespace threshold::game
