// Confining a story's media to its folder. See story_path.h.
#include "threshold/story/story_path.h"

#include <filesystem>
#include <system_error>

namespace threshold::story {

namespace fs = std::filesystem;

namespace {

// True when `p` (both sides already resolved) is `root` or lies below it.
bool inside(const fs::path& root, const fs::path& p) {
  const fs::path rel = p.lexically_relative(root);
  if (rel.empty()) return false;  // different roots: nothing in common
  const fs::path first = *rel.begin();
  return first != "..";
}

enum class Want { File, Folder };

ResolvedPath resolve(const std::string& story_dir, const std::string& written,
                     const std::string& assets_dir, Want want) {
  ResolvedPath out;
  const fs::path p(written);
  if (p.is_absolute() || p.has_root_name() || p.has_root_directory()) {
    out.problem = PathProblem::Absolute;
    return out;
  }
  std::error_code ec;
  const fs::path dir = story_dir.empty() ? fs::current_path(ec) : fs::path(story_dir);
  const fs::path root = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  fs::path assets;
  if (!assets_dir.empty()) assets = fs::weakly_canonical(fs::absolute(assets_dir, ec), ec);
  auto allowed = [&](const fs::path& q) {
    return inside(root, q) || (!assets.empty() && inside(assets, q));
  };
  // Written `..` that climbs out is reported as such even when nothing is there, so the writer
  // learns the rule rather than "not found".
  if (!allowed((root / p).lexically_normal())) {
    out.problem = PathProblem::LeavesStory;
    return out;
  }
  // weakly_canonical resolves every link on the part of the path that exists, and normalises
  // the rest lexically: whatever is left outside the root went out through a link.
  const fs::path full = fs::weakly_canonical(root / p, ec);
  if (ec) {  // a link loop, a folder that cannot be read: nothing the game could open
    out.problem = PathProblem::Missing;
    return out;
  }
  if (!allowed(full)) {
    out.problem = PathProblem::LinkLeaves;
    return out;
  }
  const fs::file_status status = fs::status(full, ec);
  if (!fs::exists(status)) {
    out.problem = PathProblem::Missing;
    return out;
  }
  if (want == Want::File ? !fs::is_regular_file(status) : !fs::is_directory(status)) {
    out.problem = want == Want::File ? PathProblem::NotAFile : PathProblem::NotAFolder;
    return out;
  }
  out.path = full.string();
  return out;
}

}  // namespace

ResolvedPath resolve_story_path(const std::string& story_dir, const std::string& written,
                                const std::string& assets_dir) {
  return resolve(story_dir, written, assets_dir, Want::File);
}

ResolvedPath resolve_story_folder(const std::string& story_dir, const std::string& written,
                                  const std::string& assets_dir) {
  return resolve(story_dir, written, assets_dir, Want::Folder);
}

std::string path_problem_text(PathProblem problem, const std::string& what) {
  switch (problem) {
    case PathProblem::None:
      return "";
    case PathProblem::Absolute:
      return what + " must be a path relative to the story folder, so that the story can move";
    case PathProblem::LeavesStory:
      return what + " leads out of the story folder; keep the story's files inside it";
    case PathProblem::LinkLeaves:
      return what +
             " is a link that leads out of the story folder; copy the file into the "
             "story instead";
    case PathProblem::Missing:
      return what + " not found in the story folder";
    case PathProblem::NotAFile:
      return what + " is not a file";
    case PathProblem::NotAFolder:
      return what + " is not a folder";
  }
  return "";
}

Code path_problem_code(PathProblem problem) {
  switch (problem) {
    case PathProblem::None:
      return Code::None;
    case PathProblem::Absolute:
    case PathProblem::LeavesStory:
    case PathProblem::LinkLeaves:
      return Code::PathOutsideStory;
    case PathProblem::Missing:
    case PathProblem::NotAFile:
    case PathProblem::NotAFolder:
      return Code::MediaMissing;
  }
  return Code::None;
}

}  // namespace threshold::story
