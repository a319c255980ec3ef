// Where a paragraph's rows break: at the places its language allows, found by ICU's line
// BreakIterator for the locale (UAX #14 with CLDR's tailorings: between words at spaces, after a
// hyphen, between most Japanese and Chinese characters, Thai by its dictionary), never inside a
// grapheme cluster (a letter and its combining marks). Each row is given as SFML draws it, left
// to right: Hebrew and Arabic in visual order (ICU's ubidi), Arabic letters in their joining
// forms (u_shapeArabic); no other shaping (SFML 2.5 has no HarfBuzz: authoring.md, "Scripts and
// fonts"). Used by the SceneRenderer's wrapped() (scene_text.cpp). ICU's headers stay in
// line_breaks.cpp.
#pragma once

#include <SFML/System/String.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace threshold::render {

class LineBreaker {
 public:
  LineBreaker();
  ~LineBreaker();
  LineBreaker(const LineBreaker&) = delete;
  LineBreaker& operator=(const LineBreaker&) = delete;

  // The rows of `utf8`, composed (NFC), at most `width` wide as `measure` measures them, filled
  // greedily. A '\n'
  // ends a row; runs of spaces are one space, and a row neither starts nor ends with one. A
  // no-break space (U+00A0, U+202F) holds its neighbours together and is drawn as a space. A word
  // wider than the whole width keeps a row of its own, whole. `language` is a BCP 47 or POSIX name
  // ("fr", "ja", "pt_BR"); empty is English.
  std::vector<sf::String> rows(const std::string& utf8, const std::string& language, float width,
                               const std::function<float(const sf::String&)>& measure);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace threshold::render
