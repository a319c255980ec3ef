// Where a file a story names really is: the one place a writer's relative path (an image, a
// sound) becomes a path the renderer and the audio engine open, confined to the story folder.
#pragma once

#include <string>

#include "threshold/story/codes.h"

namespace threshold::story {

// The two folders a story's files may be in: its own, and the game's assets (below).
struct StoryRoots {
  std::string story;   // the story folder; the current directory when empty
  std::string assets;  // the game's assets folder; empty: the story folder only
};

// What is wrong with a path a story names, if anything. The loaders word each one at the key.
enum class PathProblem {
  None,
  Absolute,     // "/home/me/lamp.png": the story could not move
  LeavesStory,  // "../../outside/secret.png": `..` climbs out of the story folder
  LinkLeaves,   // a symbolic link (the file or a folder on the way) points outside the story
  Missing,      // nothing there
  NotAFile,     // a folder, a FIFO, a device: nothing the game can open as an image or a sound
  NotAFolder,   // a file where a folder of files (fonts/) was looked for
};

struct ResolvedPath {
  std::string path;  // absolute, symlinks resolved; set when problem is None
  PathProblem problem = PathProblem::None;
};

// Resolves `written` (relative to `story_dir`; the current directory when that is empty) once,
// following symbolic links, and checks that the result lies inside the story folder as the
// story folder itself resolves. A story folder that is itself a link is fine: only where a path
// goes from there counts.
//
// `assets_dir`, when given, is the game's own assets folder (assets/ beside the bundled story,
// <prefix>/share/games/threshold/assets when installed): the second place a story's files may be,
// named from the story folder like any other path ("../assets/sounds/rain.ogg" from data/).
// Nothing outside these two folders is ever opened.
ResolvedPath resolve_story_path(const std::string& story_dir, const std::string& written,
                                const std::string& assets_dir = {});

// The same for a folder the game looks into (a story's fonts/): resolved and confined alike.
ResolvedPath resolve_story_folder(const std::string& story_dir, const std::string& written,
                                  const std::string& assets_dir = {});

// The error for `problem`, about `what` ("image 'pictures/a.png'"), as the loaders print it.
std::string path_problem_text(PathProblem problem, const std::string& what);
// Its diagnostic code: T0501 out of the story, T0502 not there.
Code path_problem_code(PathProblem problem);

}  // namespace threshold::story
