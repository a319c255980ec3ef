// The display check: with no display, `threshold play` must be told so before SFML can abort.
#include "threshold/platform/display.h"

#include <gtest/gtest.h>

#include <SFML/Graphics/RenderWindow.hpp>
#include <csignal>
#include <cstdlib>
#include <string>

namespace threshold::platform {
namespace {

// Restores DISPLAY after a test changes it.
class SavedDisplay {
 public:
  SavedDisplay() {
    const char* d = std::getenv("DISPLAY");
    had_ = d != nullptr;
    if (had_) value_ = d;
  }
  ~SavedDisplay() {
    if (had_) {
      setenv("DISPLAY", value_.c_str(), 1);
    } else {
      unsetenv("DISPLAY");
    }
  }

 private:
  bool had_ = false;
  std::string value_;
};

TEST(Display, WithDisplayUnsetTheProblemIsNamed) {
  SavedDisplay saved;
  unsetenv("DISPLAY");
  EXPECT_EQ(display_problem(), "DISPLAY is not set");
  EXPECT_EQ(no_display_message(display_problem()),
            "threshold: no display found (DISPLAY is not set). Play in the terminal instead: "
            "threshold text");
}

TEST(Display, ADisplayThatCannotBeOpenedIsNamed) {
  SavedDisplay saved;
  setenv("DISPLAY", ":9871", 1);  // no server there
  EXPECT_EQ(display_problem(), "cannot open display :9871");
}

// SFML 2.5 aborts when it cannot open the X display. With the guard the player reads one line
// and the game exits with 1: here the check passes, and then the display is gone when SFML
// opens its window (as when an X server resets or refuses between the two).
TEST(DisplayDeathTest, SfmlLosingTheDisplayAfterTheCheckIsOneLineAndExitOne) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  ASSERT_EQ(display_problem(), "") << "run under xvfb-run";
  EXPECT_EXIT(
      {
        guard_against_display_loss("threshold: the display went away\n");
        setenv("DISPLAY", ":9873", 1);  // no server there
        sf::RenderWindow window(sf::VideoMode(64, 64), "lost");
      },
      ::testing::ExitedWithCode(1), "^threshold: the display went away\n$");
}

TEST(DisplayDeathTest, AnyOtherAbortStaysAnAbort) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        guard_against_display_loss("threshold: the display went away\n");
        std::abort();
      },
      ::testing::KilledBySignal(SIGABRT), "");
}

}  // namespace
}  // namespace threshold::platform
