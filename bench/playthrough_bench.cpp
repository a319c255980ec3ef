// Playing a story: a scripted player makes 10,000 gestures through the real Runtime with
// synthesized Input (presses held for a hold's seconds, looks, silences, turning away, early
// releases), on a generated 200-scene story. Measured in one run:
//   Playthrough/at_changes  steps only where the input changes or a deadline falls, as a replay
//                           does (target: 10,000 gestures in < 10 ms)
//   Playthrough/fixed_60hz  steps of 1/60 s, as the game's frame loop does, lines read at pace
//   Replay/at_changes       replay() of the recordings the at_changes run made, one step per change
//   Replay/max_step_60hz    the same with replay()'s default max_step of 1/60 s
// and the baselines it is measured against:
//   IdleSteps               as many steps as at_changes takes, idle, inside an open moment
//   OfferedConditions       as many offered() calls: every gesture condition of a moment evaluated
// Counters: gestures, steps, lines (lines and pauses shown), sim_hours (story time played),
// restarts (endings reached, after which the player starts again), per_gesture (CPU time).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "story_generator.h"
#include "threshold/story/loader.h"
#include "threshold/story/recording.h"
#include "threshold/story/runtime.h"

namespace {

namespace fs = std::filesystem;
using threshold::story::Event;
using threshold::story::EventKind;
using threshold::story::Gesture;
using threshold::story::GestureKind;
using threshold::story::Input;
using threshold::story::kNone;
using threshold::story::kSlideRate;
using threshold::story::Recorder;
using threshold::story::Recording;
using threshold::story::Runtime;
using threshold::story::Story;

constexpr int64_t kGestures = 10000;
constexpr double kFrame = 1.0 / 60.0;
constexpr double kInf = std::numeric_limits<double>::infinity();

// The generated story, loaded once; an error here ends the program (nothing to measure).
const Story& story() {
  static std::optional<Story> loaded = [] {
    std::string tmpl = (fs::temp_directory_path() / "threshold_play_bench_XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      std::perror("mkdtemp");
      std::exit(1);
    }
    threshold::bench::StoryShape shape;
    shape.scenes = 200;
    shape.seed = 7;
    threshold::bench::write_story(tmpl, shape);
    threshold::story::LoadResult result = threshold::story::load_story(tmpl);
    fs::remove_all(tmpl);
    if (!result.story || !result.diagnostics.items().empty()) {
      std::cerr << result.diagnostics.format_all() << "the generated story did not load cleanly\n";
      std::exit(1);
    }
    return std::move(result.story);
  }();
  return *loaded;
}

// splitmix64, for the player's choices: the same seed plays the same game.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  uint64_t s_;
};

enum class Stepping { AtChanges, Fixed60 };

struct RunStats {
  int64_t gestures = 0;  // history entries: every gesture chosen, and every hesitation
  int64_t steps = 0;
  int64_t restarts = 0;
  int64_t lines = 0;  // lines and pauses shown
  double sim_seconds = 0;
  threshold::story::Counters kinds;  // gestures of each kind, summed over restarts
  bool stuck = false;
};

int64_t count_lines(const std::vector<Event>& events) {
  int64_t n = 0;
  for (const Event& e : events) {
    n += e.kind == EventKind::LineShown || e.kind == EventKind::PauseStarted;
  }
  return n;
}

void add(threshold::story::Counters& sum, const threshold::story::Counters& c) {
  sum.waited += c.waited;
  sum.held += c.held;
  sum.hesitated += c.hesitated;
  sum.looked += c.looked;
  sum.touched += c.touched;
  sum.turned_away += c.turned_away;
}

// A player who, whenever a moment opens, picks one offered gesture and performs it with the
// input a person would: a press held a little past a hold's seconds, a short press for a touch,
// a press let go at 0.4 s for a hesitation, a look held past its seconds, doing nothing for a
// wait, turn_away for a tenth of a second. It mostly avoids endings, so a run travels far.
class Player {
 public:
  Player(const Story& s, Stepping stepping, uint64_t seed)
      : story_(s), stepping_(stepping), rng_(seed) {}

  RunStats play(int64_t gestures, std::vector<Recording>* recordings) {
    RunStats stats;
    std::vector<Event> events;
    Runtime rt(story_);
    Recorder recorder;
    events = rt.start();
    stats.lines += count_lines(events);
    size_t history = 0;
    Input input;
    enum class Plan { None, Active, Released } plan = Plan::None;
    double change_at = kInf;
    bool release_stepped = false;  // a Released plan lets go for one step before the next plan

    while (stats.gestures < gestures) {
      if (rt.finished()) {
        stats.sim_seconds += rt.state().time;
        add(stats.kinds, rt.state().counters);
        if (recordings) {
          recorder.finish(rt.state().time);
          recordings->push_back(recorder.recording());
        }
        rt = Runtime(story_);
        recorder = Recorder();
        events = rt.start();
        stats.lines += count_lines(events);
        history = 0;
        input = Input{};
        plan = Plan::None;
        ++stats.restarts;
        continue;
      }
      const double now = rt.state().time;
      if (plan == Plan::Released && release_stepped) plan = Plan::None;
      if (plan == Plan::None && rt.in_moment()) {
        if (!perform(rt, now, input, change_at)) {
          stats.stuck = true;
          break;
        }
        plan = Plan::Active;
      } else if (plan == Plan::Active && now >= change_at) {
        input = Input{};
        plan = Plan::Released;
        release_stepped = false;
      }

      double dt = kFrame;
      if (stepping_ == Stepping::AtChanges) {
        dt = rt.next_deadline(input);
        if (plan == Plan::Active) dt = std::min(dt, change_at - now);
        if (plan == Plan::Released) dt = 0;  // apply the release, no time passes
        if (dt == kInf) {
          stats.stuck = true;
          break;
        }
      }
      if (recordings) recorder.note(now, input);
      events.clear();
      rt.step(dt, input, events);
      ++stats.steps;
      stats.lines += count_lines(events);
      if (plan == Plan::Released) release_stepped = true;

      const size_t h = rt.state().history.size();
      if (h != history) {
        stats.gestures += static_cast<int64_t>(h - history);
        history = h;
        // The gesture was made: let go of everything, whatever was planned.
        input = Input{};
        if (plan == Plan::Active) {
          plan = Plan::Released;
          release_stepped = false;
        }
        change_at = kInf;
      }
    }
    stats.sim_seconds += rt.state().time;
    add(stats.kinds, rt.state().counters);
    if (recordings) {
      recorder.finish(rt.state().time);
      recordings->push_back(recorder.recording());
    }
    return stats;
  }

 private:
  bool perform(const Runtime& rt, double now, Input& input, double& change_at) {
    const std::vector<int32_t> offered = rt.offered();
    const threshold::story::Moment* moment = rt.moment();
    if (offered.empty() || moment == nullptr) return false;
    uint64_t total = 0;
    for (int32_t g : offered) total += weight(moment->gestures[static_cast<size_t>(g)]);
    uint64_t pick = rng_.next() % total;
    const Gesture* chosen = nullptr;
    for (int32_t g : offered) {
      const Gesture& gesture = moment->gestures[static_cast<size_t>(g)];
      if (pick < weight(gesture)) {
        chosen = &gesture;
        break;
      }
      pick -= weight(gesture);
    }
    if (chosen == nullptr) return false;
    input = Input{};
    switch (chosen->kind) {
      case GestureKind::Wait:
        change_at = now + chosen->seconds + 0.01;
        break;
      case GestureKind::Hold:
        input.press = chosen->thing;
        change_at = now + chosen->seconds + 0.01;
        break;
      case GestureKind::Hesitate:
        input.press = chosen->thing;
        change_at = now + 0.4;
        break;
      case GestureKind::Look:
        input.look = chosen->thing;
        change_at = now + chosen->seconds + 0.01;
        break;
      case GestureKind::Touch:
        input.press = chosen->thing;
        change_at = now + 0.1;
        break;
      case GestureKind::Push:
      case GestureKind::Pull:
        // The keyboard's slide: it completes at the distance, before the release.
        input.press = chosen->thing;
        input.slide = chosen->kind == GestureKind::Push ? kSlideRate : -kSlideRate;
        change_at = now + chosen->distance / kSlideRate + 0.01;
        break;
      case GestureKind::TurnAway:
        input.turn_away = true;
        change_at = now + 0.1;
        break;
    }
    return true;
  }
  static uint64_t weight(const Gesture& g) { return g.target.ending() != kNone ? 1 : 8; }

  const Story& story_;
  Stepping stepping_;
  Rng rng_;
};

void report(benchmark::State& state, const RunStats& stats) {
  state.counters["gestures"] = static_cast<double>(stats.gestures);
  state.counters["steps"] = static_cast<double>(stats.steps);
  state.counters["restarts"] = static_cast<double>(stats.restarts);
  state.counters["lines"] = static_cast<double>(stats.lines);
  if (stats.kinds.held + stats.kinds.touched > 0) {  // the mix of gestures actually made
    state.counters["held"] = stats.kinds.held;
    state.counters["touched"] = stats.kinds.touched;
    state.counters["hesitated"] = stats.kinds.hesitated;
    state.counters["looked"] = stats.kinds.looked;
    state.counters["waited"] = stats.kinds.waited;
    state.counters["turned_away"] = stats.kinds.turned_away;
  }
  state.counters["sim_hours"] = stats.sim_seconds / 3600.0;
  // CPU time per gesture (the machine is shared: wall time would count other processes' turns).
  state.counters["per_gesture"] = benchmark::Counter(
      static_cast<double>(stats.gestures),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// The at_changes run, made once: its step count sizes the baselines, its recordings the replay.
struct Reference {
  RunStats stats;
  std::vector<Recording> recordings;
};
const Reference& reference() {
  static const Reference ref = [] {
    Reference r;
    r.stats = Player(story(), Stepping::AtChanges, 1).play(kGestures, &r.recordings);
    return r;
  }();
  return ref;
}

void BM_Playthrough(benchmark::State& state, Stepping stepping) {
  const Story& s = story();
  RunStats stats;
  for (auto _ : state) {
    stats = Player(s, stepping, 1).play(kGestures, nullptr);
    if (stats.stuck) {
      state.SkipWithError("the scripted player found no way on (a moment with nothing offered)");
      return;
    }
  }
  report(state, stats);
}

void BM_Replay(benchmark::State& state, double max_step) {
  const Story& s = story();
  const Reference& ref = reference();
  int64_t gestures = 0, lines = 0;
  double sim = 0;
  threshold::story::Counters kinds;
  for (auto _ : state) {
    gestures = 0;
    lines = 0;
    sim = 0;
    kinds = {};
    for (const Recording& recording : ref.recordings) {
      Runtime rt(s);
      std::vector<Event> events = threshold::story::replay(rt, recording, max_step);
      lines += count_lines(events);
      gestures += static_cast<int64_t>(rt.state().history.size());
      sim += rt.state().time;
      add(kinds, rt.state().counters);
    }
  }
  RunStats stats = ref.stats;
  stats.gestures = gestures;
  stats.lines = lines;
  stats.sim_seconds = sim;
  stats.kinds = kinds;
  stats.steps = 0;
  for (const Recording& recording : ref.recordings) {
    stats.steps += static_cast<int64_t>(recording.changes.size());
  }
  report(state, stats);
  state.counters["steps"] = static_cast<double>(stats.steps);  // input changes, not steps
  // The replay must reproduce the run it was recorded from.
  state.counters["matches_run"] = gestures == ref.stats.gestures ? 1 : 0;
}

// A runtime with a moment open, idle input: the cost of a step that finds nothing to do.
Runtime runtime_in_moment(const Story& s) {
  Runtime rt(s);
  std::vector<Event> events = rt.start();
  while (!rt.in_moment() && !rt.finished()) rt.fast_forward(events);
  return rt;
}

void BM_IdleSteps(benchmark::State& state) {
  const Story& s = story();
  const int64_t steps = reference().stats.steps;
  std::vector<Event> events;
  for (auto _ : state) {
    state.PauseTiming();
    Runtime rt = runtime_in_moment(s);
    state.ResumeTiming();
    const Input idle;
    for (int64_t i = 0; i < steps; ++i) {
      events.clear();
      rt.step(1e-9, idle, events);  // never reaches the moment's first wait
    }
    benchmark::DoNotOptimize(events.data());
    if (!rt.in_moment()) {
      state.SkipWithError("the moment closed during idle steps");
      return;
    }
  }
  state.counters["steps"] = static_cast<double>(steps);
}

void BM_OfferedConditions(benchmark::State& state) {
  const Story& s = story();
  const int64_t calls = reference().stats.steps;
  Runtime rt = runtime_in_moment(s);
  for (auto _ : state) {
    for (int64_t i = 0; i < calls; ++i) {
      std::vector<int32_t> offered = rt.offered();
      benchmark::DoNotOptimize(offered.data());
    }
  }
  state.counters["calls"] = static_cast<double>(calls);
  state.counters["gestures_in_moment"] = static_cast<double>(rt.moment()->gestures.size());
}

}  // namespace

BENCHMARK_CAPTURE(BM_Playthrough, at_changes, Stepping::AtChanges)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);
BENCHMARK_CAPTURE(BM_Playthrough, fixed_60hz, Stepping::Fixed60)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);
BENCHMARK_CAPTURE(BM_Replay, at_changes, kInf)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK_CAPTURE(BM_Replay, max_step_60hz, kFrame)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_IdleSteps)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_OfferedConditions)->Unit(benchmark::kMillisecond)->MinTime(1.0);

BENCHMARK_MAIN();
