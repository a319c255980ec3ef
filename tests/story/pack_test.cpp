// The compiled story (pack.h): every test story and the bundled one read back from their pack
// equal, field by field, to their YAML load; a pack that is cut short, flipped, foreign or of
// another version is refused with one line and never crashes the reader.
#include "threshold/story/pack.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/test_story.h"
#include "threshold/story/explorer.h"
#include "threshold/story/expression.h"
#include "threshold/story/loader.h"

namespace threshold::story {
namespace {

namespace fs = std::filesystem;

const std::string kTests = THRESHOLD_TESTS_DIR;
const std::string kData = THRESHOLD_DATA_DIR;
const std::string kAssets = std::string(THRESHOLD_DATA_DIR) + "/../assets";

PackResult read_bytes(const std::string& bytes, const PackOptions& options) {
  auto copy = std::make_unique<char[]>(std::max<size_t>(bytes.size(), 1));
  std::memcpy(copy.get(), bytes.data(), bytes.size());
  return read_pack(std::move(copy), bytes.size(), options);
}

std::string pack_of(const Story& story, const std::string& assets = {}) {
  std::string error;
  const std::optional<std::string> bytes = write_pack(story, assets, &error);
  EXPECT_TRUE(bytes) << error;
  return bytes.value_or("");
}

// Every story folder of tests/stories/ that loads, and the bundled story.
std::vector<std::string> loadable_stories() {
  std::vector<std::string> dirs = {kData};
  for (const auto& entry : fs::directory_iterator(kTests + "/stories")) {
    if (!fs::is_regular_file(entry.path() / "story.yaml")) continue;
    LoadOptions options;
    options.assets_dir = kAssets;
    if (load_story(entry.path().string(), options).story) dirs.push_back(entry.path().string());
  }
  return dirs;
}

TEST(Pack, EveryStoryReadsBackEqualFieldByFieldToItsYaml) {
  const std::vector<std::string> dirs = loadable_stories();
  ASSERT_GT(dirs.size(), 15u);
  size_t warned = 0;
  for (const std::string& dir : dirs) {
    SCOPED_TRACE(dir);
    LoadOptions load;
    load.assets_dir = kAssets;
    LoadResult yaml = load_story(dir, load);
    ASSERT_TRUE(yaml.story);
    PackOptions options;
    options.story_dir = dir;
    options.assets_dir = kAssets;
    std::string error;
    const std::optional<std::string> bytes =
        write_pack(*yaml.story, kAssets, &error, &yaml.diagnostics);
    ASSERT_TRUE(bytes) << error;
    PackResult packed = read_bytes(*bytes, options);
    ASSERT_TRUE(packed.story) << packed.error;
    EXPECT_EQ(story_difference(*yaml.story, *packed.story), "");
    EXPECT_EQ(packed.warnings.format_all(), yaml.diagnostics.format_all());
    if (yaml.diagnostics.warning_count() > 0) ++warned;
  }
  EXPECT_GT(warned, 0u);  // the load's warnings were compared on a story that has some
}

TEST(Pack, TheComparisonNamesTheFieldThatDiffers) {
  const Story yaml = test_support::load_test_story("tools_text");
  Story other = yaml;
  EXPECT_EQ(story_difference(yaml, other), "");
  other.scenes[0].beats[0].lines[0].linger += 1;
  EXPECT_EQ(story_difference(yaml, other), ".scenes[0].beats[0].lines[0].linger");
  other = yaml;
  other.scenes.back().visual.drift += 1;
  EXPECT_NE(story_difference(yaml, other).find(".visual.drift"), std::string::npos);
  other = yaml;
  other.sources = Sources();
  EXPECT_EQ(story_difference(yaml, other), "sources");
}

TEST(Pack, LinesAreReadInPlaceFromThePacksOwnBytes) {
  const Story yaml = test_support::load_test_story("tools_text");
  PackOptions options;
  options.story_dir = yaml.dir;
  PackResult packed = read_bytes(pack_of(yaml), options);
  ASSERT_TRUE(packed.story) << packed.error;
  const Line& line = packed.story->scenes[0].beats[0].lines[0];
  ASSERT_TRUE(line.text);
  EXPECT_TRUE(packed.story->strings->owns(line.text->plain));
}

TEST(Pack, ExploringThePackFindsTheSameStates) {
  const Story yaml = test_support::load_test_story("tools_explore");
  PackOptions options;
  options.story_dir = yaml.dir;
  PackResult packed = read_bytes(pack_of(yaml), options);
  ASSERT_TRUE(packed.story) << packed.error;
  const ExploreResult a = explore(yaml);
  const ExploreResult b = explore(*packed.story);
  EXPECT_GT(a.states, 1u);
  EXPECT_EQ(a.states, b.states);
}

TEST(Pack, PathsFollowThePackToItsFolder) {
  const Story yaml = test_support::load_test_story("render_kitchen");
  const std::string bytes = pack_of(yaml);
  const fs::path moved = fs::path(::testing::TempDir()) / "moved_story";
  PackOptions options;
  options.story_dir = moved.string();
  PackResult packed = read_bytes(bytes, options);
  ASSERT_TRUE(packed.story) << packed.error;
  EXPECT_EQ(packed.story->dir, moved.string());
  for (size_t f = 0; f < packed.story->sources.size(); ++f) {
    EXPECT_EQ(packed.story->sources.path(static_cast<int32_t>(f)).rfind(moved.string(), 0), 0u)
        << packed.story->sources.path(static_cast<int32_t>(f));
  }
}

class BadPack : public ::testing::Test {
 protected:
  void SetUp() override {
    story_ = test_support::load_test_story("tools_text");
    bytes_ = pack_of(story_);
    options_.story_dir = story_.dir;
  }
  Story story_;
  std::string bytes_;
  PackOptions options_;
};

TEST_F(BadPack, EveryTruncationIsRefusedAsTruncated) {
  for (size_t n = 0; n < bytes_.size(); ++n) {
    const PackResult r = read_bytes(bytes_.substr(0, n), options_);
    ASSERT_FALSE(r.story) << n;
    if (n < 32) {
      EXPECT_EQ(r.error, "not a Threshold story pack") << n;
    } else {
      EXPECT_EQ(r.error.rfind("truncated: ", 0), 0u) << n << ": " << r.error;
    }
  }
}

TEST_F(BadPack, AFlippedByteFailsTheChecksum) {
  for (size_t at = 32; at < bytes_.size(); at += 7) {
    std::string bad = bytes_;
    bad[at] = static_cast<char>(bad[at] ^ 0x20);
    const PackResult r = read_bytes(bad, options_);
    ASSERT_FALSE(r.story) << at;
    EXPECT_EQ(r.error, "corrupt: its checksum does not match its contents");
  }
}

// Past the checksum (a pack made by hand, or the fuzz harness): the parser and the index checks
// refuse what does not add up, or read a story; never crash.
TEST_F(BadPack, BehindTheChecksumEveryFlipIsReadOrRefusedWithoutCrashing) {
  options_.verify_checksum = false;
  size_t refused = 0;
  for (size_t at = 32; at < bytes_.size(); ++at) {
    for (const int mask : {0x01, 0x80, 0xFF}) {
      std::string bad = bytes_;
      bad[at] = static_cast<char>(bad[at] ^ mask);
      const PackResult r = read_bytes(bad, options_);
      if (!r.story) {
        ++refused;
        EXPECT_EQ(r.error.rfind("corrupt: ", 0), 0u) << r.error;
      }
    }
  }
  // Not vacuous: a good share of the flips (in counts, indexes, enums, strings) are refused.
  EXPECT_GT(refused, bytes_.size() / 2);
}

TEST_F(BadPack, AnotherVersionIsRefusedWithWhatToDo) {
  std::string old = bytes_;
  const uint32_t version = kPackVersion - 1;
  std::memcpy(old.data() + 8, &version, 4);
  const PackResult r = read_bytes(old, options_);
  ASSERT_FALSE(r.story);
  EXPECT_EQ(r.error,
            "a story pack of format version 0, and this game reads version 1: make it "
            "again with `threshold pack`");
}

TEST_F(BadPack, AForeignFileIsNotAPack) {
  const std::string yaml = "title: not a pack\nstart: kitchen\n" + std::string(64, ' ');
  const PackResult r = read_bytes(yaml, options_);
  ASSERT_FALSE(r.story);
  EXPECT_EQ(r.error, "not a Threshold story pack");
}

TEST_F(BadPack, AHugeCountIsRefusedBeforeAnythingIsAllocated) {
  // The string table's length, the first word of the payload, claims 2^60 bytes.
  std::string bad = bytes_;
  const uint64_t huge = uint64_t{1} << 60;
  std::memcpy(bad.data() + 32, &huge, 8);
  options_.verify_checksum = false;
  const PackResult r = read_bytes(bad, options_);
  ASSERT_FALSE(r.story);
  EXPECT_EQ(r.error, "corrupt: the string table is longer than the file");
}

// load_pack reads a file's string table whole and the rest through a window, checking the
// checksum as it goes: a flip anywhere is the checksum's error; behind it, read or refused.
TEST_F(BadPack, OnDiskAFlipIsTheChecksumsErrorAndBehindItNeverACrash) {
  const std::string path = ::testing::TempDir() + "/flipped.pack";
  options_.window_bytes = 16;
  for (size_t at = 32; at < bytes_.size(); at += 5) {
    std::string bad = bytes_;
    bad[at] = static_cast<char>(bad[at] ^ 0x41);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bad;
    options_.verify_checksum = true;
    const PackResult checked = load_pack(path, options_);
    ASSERT_FALSE(checked.story) << at;
    // A flip in the string table's length (bytes 32 to 39) may make it longer than the file,
    // which is said before any checksum is computed.
    const bool length =
        at < 40 && checked.error == "corrupt: the string table is longer than the file";
    if (!length) {
      EXPECT_EQ(checked.error, "corrupt: its checksum does not match its contents") << at;
    }
    options_.verify_checksum = false;
    const PackResult unchecked = load_pack(path, options_);
    if (!unchecked.story) {
      EXPECT_FALSE(unchecked.error.empty()) << at;
    }
  }
  std::remove(path.c_str());
}

// The window load_pack reads through, at its smallest, is crossed by nearly every field: the
// story read through it is still the YAML's.
TEST(PackFile, ReadThroughASmallWindowTheStoryIsStillEqual) {
  LoadOptions load;
  load.assets_dir = kAssets;
  LoadResult yaml = load_story(kData, load);
  ASSERT_TRUE(yaml.story);
  const std::string path = ::testing::TempDir() + "/windowed.pack";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << pack_of(*yaml.story, kAssets);
  for (const size_t window : {size_t{16}, size_t{17}, size_t{4096}}) {
    PackOptions options;
    options.story_dir = kData;
    options.assets_dir = kAssets;
    options.window_bytes = window;
    const PackResult packed = load_pack(path, options);
    ASSERT_TRUE(packed.story) << window << ": " << packed.error;
    EXPECT_EQ(story_difference(*yaml.story, *packed.story), "") << window;
  }
  std::remove(path.c_str());
}

TEST(PackFile, AMissingFileSaysSo) {
  const PackResult r = load_pack(::testing::TempDir() + "/no/such.pack");
  ASSERT_FALSE(r.story);
  EXPECT_EQ(r.error.rfind("cannot read it: ", 0), 0u) << r.error;
}

TEST(PackFile, APackOnDiskIsKnownByItsFirstBytesAndLoadsBesideItsFolder) {
  const Story yaml = test_support::load_test_story("tools_text");
  const std::string path = ::testing::TempDir() + "/tools_text.pack";
  {
    std::ofstream out(path, std::ios::binary);
    out << pack_of(yaml);
  }
  EXPECT_TRUE(looks_like_pack(path));
  EXPECT_FALSE(looks_like_pack(yaml.dir));
  EXPECT_FALSE(looks_like_pack(yaml.dir + "/story.yaml"));
  const PackResult r = load_pack(path);
  ASSERT_TRUE(r.story) << r.error;
  EXPECT_EQ(r.story->dir, fs::path(path).parent_path().string());
  EXPECT_EQ(r.story->title, yaml.title);
}

}  // namespace
}  // namespace threshold::story
