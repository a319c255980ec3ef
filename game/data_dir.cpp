// Finding the bundled story directory. See data_dir.h.
#include "data_dir.h"

#include <filesystem>
#include <system_error>

namespace threshold::game {

namespace fs = std::filesystem;

namespace {

fs::path executable_dir(const char* argv0) {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec && argv0 != nullptr) exe = fs::absolute(argv0, ec);
  return exe.parent_path();
}

bool has_story(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "story.yaml", ec);
}

std::vector<fs::path> data_dir_candidates(const char* argv0) {
  std::vector<fs::path> candidates;
  // Installed: <prefix>/games/threshold and <prefix>/share/games/threshold/data (Debian's places
  // for a game; game/CMakeLists.txt makes the relative path from the install directories).
  candidates.push_back(executable_dir(argv0) / THRESHOLD_INSTALL_DATA_FROM_EXE);
  // A build tree: the data/ folder of the sources it was built from.
  candidates.emplace_back(THRESHOLD_SOURCE_DATA_DIR);
  return candidates;
}

}  // namespace

DataDirSearch find_data_dir(const char* argv0) {
  DataDirSearch search;
  const std::vector<fs::path> candidates = data_dir_candidates(argv0);
  for (size_t i = 0; i < candidates.size(); ++i) {
    const fs::path dir = candidates[i].lexically_normal();
    search.tried.push_back(dir.string());
    if (search.dir.empty() && has_story(dir)) {
      search.dir = dir.string();
      search.installed = i == 0;  // the first candidate is the installed one
    }
  }
  return search;
}

std::string find_assets_dir(const char* argv0) {
  // Installed and in a source tree alike, assets/ is the bundled story's sibling.
  for (const fs::path& c : data_dir_candidates(argv0)) {
    const fs::path dir = (c / ".." / "assets").lexically_normal();
    std::error_code ec;
    if (fs::is_directory(dir, ec)) return dir.string();
  }
  return {};
}

}  // namespace threshold::game
