// Loading a verb's STORY_DIR. See story_dir.h.
#include "story_dir.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <utility>

#include "data_dir.h"
#include "threshold/story/loader.h"
#include "threshold/story/pack.h"

namespace threshold::game {

std::string count_of(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string story_pack_path(const std::string& dir, const char* argv0) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (dir.empty()) {
    const DataDirSearch found = find_data_dir(argv0);
    const std::string pack = found.dir + "/" + kBundledPackName;
    return found.installed && fs::is_regular_file(pack, ec) ? pack : "";
  }
  if (story::looks_like_pack(dir)) return dir;
  const std::string pack = dir + "/" + kBundledPackName;
  if (fs::is_directory(dir, ec) && !fs::exists(dir + "/story.yaml", ec) &&
      story::looks_like_pack(pack)) {
    return pack;
  }
  return "";
}

std::optional<story::Story> load_story_dir(const std::string& dir_arg, const char* argv0,
                                           story::Diagnostics* keep) {
  const std::string pack = story_pack_path(dir_arg, argv0);
  if (!pack.empty()) {
    story::PackOptions options;
    options.assets_dir = find_assets_dir(argv0);
    story::PackResult result = story::load_pack(pack, options);
    if (!result.story) {
      std::cerr << "threshold: " << pack << ": " << result.error << "\n";
      return std::nullopt;
    }
    if (keep) *keep = std::move(result.warnings);
    return std::move(result.story);
  }
  std::string dir = dir_arg;
  if (dir.empty()) {
    const DataDirSearch found = find_data_dir(argv0);
    if (found.dir.empty()) {
      std::cerr << "threshold: no story directory given and no bundled story found; looked in:\n";
      for (const std::string& t : found.tried) std::cerr << "  " << t << "\n";
      std::cerr << "pass the directory that holds story.yaml, e.g. `threshold check data`\n";
      return std::nullopt;
    }
    dir = found.dir;
  }
  story::LoadResult result = story::load_story(dir, game_load_options(argv0));
  result.diagnostics.sort();
  if (!result.story) {
    std::cerr << result.diagnostics.format_all();
    const size_t errors = result.diagnostics.error_count();
    std::cerr << "threshold: " << dir << ": " << count_of(errors, "error", "errors")
              << "; the story was not loaded\n";
    return std::nullopt;
  }
  if (keep) *keep = std::move(result.diagnostics);
  return std::move(result.story);
}

story::LoadOptions game_load_options(const char* argv0) {
  story::LoadOptions options;
  options.assets_dir = find_assets_dir(argv0);
  return options;
}

std::optional<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace threshold::game
