// The window on a real X server of a given size (an Xvfb of its own, started here): fully on
// the screen when the screen is exactly the window's size and when it is smaller. On a 1280×720
// screen the window once opened 280 px down, its lower part (the lines, the lower menu items)
// off-screen.
#include "threshold/platform/window.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SFML/Graphics/RenderWindow.hpp>
#include <cstdlib>
#include <string>

#include "threshold/platform/display.h"

// Xlib last: its macros (None, Bool, Status) would break the headers above.
#include <X11/Xlib.h>

extern char** environ;

namespace threshold::platform {
namespace {

// An Xvfb with one screen of `width`×`height`, on a display number it picks itself.
class OwnXServer {
 public:
  OwnXServer(unsigned width, unsigned height) {
    int fds[2];
    if (pipe(fds) != 0) return;
    const std::string fd = std::to_string(fds[1]);
    const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
    const char* argv[] = {"Xvfb",         "-displayfd", fd.c_str(), "-screen", "0",
                          screen.c_str(), "-nolisten",  "tcp",      nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    const int spawned =
        posix_spawnp(&pid_, "Xvfb", &actions, nullptr, const_cast<char* const*>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (spawned != 0) {
      pid_ = -1;
      close(fds[0]);
      return;
    }
    // Xvfb writes its display number when it is ready for clients.
    char buf[16] = {};
    ssize_t n = 0, got = 0;
    while (got < static_cast<ssize_t>(sizeof buf) - 1 &&
           (n = read(fds[0], buf + got, sizeof buf - 1 - static_cast<size_t>(got))) > 0) {
      got += n;
      if (buf[got - 1] == '\n') break;
    }
    close(fds[0]);
    if (got > 0) display_ = ":" + std::string(buf, static_cast<size_t>(got - 1));
  }
  ~OwnXServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  const std::string& display() const { return display_; }

 private:
  pid_t pid_ = -1;
  std::string display_;
};

struct Placed {
  int x = 0, y = 0;
  unsigned width = 0, height = 0;
};

// Opens the game's window on `display` and asks the X server where it is. In a child process:
// SFML keeps its connection to the display until the process ends, and this display is gone
// before then.
Placed open_on(const std::string& display) {
  Placed p;
  int fds[2];
  if (pipe(fds) != 0) return p;
  const pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    setenv("DISPLAY", display.c_str(), 1);
    Placed here;
    if (display_problem().empty()) {
      sf::RenderWindow window;
      open_window(window, false);
      window.display();
      if (Display* x = XOpenDisplay(display.c_str())) {
        XSync(x, False);
        const Window handle = window.getSystemHandle();
        XWindowAttributes attributes;
        XGetWindowAttributes(x, handle, &attributes);
        Window under;
        XTranslateCoordinates(x, handle, DefaultRootWindow(x), 0, 0, &here.x, &here.y, &under);
        here.width = static_cast<unsigned>(attributes.width);
        here.height = static_cast<unsigned>(attributes.height);
      }
    }
    ssize_t written = write(fds[1], &here, sizeof here);
    _exit(written == sizeof here ? 0 : 1);
  }
  close(fds[1]);
  if (child > 0) {
    EXPECT_EQ(read(fds[0], &p, sizeof p), static_cast<ssize_t>(sizeof p));
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  close(fds[0]);
  return p;
}

TEST(WindowOnScreen, AScreenExactlyTheWindowsSizeShowsAllOfIt) {
  OwnXServer server(1280, 720);
  ASSERT_FALSE(server.display().empty()) << "Xvfb did not start";
  const Placed p = open_on(server.display());
  EXPECT_EQ(p.x, 0);
  EXPECT_EQ(p.y, 0);
  EXPECT_EQ(p.width, 1280u);
  EXPECT_EQ(p.height, 720u);
}

TEST(WindowOnScreen, AScreenSmallerThanTheWindowShowsAllOfIt) {
  OwnXServer server(1024, 600);
  ASSERT_FALSE(server.display().empty()) << "Xvfb did not start";
  const Placed p = open_on(server.display());
  EXPECT_GE(p.x, 0);
  EXPECT_GE(p.y, 0);
  EXPECT_LE(p.x + static_cast<int>(p.width), 1024);
  EXPECT_LE(p.y + static_cast<int>(p.height), 600);
  EXPECT_EQ(p.width, 1024u);  // as large as fits, 16:9
  EXPECT_EQ(p.height, 576u);
}

}  // namespace
}  // namespace threshold::platform
