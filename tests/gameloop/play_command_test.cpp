// `threshold play` with no display says so in one line and exits 1; it never aborts.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Outcome {
  int status = -1;
  std::string output;
};

Outcome run_threshold(const std::string& command) {
  Outcome r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  std::array<char, 512> buf{};
  while (fgets(buf.data(), static_cast<int>(buf.size()), pipe)) r.output += buf.data();
  const int s = pclose(pipe);
  r.status = WIFEXITED(s) ? WEXITSTATUS(s) : 128 + WTERMSIG(s);
  return r;
}

TEST(PlayCommand, WithoutADisplayItSaysSoInOneLineAndPointsToTextMode) {
  // `threshold` with no command plays in the window too.
  for (const std::string& verb : {std::string("play ") + THRESHOLD_DATA_DIR, std::string()}) {
    const Outcome r = run_threshold(std::string("env -u DISPLAY ") + THRESHOLD_EXE + " " + verb);
    EXPECT_EQ(r.status, 1) << verb;
    EXPECT_EQ(r.output,
              "threshold: no display found (DISPLAY is not set). Play in the terminal instead: "
              "threshold text\n")
        << verb;
  }
}

TEST(PlayCommand, ADisplayThatCannotBeOpenedIsNoCrashEither) {
  const Outcome r = run_threshold(std::string("DISPLAY=:9871 ") + THRESHOLD_EXE + " play");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("cannot open display :9871"), std::string::npos) << r.output;
}

TEST(PlayCommand, DebugIsAcceptedForTheOverlayToCome) {
  const Outcome r = run_threshold(std::string("env -u DISPLAY ") + THRESHOLD_EXE + " play --debug");
  EXPECT_EQ(r.status, 1);  // no display, but --debug itself is not an error
  EXPECT_NE(r.output.find("no display found"), std::string::npos) << r.output;
}

// The game in its window, on this machine with no sound card: the terminal shows the game's one
// line about the sound, and the libraries' own messages (SFML's, ALSA's) are in the game's log.
TEST(PlayCommand, TheLibrariesMessagesGoToTheLogAndThePlayerReadsOneLine) {
  const std::filesystem::path home =
      std::filesystem::temp_directory_path() / "threshold_play_one_line";
  std::filesystem::remove_all(home);
  std::filesystem::create_directories(home);
  const std::string env = "HOME=" + home.string() + " XDG_CONFIG_HOME= XDG_DATA_HOME= ";
  // The window runs for a few seconds and is then told to stop, as a player closing it would be.
  const Outcome r =
      run_threshold(env + "timeout -s TERM 4 " + THRESHOLD_EXE + " play " + THRESHOLD_DATA_DIR);
  EXPECT_EQ(r.status, 124) << r.output;  // stopped by timeout, not by an error
  std::istringstream lines(r.output);
  std::vector<std::string> said;
  for (std::string line; std::getline(lines, line);) said.push_back(line);
  ASSERT_EQ(said.size(), 1u) << r.output;
  EXPECT_EQ(said[0].rfind("threshold: audio: ", 0), 0u) << said[0];
  EXPECT_TRUE(std::filesystem::exists(home / ".local/share/threshold/threshold.log"));
}

// THRESHOLD_STARTUP_REPORT (game/startup_clock.h, bench/startup_bench): the game writes the end
// of each step of its start, in order, once the title's first frame is on the window, and quits
// by itself (exit 0) instead of running on.
TEST(PlayCommand, AStartupReportNamesEachStepInOrderAndTheGameQuitsAfterTheFirstFrame) {
  const std::filesystem::path home =
      std::filesystem::temp_directory_path() / "threshold_play_startup_report";
  std::filesystem::remove_all(home);
  std::filesystem::create_directories(home);
  const std::string report = (home / "report").string();
  const std::string env = "HOME=" + home.string() + " XDG_CONFIG_HOME= XDG_DATA_HOME= " +
                          "THRESHOLD_STARTUP_REPORT=" + report + " ";
  const Outcome r =
      run_threshold(env + "timeout -s TERM 20 " + THRESHOLD_EXE + " play " + THRESHOLD_DATA_DIR);
  EXPECT_EQ(r.status, 0) << r.output;  // it quit by itself, before the timeout
  std::ifstream in(report);
  std::vector<std::string> steps;
  long long previous = 0;
  std::string step;
  long long ns = 0;
  while (in >> step >> ns) {
    steps.push_back(step);
    EXPECT_GE(ns, previous) << step;
    previous = ns;
  }
  const std::vector<std::string> expected = {"main",   "display", "story", "settings",   "fonts",
                                             "window", "audio",   "game",  "first_frame"};
  EXPECT_EQ(steps, expected);
  std::filesystem::remove_all(home);
}

}  // namespace
