// Loading a story directory (story.yaml + scenes/*.yaml) into a Story, with every authoring
// error reported as a Diagnostic. The only part of the engine that knows YAML exists: yaml-cpp
// is included by the loader's own translation units and nowhere else.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "threshold/story/diagnostic.h"
#include "threshold/story/model.h"
#include "threshold/story/story_files.h"

namespace threshold::story {

struct LoadOptions {
  size_t max_file_bytes = 8u << 20;  // a larger file is refused with a diagnostic
  int max_depth = 64;                // deeper nesting than any story needs is refused
  unsigned threads = 0;              // files parsed in parallel; 0: one per core
  // The game's own assets folder (story_path.h): images and sounds a story names may be there
  // as well as in the story folder. Empty: the story folder only.
  std::string assets_dir;
};

struct LoadResult {
  std::optional<Story> story;  // set when there were no errors
  Diagnostics diagnostics;     // errors and warnings, sorted by file and position
  // The folders story.yaml named (the defaults when it could not be read): list_story_files()
  // with them gives the files this load read, as live reload watches them. Only the names are
  // kept: 10,000 scene paths are 1 MiB, and Story::sources has them already.
  StoryFolders folders;
};

// `dir` holds story.yaml; scenes are read from the folder it names (default `scenes/`).
LoadResult load_story(const std::string& dir, const LoadOptions& options = {});

}  // namespace threshold::story
