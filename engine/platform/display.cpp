// The display check and the guard against SFML's abort, with Xlib directly: see display.h.
#include "threshold/platform/display.h"

#include <X11/Xlib.h>
#include <unistd.h>

#include <SFML/System/Err.hpp>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <streambuf>

namespace threshold::platform {

namespace {

// The connection the check opened, kept for the life of the process (see display.h).
Display* kept_display = nullptr;

// SFML's error stream, passed on to where it went before, with the line being written kept in
// a fixed buffer that the abort handler can read without allocating.
constexpr size_t kLineSize = 256;
char sfml_line[kLineSize];
size_t sfml_length = 0;
char last_sfml_line[kLineSize];  // the last whole line SFML wrote
const char* guard_message = "";

// SFML 2.5 says "Failed to open X11 display; make sure the DISPLAY environment variable is set
// correctly" and aborts (src/SFML/Window/Unix/Display.cpp).
bool names_the_display(const char* line) {
  return std::strstr(line, "X11 display") != nullptr;
}

class SfmlErrors : public std::streambuf {
 public:
  explicit SfmlErrors(std::streambuf* next) : next_(next) {}
  void send_to(std::streambuf* next) { next_ = next; }

 protected:
  int_type overflow(int_type c) override {
    if (c == traits_type::eof()) return traits_type::not_eof(c);
    const char ch = traits_type::to_char_type(c);
    if (ch != '\n') {
      if (sfml_length + 1 < kLineSize) sfml_line[sfml_length++] = ch;
      return c;
    }
    sfml_line[sfml_length] = '\0';
    std::memcpy(last_sfml_line, sfml_line, sfml_length + 1);
    sfml_length = 0;
    // The line about the display is said by the guard's own message instead.
    if (next_ != nullptr && !names_the_display(last_sfml_line)) {
      next_->sputn(last_sfml_line, static_cast<std::streamsize>(std::strlen(last_sfml_line)));
      next_->sputc('\n');
    }
    return c;
  }
  int sync() override { return next_ != nullptr ? next_->pubsync() : 0; }

 private:
  std::streambuf* next_;
};

// The line SFML is writing, or the last it wrote, names the X display.
bool sfml_lost_the_display() {
  sfml_line[sfml_length < kLineSize ? sfml_length : kLineSize - 1] = '\0';
  return names_the_display(sfml_line) || names_the_display(last_sfml_line);
}

extern "C" void on_abort(int signal) {
  if (sfml_lost_the_display()) {
    const size_t n = std::strlen(guard_message);
    ssize_t written = write(STDERR_FILENO, guard_message, n);
    (void)written;
    _exit(1);
  }
  // Any other abort is not ours to explain: it goes on as an abort.
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

SfmlErrors& sfml_errors() {
  static SfmlErrors errors(sf::err().rdbuf());
  static bool installed = false;
  if (!installed) {
    installed = true;
    sf::err().rdbuf(&errors);
  }
  return errors;
}

}  // namespace

std::string display_problem() {
  const char* name = std::getenv("DISPLAY");
  if (!name || !*name) return "DISPLAY is not set";
  Display* display = XOpenDisplay(name);
  if (!display) return std::string("cannot open display ") + name;
  if (kept_display != nullptr) XCloseDisplay(kept_display);
  kept_display = display;
  return "";
}

std::string no_display_message(const std::string& problem) {
  return "threshold: no display found (" + problem +
         "). Play in the terminal instead: threshold text";
}

void route_sfml_messages(std::streambuf* to) {
  sfml_errors().send_to(to);
}

void guard_against_display_loss(const char* message) {
  static bool installed = false;
  sfml_errors();
  guard_message = message;
  if (installed) return;
  installed = true;
  struct sigaction action {};
  action.sa_handler = on_abort;
  sigemptyset(&action.sa_mask);
  sigaction(SIGABRT, &action, nullptr);
}

}  // namespace threshold::platform
