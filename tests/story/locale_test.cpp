// Translation's story side (engine/locale): the strings a player sees with their places, the
// POT template as gettext's own tools read it, Plural-Forms, a catalogue put into the story (a
// plural line, a fuzzy entry falling back, a broken placeholder), and the pseudo-locale. Uses
// tests/stories/translating; the round trip through the real executable is in
// tests/game/translating_test.cpp.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "tests/support/test_story.h"
#include "threshold/locale/catalogue.h"
#include "threshold/locale/localize.h"
#include "threshold/locale/plural_forms.h"
#include "threshold/locale/pot.h"
#include "threshold/locale/story_strings.h"
#include "threshold/story/runtime.h"
#include "threshold/story/save.h"
#include "threshold/story/wording.h"

namespace threshold::locale {
namespace {

using story::Story;

// Variables as the story declares them, nothing played yet, `waited` as given.
class Vars : public story::Env {
 public:
  explicit Vars(const Story& s, double waited = 0) : waited_(waited) {
    for (const story::Variable& v : s.variables) values_.push_back(v.initial);
  }
  const story::Value& variable(int32_t var) const override {
    return values_[static_cast<size_t>(var)];
  }
  double builtin(story::Builtin b) const override {
    return b == story::Builtin::Waited ? waited_ : 0;
  }
  double visits(int32_t) const override { return 0; }
  std::vector<story::Value> values_;

 private:
  double waited_;
};

std::map<std::string, StoryString> by_context(const Story& s) {
  std::map<std::string, StoryString> out;
  for (StoryString& str : story_strings(s)) out.emplace(str.context, std::move(str));
  return out;
}

const story::Beat& beat(const Story& s, const char* scene, const char* id) {
  const story::Scene& sc = s.scene(s.find_scene(scene));
  return sc.beats[static_cast<size_t>(sc.find_beat(id))];
}

std::string temp_dir(const std::string& name) {
  const std::string dir =
      ::testing::TempDir() + "threshold_locale_" + std::to_string(::getpid()) + "_" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(StoryStrings, EveryStringAPlayerSeesHasItsPlace) {
  const Story s = test_support::load_test_story("translating");
  const auto strings = by_context(s);
  for (const char* context :
       {"story/title", "kitchen/thing/cup", "kitchen/start/1", "kitchen/start/2",
        "kitchen/start/drink/hint", "kitchen/start/drink/1", "kitchen/start/wait/1",
        "kitchen/leave/out/hint", "kitchen/start/drink/done", "kitchen/start/wait/done",
        "kitchen/caption/1", "ending/out", "ending/out/epilogue/1", "ending/out/reflection/1"}) {
    EXPECT_TRUE(strings.count(context)) << context;
  }
  // The game's own words for a gesture with no hint:, and the writer's.
  EXPECT_EQ(strings.at("kitchen/start/drink/hint").english, "Hold the cup");
  EXPECT_EQ(strings.at("kitchen/leave/out/hint").english, "Open the door");
  // What the History screen says the player did.
  EXPECT_EQ(strings.at("kitchen/start/drink/done").english, "You held the cup.");
  EXPECT_EQ(strings.at("kitchen/start/wait/done").english, "You said nothing.");
  // The same English in two places, two contexts.
  EXPECT_EQ(strings.at("kitchen/start/3").english, "Again.");
  EXPECT_EQ(strings.at("kitchen/start/drink/2").english, "Again.");
  // Where it was written, and what the translator is told.
  const StoryString& line = strings.at("kitchen/start/1");
  EXPECT_EQ(line.file, "scenes/kitchen.yaml");
  EXPECT_EQ(line.line, 14);
  const std::string notes = ::testing::PrintToString(line.notes);
  EXPECT_NE(notes.find("In kitchen, morning, day 1"), std::string::npos) << notes;
  EXPECT_NE(notes.find("lingers"), std::string::npos) << notes;
  const StoryString& answer = strings.at("kitchen/start/wait/1");
  EXPECT_NE(::testing::PrintToString(answer.notes).find("waited 4 s"), std::string::npos);
  EXPECT_NE(::testing::PrintToString(strings.at("kitchen/start/drink/2").notes).find("Warm."),
            std::string::npos)
      << "the line before";
}

TEST(StoryStrings, ALineWithANumberTakesPluralFormsAndKeepsItsPlaceholder) {
  const Story s = test_support::load_test_story("translating");
  const auto strings = by_context(s);
  const StoryString& cups = strings.at("kitchen/start/2");
  EXPECT_EQ(cups.english, "There are {cups} cups on the table.");
  EXPECT_EQ(cups.count, "cups");
  EXPECT_NE(::testing::PrintToString(cups.notes).find("{cups}"), std::string::npos);
  EXPECT_EQ(strings.at("kitchen/start/1").count, "");
  EXPECT_EQ(strings.at("ending/out/reflection/1").count, "waited");
}

TEST(Pot, GettextsOwnToolsReadTheTemplate) {
  const Story s = test_support::load_test_story("translating");
  const std::string dir = temp_dir("pot");
  const std::string pot = dir + "/threshold.pot";
  std::string why;
  const int written = write_pot(story_strings(s), {s.title}, pot, &why);
  ASSERT_GT(written, 10) << why;
  EXPECT_EQ(std::system(("msgfmt --check -o /dev/null " + pot).c_str()), 0);
  EXPECT_EQ(std::system(("msgcat " + pot + " -o " + dir + "/cat.pot").c_str()), 0);
  std::ifstream in(pot);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("msgctxt \"kitchen/start/2\"\nmsgid \"There are {cups} cups on the table.\"\n"
                      "msgid_plural \"There are {cups} cups on the table.\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("#: scenes/kitchen.yaml:14"), std::string::npos);
  // Nothing is left beside it.
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 2u);
}

TEST(PluralRule, ReadsTheFormulasGettextWrites) {
  const auto french = PluralRule::parse("nplurals=2; plural=(n > 1);");
  ASSERT_TRUE(french);
  EXPECT_EQ(french->forms(), 2u);
  EXPECT_EQ(french->form(0), 0u);
  EXPECT_EQ(french->form(1), 0u);
  EXPECT_EQ(french->form(2), 1u);
  const auto polish = PluralRule::parse(
      "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);");
  ASSERT_TRUE(polish);
  EXPECT_EQ(polish->form(1), 0u);
  EXPECT_EQ(polish->form(3), 1u);
  EXPECT_EQ(polish->form(5), 2u);
  EXPECT_EQ(polish->form(12), 2u);
  EXPECT_EQ(polish->form(22), 1u);
  const auto arabic = PluralRule::parse(
      "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 "
      "? 4 : 5;");
  ASSERT_TRUE(arabic);
  EXPECT_EQ(arabic->form(0), 0u);
  EXPECT_EQ(arabic->form(2), 2u);
  EXPECT_EQ(arabic->form(105), 3u);
  EXPECT_EQ(arabic->form(111), 4u);
  EXPECT_EQ(arabic->form(100), 5u);
  const auto japanese = PluralRule::parse("nplurals=1; plural=0;");
  ASSERT_TRUE(japanese);
  EXPECT_EQ(japanese->form(7), 0u);
  EXPECT_EQ(PluralRule().form(1), 0u);
  EXPECT_EQ(PluralRule().form(2), 1u);
  std::string why;
  EXPECT_FALSE(PluralRule::parse("nplurals=2; plural=(n > ;", &why));
  EXPECT_FALSE(why.empty());
  EXPECT_FALSE(PluralRule::parse("plural=n != 1;"));
}

const char* kFrench = R"(msgid ""
msgstr ""
"Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgctxt "kitchen/start/1"
msgid "The light is still blue."
msgstr "La lumière est encore bleue."

msgctxt "kitchen/start/2"
msgid "There are {cups} cups on the table."
msgid_plural "There are {cups} cups on the table."
msgstr[0] "Il y a {cups} tasse sur la table."
msgstr[1] "Il y a {cups} tasses sur la table."

#, fuzzy
msgctxt "kitchen/start/3"
msgid "Again."
msgstr "Encore une fois."

msgctxt "kitchen/start/drink/2"
msgid "Again."
msgstr "Encore."

msgctxt "kitchen/thing/cup"
msgid "the cup"
msgstr "la tasse"

msgctxt "kitchen/start/drink/hint"
msgid "Hold the cup"
msgstr "Tenir la tasse"

msgctxt "kitchen/start/wait/1"
msgid "Nothing moves."
msgstr "Rien ne bouge {cup}."

msgctxt "kitchen/start/drink/done"
msgid "You held the cup."
msgstr "Tu as tenu la tasse."

msgctxt "kitchen/caption/1"
msgid "the fridge hums"
msgstr "le frigo ronronne"
)";

TEST(Localize, ACatalogueIsPutInPlaceAndWhatItLacksStaysEnglish) {
  Story s = test_support::load_test_story("translating");
  const std::string dir = temp_dir("fr");
  std::ofstream(dir + "/fr.po") << kFrench;
  std::string why;
  const std::optional<Catalogue> cat = read_catalogue(dir + "/fr.po", &why);
  ASSERT_TRUE(cat) << why;
  EXPECT_EQ(cat->language, "fr");
  const LocalizeReport report = localize(s, *cat);

  Vars vars(s);
  const story::Beat& start = beat(s, "kitchen", "start");
  EXPECT_EQ(start.lines[0].text->render(vars), "La lumière est encore bleue.");
  EXPECT_EQ(start.lines[1].text->render(vars), "Il y a 3 tasses sur la table.");
  vars.values_[0] = story::Value(1.0);
  EXPECT_EQ(start.lines[1].text->render(vars), "Il y a 1 tasse sur la table.");
  // Fuzzy: English. The same English elsewhere, translated.
  EXPECT_EQ(start.lines[2].text->render(vars), "Again.");
  EXPECT_EQ(start.moment->gestures[0].lines[1].text->render(vars), "Encore.");
  // A {} the English has not: English, and said why.
  EXPECT_EQ(start.moment->gestures[1].lines[0].text->render(vars), "Nothing moves.");
  const story::Scene& kitchen = s.scene(s.find_scene("kitchen"));
  EXPECT_EQ(kitchen.things[0].name, "la tasse");
  EXPECT_EQ(start.moment->hint_of(start.moment->gestures[0]), "Tenir la tasse");
  EXPECT_EQ(kitchen.ambience.tone[0].caption, "le frigo ronronne");

  EXPECT_EQ(story::gesture_done_wording(kitchen, *start.moment, 0), "Tu as tenu la tasse.");
  EXPECT_EQ(story::gesture_done_wording(kitchen, *start.moment, 1), "You said nothing.");
  EXPECT_EQ(report.translated, 7u);
  EXPECT_EQ(report.count(Fallback::Why::Fuzzy), 1u);
  EXPECT_EQ(report.count(Fallback::Why::Broken), 1u);
  EXPECT_EQ(report.translated + report.fallbacks.size(), report.strings);
  for (const Fallback& f : report.fallbacks) {
    if (f.why == Fallback::Why::Fuzzy) {
      EXPECT_EQ(f.context, "kitchen/start/3");
      EXPECT_EQ(f.po_line, 18);
    }
    if (f.why == Fallback::Why::Missing) {
      EXPECT_EQ(f.po_line, 0);
    }
  }
}

// A place's name, in `threshold text`'s headings, is the catalogue's: one string a place, at its
// first scene, with a note that shows the heading; with no catalogue, or none for it, the id in
// words.
TEST(Localize, APlaceIsNamedInTheCataloguesLanguage) {
  Story s = test_support::load_test_story("translating");
  EXPECT_EQ(story::place_name(s, "kitchen"), "kitchen");
  EXPECT_EQ(story::place_name(s, "bus_stop"), "bus stop");
  const std::map<std::string, StoryString> strings = by_context(s);
  const auto it = strings.find("place/kitchen/name");
  ASSERT_NE(it, strings.end());
  EXPECT_EQ(it->second.english, "kitchen");
  ASSERT_FALSE(it->second.notes.empty());
  EXPECT_NE(it->second.notes.back().find("\"— day 1, kitchen, morning —\""), std::string::npos)
      << it->second.notes.back();

  const std::string dir = temp_dir("place");
  std::ofstream(dir + "/fr.po") << R"(msgid ""
msgstr ""
"Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"

msgctxt "place/kitchen/name"
msgid "kitchen"
msgstr "la cuisine"
)";
  std::string why;
  const std::optional<Catalogue> cat = read_catalogue(dir + "/fr.po", &why);
  ASSERT_TRUE(cat) << why;
  localize(s, *cat);
  EXPECT_EQ(story::place_name(s, "kitchen"), "la cuisine");
  EXPECT_EQ(story::place_name(s, "bus_stop"), "bus stop");
}

// Saves carry no language: a game saved in French is the same text as in English, and loads
// into the English story (and back) where it was.
TEST(Localize, ASaveIsTheSameInEveryLanguage) {
  const Story english = test_support::load_test_story("translating");
  Story french = english;
  const std::string dir = temp_dir("save");
  std::ofstream(dir + "/fr.po") << kFrench;
  const std::optional<Catalogue> cat = read_catalogue(dir + "/fr.po");
  ASSERT_TRUE(cat);
  localize(french, *cat);
  story::Runtime a(english), b(french);
  a.start();
  std::vector<story::Event> shown = b.start();
  a.step(3.0, {});
  for (story::Event& e : b.step(3.0, {})) shown.push_back(std::move(e));
  bool translated = false;
  for (const story::Event& e : shown) translated |= e.text == "La lumière est encore bleue.";
  EXPECT_TRUE(translated);
  const std::string saved = story::save_to_text(french, b.state());
  EXPECT_EQ(saved, story::save_to_text(english, a.state()));
  const story::LoadedSave back = story::load_from_text(english, saved);
  ASSERT_TRUE(back.ok) << back.error;
  EXPECT_EQ(back.state.scene, a.state().scene);
  EXPECT_EQ(back.state.beat, a.state().beat);
  EXPECT_EQ(back.state.line, a.state().line);
  EXPECT_EQ(back.state.phase, a.state().phase);
  EXPECT_EQ(back.state.variables, a.state().variables);
}

TEST(Localize, ACatalogueThatDoesNotReadIsRefusedWithItsLine) {
  const std::string dir = temp_dir("bad");
  std::ofstream(dir + "/fr.po") << "msgid \"a\"\nmsgstr \"b\"\nmsgid \"unclosed\n";
  std::string why;
  EXPECT_FALSE(read_catalogue(dir + "/fr.po", &why));
  EXPECT_NE(why.find("fr.po"), std::string::npos) << why;
  EXPECT_FALSE(read_catalogue(dir + "/none.po", &why));
}

// The compiled form of a catalogue, made by gettext's own msgfmt: "" or what it said.
std::string compile(const std::string& po, const std::string& mo) {
  const std::string out = mo + ".msgfmt.txt";
  const int status =
      std::system(("msgfmt -o '" + mo + "' '" + po + "' > '" + out + "' 2>&1").c_str());
  if (status == 0) return "";
  std::ifstream in(out);
  return "msgfmt failed: " + std::string(std::istreambuf_iterator<char>(in), {});
}

// Every string of a story as it is shown, by context.
std::map<std::string, std::string> shown(const Story& s) {
  std::map<std::string, std::string> out;
  for (const StoryString& str : story_strings(s, false)) out.emplace(str.context, str.english);
  return out;
}

void set_newer(const std::string& path, const std::string& than) {
  std::filesystem::last_write_time(
      path, std::filesystem::last_write_time(than) + std::chrono::seconds(2));
}

// msgfmt leaves out the fuzzy entry; the broken {} is ours to refuse: the story shows the same
// text read either way, the plural line with both its forms.
TEST(CompiledCatalogue, ShowsWhatItsPoShows) {
  const std::string dir = temp_dir("compiled");
  std::ofstream(dir + "/fr.po") << kFrench;
  ASSERT_EQ(compile(dir + "/fr.po", dir + "/fr.mo"), "");
  set_newer(dir + "/fr.mo", dir + "/fr.po");
  std::string why;
  const std::optional<Catalogue> po = read_catalogue(dir + "/fr.po", &why);
  ASSERT_TRUE(po) << why;
  const std::optional<Catalogue> mo = load_catalogue(dir + "/fr.po", &why);
  ASSERT_TRUE(mo) << why;
  ASSERT_TRUE(mo->compiled) << "load_catalogue read " << mo->path;
  EXPECT_EQ(mo->path, dir + "/fr.mo");
  EXPECT_EQ(mo->language, "fr");
  EXPECT_EQ(mo->plural.forms(), 2u);

  Story from_po = test_support::load_test_story("translating");
  Story from_mo = from_po;
  const LocalizeReport a = localize(from_po, *po);
  const LocalizeReport b = localize(from_mo, *mo);
  EXPECT_EQ(shown(from_po), shown(from_mo));
  EXPECT_EQ(a.translated, b.translated);
  EXPECT_EQ(a.strings, b.strings);
  Vars vars(from_mo);
  const story::Beat& start = beat(from_mo, "kitchen", "start");
  EXPECT_EQ(start.lines[1].text->render(vars), "Il y a 3 tasses sur la table.");
  vars.values_[0] = story::Value(1.0);
  EXPECT_EQ(start.lines[1].text->render(vars), "Il y a 1 tasse sur la table.");
  EXPECT_EQ(start.lines[2].text->render(vars), "Again.");  // fuzzy: not compiled, English
}

// An edited .po is never shadowed by the compiled form made before the edit.
TEST(CompiledCatalogue, AnEditedPoIsReadOverAnOlderMo) {
  const std::string dir = temp_dir("edited");
  std::ofstream(dir + "/fr.po") << kFrench;
  ASSERT_EQ(compile(dir + "/fr.po", dir + "/fr.mo"), "");
  std::string edited = kFrench;
  const std::string was = "La lumière est encore bleue.";
  edited.replace(edited.find(was), was.size(), "La lumière reste bleue.");
  std::ofstream(dir + "/fr.po") << edited;
  set_newer(dir + "/fr.po", dir + "/fr.mo");
  std::string why;
  const std::optional<Catalogue> cat = load_catalogue(dir + "/fr.po", &why);
  ASSERT_TRUE(cat) << why;
  EXPECT_FALSE(cat->compiled);
  Story s = test_support::load_test_story("translating");
  localize(s, *cat);
  Vars vars(s);
  EXPECT_EQ(beat(s, "kitchen", "start").lines[0].text->render(vars), "La lumière reste bleue.");
}

// A damaged .mo is refused whole with its reason, never read past its end, and the game reads
// the .po beside it instead, saying why.
TEST(CompiledCatalogue, ADamagedOneIsRefusedAndThePoReadInstead) {
  const std::string dir = temp_dir("damaged");
  std::ofstream(dir + "/fr.po") << kFrench;
  ASSERT_EQ(compile(dir + "/fr.po", dir + "/good.mo"), "");
  std::ifstream in(dir + "/good.mo", std::ios::binary);
  const std::string good(std::istreambuf_iterator<char>(in), {});
  ASSERT_GT(good.size(), 64u);
  auto patched = [&](size_t at, uint32_t value) {
    std::string bytes = good;
    for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
    return bytes;
  };
  const uint32_t originals =
      static_cast<unsigned char>(good[12]) | static_cast<unsigned char>(good[13]) << 8 |
      static_cast<unsigned char>(good[14]) << 16 | static_cast<unsigned char>(good[15]) << 24;
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "too short"},
      {good.substr(0, good.size() / 2), "runs past its end"},
      {std::string(4096, 'x'), "no .mo magic number"},
      {patched(8, 0x7fffffff), "tables run past its end"},         // a huge string count
      {patched(originals + 4, 0xfffffff0), "string 0 runs past"},  // a string far outside
  };
  for (const auto& [bytes, reason] : cases) {
    std::ofstream(dir + "/fr.mo", std::ios::binary) << bytes;
    set_newer(dir + "/fr.mo", dir + "/fr.po");
    std::string why;
    EXPECT_FALSE(read_compiled_catalogue(dir + "/fr.mo", &why)) << reason;
    EXPECT_NE(why.find("fr.mo"), std::string::npos) << why;
    EXPECT_NE(why.find(reason), std::string::npos) << why;
    const std::optional<Catalogue> cat = load_catalogue(dir + "/fr.po", &why);
    ASSERT_TRUE(cat) << why;
    EXPECT_FALSE(cat->compiled);
    ASSERT_FALSE(cat->problems.empty());
    EXPECT_NE(cat->problems.front().find("reading " + dir + "/fr.po instead"), std::string::npos)
        << cat->problems.front();
    Story s = test_support::load_test_story("translating");
    EXPECT_EQ(localize(s, *cat).translated, 7u);
  }
}

// Not a regular file: refused at once (a FIFO would never end), the .po read.
TEST(CompiledCatalogue, AFifoIsRefusedWithoutWaiting) {
  const std::string dir = temp_dir("fifo");
  std::ofstream(dir + "/fr.po") << kFrench;
  ASSERT_EQ(::mkfifo((dir + "/fr.mo").c_str(), 0600), 0);
  std::string why;
  EXPECT_FALSE(read_compiled_catalogue(dir + "/fr.mo", &why));
  EXPECT_NE(why.find("not a regular file"), std::string::npos) << why;
  const std::optional<Catalogue> cat = load_catalogue(dir + "/fr.po", &why);
  ASSERT_TRUE(cat) << why;
  EXPECT_FALSE(cat->compiled);
  ASSERT_EQ(::mkfifo((dir + "/de.po").c_str(), 0600), 0);
  EXPECT_FALSE(read_catalogue(dir + "/de.po", &why));
  EXPECT_NE(why.find("not a regular file"), std::string::npos) << why;
}

// An entry whose English was edited since (msgmerge not run) shows the new English, as gettext
// would, and is listed as stale, not as translated.
TEST(Localize, AnEntryForOlderEnglishIsStale) {
  const std::string dir = temp_dir("stale");
  std::string older = kFrench;
  const std::string was = "msgid \"The light is still blue.\"";
  older.replace(older.find(was), was.size(), "msgid \"The light is blue.\"");
  std::ofstream(dir + "/fr.po") << older;
  const std::optional<Catalogue> cat = read_catalogue(dir + "/fr.po");
  ASSERT_TRUE(cat);
  Story s = test_support::load_test_story("translating");
  const LocalizeReport r = localize(s, *cat);
  Vars vars(s);
  EXPECT_EQ(beat(s, "kitchen", "start").lines[0].text->render(vars), "The light is still blue.");
  ASSERT_EQ(r.count(Fallback::Why::Stale), 1u);
  for (const Fallback& f : r.fallbacks) {
    if (f.why != Fallback::Why::Stale) continue;
    EXPECT_EQ(f.context, "kitchen/start/1");
    EXPECT_STREQ(fallback_name(f.why), "stale");
    EXPECT_GT(f.po_line, 0);
  }
}

TEST(PseudoLocale, AccentsLengthensAndBracketsButKeepsPlaceholders) {
  const std::string p = pseudo_text("The light is still blue.");
  EXPECT_EQ(p.rfind("‹Ŧħé ŀîğħţ îš šţîŀŀ bŀüé.", 0), 0u) << p;
  EXPECT_NE(p.find("·›"), std::string::npos) << p;
  EXPECT_EQ(pseudo_text("There are {cups} cups, {{not}} one.").find("{cups}") != std::string::npos,
            true);
  EXPECT_NE(pseudo_text("{{not}}").find("{{ñöţ}}"), std::string::npos);
  // About 40 % longer, counted in characters.
  auto chars = [](const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  const std::string english = "You sit with the cup, and the kitchen is quiet.";
  const double ratio =
      static_cast<double>(chars(pseudo_text(english))) / static_cast<double>(chars(english));
  EXPECT_GE(ratio, 1.35);
  EXPECT_LE(ratio, 1.5);

  Story s = test_support::load_test_story("translating");
  pseudo_localize(s);
  Vars vars(s);
  const story::Beat& start = beat(s, "kitchen", "start");
  EXPECT_EQ(start.lines[1].text->render(vars).rfind("‹Ŧħéŕé åŕé 3 çüþš", 0), 0u)
      << start.lines[1].text->render(vars);
  EXPECT_EQ(start.moment->hint_of(start.moment->gestures[0]).rfind("‹Ħöŀď ţħé çüþ", 0), 0u);
}

TEST(Locale, NamesStandForTheirLanguageThenItsFamily) {
  EXPECT_EQ(locale_candidates("fr_FR.UTF-8@euro"), (std::vector<std::string>{"fr_FR", "fr"}));
  EXPECT_EQ(locale_candidates("fr"), (std::vector<std::string>{"fr"}));
  EXPECT_TRUE(locale_candidates("C.UTF-8").empty());
  EXPECT_TRUE(locale_candidates("POSIX").empty());
  EXPECT_EQ(environment_languages("pt_BR:fr", nullptr, nullptr, "de_DE.UTF-8"),
            (std::vector<std::string>{"pt_BR", "fr", "de_DE.UTF-8"}));
  EXPECT_EQ(environment_languages(nullptr, "", "it_IT", "de_DE"),
            (std::vector<std::string>{"it_IT"}));
  EXPECT_TRUE(environment_languages(nullptr, nullptr, nullptr, "C.UTF-8").empty());
}

}  // namespace
}  // namespace threshold::locale
