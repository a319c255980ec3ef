// A real Speech Dispatcher daemon for one test, as the speech tests need it: its own folder under
// the temporary directory (configuration, log, pid file, unix socket), so tests run side by side
// (ctest -j2) never share one, and the generic output module told to append each message it is
// asked to say to a file, one line a message, which said() reads back (and the volume it was
// asked to say it at, which volumes() reads back). A message with
// "(slowly)" in it is then held for two seconds before its end is reported, so a test can cut
// in while it is being read. Stopped with its output module when the object goes (and, should
// the test process die, with it: the daemon is told to follow its parent).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace threshold::test_support {

class SpeechDaemon {
 public:
  SpeechDaemon();  // starts it and waits for its socket; ok() says whether it came up
  ~SpeechDaemon();
  SpeechDaemon(const SpeechDaemon&) = delete;
  SpeechDaemon& operator=(const SpeechDaemon&) = delete;

  bool ok() const { return error_.empty(); }
  // Why it did not come up, with its log's last lines.
  const std::string& error() const { return error_; }
  // "unix_socket:/tmp/threshold-speechd-XXXXXX/speechd.sock", for speech::connect.
  std::string address() const { return "unix_socket:" + socket_; }
  const std::string& folder() const { return dir_; }

  // What the output module was asked to say, in order: one entry a message.
  std::vector<std::string> said() const;
  // The volume the output module was given for each message ($VOLUME: the generic module's
  // number for the client's volume), in the same order.
  std::vector<std::string> volumes() const;
  // Waits until at least `count` messages were said, for at most `seconds` of the wall clock
  // (a daemon's pace, not a measurement): returns whether they were.
  bool wait_for(size_t count, double seconds = 20) const;

  // Stops the daemon now (a server that goes away mid-game); idempotent.
  void stop();
  // Whether any process still runs from this daemon's folder (its modules included).
  bool any_process_left() const;

 private:
  std::string log_tail() const;
  std::string dir_, socket_;
  pid_t pid_ = -1;
  std::string error_;
};

}  // namespace threshold::test_support
