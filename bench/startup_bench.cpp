// Starting the game: the wall time from before `threshold play` is spawned to its title screen's
// first frame on the window (game/startup_clock.h: THRESHOLD_STARTUP_REPORT makes the game write
// its marks then, and quit), against spawning `threshold --version` in the same run (exec, the
// dynamic linker, the command line: the floor under any start). Each start has its own empty
// settings and data folders (a first run). The counters say where the time went, in ms:
//   to_main    spawn to run_play (exec, linking, static initialisers, the command line)
//   display    the X display checked
//   story      the story loaded (the pack, or the YAML) and put into the settings' language
//   settings   the game's log and settings
//   fonts      the fonts found and loaded
//   window     the window opened: the GL context (Mesa's software OpenGL here)
//   audio      the sound device (OpenAL Soft; no sound card here)
//   game       the game, speech, the overlay and live reload set up
//   frame      the title's first frame drawn and displayed
// Needs an X display: run under `xvfb-run -a`.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;

long long now_ns() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<long long>(t.tv_sec) * 1000000000LL + t.tv_nsec;
}

// Runs `args` with `extra` added to the environment, its output to /dev/null; returns its exit
// status, or -1 when it did not end within 30 s (it is killed).
int run(const std::vector<std::string>& args, const std::vector<std::string>& extra) {
  std::vector<std::string> env_strings(extra);
  for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
  std::vector<char*> env;
  for (std::string& s : env_strings) env.push_back(s.data());
  env.push_back(nullptr);
  std::vector<std::string> copy(args);
  std::vector<char*> argv;
  for (std::string& s : copy) argv.push_back(s.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > give_up) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void BM_Version(benchmark::State& state) {
  for (auto _ : state) {
    const long long start = now_ns();
    if (run({THRESHOLD_BINARY, "--version"}, {}) != 0) {
      state.SkipWithError("threshold --version failed");
      return;
    }
    state.SetIterationTime(static_cast<double>(now_ns() - start) / 1e9);
  }
}

void BM_StartToTitle(benchmark::State& state, const std::string& story) {
  const fs::path home = fs::temp_directory_path() / ("startup_bench-" + std::to_string(getpid()));
  const std::string report = (home / "report").string();
  static const char* const kSteps[] = {"main",   "display", "story", "settings",   "fonts",
                                       "window", "audio",   "game",  "first_frame"};
  static const char* const kCounters[] = {"to_main", "display", "story", "settings", "fonts",
                                          "window",  "audio",   "game",  "frame"};
  std::map<std::string, double> sums;
  for (auto _ : state) {
    fs::remove_all(home);
    fs::create_directories(home);
    const std::vector<std::string> env = {"THRESHOLD_STARTUP_REPORT=" + report,
                                          "XDG_CONFIG_HOME=" + (home / "config").string(),
                                          "XDG_DATA_HOME=" + (home / "data").string()};
    const long long start = now_ns();
    const int status = run({THRESHOLD_BINARY, "play", story}, env);
    std::map<std::string, long long> marks;
    std::ifstream in(report);
    std::string step;
    long long ns = 0;
    while (in >> step >> ns) marks[step] = ns;
    if (status != 0 || !marks.count("first_frame")) {
      const std::string why =
          "the game did not reach its first frame (exit " + std::to_string(status) + ")";
      state.SkipWithError(why.c_str());
      break;
    }
    state.SetIterationTime(static_cast<double>(marks["first_frame"] - start) / 1e9);
    long long before = start;
    for (size_t i = 0; i < std::size(kSteps); ++i) {
      if (!marks.count(kSteps[i])) continue;
      sums[kCounters[i]] += static_cast<double>(marks[kSteps[i]] - before) / 1e6;
      before = marks[kSteps[i]];
    }
  }
  for (const auto& [name, ms] : sums) {
    state.counters[name] = benchmark::Counter(ms, benchmark::Counter::kAvgIterations);
  }
  std::error_code ec;
  fs::remove_all(home, ec);
}

}  // namespace

BENCHMARK(BM_Version)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK_CAPTURE(BM_StartToTitle, pack, THRESHOLD_PACK)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(10);
BENCHMARK_CAPTURE(BM_StartToTitle, yaml, THRESHOLD_DATA_DIR)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(10);

BENCHMARK_MAIN();
