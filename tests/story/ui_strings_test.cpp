// The game's own words (engine/locale/ui_strings.h): one table whose every row has a place of its
// own, a note for the translator and the `{}`s the game fills in; a catalogue's translation shown
// where it is whole, the English where it is missing, fuzzy or drops a `{}`; plural rows chosen by
// the catalogue's Plural-Forms; and the pseudo-locale bracketing every row.
#include "threshold/locale/ui_strings.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "threshold/locale/catalogue.h"
#include "threshold/locale/pot.h"

namespace threshold::locale {
namespace {

std::string write_po(const std::string& name, const std::string& body) {
  const std::string dir = ::testing::TempDir() + "threshold_ui_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/" + name;
  std::ofstream(path) << "msgid \"\"\nmsgstr \"\"\n"
                         "\"Language: fr\\n\"\n"
                         "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                         "\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n\n"
                      << body;
  return path;
}

TEST(UiStrings, EveryRowHasItsOwnPlaceANoteAndItsNumberWhenPlural) {
  std::set<std::string> contexts;
  size_t i = 0;
  for (const UiString& row : ui_strings()) {
    EXPECT_EQ(static_cast<size_t>(row.id), i++) << row.context;
    const std::string context = row.context;
    EXPECT_EQ(context.rfind("ui.", 0), 0u) << context;
    EXPECT_TRUE(contexts.insert(context).second) << context << " is in the table twice";
    EXPECT_NE(std::string(row.english), "") << context;
    EXPECT_GT(std::string(row.note).size(), 10u) << context << " has no note for the translator";
    for (const std::string& name : ui_placeholders(row.english)) {
      EXPECT_NE(std::string(row.note).find("{" + name + "}"), std::string::npos)
          << context << ": its note does not say what {" << name << "} is";
    }
    if (*row.plural) {
      const std::vector<std::string> names = ui_placeholders(row.english);
      EXPECT_NE(std::find(names.begin(), names.end(), "n"), names.end())
          << context << " has plural forms but no {n}";
    }
  }
  EXPECT_GE(ui_strings().size(), 60u);
}

TEST(UiStrings, PlaceholdersAreFilledByNameAndBracesDoubledAreBraces) {
  EXPECT_EQ(fill_placeholders("{setting}: {value}", {{"value", "on"}, {"setting", "Hints"}}),
            "Hints: on");
  EXPECT_EQ(fill_placeholders("{{literal}} {missing}", {}), "{literal} {missing}");
  EXPECT_EQ(ui_placeholders("{a} {{b}} {c}"), (std::vector<std::string>{"a", "c"}));
}

TEST(UiText, ShowsTheTranslationWhereWholeAndTheEnglishElsewhere) {
  const std::string po = write_po(
      "fr.po",
      "msgctxt \"ui.settings.row\"\nmsgid \"{setting}: {value}\"\nmsgstr \"{setting} : "
      "{value}\"\n\n"
      "msgctxt \"ui.settings.hints\"\nmsgid \"Hints\"\nmsgstr \"Indices\"\n\n"
      "#, fuzzy\nmsgctxt \"ui.menu.new\"\nmsgid \"New\"\nmsgstr \"Nouvelle\"\n\n"
      "msgctxt \"ui.save_failed.why\"\nmsgid \"{error}\\nQuitting...\"\nmsgstr \"Quitter ?\"\n\n"
      "msgctxt \"ui.value.percent\"\nmsgid \"{n}%\"\nmsgid_plural \"{n}%\"\n"
      "msgstr[0] \"{n} % (un)\"\nmsgstr[1] \"{n} %\"\n");
  std::string why;
  const std::optional<Catalogue> cat = read_catalogue(po, &why);
  ASSERT_TRUE(cat) << why;
  const UiText ui = UiText::from_catalogue(*cat);
  EXPECT_EQ(ui(Ui::SettingsRow, {{"setting", ui(Ui::SettingsHints)}, {"value", "oui"}}),
            "Indices : oui");
  EXPECT_EQ(ui(Ui::MenuNew), "New") << "a fuzzy entry shows the English";
  EXPECT_EQ(ui(Ui::SaveFailedWhy, {{"error", "disk full"}}),
            "disk full\nQuitting now would lose the game since the last save.")
      << "a translation that drops a {} shows the English";
  EXPECT_EQ(ui(Ui::MenuQuit), "Quit") << "a missing entry shows the English";
  // French: the singular for 0 and 1, the plural from 2.
  EXPECT_EQ(ui.count(Ui::ValuePercent, 1, "1"), "1 % (un)");
  EXPECT_EQ(ui.count(Ui::ValuePercent, 0, "0"), "0 % (un)");
  EXPECT_EQ(ui.count(Ui::ValuePercent, 100, "100"), "100 %");
  const std::vector<Ui>& english = ui.fallbacks();
  EXPECT_EQ(english.size(), ui_strings().size() - 3);
  EXPECT_NE(std::find(english.begin(), english.end(), Ui::MenuNew), english.end());
  EXPECT_NE(std::find(english.begin(), english.end(), Ui::SaveFailedWhy), english.end());
}

// Why a save failed, in the player's language: the step and the system's reason are rows of
// their own; a reason the game has no row of is the system's words, said to be.
TEST(UiText, AFailedSaveIsSaidInTheCataloguesLanguageReasonIncluded) {
  using Step = story::FileFailure::Step;
  const std::string po =
      write_po("fr.po",
               "msgctxt \"ui.file.write\"\nmsgid \"cannot write {path}: {reason}\"\n"
               "msgstr \"impossible d’écrire {path} : {reason}\"\n\n"
               "msgctxt \"ui.reason.no_space\"\nmsgid \"the disk is full\"\nmsgstr \"le disque est "
               "plein\"\n\n"
               "msgctxt \"ui.file.not_a_folder\"\nmsgid \"{path} is a file, not a folder\"\n"
               "msgstr \"{path} est un fichier, pas un dossier\"\n");
  std::string why;
  const std::optional<Catalogue> cat = read_catalogue(po, &why);
  ASSERT_TRUE(cat) << why;
  const UiText fr = UiText::from_catalogue(*cat);
  EXPECT_EQ(file_failure_words(fr, {Step::Write, "/d/autosave.txt.tmp.7.0", ENOSPC}),
            "impossible d’écrire /d/autosave.txt.tmp.7.0 : le disque est plein");
  EXPECT_EQ(file_failure_words(fr, {Step::NotAFolder, "/d", 0}),
            "/d est un fichier, pas un dossier");
  // Rows the catalogue lacks are English, whole.
  EXPECT_EQ(file_failure_words(fr, {Step::Replace, "/d/autosave.txt", EROFS}),
            "cannot put /d/autosave.txt in place of the last save: the disk can only be read");
  const UiText english;
  EXPECT_EQ(file_failure_words(english, {Step::Create, "/d", ENAMETOOLONG}),
            std::string("cannot create the folder /d: ") + std::strerror(ENAMETOOLONG) +
                " (the system's words)");
}

TEST(UiText, EnglishWithoutACatalogueAndThePseudoLocaleBracketsEveryRow) {
  const UiText english;
  EXPECT_EQ(english(Ui::SettingsRow, {{"setting", english(Ui::SettingsTextSize)},
                                      {"value", english.count(Ui::ValuePercent, 100, "100")}}),
            "Text size: 100%");
  EXPECT_EQ(english.count(Ui::ValueSeconds, 0.5, "0.5"), "0.5 s");
  const UiText pseudo = UiText::pseudo();
  for (const UiString& row : ui_strings()) {
    const std::string text = pseudo(row.id);
    EXPECT_EQ(text.rfind("‹", 0), 0u) << row.context << ": " << text;
    EXPECT_GT(text.size(), std::string(row.english).size() * 5 / 4) << row.context;
    for (const std::string& name : ui_placeholders(row.english)) {
      EXPECT_NE(text.find("{" + name + "}"), std::string::npos) << row.context;
    }
  }
}

TEST(UiStrings, TheTemplateHoldsEveryRowWithItsPluralAndNote) {
  const std::string path =
      ::testing::TempDir() + "threshold_ui_" + std::to_string(::getpid()) + ".pot";
  std::string why;
  ASSERT_EQ(write_pot(ui_pot_strings(), {"test"}, path, &why),
            static_cast<int>(ui_strings().size()))
      << why;
  const std::optional<Catalogue> pot = read_catalogue(path, &why);
  ASSERT_TRUE(pot) << why;
  for (const UiString& row : ui_strings()) {
    const CatalogueEntry* e = pot->find(row.context);
    ASSERT_TRUE(e) << row.context << " is not in the template";
    EXPECT_EQ(e->msgid, row.english);
    EXPECT_EQ(e->msgid_plural, row.plural);
  }
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("#. The game's own words. A setting: how large the text is"),
            std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace threshold::locale
