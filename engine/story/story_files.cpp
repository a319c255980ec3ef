// Listing a story folder's files. See story_files.h.
#include "threshold/story/story_files.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace threshold::story {

namespace fs = std::filesystem;

namespace {

std::string join_path(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  return (fs::path(dir) / name).string();
}

StoryFolder list_folder(const std::string& dir, const std::string& written) {
  StoryFolder folder;
  folder.written = written;
  folder.path = join_path(dir, written);
  std::error_code ec;
  fs::file_status status = fs::status(folder.path, ec);
  if (!fs::exists(status)) {
    folder.unlisted = "not found";
    return folder;
  }
  if (!fs::is_directory(status)) {
    folder.unlisted = "it is a file, not a folder";
    return folder;
  }
  fs::directory_iterator it(folder.path, ec);
  if (ec) {
    folder.unlisted = ec.message();
    return folder;
  }
  std::vector<std::string> names;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.starts_with(".")) continue;  // editor backups and lock files
    if (name.ends_with(".yaml")) {
      names.push_back(std::move(name));
    } else if (name.ends_with(".yml")) {
      folder.misnamed.push_back(join_path(folder.path, name));
    }
  }
  // A folder that fails part way keeps what was listed before: the loader reads those.
  if (ec) folder.unlisted = ec.message();
  std::sort(names.begin(), names.end());
  std::sort(folder.misnamed.begin(), folder.misnamed.end());
  folder.files.reserve(names.size());
  for (const std::string& name : names) folder.files.push_back(join_path(folder.path, name));
  return folder;
}

}  // namespace

StoryFiles list_story_files(const std::string& dir, const StoryFolders& folders,
                            const std::string& assets) {
  StoryFiles files;
  files.dir = dir;
  files.assets = assets;
  files.manifest = join_path(dir, "story.yaml");
  files.places = list_folder(dir, folders.places);
  files.scenes = list_folder(dir, folders.scenes);
  // The story's fonts/ is confined like any file it names: it may lead into the game's assets,
  // nowhere else. Missing is the usual case (the system's serif serves) and no problem.
  const ResolvedPath fonts = resolve_story_folder(dir, "fonts", assets);
  if (fonts.problem == PathProblem::None) {
    files.font_folders.push_back(fonts.path);
  } else if (fonts.problem != PathProblem::Missing) {
    files.fonts_problem = fonts.problem;
  }
  // The game's own fonts are the game's: where its assets' fonts/ leads (a package may link it
  // to the system's) is trusted.
  if (!assets.empty()) {
    std::error_code ec;
    const fs::path own = fs::weakly_canonical(fs::absolute(fs::path(assets) / "fonts", ec), ec);
    if (!ec && fs::is_directory(own, ec) &&
        std::find(files.font_folders.begin(), files.font_folders.end(), own.string()) ==
            files.font_folders.end()) {
      files.font_folders.push_back(own.string());
    }
  }
  return files;
}

}  // namespace threshold::story
