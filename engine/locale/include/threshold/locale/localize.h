// A loaded story put into another language: each of its strings (story_strings.h) looked up by
// its context in a catalogue and put in its place, so that everything that reads the story (the
// runtime, the renderer, the captions, the text player) shows the translation with no change of
// its own. Saves carry no language: they name scenes, beats and lines by id and index, which a
// translation leaves as they are. A translated line lingers as the story's pacing gives its own
// words, never less than the English did (docs/authoring.md, "Translating").
//
// Also the pseudo-locale `qps`, built in: every string accented, about 40 % longer and bracketed
// (‹Ŧħé ŀîğħţ îš šţîŀŀ bŀüé·····›), its `{}`s left as they are, so that clipped text, text baked
// into the code and sentences put together from pieces show at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "threshold/locale/catalogue.h"
#include "threshold/locale/story_strings.h"
#include "threshold/story/model.h"

namespace threshold::locale {

constexpr const char* kPseudoLocale = "qps";

// A string that shows in English: not in the catalogue, untranslated, fuzzy, broken (its
// translation drops or adds a `{}`, or does not compile), or stale (its entry's msgid is older
// English: the catalogue was not merged with msgmerge since the line was edited).
struct Fallback {
  enum class Why : uint8_t { Missing, Untranslated, Fuzzy, Broken, Stale };
  Why why = Why::Missing;
  std::string context;
  std::string english;
  std::string file;  // the story's file and line it was written at
  int32_t line = 0;
  int32_t po_line = 0;  // the catalogue's line, when it has the entry
  std::string detail;   // Broken: what is wrong
};
const char* fallback_name(
    Fallback::Why why);  // "missing", "untranslated", "fuzzy", "broken", "stale"

struct LocalizeReport {
  size_t strings = 0;               // distinct contexts of the story
  size_t translated = 0;            // of those, shown translated
  std::vector<Fallback> fallbacks;  // one a context, in the story's order
  size_t count(Fallback::Why why) const;
};

// Puts the catalogue's translations into `story`; what stays English is in the report.
LocalizeReport localize(story::Story& story, const Catalogue& catalogue);

// The pseudo-locale of one string ({}s and {{ }} left alone when `text`).
std::string pseudo_text(std::string_view english, bool text = true);
void pseudo_localize(story::Story& story);

// The candidates a locale name stands for, most precise first: "fr_FR.UTF-8@euro" → "fr_FR",
// "fr". Empty for "", "C" and "POSIX" (English, the source).
std::vector<std::string> locale_candidates(std::string_view name);

// The catalogue of `language` for the story in `story_dir`: <story_dir>/locales/<candidate>.po,
// the first that exists, or "".
std::string find_catalogue(const std::string& story_dir, std::string_view language);

// The languages the environment asks for, in gettext's order: each entry of LANGUAGE (a list
// with colons), then the first of LC_ALL, LC_MESSAGES and LANG that is set. C and POSIX stand
// for the source and end the list. The caller takes the first that has a catalogue.
std::vector<std::string> environment_languages(const char* language, const char* lc_all,
                                               const char* lc_messages, const char* lang);

}  // namespace threshold::locale
