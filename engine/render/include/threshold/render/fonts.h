// Where the game's serif lives: EB Garamond (Debian fonts-ebgaramond) where any of the usual
// places has it, DejaVu Serif as the fallback; and the faces that stand in for it, glyph by glyph,
// in the scripts it lacks (font_chain.h), and a locale's own fonts. Used by Renderer::create, which
// loads the first candidate that loads, so a broken file (a corrupt font in a story's fonts/) costs
// nothing when another place has a good one.
#pragma once

#include <string>
#include <vector>

namespace threshold::render {

struct FontSearch {
  std::vector<std::string> regular;   // every file found, best first: EB Garamond, then DejaVu
  size_t garamond = 0;                // how many of `regular` are EB Garamond (italic pairs them)
  std::vector<std::string> italic;    // EB Garamond Italic for titles, best first
  std::vector<std::string> dyslexic;  // OpenDyslexic, for the Font setting
  std::vector<std::string> sans;      // DejaVu Sans, for the Font setting
  // The faces for the characters the chosen face lacks, best first: Noto Serif (fonts-noto-core:
  // Greek, Cyrillic and Vietnamese beyond EB Garamond's) and DejaVu Serif; the Noto Serif (or
  // Sans, where Debian has no serif) of the Indic scripts, Hebrew, Naskh Arabic, Syriac, Thaana,
  // Thai, Lao, Khmer, Myanmar, Tibetan, Armenian, Georgian, Ethiopic and Cherokee; IPAex Mincho
  // (fonts-ipaexfont-mincho: Japanese), Noto Serif CJK when fonts-noto-cjk is there; then DejaVu
  // Sans and the Noto symbol faces. Only the files that exist; each loaded when first needed.
  std::vector<std::string> fallbacks;
  std::vector<std::string> tried;
};

// Looks in the story's font folders first (story::Story::font_folders, as the loader listed and
// confined them: the story's fonts/, the game's assets' fonts/), then the user's, the XDG data
// dirs' and the system's font folders.
FontSearch find_fonts(const std::vector<std::string>& story_font_folders);

// A language's own fonts, set before the player's face: the .otf, .ttf and .ttc files of a
// `<language>/` folder in the story's font folders (fonts/ja/, then fonts/ja_JP/ → fonts/ja/ for
// "ja_JP"), by name. Empty when there are none, or for English (an empty `language`).
std::vector<std::string> locale_fonts(const std::vector<std::string>& story_font_folders,
                                      const std::string& language);

}  // namespace threshold::render
