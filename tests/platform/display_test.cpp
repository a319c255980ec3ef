// The display check: with no display, `threshold play` must be told so before SFML can abort.
#include "threshold/platform/display.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace threshold::platform
