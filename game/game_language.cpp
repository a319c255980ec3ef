// The player's language in the game. See game_language.h.
#include "game_language.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

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
  // Each by its code until it is chosen: only the chosen one's name is shown (the settings row
  // steps through them), so no catalogue is read here but the chosen one's, in choose().
  for (const std::filesystem::path& po : found)
    options_.push_back({po.stem().string(), po.stem().string()});
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
  // Named in its own words where its catalogue says them, else by its code.
  const std::vector<Ui>& english = ui_.fallbacks();
  if (!choice_.catalogue.empty() && !ui_.english() &&
      std::find(english.begin(), english.end(), Ui::LanguageName) == english.end()) {
    options_[index_].name = ui_(Ui::LanguageName);
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
