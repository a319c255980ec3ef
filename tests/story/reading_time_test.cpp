// Timing that follows the reader (engine/locale): a translated line lingers as the story's pacing
// gives its own words, never less than the English did, and `check --locale` warns where a
// translation makes a moment's wait begin before its lines can be read slowly (T0616). Uses
// tests/stories/reading_time and its locales/fr.po (pacing 1 s + 0.25 s a word).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "tests/support/test_story.h"
#include "threshold/locale/catalogue.h"
#include "threshold/locale/localize.h"
#include "threshold/locale/reading.h"
#include "threshold/story/accessibility.h"
#include "threshold/story/runtime.h"

namespace threshold::locale {
namespace {

using story::Story;

const std::string kCatalogue =
    std::string(THRESHOLD_TESTS_DIR) + "/stories/reading_time/locales/fr.po";

Story french(const Story& english) {
  Story s = english;
  std::string why;
  const std::optional<Catalogue> cat = read_catalogue(kCatalogue, &why);
  EXPECT_TRUE(cat) << why;
  if (cat) {
    const LocalizeReport r = localize(s, *cat);
    EXPECT_EQ(r.count(Fallback::Why::Broken), 0u);
  }
  return s;
}

const std::vector<story::Line>& start_lines(const Story& s) {
  return s.scene(s.find_scene("hall")).beats[0].lines;
}

// When each line of the first beat is shown, as the runtime plays it.
std::vector<double> shown_at(const Story& s) {
  story::Runtime r(s);
  std::vector<story::Event> all = r.start();
  for (int i = 0; i < 400 && !r.in_moment(); ++i) r.step(0.125, {}, all);
  std::vector<double> out;
  for (const story::Event& e : all)
    if (e.kind == story::EventKind::LineShown) out.push_back(e.time);
  return out;
}

TEST(ReadingTime, ATranslationLongerThanTheEnglishLingersLongerByThePacing) {
  const Story en = test_support::load_test_story("reading_time");
  const Story fr = french(en);
  // "The hall is dark." is 4 words: 1 + 4 × 0.25. Its French is 10.
  EXPECT_DOUBLE_EQ(start_lines(en)[0].linger, 2.0);
  EXPECT_DOUBLE_EQ(start_lines(fr)[0].linger, 3.5);
  // So the next line comes 1.5 s later, and the moment opens 1.5 s later.
  const std::vector<double> a = shown_at(en), b = shown_at(fr);
  ASSERT_EQ(a.size(), 4u);
  ASSERT_EQ(b.size(), 4u);
  EXPECT_DOUBLE_EQ(a[1], 2.0);
  EXPECT_DOUBLE_EQ(b[1], 3.5);
  EXPECT_DOUBLE_EQ(b[3] - a[3], 1.5);
}

TEST(ReadingTime, ATranslationShorterThanTheEnglishLingersAsTheEnglish) {
  const Story en = test_support::load_test_story("reading_time");
  const Story fr = french(en);
  // 8 words of English (3 s), 5 of French (2.25 s): the English's time is a floor.
  EXPECT_DOUBLE_EQ(start_lines(en)[1].linger, 3.0);
  EXPECT_DOUBLE_EQ(start_lines(fr)[1].linger, 3.0);
  // Written `linger: 2`: "Des manteaux." (1.5 s by the pacing) keeps the author's 2 s.
  EXPECT_DOUBLE_EQ(start_lines(fr)[3].linger, 2.0);
}

TEST(ReadingTime, AMarkSetApartByFrenchTypographyIsNoWord) {
  const Story en = test_support::load_test_story("reading_time");
  const Story fr = french(en);
  // "Encore ?" reads as "Again?": one word, 1.25 s, not two.
  EXPECT_DOUBLE_EQ(start_lines(fr)[2].linger, start_lines(en)[2].linger);
  EXPECT_DOUBLE_EQ(start_lines(fr)[2].linger, 1.25);
}

TEST(ReadingTime, TheCheckWarnsAtTheLineThatMakesTheWaitBeginBeforeItIsRead) {
  const Story en = test_support::load_test_story("reading_time");
  const Story fr = french(en);
  // The English reads slowly in (2 + 3 + 1.25 + 2) × 2 = 16.5 s, inside the 18 s wait: no
  // accessibility warning. The French in 19.5 s: one warning, at the line that grew.
  story::Diagnostics english_only;
  EXPECT_EQ(story::check_accessibility(en, english_only).short_waits, 0u);
  story::Diagnostics diags;
  EXPECT_EQ(check_translated_reading(en, fr, diags), 1u);
  ASSERT_EQ(diags.items().size(), 1u);
  const story::Diagnostic& d = diags.items().front();
  EXPECT_EQ(d.code, story::Code::TranslationBeforeReading);
  EXPECT_EQ(d.severity, story::Severity::Warning);
  EXPECT_NE(d.file.find("hall.yaml"), std::string::npos) << d.file;
  EXPECT_EQ(d.line, start_lines(en)[0].at.line);
  EXPECT_NE(d.message.find("takes 7 s"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("its English 4 s"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("19.5 s"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("wait of 18 s"), std::string::npos) << d.message;
  // The story against itself, or English against a translation that fits: nothing.
  story::Diagnostics none;
  EXPECT_EQ(check_translated_reading(en, en, none), 0u);
  EXPECT_TRUE(none.items().empty());
}

}  // namespace
}  // namespace threshold::locale
