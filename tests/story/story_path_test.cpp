// Where a story's files may be: inside the story folder, or inside the game's own assets
// folder, after every link is followed; nothing else is ever opened.
#include "threshold/story/story_path.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using threshold::story::PathProblem;
using threshold::story::resolve_story_path;

// A game's layout in a temporary folder: data/ (the story), assets/ beside it, and a folder
// outside both.
class GameFolders : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "threshold_paths_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    root_ = fs::canonical(tmpl);
    for (const char* d : {"data/images", "assets/sounds", "outside"}) {
      fs::create_directories(root_ / d);
    }
    for (const char* f : {"data/images/a.png", "assets/sounds/rain.ogg", "outside/secret.png"}) {
      std::ofstream(root_ / f) << "x";
    }
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string data() const { return (root_ / "data").string(); }
  std::string assets() const { return (root_ / "assets").string(); }
  fs::path root_;
};

TEST_F(GameFolders, TheGamesAssetsAreTheSecondPlaceAStorysFilesMayBe) {
  const auto r = resolve_story_path(data(), "../assets/sounds/rain.ogg", assets());
  EXPECT_EQ(r.problem, PathProblem::None);
  EXPECT_EQ(r.path, (root_ / "assets/sounds/rain.ogg").string());
  // The story's own files resolve as before.
  EXPECT_EQ(resolve_story_path(data(), "images/a.png", assets()).path,
            (root_ / "data/images/a.png").string());
}

TEST_F(GameFolders, WithoutTheAssetsFolderGivenAPathThereLeavesTheStory) {
  EXPECT_EQ(resolve_story_path(data(), "../assets/sounds/rain.ogg").problem,
            PathProblem::LeavesStory);
}

TEST_F(GameFolders, AnywhereElseIsStillRefusedWrittenOrThroughALink) {
  EXPECT_EQ(resolve_story_path(data(), "../outside/secret.png", assets()).problem,
            PathProblem::LeavesStory);
  EXPECT_EQ(resolve_story_path(data(), "../assets/../outside/secret.png", assets()).problem,
            PathProblem::LeavesStory);
  // A link inside the assets folder that leads out of it is as good as the path it leads to.
  fs::create_symlink(root_ / "outside/secret.png", root_ / "assets/sounds/link.ogg");
  EXPECT_EQ(resolve_story_path(data(), "../assets/sounds/link.ogg", assets()).problem,
            PathProblem::LinkLeaves);
  // A link in the story into the assets folder is fine: where it leads counts.
  fs::create_symlink(root_ / "assets/sounds/rain.ogg", root_ / "data/images/rain.ogg");
  EXPECT_EQ(resolve_story_path(data(), "images/rain.ogg", assets()).problem, PathProblem::None);
  EXPECT_EQ(resolve_story_path(data(), "images/rain.ogg").problem, PathProblem::LinkLeaves);
  EXPECT_EQ(
      resolve_story_path(data(), (root_ / "assets/sounds/rain.ogg").string(), assets()).problem,
      PathProblem::Absolute);
}

}  // namespace
