// Is there a display to open a window on? SFML 2.5 aborts the whole process when it cannot open
// the X display, so `threshold play` asks here first, before touching any SFML window or
// graphics object, and says what is missing in one line.
#pragma once

#include <string>

namespace threshold::platform {

// "" when an X display can be opened; otherwise why not ("DISPLAY is not set", "cannot open
// display :7").
std::string display_problem();

// The one line `threshold play` prints when there is no display.
std::string no_display_message(const std::string& problem);

}  // namespace threshold::platform
