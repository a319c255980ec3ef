// The language a verb plays a story in: `--locale` (play, text, render, check), else for play the
// Language setting, else the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). The catalogue is
// <story>/locales/<lang>.po (data/locales/ for the bundled story); `qps` is the built-in
// pseudo-locale. Used by the *_command.cpp files after load_story_dir().
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "threshold/locale/localize.h"
#include "threshold/locale/ui_strings.h"
#include "threshold/story/model.h"
#include "threshold/story/wording.h"

namespace threshold::game {

constexpr const char* kLocaleHelp =
    "Play in this language: <story>/locales/LANG.po, or qps (the pseudo-locale); default: the "
    "environment's (LANGUAGE, LANG), English when the story has no catalogue for it";

struct LocaleChoice {
  std::string language;   // "" for the source (English)
  std::string catalogue;  // its .po, "" for the source or qps
  bool pseudo = false;
  // Read the .po itself, never its compiled .mo (check: fuzzy entries and .po lines are only in
  // the source). Else the compiled form when it is current (locale::load_catalogue).
  bool source_only = false;
};

// What `requested` (from --locale or the settings, may be "") and the environment ask of the
// story in `story_dir`. A requested language with no catalogue is an error (nullopt, said on
// `err`), but for English (`en`, `en_GB`: the source); one from the environment with none plays
// the source.
std::optional<LocaleChoice> choose_locale(const std::string& story_dir,
                                          const std::string& requested, std::ostream& err);

// Puts `story` into the chosen language. A catalogue that cannot be read is said on `err` and the
// story stays English (false). `report`, when given, receives what fell back to English.
bool apply_locale(story::Story& story, const LocaleChoice& choice, std::ostream& err,
                  locale::LocalizeReport* report = nullptr);

// The game's own words in the chosen language (English when it has no catalogue, or one that does
// not read: said on `err`), and the words they give the story's gesture wording.
locale::UiText ui_text(const LocaleChoice& choice, std::ostream& err);
story::GestureWords gesture_words(const locale::UiText& ui);

// Both at once, for the verbs: false when the requested language cannot be played.
bool localize_story(story::Story& story, const std::string& requested, std::ostream& err);

}  // namespace threshold::game
