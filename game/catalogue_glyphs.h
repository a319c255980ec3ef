// `check --locale`: the characters of a catalogue that no face the game would set them in has
// (T0617), which would be drawn as empty boxes. Asks the renderer's own font chain (render/
// font_chain.h: the language's fonts in the story's fonts/<language>/, EB Garamond, the fallbacks),
// so it says what the game would draw. Used by check_command.cpp.
#pragma once

#include <string>
#include <vector>

#include "threshold/story/diagnostic.h"

namespace threshold::game {

// One warning per character, at the first .po line it is on. Returns how many were added.
size_t check_catalogue_glyphs(const std::string& po, const std::string& language,
                              const std::vector<std::string>& font_folders,
                              story::Diagnostics& diags);

}  // namespace threshold::game
