// Where the game's serif lives: EB Garamond (Debian fonts-ebgaramond) where any of the usual
// places has it, DejaVu Serif as the fallback. Used by Renderer::create, which loads the first
// candidate that loads, so a broken file (a corrupt font in a story's fonts/) costs nothing when
// another place has a good one.
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
  std::vector<std::string> tried;
};

// Looks in the story's font folders first (story::Story::font_folders, as the loader listed and
// confined them: the story's fonts/, the game's assets' fonts/), then the user's, the XDG data
// dirs' and the system's font folders.
FontSearch find_fonts(const std::vector<std::string>& story_font_folders);

}  // namespace threshold::render
