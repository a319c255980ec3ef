// Text in the scripts a catalogue may bring (issue 14): every character set in a face that has
// it, never as EB Garamond's missing-glyph box; rows broken where the language allows (Japanese
// between characters, Thai between words by ICU's dictionary), within the column, and never
// between a letter and its combining marks; a language's own fonts before the player's face.
#include <gtest/gtest.h>
#include <unistd.h>

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "threshold/locale/catalogue.h"
#include "threshold/render/font_chain.h"
#include "threshold/render/fonts.h"
#include "threshold/render/line_breaks.h"
#include "threshold/render/renderer.h"

namespace threshold::render {
namespace {

std::string utf8(const sf::String& s) {
  const std::basic_string<sf::Uint8> u = s.toUtf8();
  return std::string(u.begin(), u.end());
}

// The combining marks of the texts below: Greek's accents, Thai's vowels and tones above and
// below, Japanese's voicing marks.
bool is_mark(sf::Uint32 cp) {
  return (cp >= 0x300 && cp <= 0x36F) || cp == 0xE31 || (cp >= 0xE34 && cp <= 0xE3A) ||
         (cp >= 0xE47 && cp <= 0xE4E) || cp == 0x3099 || cp == 0x309A;
}

// The menu's title alone, drawn the way the game's screens draw it.
class Scripts : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    renderer_ = Renderer::create({}, &error);
    ASSERT_NE(renderer_, nullptr) << error;
    ASSERT_TRUE(texture_.create(1280, 720));
    renderer_->record_text(true);
  }
  sf::Image title(const std::string& text, const std::string& language) {
    Style style;
    style.language = language;
    texture_.clear(sf::Color::Black);
    renderer_->draw_menu(texture_, text, {}, "", style);
    texture_.display();
    return texture_.getTexture().copyToImage();
  }
  std::unique_ptr<Renderer> renderer_;
  sf::RenderTexture texture_;
};

size_t pixels_differing(const sf::Image& a, const sf::Image& b) {
  size_t n = 0;
  for (unsigned y = 0; y < a.getSize().y; ++y) {
    for (unsigned x = 0; x < a.getSize().x; ++x) n += a.getPixel(x, y) != b.getPixel(x, y);
  }
  return n;
}

TEST_F(Scripts, EveryCharacterEBGaramondLacksIsDrawnAndNotAsTheMissingGlyphBox) {
  // Text a catalogue in Hindi, Japanese, Arabic, Hebrew, Thai, Georgian or Armenian brings.
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"hi", "नमस्ते"},  {"ja", "静かな部屋、ひとり。"},
      {"ar", "مرحبا"}, {"he", "שלום"},
      {"th", "สวัสดี"},  {"ka", "გამარჯობა"},
      {"hy", "բարեւ"}};
  // A code point no face maps (a noncharacter): what a missing glyph looks like.
  const sf::Image box = title("\xF4\x8F\xBF\xBF", "");
  const FontSearch found = find_fonts({});
  FontLibrary fonts;
  const FontFile* garamond = fonts.load(found.regular.front());
  ASSERT_NE(garamond, nullptr);
  for (const auto& [language, text] : texts) {
    for (sf::Uint32 cp : sf::String::fromUtf8(text.begin(), text.end())) {
      const std::string one = utf8(sf::String(cp));
      // Without a fallback, this is what the player would see: EB Garamond has no such glyph.
      EXPECT_FALSE(found.garamond > 0 && garamond->has(cp)) << one << " is in EB Garamond";
      EXPECT_GT(pixels_differing(title(one, language), box), 40u)
          << language << ": " << one << " (U+" << std::hex << cp << ") is drawn as the box";
    }
  }
}

// The catalogues of a test story in Japanese and in Hindi (tests/stories/scripts/locales): every
// letter they bring is drawn, as the game would draw it in that language, and none as the box.
TEST_F(Scripts, EveryLetterOfAJapaneseAndAHindiCatalogueIsDrawnAndNotAsTheBox) {
  const sf::Image box = title("\xF4\x8F\xBF\xBF", "");
  for (const std::string language : {"ja", "hi"}) {
    std::string why;
    const std::optional<locale::Catalogue> catalogue = locale::read_catalogue(
        std::string(THRESHOLD_TESTS_DIR) + "/stories/scripts/locales/" + language + ".po", &why);
    ASSERT_TRUE(catalogue) << why;
    size_t letters = 0;
    std::vector<sf::Uint32> seen;
    for (const auto& [context, entry] : catalogue->entries) {
      for (const std::string& form : entry.msgstr) {
        for (sf::Uint32 cp : sf::String::fromUtf8(form.begin(), form.end())) {
          if (cp == ' ' || std::find(seen.begin(), seen.end(), cp) != seen.end()) continue;
          seen.push_back(cp);
          ++letters;
          const std::string one = utf8(sf::String(cp));
          EXPECT_GT(pixels_differing(title(one, language), box), 40u)
              << language << ": " << one << " (U+" << std::hex << cp << ") is drawn as the box";
        }
      }
    }
    EXPECT_GT(letters, 20u) << language;
  }
}

TEST_F(Scripts, AMixedLineKeepsEBGaramondForItsLatinAndIsOneRowOfText) {
  title("Tokyo 東京", "ja");
  ASSERT_EQ(renderer_->last_text().size(), 1u);
  EXPECT_EQ(renderer_->last_text()[0].text, "Tokyo 東京");
  // Two runs: the Latin and the space in EB Garamond, the kanji in the Japanese fallback.
  const FontSearch found = find_fonts({});
  FontLibrary fonts;
  const FontFile* garamond = fonts.load(found.regular.front());
  ASSERT_NE(garamond, nullptr);
  const FontChain chain(fonts, "ja", {}, *garamond, found.fallbacks);
  std::vector<FontChain::Run> runs;
  const std::string mixed = "Tokyo 東京";
  const sf::String text = sf::String::fromUtf8(mixed.begin(), mixed.end());
  chain.runs(text, runs);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].end, 6u);
  EXPECT_EQ(runs[0].font, &garamond->font());
  EXPECT_NE(runs[1].font, &garamond->font());
  EXPECT_TRUE(chain.file_for(U'東').has(U'東'));
}

// Japanese has no spaces: a long line breaks between characters, every row within the column,
// no row opens with a closing mark (、。」), and a kana with a combining voicing mark (か + ゙)
// is never parted from it.
TEST_F(Scripts, JapaneseWrapsWithinTheColumnBetweenCharactersNotInsideAClusterOrBeforeAComma) {
  std::string text;
  for (int i = 0; i < 6; ++i)
    text += "窓の外で、誰かが「まだ」と言った。か\xE3\x82\x99すかな音が残る。";
  title(text, "ja");
  const std::vector<Renderer::DrawnRow>& rows = renderer_->last_text();
  ASSERT_GT(rows.size(), 2u);
  std::string joined;
  for (const Renderer::DrawnRow& row : rows) {
    EXPECT_LE(row.at.w, row.column) << row.text;
    const sf::String s = sf::String::fromUtf8(row.text.begin(), row.text.end());
    ASSERT_FALSE(s.isEmpty());
    EXPECT_FALSE(is_mark(s[0])) << "a row opens with a combining mark: " << row.text;
    for (sf::Uint32 closing : {0x3001u, 0x3002u, 0x300Du}) {
      EXPECT_NE(s[0], closing) << "a row opens with a closing mark: " << row.text;
    }
    joined += row.text;
  }
  // Nothing lost, nothing added (Japanese breaks need no space); か and its mark are drawn as the
  // one composed が (NFC), which the face has, not as か beside a loose ゛.
  std::string composed = text;
  for (size_t at; (at = composed.find("か\xE3\x82\x99")) != std::string::npos;) {
    composed.replace(at, 6, "が");
  }
  EXPECT_EQ(joined, composed);
}

// Thai (no spaces, marks above and below its letters) breaks between words by ICU's dictionary;
// Greek written with combining accents breaks at spaces. At every width, no row starts with a
// mark and the rows put together are the text.
TEST(LineBreaks, ACombiningSequenceIsNeverSplitAtTheEndOfARow) {
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"th", "ฉันรักเธอมากที่สุดในโลกนี้และจะไม่ลืมเลย"},
      // Letters with marks that have no composed form (NFC leaves them apart).
      {"el", "Ο ήλιος έν\xCC\x81υσε και η νύχτα σ\xCC\x81ργησε να τ\xCC\x88ρθει στο σπίτι"},
      {"ja", "ア\xE3\x82\x9Aイ\xE3\x82\x9Aウ\xE3\x82\x9Aエ\xE3\x82\x9Aオ\xE3\x82\x9A"}};
  LineBreaker breaker;
  // A code point is one unit wide, marks included: the narrowest measure a mark could break on.
  auto measure = [](const sf::String& s) { return static_cast<float>(s.getSize()); };
  for (const auto& [language, text] : texts) {
    for (int width = 1; width <= 30; ++width) {
      const std::vector<sf::String> rows =
          breaker.rows(text, language, static_cast<float>(width), measure);
      std::string joined;
      for (const sf::String& row : rows) {
        ASSERT_FALSE(row.isEmpty());
        EXPECT_FALSE(is_mark(row[0]))
            << language << " at " << width << ": a row opens with a mark: " << utf8(row);
        joined += (joined.empty() || language == "th" || language == "ja" ? "" : " ") + utf8(row);
      }
      EXPECT_EQ(joined, text) << language << " at " << width;
    }
  }
  // Thai breaks inside its run of letters (it has no spaces), and at word ends only.
  const std::vector<sf::String> thai = breaker.rows(texts[0].second, "th", 12, measure);
  EXPECT_GT(thai.size(), 2u);
  for (const sf::String& row : thai) EXPECT_LE(row.getSize(), 12u) << utf8(row);
}

TEST(LineBreaks, EnglishAndFrenchBreakAtSpacesAndANoBreakSpaceHolds) {
  LineBreaker breaker;
  auto measure = [](const sf::String& s) { return static_cast<float>(s.getSize()); };
  const std::vector<sf::String> en = breaker.rows("The  kettle is\nstill warm", "", 10, measure);
  ASSERT_EQ(en.size(), 3u);
  EXPECT_EQ(utf8(en[0]), "The kettle");
  EXPECT_EQ(utf8(en[1]), "is");
  EXPECT_EQ(utf8(en[2]), "still warm");
  const std::vector<sf::String> fr = breaker.rows("Tu restes\xC2\xA0?", "fr", 7, measure);
  ASSERT_EQ(fr.size(), 2u);
  EXPECT_EQ(utf8(fr[1]), "restes ?");  // held to its word, drawn as a space
}

// Hebrew and Arabic read right to left: a row is drawn in visual order (SFML draws left to right),
// and Arabic's letters in their joining forms, which Noto Naskh Arabic has.
TEST(LineBreaks, RightToLeftRowsAreInVisualOrderAndArabicLettersJoin) {
  LineBreaker breaker;
  auto measure = [](const sf::String& s) { return static_cast<float>(s.getSize()); };
  const std::vector<sf::String> he = breaker.rows("שלום עולם", "he", 40, measure);
  ASSERT_EQ(he.size(), 1u);
  EXPECT_EQ(utf8(he[0]), "םלוע םולש");
  const std::vector<sf::String> mixed = breaker.rows("He said שלום.", "en", 40, measure);
  ASSERT_EQ(mixed.size(), 1u);
  EXPECT_EQ(utf8(mixed[0]), "He said םולש.");
  // سلام: seen, lam, alef, meem. Drawn: seen initial, lam and alef as their required ligature
  // (final), and meem alone, since alef joins nothing after it; in visual order, right to left.
  const std::vector<sf::String> ar = breaker.rows("سلام", "ar", 40, measure);
  ASSERT_EQ(ar.size(), 1u);
  EXPECT_EQ(utf8(ar[0]), "\uFEE1\uFEFC\uFEB3");
  // Two rows of a right-to-left paragraph: the first row holds the first words.
  const std::vector<sf::String> two = breaker.rows("שלום עולם", "he", 5, measure);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(utf8(two[0]), "םולש");
}

// The shipped story's English and French break where they always did: at spaces only (a
// hyphenated word such as week-end or dit-il held whole), so that their rows are the rows the game
// drew before it broke lines by ICU's rules. Every string of fr.po, both languages, at the lines'
// size and column, in EB Garamond.
TEST(LineBreaks, TheStorysEnglishAndFrenchBreakOnlyAtSpaces) {
  std::string why;
  const std::optional<locale::Catalogue> fr =
      locale::read_catalogue(std::string(THRESHOLD_DATA_DIR) + "/locales/fr.po", &why);
  ASSERT_TRUE(fr) << why;
  FontLibrary fonts;
  const FontFile* garamond = fonts.load(find_fonts({}).regular.front());
  ASSERT_NE(garamond, nullptr);
  LineBreaker breaker;
  for (const unsigned size : {22u, 30u, 60u}) {
    auto measure = [&](const sf::String& s) {
      float w = 0;
      sf::Uint32 prev = 0;
      for (sf::Uint32 cp : s) {
        w += garamond->font().getKerning(prev, cp, size) +
             garamond->font().getGlyph(cp, size, false).advance;
        prev = cp;
      }
      return w;
    };
    size_t several = 0;
    for (const auto& [context, entry] : fr->entries) {
      for (const auto& [language, text] :
           {std::pair<std::string, std::string>{"", entry.msgid}, {"fr", entry.msgstr.front()}}) {
        if (text.empty() || text.find('\n') != std::string::npos) continue;
        const std::vector<sf::String> rows = breaker.rows(text, language, 1040, measure);
        several += rows.size() > 1;
        // The rows put back together with a space between them are the text, its runs of spaces
        // one space and its no-break spaces drawn as spaces.
        std::string joined, expected;
        for (const sf::String& row : rows) joined += (joined.empty() ? "" : " ") + utf8(row);
        const sf::String all = sf::String::fromUtf8(text.begin(), text.end());
        sf::String flat;
        for (sf::Uint32 cp : all) {
          if (cp == 0xA0 || cp == 0x202F) cp = ' ';
          flat += cp;
        }
        expected = utf8(flat);
        EXPECT_EQ(joined, expected)
            << context << " (" << (language.empty() ? "en" : "fr") << ", size " << size << ")";
      }
    }
    EXPECT_GT(several, 10u) << "size " << size;  // the test sees rows break
  }
}

// A story's fonts/<language>/ sets that language's text first; other languages keep the face.
TEST(LocaleFonts, AStorysFontsFolderForTheLanguageComesBeforeThePlayersFace) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("threshold_locale_fonts_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "ja");
  const FontSearch found = find_fonts({});
  ASSERT_FALSE(found.sans.empty());
  std::filesystem::copy_file(found.sans.front(), dir / "ja" / "Story-Japanese.ttf",
                             std::filesystem::copy_options::overwrite_existing);
  const std::vector<std::string> folders = {dir.string()};
  ASSERT_EQ(locale_fonts(folders, "ja_JP.UTF-8").size(), 1u);
  EXPECT_TRUE(locale_fonts(folders, "fr").empty());
  EXPECT_TRUE(locale_fonts(folders, "").empty());

  FontLibrary fonts;
  const FontFile* face = fonts.load(found.regular.front());
  ASSERT_NE(face, nullptr);
  const FontChain ja(fonts, "ja", locale_fonts(folders, "ja"), *face, found.fallbacks);
  const FontChain fr(fonts, "fr", locale_fonts(folders, "fr"), *face, found.fallbacks);
  EXPECT_EQ(std::filesystem::path(ja.file_for('A').path()).filename(), "Story-Japanese.ttf");
  EXPECT_EQ(fr.file_for('A').path(), face->path());
  // What the story's font lacks falls to the fallbacks still.
  EXPECT_TRUE(ja.file_for(U'東').has(U'東'));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace threshold::render
