// Rows broken where the language allows. See line_breaks.h.
#include "threshold/render/line_breaks.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ushape.h>

#include <algorithm>
#include <iterator>

namespace threshold::render {

namespace {

using U32 = std::basic_string<sf::Uint32>;

U32 trimmed_end(U32 s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

sf::String drawn(U32 s) {
  for (sf::Uint32& cp : s) {
    if (cp == 0xA0 || cp == 0x202F) cp = ' ';  // not every face has a glyph for it
  }
  return sf::String(s);
}

icu::UnicodeString to_icu(const U32& s) {
  return icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(s.data()),
                                       static_cast<int32_t>(s.size()));
}

U32 from_icu(const icu::UnicodeString& u) {
  U32 s;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    s.push_back(static_cast<sf::Uint32>(u.char32At(i)));
  }
  return s;
}

bool right_to_left(sf::Uint32 cp) {
  const UCharDirection d = u_charDirection(static_cast<UChar32>(cp));
  return d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC;
}

// A row as SFML draws it, left to right: Arabic letters in their joining forms (ICU's
// u_shapeArabic, to the presentation forms a face such as Noto Naskh Arabic maps), and the row in
// visual order by the Unicode bidirectional algorithm (ICU's ubidi), marks kept after their
// letters. A row with no right-to-left letter in a left-to-right paragraph is left alone.
U32 visual(const U32& row, bool rtl_paragraph) {
  if (!rtl_paragraph && std::none_of(row.begin(), row.end(), right_to_left)) return row;
  const icu::UnicodeString logical = to_icu(row);
  UErrorCode status = U_ZERO_ERROR;
  std::vector<UChar> shaped(static_cast<size_t>(logical.length()) * 2 + 8);
  const int32_t shaped_len = u_shapeArabic(
      logical.getBuffer(), logical.length(), shaped.data(), static_cast<int32_t>(shaped.size()),
      U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL | U_SHAPE_LENGTH_GROW_SHRINK, &status);
  if (U_FAILURE(status)) return row;
  UBiDi* bidi = ubidi_openSized(shaped_len, 0, &status);
  if (U_FAILURE(status)) return row;
  ubidi_setPara(bidi, shaped.data(), shaped_len, rtl_paragraph ? UBIDI_RTL : UBIDI_LTR, nullptr,
                &status);
  std::vector<UChar> out(static_cast<size_t>(shaped_len) * 2 + 8);
  const int32_t out_len = ubidi_writeReordered(
      bidi, out.data(), static_cast<int32_t>(out.size()),
      UBIDI_DO_MIRRORING | UBIDI_KEEP_BASE_COMBINING | UBIDI_REMOVE_BIDI_CONTROLS, &status);
  ubidi_close(bidi);
  if (U_FAILURE(status)) return row;
  return from_icu(icu::UnicodeString(out.data(), out_len));
}

// Whether a paragraph reads right to left: its first strong letter does (Unicode's P2, P3).
bool rtl_paragraph(const U32& p) {
  const icu::UnicodeString u = to_icu(p);
  return ubidi_getBaseDirection(u.getBuffer(), u.length()) == UBIDI_RTL;
}

}  // namespace

struct LineBreaker::Impl {
  std::string language = "\x01";  // none yet
  std::unique_ptr<icu::BreakIterator> line, character;

  bool use(const std::string& lang) {
    if (lang == language) return line && character;
    language = lang;
    const icu::Locale locale(lang.empty() ? "en" : lang.c_str());
    UErrorCode status = U_ZERO_ERROR;
    line.reset(icu::BreakIterator::createLineInstance(locale, status));
    if (U_FAILURE(status)) line.reset();
    status = U_ZERO_ERROR;
    character.reset(icu::BreakIterator::createCharacterInstance(locale, status));
    if (U_FAILURE(status)) character.reset();
    return line && character;
  }

  // The code point offsets in `p` where `it` allows a break, from 0 to p.size().
  static std::vector<size_t> boundaries(icu::BreakIterator& it, const U32& p) {
    const icu::UnicodeString u = to_icu(p);
    std::vector<size_t> at16;  // code point index of each UTF-16 unit
    at16.reserve(static_cast<size_t>(u.length()) + 1);
    for (size_t i = 0; i < p.size(); ++i) {
      at16.push_back(i);
      if (p[i] > 0xFFFF) at16.push_back(i);
    }
    at16.push_back(p.size());
    it.setText(u);
    std::vector<size_t> out;
    for (int32_t b = it.first(); b != icu::BreakIterator::DONE; b = it.next()) {
      out.push_back(at16[static_cast<size_t>(b)]);
    }
    if (out.empty() || out.front() != 0) out.insert(out.begin(), 0);
    if (out.back() != p.size()) out.push_back(p.size());
    return out;
  }
};

LineBreaker::LineBreaker() : impl_(std::make_unique<Impl>()) {}
LineBreaker::~LineBreaker() = default;

std::vector<sf::String> LineBreaker::rows(const std::string& utf8, const std::string& language,
                                          float width,
                                          const std::function<float(const sf::String&)>& measure) {
  std::vector<sf::String> out;
  // Composed (NFC): a letter and its accent as the one glyph a face has for them, since SFML
  // places each mark by its own advance, not on its letter (no OpenType mark positioning).
  std::string composed;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) {
    const icu::UnicodeString u = nfc->normalize(icu::UnicodeString::fromUTF8(utf8), status);
    if (U_SUCCESS(status)) u.toUTF8String(composed);
  }
  if (U_FAILURE(status)) composed = utf8;
  const sf::String all = sf::String::fromUtf8(composed.begin(), composed.end());
  const bool breaks = impl_->use(language);
  // One paragraph (no '\n'), its spaces already collapsed.
  auto paragraph = [&](const U32& p, std::vector<sf::String>& rows) {
    const bool rtl = rtl_paragraph(p);
    auto shown = [&](const U32& s) { return visual(trimmed_end(s), rtl); };
    auto too_wide = [&](const U32& s) { return measure(sf::String(shown(s))) > width; };
    std::vector<size_t> at;
    if (breaks) {
      // ICU's line rules keep a mark on its letter already (UAX #14 LB9); a break that is not
      // also between grapheme clusters is dropped all the same, so that no rule tailoring can
      // leave a mark at the start of a row.
      const std::vector<size_t> line = Impl::boundaries(*impl_->line, p);
      const std::vector<size_t> clusters = Impl::boundaries(*impl_->character, p);
      std::set_intersection(line.begin(), line.end(), clusters.begin(), clusters.end(),
                            std::back_inserter(at));
      // A word joined by a hyphen-minus (week-end, dit-il, forty-one) stays whole, as the game
      // always kept it: French rather not part dit-/il, and English and French rows stay what they
      // were before ICU (a break after U+2010, the typographer's hyphen, is still taken).
      std::erase_if(at, [&](size_t i) { return i > 0 && i < p.size() && p[i - 1] == '-'; });
    } else {  // no ICU data for it: at spaces, as the game did before
      at.push_back(0);
      for (size_t i = 0; i < p.size(); ++i)
        if (p[i] == ' ') at.push_back(i + 1);
      if (at.back() != p.size()) at.push_back(p.size());
    }
    U32 row;
    for (size_t k = 0; k + 1 < at.size(); ++k) {
      const U32 piece = p.substr(at[k], at[k + 1] - at[k]);
      U32 candidate = row + piece;
      if (!row.empty() && too_wide(candidate)) {
        rows.push_back(drawn(shown(row)));
        row = piece;
      } else {
        row = std::move(candidate);
      }
    }
    if (!trimmed_end(row).empty()) rows.push_back(drawn(shown(row)));
  };

  U32 p;
  auto end_paragraph = [&](bool last) {
    std::vector<sf::String> rows;
    paragraph(p, rows);
    if (rows.empty() && !last) rows.emplace_back();
    for (sf::String& r : rows) out.push_back(std::move(r));
    p.clear();
  };
  for (sf::Uint32 cp : all) {
    if (cp == '\n') {
      end_paragraph(false);
    } else if (cp == ' ') {
      if (!p.empty() && p.back() != ' ') p.push_back(cp);
    } else {
      p.push_back(cp);
    }
  }
  end_paragraph(true);
  return out;
}

}  // namespace threshold::render
