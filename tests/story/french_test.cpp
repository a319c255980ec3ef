// The French translation the game ships, data/locales/fr.po: whole (every string of the story
// translated, none fuzzy, none broken, gettext's own `msgfmt --check` at 100 %), and a French
// story that can still reach every ending the English can, by the same gestures.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/test_story.h"
#include "threshold/locale/catalogue.h"
#include "threshold/locale/localize.h"
#include "threshold/locale/number_words.h"
#include "threshold/locale/story_strings.h"
#include "threshold/locale/ui_strings.h"
#include "threshold/story/explorer.h"
#include "threshold/story/runtime.h"

namespace threshold::locale {
namespace {

const std::string kData = THRESHOLD_DATA_DIR;
const std::string kFrench = kData + "/locales/fr.po";

// The bundled story, put into French; fails the test when the catalogue cannot be read.
story::Story french_story(LocalizeReport* report = nullptr) {
  story::Story s = test_support::load_test_story_at(kData);
  std::string why;
  const std::optional<Catalogue> cat = read_catalogue(kFrench, &why);
  EXPECT_TRUE(cat) << why;
  if (!cat) return s;
  EXPECT_TRUE(cat->problems.empty()) << ::testing::PrintToString(cat->problems);
  EXPECT_EQ(cat->language, "fr");
  LocalizeReport r = localize(s, *cat);
  if (report) *report = std::move(r);
  return s;
}

TEST(French, EveryStringOfTheStoryIsTranslated) {
  LocalizeReport r;
  const story::Story s = french_story(&r);
  std::string shown_in_english;
  for (const Fallback& f : r.fallbacks)
    shown_in_english += kFrench + ":" + std::to_string(f.po_line) + ": " + fallback_name(f.why) +
                        ": " + f.context + " \"" + f.english + "\" " + f.detail + "\n";
  EXPECT_GT(r.strings, 800u);
  EXPECT_EQ(r.translated, r.strings)
      << r.fallbacks.size() << " of " << r.strings << " strings show in English:\n"
      << shown_in_english;
  EXPECT_EQ(s.title, "Le seuil");
}

// words(n) says French numbers in the French story (ICU's spell-out rules), as the runtime
// renders the ending's reflection, and English in the English one.
TEST(French, WordsForANumberAreFrench) {
  const story::Story s = french_story();
  ASSERT_TRUE(s.number_words);
  const story::Ending& stayed = s.endings[static_cast<size_t>(s.find_ending("stayed"))];
  const story::Line* line = nullptr;
  for (const story::Line& l : stayed.reflection) {
    if (!l.text || !l.text->has_parts()) continue;
    for (const story::TextPart& p : *l.text->parts) {
      if (p.expr && p.expr->source() == "words(coffees)") line = &l;
    }
  }
  ASSERT_NE(line, nullptr) << "the reflection that counts the coffees";
  story::Runtime runtime(s);
  story::State state = runtime.state();
  const int32_t coffees = s.find_variable("coffees");
  ASSERT_GE(coffees, 0);
  state.variables[static_cast<size_t>(coffees)] = story::Value(2.0);
  runtime.restore(state);
  EXPECT_EQ(line->text->render(runtime.env()), "Tu as fini ton café deux matins sur cinq.");
  state.variables[static_cast<size_t>(coffees)] = story::Value(21.0);
  runtime.restore(state);
  EXPECT_EQ(line->text->render(runtime.env()), "Tu as fini ton café vingt-et-un matins sur cinq.");

  const story::Story english = test_support::load_test_story_at(kData);
  EXPECT_FALSE(english.number_words);
  story::Runtime in_english(english);
  in_english.restore(state);
  EXPECT_EQ(stayed.reflection.size(),
            english.endings[static_cast<size_t>(english.find_ending("stayed"))].reflection.size());
}

TEST(NumberWords, EachLanguageItsOwnWordsAndEnglishItsOwn) {
  const auto fr = number_words_in("fr");
  const auto de = number_words_in("de_DE.UTF-8");
  ASSERT_TRUE(fr);
  ASSERT_TRUE(de);
  EXPECT_EQ(fr(42), "quarante-deux");
  EXPECT_EQ(fr(80), "quatre-vingts");
  EXPECT_EQ(fr(2.4), "deux");  // rounded, as English's are
  EXPECT_EQ(de(42), "zweiundvierzig");
  EXPECT_EQ(fr(1e13), "10000000000000");  // digits say it better
  EXPECT_FALSE(number_words_in("en"));    // the story core's own
  EXPECT_FALSE(number_words_in("en_GB"));
  EXPECT_FALSE(number_words_in("xx"));  // no rules: English, as the template says
  EXPECT_FALSE(number_words_in(""));
}

// The installed game reads the catalogue compiled by msgfmt (the build's locales/fr.mo): every
// string of the story and every one of the game's own words shows as the .po has it.
TEST(French, TheCompiledCatalogueShowsWhatThePoShows) {
  const std::string mo = ::testing::TempDir() + "french_compiled.mo";
  ASSERT_EQ(std::system(("msgfmt -o '" + mo + "' '" + kFrench + "'").c_str()), 0);
  std::string why;
  const std::optional<Catalogue> compiled = read_compiled_catalogue(mo, &why);
  ASSERT_TRUE(compiled) << why;
  EXPECT_EQ(compiled->language, "fr");
  story::Story from_mo = test_support::load_test_story_at(kData);
  const LocalizeReport r = localize(from_mo, *compiled);
  EXPECT_EQ(r.translated, r.strings);
  const story::Story from_po = french_story();
  auto shown = [](const story::Story& s) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const StoryString& str : story_strings(s, false))
      out.emplace_back(str.context, str.english);
    return out;
  };
  EXPECT_EQ(shown(from_mo), shown(from_po));
  const std::optional<Catalogue> po = read_catalogue(kFrench, &why);
  ASSERT_TRUE(po) << why;
  const UiText a = UiText::from_catalogue(*po);
  const UiText b = UiText::from_catalogue(*compiled);
  EXPECT_TRUE(b.fallbacks().empty());
  for (const UiString& row : ui_strings()) {
    if (*row.plural) {
      for (const double n : {0.0, 1.0, 2.0, 5.0})
        EXPECT_EQ(b.count(row.id, n, std::to_string(n)), a.count(row.id, n, std::to_string(n)))
            << row.context;
    } else {
      EXPECT_EQ(b(row.id), a(row.id)) << row.context;
    }
  }
  std::remove(mo.c_str());
}

// gettext's own check of the file, as a translator's tools run it: no format error, and its
// statistics say every message is translated, none fuzzy.
TEST(French, MsgfmtFindsTheCatalogueCompleteAndCorrect) {
  const std::string out = ::testing::TempDir() + "french_msgfmt.txt";
  const int status = std::system(
      ("msgfmt --check --statistics -o /dev/null '" + kFrench + "' > '" + out + "' 2>&1").c_str());
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  std::remove(out.c_str());
  const std::string said = text.str();
  ASSERT_TRUE(WIFEXITED(status)) << said;
  EXPECT_EQ(WEXITSTATUS(status), 0) << "msgfmt --check fails on " << kFrench << ":\n" << said;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(said, m, std::regex("([0-9]+) translated message"))) << said;
  EXPECT_GT(std::stoi(m[1].str()), 800) << said;
  std::smatch fuzzy, untranslated;
  EXPECT_FALSE(std::regex_search(said, fuzzy, std::regex("([0-9]+) fuzzy translation")))
      << kFrench << " has " << fuzzy[1].str() << " fuzzy entries: " << said;
  EXPECT_FALSE(std::regex_search(said, untranslated, std::regex("([0-9]+) untranslated message")))
      << kFrench << " has " << untranslated[1].str() << " untranslated entries: " << said;
}

// What `threshold explore` proves of the English holds of the French: every ending reachable,
// each by the same shortest way, no state stuck.
TEST(French, ExploreReachesTheSameEndingsAsTheEnglish) {
  const story::Story english = test_support::load_test_story_at(kData);
  const story::Story french = french_story();
  const story::ExploreResult en = story::explore(english);
  const story::ExploreResult fr = story::explore(french);
  ASSERT_EQ(en.exit_code(), 0) << en.report(english);
  EXPECT_EQ(fr.exit_code(), 0) << fr.report(french);
  EXPECT_TRUE(fr.all_endings_reachable()) << fr.report(french);
  EXPECT_TRUE(fr.stuck.empty()) << fr.report(french);
  EXPECT_EQ(fr.states, en.states);
  ASSERT_EQ(fr.endings.size(), en.endings.size());
  ASSERT_EQ(fr.endings.size(), 4u);
  for (size_t i = 0; i < en.endings.size(); ++i) {
    const std::string& id = english.endings[static_cast<size_t>(en.endings[i].ending)].id;
    EXPECT_EQ(french.endings[static_cast<size_t>(fr.endings[i].ending)].id, id);
    EXPECT_TRUE(fr.endings[i].reachable) << id;
    EXPECT_EQ(fr.endings[i].path, en.endings[i].path) << id;
    // And it is shown in French.
    EXPECT_NE(french.endings[static_cast<size_t>(fr.endings[i].ending)].title,
              english.endings[static_cast<size_t>(en.endings[i].ending)].title)
        << id;
  }
}

// Timing follows the reader: a French line longer than its English lingers longer, by the
// story's pacing, and none lingers less than its English.
TEST(French, NoLineLingersLessThanItsEnglishAndTheLongerOnesLingerLonger) {
  const story::Story english = test_support::load_test_story_at(kData);
  const story::Story french = french_story();
  size_t lines = 0, longer = 0;
  double english_seconds = 0, french_seconds = 0;
  auto compare = [&](const std::vector<story::Line>& en, const std::vector<story::Line>& fr) {
    ASSERT_EQ(en.size(), fr.size());
    for (size_t i = 0; i < en.size(); ++i) {
      if (en[i].is_pause()) continue;
      ++lines;
      EXPECT_GE(fr[i].linger, en[i].linger) << "line at " << en[i].at.line;
      longer += fr[i].linger > en[i].linger;
      english_seconds += en[i].linger;
      french_seconds += fr[i].linger;
    }
  };
  for (size_t s = 0; s < english.scenes.size(); ++s) {
    for (size_t b = 0; b < english.scenes[s].beats.size(); ++b) {
      const story::Beat& eb = english.scenes[s].beats[b];
      const story::Beat& fb = french.scenes[s].beats[b];
      compare(eb.lines, fb.lines);
      if (!eb.moment) continue;
      for (size_t g = 0; g < eb.moment->gestures.size(); ++g)
        compare(eb.moment->gestures[g].lines, fb.moment->gestures[g].lines);
    }
  }
  for (size_t e = 0; e < english.endings.size(); ++e) {
    compare(english.endings[e].epilogue, french.endings[e].epilogue);
    compare(english.endings[e].reflection, french.endings[e].reflection);
  }
  // French runs longer than English: a good part of the week's lines are given more time.
  EXPECT_GT(longer, lines / 5) << longer << " of " << lines;
  EXPECT_GT(french_seconds, english_seconds);
  std::cout << longer << " of " << lines << " French lines linger longer; all lines "
            << french_seconds << " s against the English's " << english_seconds << " s\n";
}

}  // namespace
}  // namespace threshold::locale
