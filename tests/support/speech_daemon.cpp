// A real speech-dispatcher for one test. See speech_daemon.h.
#include "tests/support/speech_daemon.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace threshold::test_support {

namespace {

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The file's lines (none when it is missing).
std::vector<std::string> read_lines(const std::string& path) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The daemon answers on `path`: its socket is there and listening (it is bound a moment before
// it listens, so the file alone is not enough).
bool answers(const std::string& path) {
  const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  path.copy(address.sun_path, sizeof address.sun_path - 1);
  const bool ok = connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

void pause_briefly() {
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

}  // namespace

SpeechDaemon::SpeechDaemon() {
  char folder[] = "/tmp/threshold-speechd-XXXXXX";
  if (mkdtemp(folder) == nullptr) {
    error_ = std::string("cannot make a folder for the daemon: ") + std::strerror(errno);
    return;
  }
  dir_ = folder;
  socket_ = dir_ + "/speechd.sock";
  std::filesystem::create_directories(dir_ + "/conf/modules");
  std::filesystem::create_directories(dir_ + "/log");
  // The daemon: one output module, the generic one, as the default for every client. Its audio
  // goes to ALSA's null device (the generic module opens one though it plays nothing itself).
  write_file(dir_ + "/conf/speechd.conf",
             "LogLevel 4\n"
             "LogDir \"" +
                 dir_ +
                 "/log\"\n"
                 "AudioOutputMethod \"alsa\"\n"
                 "AudioALSADevice \"null\"\n"
                 "AddModule \"recorder\" \"sd_generic\" \"recorder.conf\"\n"
                 "DefaultModule recorder\n"
                 "DefaultLanguage \"en\"\n"
                 "DefaultVolume 100\n");  // as Debian's speechd.conf has it: the synthesizer's own
  // The module runs this through bash for each message, $DATA inside single quotes (the module
  // escapes the quote itself; only the first $DATA is replaced, hence reading the line back). One
  // message is one line: sentences are not cut apart ("|" as the only delimiter, chunks as long as
  // any line), and UTF-8 stays UTF-8 whatever the language (the client's locale, "c" under C.UTF-8,
  // is the language asked for).
  const std::string said = dir_ + "/said.txt";
  write_file(dir_ + "/conf/modules/recorder.conf",
             "GenericExecuteSynth \"echo '$DATA' >> " + said + "; echo $VOLUME >> " + dir_ +
                 "/volumes.txt; tail -n 1 " + said +
                 " | grep -qF '(slowly)' && sleep 2; true\"\n"
                 "GenericDelimiters \"|\"\n"
                 "GenericMaxChunkLength 100000\n"
                 "GenericLanguage \"c\" \"english\" \"utf-8\"\n"
                 "GenericLanguage \"en\" \"english\" \"utf-8\"\n"
                 "GenericLanguage \"en-US\" \"english\" \"utf-8\"\n"
                 "AddVoice \"en\" \"MALE1\" \"recorder\"\n");

  const pid_t parent = getpid();
  pid_ = fork();
  if (pid_ < 0) {
    error_ = std::string("cannot start speech-dispatcher: ") + std::strerror(errno);
    return;
  }
  if (pid_ == 0) {
    setpgid(0, 0);                     // its own group: stop() reaches its modules too
    prctl(PR_SET_PDEATHSIG, SIGTERM);  // a test that dies takes its daemon with it
    if (getppid() != parent) _exit(1);
    const int out = open((dir_ + "/out.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out >= 0) {
      dup2(out, 1);
      dup2(out, 2);
    }
    // speech-dispatcher 0.11.4 now and then crashes as it shuts down: no core file in the tree.
    const rlimit no_core{0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    if (chdir(dir_.c_str()) != 0) _exit(1);
    unsetenv("SPEECHD_ADDRESS");
    setenv("XDG_RUNTIME_DIR", dir_.c_str(), 1);
    setenv("TMPDIR", dir_.c_str(), 1);
    // -s: in the foreground, as our child; -t 60: gone a minute after its last client, should
    // everything else fail.
    execlp("speech-dispatcher", "speech-dispatcher", "-s", "-C", (dir_ + "/conf").c_str(), "-c",
           "unix_socket", "-S", socket_.c_str(), "-P", (dir_ + "/speechd.pid").c_str(), "-L",
           (dir_ + "/log").c_str(), "-t", "60", static_cast<char*>(nullptr));
    _exit(127);
  }
  setpgid(pid_, pid_);
  for (int i = 0; i < 2000; ++i) {  // up to 20 s for a slow machine
    if (std::filesystem::exists(socket_) && answers(socket_)) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      error_ = "speech-dispatcher exited before it opened its socket (status " +
               std::to_string(status) + "): " + log_tail();
      return;
    }
    pause_briefly();
  }
  error_ = "speech-dispatcher opened no socket in 20 s: " + log_tail();
  stop();
}

SpeechDaemon::~SpeechDaemon() {
  stop();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

void SpeechDaemon::stop() {
  if (pid_ <= 0) return;
  kill(-pid_, SIGTERM);
  // Waited for without reaping it (WNOWAIT): until it is reaped its pid, and so its group's id,
  // cannot be given to another process, so the SIGKILL below reaches only what is left of its own
  // group (a module, a command it ran).
  for (int i = 0; i < 300; ++i) {  // 3 s to close its modules, then no more asking
    siginfo_t info{};
    if (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid_)
      break;
    pause_briefly();
  }
  kill(-pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

bool SpeechDaemon::any_process_left() const {
  // A process whose command line names the daemon's folder: the daemon, its module, a command.
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cmdline = read_file(entry.path().string() + "/cmdline");
    for (char& c : cmdline) {
      if (c == '\0') c = ' ';
    }
    if (cmdline.find(dir_) != std::string::npos) {
      std::string state = read_file(entry.path().string() + "/stat");
      if (state.find(") Z") == std::string::npos) return true;  // a zombie is gone already
    }
  }
  return false;
}

std::vector<std::string> SpeechDaemon::said() const {
  return read_lines(dir_ + "/said.txt");
}

std::vector<std::string> SpeechDaemon::volumes() const {
  return read_lines(dir_ + "/volumes.txt");
}

bool SpeechDaemon::wait_for(size_t count, double seconds) const {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (said().size() < count) {
    if (std::chrono::steady_clock::now() > until) return false;
    pause_briefly();
  }
  return true;
}

std::string SpeechDaemon::log_tail() const {
  std::string text = read_file(dir_ + "/log/speech-dispatcher.log") + read_file(dir_ + "/out.txt");
  if (text.size() > 1500) text = "..." + text.substr(text.size() - 1500);
  return text;
}

}  // namespace threshold::test_support
