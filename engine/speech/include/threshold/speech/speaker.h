// Self-voicing: what the game says aloud, through Speech Dispatcher (the player's own server,
// voice, rate and language, as Orca uses them). `Voice` is what the game speaks through;
// `connect` reaches a server and gives a Speaker, or one line saying why it could not. The
// game's narration (game/narration.h) decides what is said and when; the tests speak through
// a real daemon (tests/support/speech_daemon.h), or, for the story's clock, through a voice
// whose durations are counted on the test's own clock.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace threshold::speech {

// What is being said, which decides whether it waits its turn or cuts in:
// - Line, Announcement: a story line, a moment opening; queued after what is being said.
// - Thing: the focused thing's name; cuts off an earlier thing or menu item, but waits for the
//   lines and announcements before it.
// - Menu: a menu's title or highlighted item; cuts off everything said before it.
enum class Kind : uint8_t { Line, Announcement, Thing, Menu };

// An utterance's number, for asking whether it is still being said; 0 is "nothing was said".
using Utterance = uint64_t;

class Voice {
 public:
  virtual ~Voice() = default;
  // Says `text`, returning its number (0 when it could not be sent: see failure()).
  virtual Utterance say(const std::string& text, Kind kind) = 0;
  // Stops what is being said and drops what waits.
  virtual void cancel() = 0;
  // Something said is still being read, or waits its turn.
  virtual bool speaking() const = 0;
  // `u` is still being read, or waits its turn (false for 0 and for ended or cancelled ones).
  virtual bool speaking(Utterance u) const = 0;
  // Why the voice stopped working after it was reached (the server went away); "" while well.
  virtual std::string failure() const = 0;
  // How loud what follows is said, 0..1 of the loudest the server speaks (Speech Dispatcher's
  // volume, -100..100; its default is the loudest). Until it is set, the player's own.
  virtual void set_volume(float fraction) = 0;
};

struct Connection {
  std::unique_ptr<Voice> voice;  // null when no server was reached
  std::string error;             // one line: why not
};

// Reaches a Speech Dispatcher server as `client_name`. `address` "" is the player's own server
// (SPEECHD_ADDRESS, else the user's default socket; started on demand when `autospawn`, as
// Speech Dispatcher's clients do), else "unix_socket:/path" or "inet_socket:host:port". Never
// throws; with no server installed or reachable, the error says so in one line.
Connection connect(const std::string& client_name, const std::string& address = "",
                   bool autospawn = true);

}  // namespace threshold::speech
