// The display check, with Xlib directly: see display.h.
#include "threshold/platform/display.h"

#include <X11/Xlib.h>

#include <cstdlib>

namespace threshold::platform {

std::string display_problem() {
  const char* name = std::getenv("DISPLAY");
  if (!name || !*name) return "DISPLAY is not set";
  Display* display = XOpenDisplay(name);
  if (!display) return std::string("cannot open display ") + name;
  XCloseDisplay(display);
  return "";
}

std::string no_display_message(const std::string& problem) {
  return "threshold: no display found (" + problem +
         "). Play in the terminal instead: threshold text";
}

}  // namespace threshold::platform
