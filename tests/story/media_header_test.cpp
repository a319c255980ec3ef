// The media header checks `threshold check` runs on every image and sound a story names: what a
// writer reads for a file that is not what its name says, and that no header, however hostile,
// stops the check.
#include "threshold/story/media_header.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace threshold::story {
namespace {

namespace fs = std::filesystem;

std::string le32(uint32_t v) {
  return {static_cast<char>(v & 0xff), static_cast<char>((v >> 8) & 0xff),
          static_cast<char>((v >> 16) & 0xff), static_cast<char>((v >> 24) & 0xff)};
}

std::string le16(uint32_t v) {
  return {static_cast<char>(v & 0xff), static_cast<char>((v >> 8) & 0xff)};
}

class MediaHeader : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("threshold_media_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file(const std::string& name, const std::string& bytes) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  fs::path dir_;
};

std::string fmt_chunk(uint32_t channels, uint32_t rate) {
  return "fmt " + le32(16) + le16(1) + le16(channels) + le32(rate) + le32(rate * 4) + le16(4) +
         le16(16);
}

TEST_F(MediaHeader, AStereoWavAtAnOrdinaryRatePasses) {
  EXPECT_EQ(check_sound_header(file("a.wav", "RIFF" + le32(36) + "WAVE" + fmt_chunk(2, 44100))),
            "");
}

TEST_F(MediaHeader, AWavOfSixChannelsIsNamed) {
  EXPECT_EQ(check_sound_header(file("a.wav", "RIFF" + le32(36) + "WAVE" + fmt_chunk(6, 44100))),
            "has 6 channels; the game plays mono or stereo");
}

// Found by fuzz/media_header_fuzz.cpp: a chunk declaring 4,294,967,288 bytes (or ...287) made the
// walk's step 8 + size wrap to 0 in 32 bits, and `check` spun forever on the file.
TEST_F(MediaHeader, AChunkSizeThatWrapsDoesNotHangTheCheck) {
  for (uint32_t size : {0xFFFFFFF8u, 0xFFFFFFF7u, 0xFFFFFFFFu}) {
    const std::string path =
        file("wrap.wav", "RIFF" + le32(36) + "WAVE" + "LIST" + le32(size) + fmt_chunk(2, 44100));
    EXPECT_EQ(check_sound_header(path), "is cut short: its WAV header has no format") << size;
  }
}

TEST_F(MediaHeader, FontsAreKnownByTheirMagic) {
  for (const std::string& magic :
       {std::string("\0\1\0\0", 4), std::string("OTTO"), std::string("true"), std::string("ttcf"),
        std::string("wOFF"), std::string("wOF2")}) {
    EXPECT_EQ(check_font_header(file("a.ttf", magic + "tables")), "") << magic;
  }
  EXPECT_EQ(check_font_header(file("a.otf", "")), "is empty");
  EXPECT_EQ(check_font_header(file("a.otf", "OT")), "is cut short: it ends inside its font header");
  EXPECT_EQ(check_font_header(file("a.woff", "<html>")),
            "is not a font the game can read (it does not start like a TrueType, OpenType or WOFF "
            "font)");
  EXPECT_TRUE(is_font_file("fonts/EBGaramond12-Regular.OTF"));
  EXPECT_TRUE(is_font_file("a.woff2"));
  EXPECT_FALSE(is_font_file("fonts/LICENSE.txt"));
}

}  // namespace
}  // namespace threshold::story
