// Where the game's serif lives: EB Garamond (Debian fonts-ebgaramond) where any of the usual
// places has it, DejaVu Serif as the fallback. Used by Renderer::create.
#pragma once

#include <string>
#include <vector>

namespace threshold::render {

struct FontSearch {
  std::string regular;  // the file to load, or "" when none was found
  std::string italic;   // EB Garamond Italic for titles, or "" (the regular face serves)
  std::vector<std::string> tried;
};

// Looks in the story's own directory (fonts/), the XDG data dirs and the system font dirs.
FontSearch find_fonts(const std::string& story_dir);

}  // namespace threshold::render
