// Settings: the file round-trips, damage never stops the game, numbers are clamped, and saving
// never leaves a half-written file.
#include "threshold/platform/settings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace threshold::platform {
namespace {

std::string temp_dir(const std::string& name) {
  const std::string dir =
      (std::filesystem::temp_directory_path() / ("threshold_settings_" + name)).string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Settings, ChangedSettingsReadBackTheSame) {
  const std::string dir = temp_dir("round_trip");
  Settings s;
  s.text_scale = 1.25f;
  s.text_speed = 0.75f;
  s.master_volume = 0.3f;
  s.ambience_volume = 0.1f;
  s.effects_volume = 0.f;
  s.music_volume = 0.55f;
  s.hints = true;
  s.reduced_motion = true;
  s.fullscreen = true;
  s.untimed = true;
  s.time_scale = 1.5f;
  s.time_unlimited = true;
  s.cooldown = 0.5f;
  s.face = TextFace::OpenDyslexic;
  s.line_spacing = 1.5f;
  s.high_contrast = true;
  s.captions = true;
  s.speech = Speech::LinesAndThings;
  s.speech_volume = 0.4f;
  ASSERT_EQ(save_settings(dir + "/settings.txt", s), "");
  const LoadedSettings loaded = load_settings(dir + "/settings.txt");
  EXPECT_TRUE(loaded.found);
  EXPECT_TRUE(loaded.notices.empty()) << loaded.notices.front();
  EXPECT_EQ(loaded.settings, s);
}

TEST(Settings, AMissingFileGivesTheDefaultsAndSaysSo) {
  const std::string dir = temp_dir("missing");
  const LoadedSettings loaded = load_settings(dir + "/settings.txt");
  EXPECT_FALSE(loaded.found);
  EXPECT_EQ(loaded.settings, Settings{});
  ASSERT_EQ(loaded.notices.size(), 1u);
  EXPECT_NE(loaded.notices[0].find("defaults"), std::string::npos);
}

TEST(Settings, GarbageGivesTheDefaultsWithNotices) {
  const LoadedSettings loaded = settings_from_text(
      "\x7f"
      "ELF\x01\x02 garbage\n{[}}\n");
  EXPECT_EQ(loaded.settings, Settings{});
  EXPECT_FALSE(loaded.notices.empty());

  const LoadedSettings binary = settings_from_text(std::string("text_scale = 1.5\n\0\0\0", 21));
  EXPECT_EQ(binary.settings, Settings{});
  ASSERT_EQ(binary.notices.size(), 1u);
  EXPECT_NE(binary.notices[0].find("not text"), std::string::npos);
}

TEST(Settings, BadValuesKeepTheirDefaultsAndGoodOnesStillCount) {
  const LoadedSettings loaded = settings_from_text(
      "hints = perhaps\n"
      "text_speed = fast\n"
      "master_volume = nan\n"
      "reduced_motion = on\n"
      "text_scale = 1.5   # bigger\n");
  EXPECT_FALSE(loaded.settings.hints);
  EXPECT_EQ(loaded.settings.text_speed, Settings{}.text_speed);
  EXPECT_EQ(loaded.settings.master_volume, Settings{}.master_volume);
  EXPECT_TRUE(loaded.settings.reduced_motion);
  EXPECT_FLOAT_EQ(loaded.settings.text_scale, 1.5f);
  EXPECT_EQ(loaded.notices.size(), 3u);
}

TEST(Settings, CaptionsAreOffUntilTurnedOnAndABadValueKeepsThemOff) {
  EXPECT_FALSE(Settings{}.captions);
  EXPECT_TRUE(settings_from_text("captions = true\n").settings.captions);
  EXPECT_NE(settings_to_text(Settings{}).find("captions = false"), std::string::npos);
  const LoadedSettings loaded = settings_from_text("captions = loud\nhints = true\n");
  EXPECT_FALSE(loaded.settings.captions);
  EXPECT_TRUE(loaded.settings.hints);
  ASSERT_EQ(loaded.notices.size(), 1u);
  EXPECT_NE(loaded.notices[0].find("captions"), std::string::npos);
}

TEST(Settings, UnknownKeysAreIgnored) {
  const LoadedSettings loaded = settings_from_text("colour_of_sky = blue\nuntimed = true\n");
  EXPECT_TRUE(loaded.settings.untimed);
  ASSERT_EQ(loaded.notices.size(), 1u);
  EXPECT_NE(loaded.notices[0].find("colour_of_sky"), std::string::npos);
}

TEST(Settings, SpeechIsOffUnlessTheFileNamesOneOfItsThreeWords) {
  EXPECT_EQ(Settings{}.speech, Speech::Off);
  EXPECT_EQ(settings_from_text("speech = lines\n").settings.speech, Speech::Lines);
  EXPECT_EQ(settings_from_text("speech = lines_and_things\n").settings.speech,
            Speech::LinesAndThings);
  EXPECT_EQ(settings_from_text("speech = lines\nspeech = off\n").settings.speech, Speech::Off);
  // A word it does not know keeps speech off, says so once, and spoils nothing else.
  const LoadedSettings loaded = settings_from_text("speech = loud\nhints = true\n");
  EXPECT_EQ(loaded.settings.speech, Speech::Off);
  EXPECT_TRUE(loaded.settings.hints);
  ASSERT_EQ(loaded.notices.size(), 1u);
  EXPECT_NE(loaded.notices[0].find("speech = 'loud'"), std::string::npos) << loaded.notices[0];
  EXPECT_NE(settings_to_text(Settings{}).find("speech = off\n"), std::string::npos);
}

TEST(Settings, TheLanguageIsTheEnvironmentsUntilTheFileNamesOne) {
  EXPECT_EQ(Settings{}.language, "");
  EXPECT_EQ(settings_to_text(Settings{}).find("language"), std::string::npos);
  EXPECT_EQ(settings_from_text("language = fr\n").settings.language, "fr");
  Settings french;
  french.language = "pt_BR";
  EXPECT_EQ(settings_from_text(settings_to_text(french)).settings, french);
  const LoadedSettings loaded = settings_from_text("language = ../../etc\n");
  EXPECT_EQ(loaded.settings.language, "");
  ASSERT_EQ(loaded.notices.size(), 1u);
  EXPECT_NE(loaded.notices[0].find("not a language name"), std::string::npos) << loaded.notices[0];
}

TEST(Settings, NumbersOutOfRangeAreClamped) {
  const LoadedSettings loaded = settings_from_text(
      "text_scale = 9\ntext_speed = 0.01\nmaster_volume = -3\nmusic_volume = 1e9\n");
  EXPECT_FLOAT_EQ(loaded.settings.text_scale, kMaxTextScale);
  EXPECT_FLOAT_EQ(loaded.settings.text_speed, kMinTextSpeed);
  EXPECT_FLOAT_EQ(loaded.settings.master_volume, 0.f);
  EXPECT_FLOAT_EQ(loaded.settings.music_volume, 1.f);
  EXPECT_EQ(loaded.notices.size(), 4u);
}

TEST(Settings, ALongGarbageFileDoesNotFloodTheLog) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "junk line " + std::to_string(i) + "\n";
  const LoadedSettings loaded = settings_from_text(text);
  EXPECT_LE(loaded.notices.size(), 9u);
  EXPECT_NE(loaded.notices.back().find("more"), std::string::npos);
}

TEST(Settings, SavingReplacesTheFileWholeAndLeavesNoTemporary) {
  const std::string dir = temp_dir("atomic");
  const std::string path = dir + "/settings.txt";
  Settings a;
  a.hints = true;
  ASSERT_EQ(save_settings(path, a), "");
  Settings b;
  b.text_scale = 1.75f;
  ASSERT_EQ(save_settings(path, b), "");
  EXPECT_EQ(read(path), settings_to_text(b));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir),
                          std::filesystem::directory_iterator()),
            1)
      << "a temporary file was left behind";
  EXPECT_EQ(load_settings(path).settings, b);
}

TEST(Settings, SavingIntoAMissingDirectoryFailsWithAReason) {
  const std::string dir = temp_dir("nodir");
  EXPECT_NE(save_settings(dir + "/no/such/dir/settings.txt", Settings{}), "");
}

TEST(Settings, TimeToActIsClampedToOneToThreeTimesAndTheCooldownToTwoSeconds) {
  const LoadedSettings loaded =
      settings_from_text("time_scale = 10\ncooldown = -1\ntime_unlimited = maybe\n");
  EXPECT_EQ(loaded.settings.time_scale, kMaxTimeScale);
  EXPECT_EQ(loaded.settings.cooldown, 0.f);
  EXPECT_FALSE(loaded.settings.time_unlimited);
  ASSERT_EQ(loaded.notices.size(), 3u);
  EXPECT_NE(loaded.notices[0].find("time_scale = 10 is outside 1 to 3; using 3"), std::string::npos)
      << loaded.notices[0];
}

TEST(Settings, AnUnknownFontKeepsTheSerifAndSaysWhichFontsThereAre) {
  const LoadedSettings loaded = settings_from_text("font = comic_sans\nfont = dejavu_sans\n");
  EXPECT_EQ(loaded.settings.face, TextFace::Sans);  // the second line is good
  ASSERT_EQ(loaded.notices.size(), 1u);
  EXPECT_EQ(loaded.notices[0],
            "settings line 1: font = 'comic_sans' is not garamond, opendyslexic or dejavu_sans; "
            "kept the default");
}

}  // namespace
}  // namespace threshold::platform
