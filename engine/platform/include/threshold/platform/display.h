// Is there a display to open a window on? SFML 2.5 aborts the whole process when it cannot open
// the X display, so `threshold play` asks here first, before touching any SFML window or
// graphics object, and says what is missing in one line.
#pragma once

#include <streambuf>
#include <string>

namespace threshold::platform {

// "" when an X display can be opened; otherwise why not ("DISPLAY is not set", "cannot open
// display :7"). The connection it opened is kept for the life of the process: an X server that
// resets when its last client leaves (Xvfb without -noreset) would otherwise be resetting, and
// refusing, when SFML connects a moment later, and SFML aborts.
std::string display_problem();

// From here on, an abort that SFML makes because it cannot open (or lost) the X display writes
// `message` (one line, ending in a newline; it must outlive the process) and exits with status
// 1, never a SIGABRT with no word. SFML's error stream is passed on as before; any other abort
// stays an abort.
void guard_against_display_loss(const char* message);

// SFML's messages ("Setting vertical sync not supported") go to `to` (the game's log) instead
// of stderr; null: nowhere. The line about a lost display is always the guard's.
void route_sfml_messages(std::streambuf* to);

// The one line `threshold play` prints when there is no display.
std::string no_display_message(const std::string& problem);

}  // namespace threshold::platform
