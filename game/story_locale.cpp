// Choosing and applying a verb's language. See story_locale.h.
#include "story_locale.h"

#include <cstdlib>
#include <ostream>

#include "threshold/locale/catalogue.h"

namespace threshold::game {

namespace {

std::optional<locale::Catalogue> read(const LocaleChoice& choice, std::string* why) {
  return choice.source_only ? locale::read_catalogue(choice.catalogue, why)
                            : locale::load_catalogue(choice.catalogue, why);
}

}  // namespace

std::optional<LocaleChoice> choose_locale(const std::string& story_dir,
                                          const std::string& requested, std::ostream& err) {
  LocaleChoice choice;
  if (!requested.empty()) {
    if (requested == locale::kPseudoLocale) {
      choice.language = requested;
      choice.pseudo = true;
      return choice;
    }
    if (locale::locale_candidates(requested).empty()) return choice;  // C, POSIX: the source
    choice.catalogue = locale::find_catalogue(story_dir, requested);
    // English is the source: asked for by name (the Language setting's English is `en`, so that
    // it holds against a French environment), it needs no catalogue.
    if (choice.catalogue.empty() && locale::locale_candidates(requested).back() == "en") {
      return choice;
    }
    if (choice.catalogue.empty()) {
      err << "threshold: no catalogue for the language " << requested << " (looked for "
          << story_dir << "/locales/" << requested << ".po)\n";
      return std::nullopt;
    }
    choice.language = requested;
    return choice;
  }
  for (const std::string& lang :
       locale::environment_languages(std::getenv("LANGUAGE"), std::getenv("LC_ALL"),
                                     std::getenv("LC_MESSAGES"), std::getenv("LANG"))) {
    if (lang == locale::kPseudoLocale) {
      choice.language = lang;
      choice.pseudo = true;
      return choice;
    }
    const std::string po = locale::find_catalogue(story_dir, lang);
    if (po.empty()) continue;
    choice.language = lang;
    choice.catalogue = po;
    return choice;
  }
  return choice;
}

bool apply_locale(story::Story& story, const LocaleChoice& choice, std::ostream& err,
                  locale::LocalizeReport* report) {
  if (choice.pseudo) {
    locale::pseudo_localize(story);
    return true;
  }
  if (choice.catalogue.empty()) return true;
  std::string why;
  const std::optional<locale::Catalogue> cat = read(choice, &why);
  if (!cat) {
    err << "threshold: " << why << "; the story stays in English\n";
    return false;
  }
  for (const std::string& p : cat->problems) err << p << "\n";
  locale::LocalizeReport r = locale::localize(story, *cat);
  if (report) *report = std::move(r);
  return true;
}

locale::UiText ui_text(const LocaleChoice& choice, std::ostream& err) {
  if (choice.pseudo) return locale::UiText::pseudo();
  if (choice.catalogue.empty()) return locale::UiText();
  std::string why;
  const std::optional<locale::Catalogue> cat = read(choice, &why);
  if (!cat) {
    err << "threshold: " << why << "; the game's own words stay in English\n";
    return locale::UiText();
  }
  return locale::UiText::from_catalogue(*cat);
}

story::GestureWords gesture_words(const locale::UiText& ui) {
  using locale::Ui;
  story::GestureWords w;
  w.wait = ui(Ui::GestureWait);
  w.turn_away = ui(Ui::GestureTurnAway);
  w.wait_key = ui(Ui::GestureWaitKey);
  w.touch_key = ui(Ui::GestureTouchKey);
  w.press = ui(Ui::GesturePress);
  w.let_go = ui(Ui::HistoryLetGo);
  w.let_go_of_it = ui(Ui::HistoryLetGoOfIt);
  return w;
}

bool localize_story(story::Story& story, const std::string& requested, std::ostream& err) {
  const std::optional<LocaleChoice> choice = choose_locale(story.dir, requested, err);
  if (!choice) return false;
  return apply_locale(story, *choice, err) || requested.empty();
}

}  // namespace threshold::game
