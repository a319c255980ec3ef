// The writer's and translator's round trip of docs/authoring.md ("Translating"), with the real
// executable and GNU gettext's own tools: `threshold extract`, msginit, a translation, `text
// --locale fr` showing it; the English edited, extract again, msgmerge marking the entry fuzzy,
// the game showing the English for it and `check --locale fr` listing it at its line of the .po.
// The pseudo-locale through `text --locale qps`. Uses tests/stories/translating, copied.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/golden.h"
#include "threshold/locale/catalogue.h"
#include "threshold/locale/ui_strings.h"

namespace {

namespace fs = std::filesystem;

const std::string kTests = THRESHOLD_TESTS_DIR;

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void spill(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a command line (the executable's path first when `threshold`), capturing its outputs.
Outcome sh(const std::string& dir, const std::vector<std::string>& args, bool threshold = true) {
  std::string line = threshold ? quote(THRESHOLD_EXE) : "";
  for (const std::string& a : args) line += (line.empty() ? "" : " ") + quote(a);
  const std::string out = dir + "/.out", err = dir + "/.err";
  const int status = std::system((line + " > " + out + " 2> " + err + " < /dev/null").c_str());
  Outcome r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

// The msgstr of the entry of `context` in a .po, set (msgstr[0] and [1] for a plural one).
void translate(const std::string& po, const std::string& context, const std::string& one,
               const std::string& many = "") {
  std::string text = slurp(po);
  const size_t at = text.find("msgctxt \"" + context + "\"\n");
  ASSERT_NE(at, std::string::npos) << context << "\n" << text;
  if (many.empty()) {
    const size_t s = text.find("msgstr \"\"", at);
    ASSERT_NE(s, std::string::npos);
    text.replace(s, 9, "msgstr \"" + one + "\"");
  } else {
    const size_t s0 = text.find("msgstr[0] \"\"", at);
    ASSERT_NE(s0, std::string::npos);
    text.replace(s0, 12, "msgstr[0] \"" + one + "\"");
    const size_t s1 = text.find("msgstr[1] \"\"", at);
    ASSERT_NE(s1, std::string::npos);
    text.replace(s1, 12, "msgstr[1] \"" + many + "\"");
  }
  spill(po, text);
}

class Translating : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ = ::testing::TempDir() + "threshold_translating_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(work_);
    fs::create_directories(work_);
    story_ = work_ + "/story";
    fs::copy(kTests + "/stories/translating", story_, fs::copy_options::recursive);
    script_ = work_ + "/play.script";
    spill(script_, "drink\nout\n");
  }
  void TearDown() override { fs::remove_all(work_); }

  std::string work_, story_, script_;
};

TEST_F(Translating, ExtractMsginitTranslateAndPlayInFrenchThenMsgmergeMarksAnEditFuzzy) {
  // The writer extracts the template; gettext's tools read it cleanly.
  const Outcome ex = sh(work_, {"extract", story_});
  ASSERT_EQ(ex.code, 0) << ex.err;
  const std::string pot = story_ + "/locales/threshold.pot";
  EXPECT_NE(ex.out.find("threshold.pot"), std::string::npos) << ex.out;
  ASSERT_TRUE(fs::exists(pot));
  EXPECT_EQ(sh(work_, {"msgfmt", "--check", "-o", "/dev/null", pot}, false).code, 0);

  // The translator starts French and translates three strings.
  const std::string po = story_ + "/locales/fr.po";
  const Outcome init =
      sh(work_, {"msginit", "--no-translator", "-l", "fr", "-i", pot, "-o", po}, false);
  ASSERT_EQ(init.code, 0) << init.err;
  EXPECT_NE(slurp(po).find("Plural-Forms: nplurals=2; plural=(n > 1);"), std::string::npos);
  translate(po, "kitchen/start/1", "La lumière est encore bleue.");
  translate(po, "kitchen/start/2", "Il y a {cups} tasse sur la table.",
            "Il y a {cups} tasses sur la table.");
  translate(po, "kitchen/start/drink/1", "Tiède.");
  EXPECT_EQ(sh(work_, {"msgfmt", "--check", "-o", "/dev/null", po}, false).code, 0);

  const Outcome french = sh(work_, {"text", story_, "--locale", "fr", "--script", script_});
  ASSERT_EQ(french.code, 0) << french.err;
  EXPECT_NE(french.out.find("La lumière est encore bleue."), std::string::npos) << french.out;
  EXPECT_NE(french.out.find("Il y a 3 tasses sur la table."), std::string::npos) << french.out;
  EXPECT_NE(french.out.find("Tiède."), std::string::npos) << french.out;
  EXPECT_NE(french.out.find("The door."), std::string::npos) << "untranslated: English";
  // LANGUAGE chooses it too; English stays the default.
  const Outcome english = sh(work_, {"text", story_, "--script", script_});
  EXPECT_NE(english.out.find("The light is still blue."), std::string::npos) << english.out;

  // The writer changes a line, extracts again; msgmerge marks its translation fuzzy.
  const std::string scene = story_ + "/scenes/kitchen.yaml";
  std::string yaml = slurp(scene);
  yaml.replace(yaml.find("The light is still blue."), 24, "The light is still grey.");
  spill(scene, yaml);
  ASSERT_EQ(sh(work_, {"extract", story_}).code, 0);
  const Outcome merge = sh(work_, {"msgmerge", "--quiet", "--previous", "-U", po, pot}, false);
  ASSERT_EQ(merge.code, 0) << merge.err;
  EXPECT_NE(slurp(po).find(
                "#, fuzzy\n#| msgctxt \"kitchen/start/1\"\n#| msgid \"The light is still blue.\""),
            std::string::npos)
      << slurp(po);

  const Outcome after = sh(work_, {"text", story_, "--locale", "fr", "--script", script_});
  ASSERT_EQ(after.code, 0) << after.err;
  EXPECT_NE(after.out.find("The light is still grey."), std::string::npos) << after.out;
  EXPECT_EQ(after.out.find("La lumière"), std::string::npos) << after.out;
  EXPECT_NE(after.out.find("Il y a 3 tasses sur la table."), std::string::npos) << after.out;

  // check --locale lists it at its line of the .po, and counts.
  const Outcome check = sh(work_, {"check", story_, "--locale", "fr"});
  EXPECT_EQ(check.code, 0) << check.err;
  std::istringstream po_lines(slurp(po));
  int n = 0, ctxt_line = 0;
  for (std::string l; std::getline(po_lines, l);) {
    ++n;
    if (l == "msgctxt \"kitchen/start/1\"") ctxt_line = n;
  }
  ASSERT_GT(ctxt_line, 0);
  EXPECT_NE(check.out.find(po + ":" + std::to_string(ctxt_line) +
                           ": fuzzy: kitchen/start/1 \"The light is still grey.\""),
            std::string::npos)
      << check.out;
  EXPECT_NE(check.out.find(": 2 of "), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("1 fuzzy"), std::string::npos) << check.out;
  // And the game's own words, which msginit brought in untranslated, each at its line.
  EXPECT_NE(check.out.find(": untranslated: ui.menu.new \"New\"\n"), std::string::npos)
      << check.out;
  EXPECT_NE(check.out.find(": 0 of " + std::to_string(threshold::locale::ui_strings().size()) +
                           " of the game's own words translated"),
            std::string::npos)
      << check.out;
}

// A writer who compiles the catalogue with msgfmt gets the game reading the .mo; an edit of the
// .po after it is played at once (the older .mo passed over), and check says to remake it.
TEST_F(Translating, ACompiledCatalogueIsPlayedUntilThePoIsEditedAfterIt) {
  ASSERT_EQ(sh(work_, {"extract", story_}).code, 0);
  const std::string pot = story_ + "/locales/threshold.pot";
  const std::string po = story_ + "/locales/fr.po", mo = story_ + "/locales/fr.mo";
  ASSERT_EQ(sh(work_, {"msginit", "--no-translator", "-l", "fr", "-i", pot, "-o", po}, false).code,
            0);
  translate(po, "kitchen/start/1", "La lumière est encore bleue.");
  ASSERT_EQ(sh(work_, {"msgfmt", "-o", mo, po}, false).code, 0);
  // Only the compiled form has this: what is played is read from it.
  translate(po, "kitchen/start/drink/1", "Tiède.");
  fs::last_write_time(mo, fs::last_write_time(po) + std::chrono::seconds(2));
  const Outcome compiled = sh(work_, {"text", story_, "--locale", "fr", "--script", script_});
  ASSERT_EQ(compiled.code, 0) << compiled.err;
  EXPECT_NE(compiled.out.find("La lumière est encore bleue."), std::string::npos) << compiled.out;
  EXPECT_EQ(compiled.out.find("Tiède."), std::string::npos) << compiled.out;
  EXPECT_EQ(sh(work_, {"check", story_, "--locale", "fr"}).out.find("fr.mo"), std::string::npos);

  fs::last_write_time(po, fs::last_write_time(mo) + std::chrono::seconds(2));
  const Outcome edited = sh(work_, {"text", story_, "--locale", "fr", "--script", script_});
  ASSERT_EQ(edited.code, 0) << edited.err;
  EXPECT_NE(edited.out.find("Tiède."), std::string::npos) << edited.out;
  const Outcome check = sh(work_, {"check", story_, "--locale", "fr"});
  EXPECT_EQ(check.code, 0) << check.err;
  EXPECT_NE(check.out.find(mo + ": older than " + po + ": the game reads the .po instead"),
            std::string::npos)
      << check.out;
  EXPECT_NE(check.out.find("msgfmt -o " + mo + " " + po), std::string::npos) << check.out;
}

TEST_F(Translating, ALanguageWithNoCatalogueIsRefusedByName) {
  const Outcome r = sh(work_, {"text", story_, "--locale", "de", "--script", script_});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no catalogue for the language de"), std::string::npos) << r.err;
}

TEST_F(Translating, TheEnvironmentsLanguageIsPlayedWhenItHasACatalogue) {
  ASSERT_EQ(sh(work_, {"extract", story_}).code, 0);
  const std::string po = story_ + "/locales/fr.po";
  ASSERT_EQ(sh(work_,
               {"msginit", "--no-translator", "-l", "fr", "-i", story_ + "/locales/threshold.pot",
                "-o", po},
               false)
                .code,
            0);
  translate(po, "kitchen/leave/1", "La porte.");
  const Outcome r =
      sh(work_, {"env", "LANGUAGE=fr_FR:en", THRESHOLD_EXE, "text", story_, "--script", script_},
         false);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("La porte."), std::string::npos) << r.out;
  // English asked for by name (the Language setting's) is the source, whatever the environment.
  const Outcome en = sh(work_,
                        {"env", "LANGUAGE=fr_FR:en", THRESHOLD_EXE, "text", story_, "--locale",
                         "en", "--script", script_},
                        false);
  ASSERT_EQ(en.code, 0) << en.err;
  EXPECT_EQ(en.out.find("La porte."), std::string::npos) << en.out;
}

TEST_F(Translating, ThePseudoLocaleNeedsNoCatalogue) {
  const Outcome r = sh(work_, {"text", story_, "--locale", "qps", "--script", script_});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("‹Ŧħé ŀîğħţ îš šţîŀŀ bŀüé."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("‹Ŧħéŕé åŕé 3 çüþš"), std::string::npos) << r.out;
  // The terminal player's own words too: every line it prints is bracketed, none English.
  std::istringstream lines(r.out);
  for (std::string l; std::getline(lines, l);) {
    const size_t start = l.find_first_not_of(" >0123456789.");
    if (start == std::string::npos) continue;
    EXPECT_EQ(l.compare(start, std::string("‹").size(), "‹"), 0) << "not from a table: " << l;
  }
}

// The bundled story's template is checked in for translators to start from, and kept current:
// after an edit of the English, `threshold extract data` (or THRESHOLD_REGEN=1) rewrites it.
TEST_F(Translating, TheBundledStorysTemplateIsCurrent) {
  const std::string pot = work_ + "/bundled.pot";
  const Outcome r = sh(work_, {"extract", THRESHOLD_DATA_DIR, "-o", pot});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(sh(work_, {"msgfmt", "--check", "-o", "/dev/null", pot}, false).code, 0);
  threshold::test_support::expect_matches_golden(
      std::string(THRESHOLD_DATA_DIR) + "/locales/threshold.pot", slurp(pot));
}

// `threshold extract` writes the game's own words after the story's: every row of the table
// (engine/locale/ui_strings.h), so that a translator has the menus and settings too.
TEST_F(Translating, ExtractWritesEveryInterfaceStringOfTheGame) {
  const std::string pot = work_ + "/ui.pot";
  const Outcome r = sh(work_, {"extract", story_, "-o", pot});
  ASSERT_EQ(r.code, 0) << r.err;
  std::string why;
  const std::optional<threshold::locale::Catalogue> cat =
      threshold::locale::read_catalogue(pot, &why);
  ASSERT_TRUE(cat) << why;
  for (const threshold::locale::UiString& row : threshold::locale::ui_strings()) {
    const threshold::locale::CatalogueEntry* e = cat->find(row.context);
    ASSERT_TRUE(e) << "extract left out " << row.context;
    EXPECT_EQ(e->msgid, row.english);
  }
  EXPECT_NE(slurp(pot).find("#: engine/locale/include/threshold/locale/ui_strings.h\n"
                            "msgctxt \"ui.menu.new\""),
            std::string::npos);
}

}  // namespace
