// XDG paths: the environment decides where settings and saves go, and the game creates the
// directories itself.
#include "threshold/platform/paths.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace threshold::platform {
namespace {

TEST(Paths, XdgVariablesWin) {
  const Paths p = paths_for("/x/config", "/x/data/", "/home/ann");
  EXPECT_EQ(p.config_dir, "/x/config/threshold");
  EXPECT_EQ(p.data_dir, "/x/data/threshold");
  EXPECT_EQ(p.settings_file(), "/x/config/threshold/settings.txt");
  EXPECT_EQ(p.autosave_file(), "/x/data/threshold/autosave.txt");
  EXPECT_EQ(p.screenshots_dir(), "/x/data/threshold/screenshots");
}

TEST(Paths, WithoutXdgVariablesTheHomeDefaultsAreUsed) {
  const Paths p = paths_for(nullptr, "", "/home/ann");
  EXPECT_EQ(p.config_dir, "/home/ann/.config/threshold");
  EXPECT_EQ(p.data_dir, "/home/ann/.local/share/threshold");
}

TEST(Paths, RelativeXdgValuesAreIgnoredAsTheSpecSays) {
  const Paths p = paths_for("relative/config", "data", "/home/ann");
  EXPECT_EQ(p.config_dir, "/home/ann/.config/threshold");
  EXPECT_EQ(p.data_dir, "/home/ann/.local/share/threshold");
}

TEST(Paths, DirectoriesAreCreatedOnDemand) {
  const std::string base =
      (std::filesystem::temp_directory_path() / "threshold_paths_test").string();
  std::filesystem::remove_all(base);
  const Paths p = paths_for((base + "/c").c_str(), (base + "/d").c_str(), "/nonexistent");
  EXPECT_EQ(ensure_directory(p.screenshots_dir()), "");
  EXPECT_TRUE(std::filesystem::is_directory(p.screenshots_dir()));
  EXPECT_EQ(ensure_directory(p.screenshots_dir()), "");  // already there: fine
  // A file in the way is reported, not thrown.
  std::filesystem::create_directories(base);
  { std::ofstream(base + "/file") << "x"; }
  EXPECT_NE(ensure_directory(base + "/file"), "");
}

}  // namespace
}  // namespace threshold::platform
