// The player's language in the game. See game_language.h.
#include "game_language.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "threshold/locale/catalogue.h"

namespace threshold::game {

using locale::Ui;

GameLanguage::GameLanguage(const std::string& story_dir, const std::string& code, bool pseudo,
                           std::ostream& log)
    : story_dir_(story_dir) {
  std::vector<std::filesystem::path> found;
  std::error_code ec;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(story_dir) / "locales", ec)) {
    if (entry.path().extension() == ".po") found.push_back(entry.path());
  }
  std::sort(found.begin(), found.end());
  for (const std::filesystem::path& po : found) {
    LanguageOption option{po.stem().string(), po.stem().string()};
    if (const std::optional<locale::Catalogue> cat = locale::load_catalogue(po.string())) {
      // Named in its own words where it says them, else by its code.
      const locale::UiText ui = locale::UiText::from_catalogue(*cat);
      const std::vector<Ui>& english = ui.fallbacks();
      if (std::find(english.begin(), english.end(), Ui::LanguageName) == english.end())
        option.name = ui(Ui::LanguageName);
    }
    options_.push_back(std::move(option));
  }
  if (pseudo || code == locale::kPseudoLocale) {
    options_.push_back({locale::kPseudoLocale, locale::UiText::pseudo()(Ui::LanguageName)});
  }
  choose(code, log);
}

bool GameLanguage::choose(const std::string& code, std::ostream& log) {
  std::ostringstream unsaid;  // a language with no catalogue is English, without a word
  const std::optional<LocaleChoice> choice = choose_locale(story_dir_, code, unsaid);
  choice_ = choice ? *choice : LocaleChoice{};
  ui_ = game::ui_text(choice_, log);
  words_ = game::gesture_words(ui_);
  index_ = 0;
  for (size_t i = 0; i < options_.size(); ++i) {
    if (options_[i].code == choice_.language ||
        (!choice_.catalogue.empty() &&
         std::filesystem::path(choice_.catalogue).stem().string() == options_[i].code)) {
      index_ = i;
    }
  }
  return choice.has_value();
}

debug::StoryPreparation GameLanguage::preparation() const {
  const LocaleChoice choice = choice_;
  return {[choice](story::Story& s) { apply_locale(s, choice, std::cerr); },
          choice.catalogue.empty() ? std::vector<std::string>{}
                                   : std::vector<std::string>{choice.catalogue}};
}

}  // namespace threshold::game
