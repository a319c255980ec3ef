// The sound libraries' messages, routed. See library_log.h.
#include "threshold/audio/library_log.h"

#include <alsa/asoundlib.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace threshold::audio {

namespace {

FILE* alsa_log = nullptr;

// ALSA's own format: "ALSA lib file:line:(function) message".
extern "C" void alsa_message(const char* file, int line, const char* function, int err,
                             const char* fmt, ...) {
  if (alsa_log == nullptr) return;
  std::fprintf(alsa_log, "ALSA lib %s:%d:(%s) ", file, line, function);
  va_list args;
  va_start(args, fmt);
  std::vfprintf(alsa_log, fmt, args);
  va_end(args);
  if (err != 0) std::fprintf(alsa_log, ": %s", snd_strerror(err));
  std::fputc('\n', alsa_log);
  std::fflush(alsa_log);
}

}  // namespace

std::string route_library_messages(const std::string& log_path,
                                   const std::string& openal_log_path) {
  const char* own = std::getenv("ALSOFT_LOGFILE");
  if (own == nullptr || *own == '\0') setenv("ALSOFT_LOGFILE", openal_log_path.c_str(), 1);
  if (alsa_log == nullptr) {
    alsa_log = std::fopen(log_path.c_str(), "a");
    if (alsa_log == nullptr) return "cannot append to " + log_path + ": " + std::strerror(errno);
  }
  snd_lib_error_set_handler(alsa_message);
  return "";
}

}  // namespace threshold::audio
