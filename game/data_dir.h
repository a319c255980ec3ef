// Where the bundled story lives: next to the installed executable, or in the source tree of a
// build. Used by main when no STORY_DIR is given on the command line.
#pragma once

#include <string>
#include <vector>

namespace threshold::game {

struct DataDirSearch {
  std::string dir;                 // the story directory found, or "" when none exists
  std::vector<std::string> tried;  // every place looked at, in order, for the error message
  bool installed =
      false;  // `dir` is the installed story (beside the executable), not a source tree
};

// `argv0` is used only when /proc/self/exe cannot be read.
DataDirSearch find_data_dir(const char* argv0);

// The game's own assets folder, beside the bundled story (<prefix>/share/games/threshold/assets
// when installed, assets/ in a source tree): the second place a story's images and sounds may be
// (engine/story/include/threshold/story/story_path.h). "" when there is none.
std::string find_assets_dir(const char* argv0);

}  // namespace threshold::game
