// `threshold play` with no display says so in one line and exits 1; it never aborts.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

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

}  // namespace
