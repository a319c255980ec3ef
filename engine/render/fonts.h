// Where the game's serif lives: EB Garamond (Debian fonts-ebgaramond) where any of the usual
// places has it, DejaVu Serif as the fallback. Used by Renderer::create, which loads the first
// candidate that loads, so a broken file (a corrupt font in a story's fonts/) costs nothing when
// another place has a good one.
#pragma once

#include <string>
#include <vector>

namespace threshold::render {

struct FontSearch {
  std::vector<std::string> regular;  // every file found, best first: EB Garamond, then DejaVu
  size_t garamond = 0;               // how many of `regular` are EB Garamond (italic pairs them)
  std::vector<std::string> italic;   // EB Garamond Italic for titles, best first
  std::vector<std::string> tried;
};

// Looks in the story's own directory (fonts/), the XDG data dirs and the system font dirs.
FontSearch find_fonts(const std::string& story_dir);

}  // namespace threshold::render
