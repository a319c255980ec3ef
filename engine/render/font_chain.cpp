// Fonts that stand in for each other, cluster by cluster. See font_chain.h.
#include "threshold/render/font_chain.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <unicode/uchar.h>

#include <algorithm>

namespace threshold::render {

FontFile::~FontFile() {
  if (face_) FT_Done_Face(face_);
}

bool FontFile::has(char32_t cp) const {
  return face_ && FT_Get_Char_Index(face_, static_cast<FT_ULong>(cp)) != 0;
}

FontLibrary::FontLibrary() {
  if (FT_Init_FreeType(&ft_) != 0) ft_ = nullptr;
}

FontLibrary::~FontLibrary() {
  files_.clear();  // the faces before the library that made them
  if (ft_) FT_Done_FreeType(ft_);
}

const FontFile* FontLibrary::load(const std::string& path) {
  if (const auto it = files_.find(path); it != files_.end()) return it->second.get();
  std::unique_ptr<FontFile> file;
  FT_Face face = nullptr;
  if (ft_ && FT_New_Face(ft_, path.c_str(), 0, &face) == 0) {
    // A face with no Unicode map could answer no question about characters.
    if (FT_Select_Charmap(face, FT_ENCODING_UNICODE) == 0) {
      file = std::make_unique<FontFile>(path, face);
      if (!file->font_.loadFromFile(path)) file.reset();
    } else {
      FT_Done_Face(face);
    }
  }
  return files_.emplace(path, std::move(file)).first->second.get();
}

size_t cluster_end(const sf::String& s, size_t i) {
  const size_t n = s.getSize();
  if (i >= n) return n;
  bool joined = false;  // after a ZWJ, the next character belongs to the cluster
  for (++i; i < n; ++i) {
    const auto gcb = static_cast<UGraphemeClusterBreak>(
        u_getIntPropertyValue(static_cast<UChar32>(s[i]), UCHAR_GRAPHEME_CLUSTER_BREAK));
    if (joined) {
      joined = false;
    } else if (gcb != U_GCB_EXTEND && gcb != U_GCB_SPACING_MARK && gcb != U_GCB_ZWJ) {
      break;
    }
    joined = gcb == U_GCB_ZWJ;
  }
  return i;
}

FontChain::FontChain(FontLibrary& library, std::string language,
                     const std::vector<std::string>& locale_fonts, const FontFile& face,
                     std::vector<std::string> fallbacks)
    : library_(&library), language_(std::move(language)), pending_(std::move(fallbacks)) {
  for (const std::string& path : locale_fonts) {
    if (const FontFile* f = library.load(path)) faces_.push_back(f);
  }
  faces_.push_back(&face);
  std::reverse(pending_.begin(), pending_.end());  // taken from the back
}

const FontFile* FontChain::face(size_t i) const {
  while (i >= faces_.size() && !pending_.empty()) {
    const FontFile* f = library_->load(pending_.back());
    pending_.pop_back();
    if (f && std::find(faces_.begin(), faces_.end(), f) == faces_.end()) faces_.push_back(f);
  }
  return i < faces_.size() ? faces_[i] : nullptr;
}

const sf::Font& FontChain::face_for(const sf::String& s, size_t begin, size_t end) const {
  for (size_t k = 0; const FontFile* f = face(k); ++k) {
    bool all = true;
    for (size_t i = begin; i < end && all; ++i) {
      // Joiners and variation selectors are not drawn: a face need not map them.
      const char32_t cp = s[i];
      if (cp == 0x200D || cp == 0x200C || (cp >= 0xFE00 && cp <= 0xFE0F)) continue;
      all = f->has(cp);
    }
    if (all) return f->font();
  }
  for (size_t k = 0; const FontFile* f = face(k); ++k) {
    if (f->has(s[begin])) return f->font();
  }
  return primary();
}

const FontFile& FontChain::file_for(char32_t cp) const {
  const sf::String s(static_cast<sf::Uint32>(cp));
  const sf::Font& font = face_for(s, 0, 1);
  for (const FontFile* f : faces_) {
    if (&f->font() == &font) return *f;
  }
  return *faces_.front();
}

void FontChain::runs(const sf::String& s, std::vector<Run>& out) const {
  out.clear();
  for (size_t i = 0; i < s.getSize();) {
    const size_t end = cluster_end(s, i);
    const sf::Font* font = &face_for(s, i, end);
    if (!out.empty() && out.back().font == font) {
      out.back().end = end;
    } else {
      out.push_back({i, end, font});
    }
    i = end;
  }
}

}  // namespace threshold::render
