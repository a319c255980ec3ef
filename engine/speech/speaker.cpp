// Speech Dispatcher's C API behind speech::Voice. See speaker.h.
//
// libspeechd reads the server's replies and events on a thread of its own (SPD_MODE_THREADED)
// and reports a message's end or cancellation through callbacks that carry the client's id and
// the message's, and no pointer of ours: a small registry from client id to Speaker is the one
// piece of state outside an object here. No lock is held across a libspeechd call, since its
// reader thread may be waiting on that lock in a callback while the call waits for the reader.
// A server that went away must not end the game: libspeechd writes to its socket with write(),
// which raises SIGPIPE on a closed one, so each call is made with SIGPIPE held off this thread.
#include "threshold/speech/speaker.h"

#include <libspeechd.h>
#include <pthread.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>

namespace threshold::speech {

namespace {

class Speaker;

std::mutex registry_mutex;
std::map<size_t, Speaker*> registry;  // client id → the Speaker that owns the connection

// libspeechd's errors span lines ("Error: ...\n Autospawn: ..."): one line for the game's log.
std::string one_line(const char* text) {
  std::string out;
  for (const char* p = text ? text : ""; *p; ++p) {
    const char c = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p;
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  return out.empty() ? "no reason given" : out;
}

// SIGPIPE blocked on this thread while it lives, and one raised meanwhile taken away unseen (it is
// sent to the thread that wrote, so nothing else could have been meant by it).
class NoBrokenPipe {
 public:
  NoBrokenPipe() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~NoBrokenPipe() {
    sigset_t pending;
    sigpending(&pending);
    if (!was_pending_ && sigismember(&pending, SIGPIPE) == 1) {
      const timespec now{};
      sigtimedwait(&pipe_, nullptr, &now);
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  NoBrokenPipe(const NoBrokenPipe&) = delete;
  NoBrokenPipe& operator=(const NoBrokenPipe&) = delete;

 private:
  sigset_t pipe_, old_;
  bool was_pending_ = false;
};

class Speaker final : public Voice {
 public:
  explicit Speaker(SPDConnection* connection) : connection_(connection) {
    NoBrokenPipe guard;
    connection_->callback_end = &Speaker::on_event;
    connection_->callback_cancel = &Speaker::on_event;
    spd_set_notification_on(connection_, SPD_END);
    spd_set_notification_on(connection_, SPD_CANCEL);
    client_ = spd_get_client_id(connection_);
    std::lock_guard lock(registry_mutex);
    registry[static_cast<size_t>(client_)] = this;
  }
  ~Speaker() override {
    {
      std::lock_guard lock(registry_mutex);
      auto at = registry.find(static_cast<size_t>(client_));
      if (at != registry.end() && at->second == this) registry.erase(at);
    }
    NoBrokenPipe guard;
    if (failure().empty()) spd_cancel(connection_);
    spd_close(connection_);
  }
  Speaker(const Speaker&) = delete;
  Speaker& operator=(const Speaker&) = delete;

  Utterance say(const std::string& text, Kind kind) override {
    if (text.empty() || !failure().empty()) return 0;
    if (kind == Kind::Menu || (kind == Kind::Thing && only_things_pending())) cancel();
    int id = -1;
    {
      NoBrokenPipe guard;
      id = spd_say(connection_, SPD_MESSAGE, text.c_str());
    }
    std::lock_guard lock(mutex_);
    if (id < 0) {
      failure_ = "the speech server stopped answering";
      pending_.clear();
      return 0;
    }
    const auto u = static_cast<Utterance>(id);
    newest_ = std::max(newest_, u);
    // The reader thread may have heard the end before spd_say returned the number.
    if (ended_early_.erase(u) == 0) pending_[u] = kind;
    return u;
  }

  void set_volume(float fraction) override {
    if (!failure().empty()) return;
    const int volume = static_cast<int>(std::lround(std::clamp(fraction, 0.f, 1.f) * 200.f)) - 100;
    NoBrokenPipe guard;
    if (spd_set_volume(connection_, volume) != 0) {
      std::lock_guard lock(mutex_);
      failure_ = "the speech server stopped answering";
    }
  }

  void cancel() override {
    if (!failure().empty()) return;
    NoBrokenPipe guard;
    if (spd_cancel(connection_) != 0) {
      std::lock_guard lock(mutex_);
      failure_ = "the speech server stopped answering";
    }
    // Everything said so far is over, whether or not each cancellation is reported (a message
    // dropped from the queue before it began may not be).
    std::lock_guard lock(mutex_);
    pending_.clear();
  }

  bool speaking() const override {
    std::lock_guard lock(mutex_);
    return !pending_.empty();
  }
  bool speaking(Utterance u) const override {
    std::lock_guard lock(mutex_);
    return pending_.count(u) != 0;
  }
  std::string failure() const override {
    std::lock_guard lock(mutex_);
    return failure_;
  }

 private:
  bool only_things_pending() const {
    std::lock_guard lock(mutex_);
    for (const auto& [u, kind] : pending_) {
      if (kind == Kind::Line || kind == Kind::Announcement) return false;
    }
    return true;
  }

  // On libspeechd's reader thread.
  static void on_event(size_t message, size_t client, SPDNotificationType) {
    std::lock_guard registry_lock(registry_mutex);
    auto at = registry.find(client);
    if (at == registry.end()) return;
    Speaker& s = *at->second;
    std::lock_guard lock(s.mutex_);
    const auto u = static_cast<Utterance>(message);
    if (s.pending_.erase(u) == 0 && u > s.newest_) {
      if (s.ended_early_.size() > 64) s.ended_early_.clear();  // never grows without bound
      s.ended_early_.insert(u);
    }
  }

  SPDConnection* connection_;
  int client_ = -1;
  mutable std::mutex mutex_;
  std::map<Utterance, Kind> pending_;  // said, not yet reported ended or cancelled
  std::set<Utterance> ended_early_;    // reported ended before say() had their number
  Utterance newest_ = 0;
  std::string failure_;
};

}  // namespace

Connection connect(const std::string& client_name, const std::string& address, bool autospawn) {
  Connection result;
  SPDConnectionAddress where{};
  std::string socket_path, host;
  if (!address.empty()) {
    const std::string unix_prefix = "unix_socket:", inet_prefix = "inet_socket:";
    if (address.rfind(unix_prefix, 0) == 0) {
      where.method = SPD_METHOD_UNIX_SOCKET;
      socket_path = address.substr(unix_prefix.size());
      where.unix_socket_name = socket_path.data();
    } else if (address.rfind(inet_prefix, 0) == 0) {
      const std::string rest = address.substr(inet_prefix.size());
      const size_t colon = rest.rfind(':');
      where.method = SPD_METHOD_INET_SOCKET;
      host = colon == std::string::npos ? rest : rest.substr(0, colon);
      where.inet_socket_host = host.data();
      where.inet_socket_port =
          colon == std::string::npos ? 6560 : std::atoi(rest.substr(colon + 1).c_str());
    } else {
      result.error = "'" + address + "' is no speech server address (unix_socket:PATH or " +
                     "inet_socket:HOST:PORT)";
      return result;
    }
  }
  char* error = nullptr;
  NoBrokenPipe guard;
  SPDConnection* c = spd_open2(client_name.c_str(), "main", nullptr, SPD_MODE_THREADED,
                               address.empty() ? nullptr : &where, autospawn ? 1 : 0, &error);
  if (c == nullptr) {
    result.error = one_line(error);
    std::free(error);
    return result;
  }
  std::free(error);
  result.voice = std::make_unique<Speaker>(c);
  return result;
}

}  // namespace threshold::speech
