// StoryFiles: which files make up a story folder, listed once with their paths resolved, for
// the loader (load_story reads exactly these) and live reload (which watches exactly these).
//
// Listing takes two steps, because story.yaml says where the rest is: its `scenes:` and
// `places:` keys name the folders (default `scenes/` and `places/`). So the manifest is read
// first (load_story converts it anyway; read_story_folders() reads only those two keys for a
// caller that does not load), then list_story_files() lists the folders it names. Listing never
// reads a file and reports nothing: what is missing or misnamed is in the value, and the loader
// words it.
#pragma once

#include <string>
#include <vector>

#include "threshold/story/story_path.h"

namespace threshold::story {

struct LoadOptions;

// The folders story.yaml names, as written there (relative to the story folder).
struct StoryFolders {
  std::string scenes = "scenes";
  std::string places = "places";
};

// One listed folder of story files.
struct StoryFolder {
  std::string written;                // as story.yaml names it ("scenes")
  std::string path;                   // the story folder joined with it
  std::vector<std::string> files;     // its *.yaml files (hidden ones skipped), in name order
  std::vector<std::string> misnamed;  // its *.yml files: not read, each warned about
  std::string unlisted;  // "" when it was listed; else why not ("not found", "it is a file, not
                         // a folder", the system's reason)
};

struct StoryFiles {
  std::string dir;       // the story folder, as given
  std::string assets;    // the game's assets folder, as given (LoadOptions::assets_dir); may be ""
  std::string manifest;  // <dir>/story.yaml
  StoryFolder places, scenes;
  // Where the story's fonts are, best first: the story's own fonts/, then the game's assets'
  // fonts/, each resolved and listed only when it is a folder. The renderer looks in these
  // before the system's font folders (engine/render/include/threshold/render/fonts.h); `check`
  // opens every font in them.
  std::vector<std::string> font_folders;
  // What is wrong with the story's fonts/ when it is there but not listed: a link leading out
  // of the story (PathProblem::LinkLeaves), or a file where the folder should be. The loader
  // reports it.
  PathProblem fonts_problem = PathProblem::None;
  // The images and sounds the loaded story names, resolved, each once (media_files(), walks.h).
  // Listing reads no story, so list_story_files() leaves this empty; live reload fills it from
  // the story it loaded and watches these files too.
  std::vector<std::string> media;
};

// Lists the story in `dir` whose story.yaml names `folders`, with the game's assets folder
// `assets` (may be empty). Only what is there now: a folder that is missing is listed as such
// (StoryFolder::unlisted).
StoryFiles list_story_files(const std::string& dir, const StoryFolders& folders = {},
                            const std::string& assets = {});

// The `scenes:` and `places:` of `dir`'s story.yaml, read as load_story reads them (the
// defaults when it is missing, unreadable or does not give them). Defined with the manifest's
// reader (load/manifest.cpp).
StoryFolders read_story_folders(const std::string& dir, const LoadOptions& options);

}  // namespace threshold::story
