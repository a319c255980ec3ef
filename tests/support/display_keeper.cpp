// Linked into every test executable that opens a window or a GL context (render_tests,
// gameloop_tests, overlay_tests): one GL context, and so SFML's X connection, kept open for the
// whole run. Without it every test closes the last connection, Xvfb resets the server, and the
// next test's connection can land in the middle of the reset and fail ("Failed to open X11
// display"; SFML then aborts the process).
#include <gtest/gtest.h>

#include <SFML/Window/Context.hpp>
#include <memory>

#include "threshold/platform/display.h"

namespace threshold::test_support {
namespace {

class KeepTheDisplayOpen : public ::testing::Environment {
 public:
  void SetUp() override {
    // With no display SFML would abort here; the tests that need one skip or say so themselves.
    if (platform::display_problem().empty()) context_ = std::make_unique<sf::Context>();
  }
  void TearDown() override { context_.reset(); }

 private:
  std::unique_ptr<sf::Context> context_;
};

// Registered before main runs: an object library, so the linker keeps it though nothing names it.
::testing::Environment* const keep_the_display_open =
    ::testing::AddGlobalTestEnvironment(new KeepTheDisplayOpen);

}  // namespace
}  // namespace threshold::test_support
