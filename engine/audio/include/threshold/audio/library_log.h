// Where the sound libraries' own messages go. With no sound card, ALSA (through OpenAL Soft)
// prints eight lines of "ALSA lib confmisc.c:855:(parse_card) cannot find card '0'" and OpenAL
// Soft one "AL lib: (EE) ..." before the game's own clear line; a player should read only the
// game's. Called by `threshold play` before the first AudioEngine is made.
#pragma once

#include <string>

namespace threshold::audio {

// ALSA's messages are appended to `log_path` (the game's log, which the caller has begun);
// OpenAL Soft writes its own to `openal_log_path` (it has no callback: ALSOFT_LOGFILE), unless
// the player set ALSOFT_LOGFILE themselves. Returns "" or why the log could not be opened (the
// messages then stay on stderr).
std::string route_library_messages(const std::string& log_path, const std::string& openal_log_path);

}  // namespace threshold::audio
