// Live reload of the game's own story (data/), as the debug overlay does after a file is saved:
//   Reload/data                  reload_story(): load data/ again and carry the player's State over
//   Reload/data_with_history     LiveStory::reload() with a full History (every snapshot carried)
// and the baseline they are measured against, in the same run:
//   Load/data                    load_story() of data/ alone
// The target: a reload plays within half a second of the save, with a poll every 0.2 s, so a
// reload must stay well under 0.3 s. (These were timed assertions in tests/debug once; speed is
// measured here, where a busy machine moves the baseline too.)
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "threshold/debug/live_reload.h"
#include "threshold/story/loader.h"
#include "threshold/story/runtime.h"
#include "threshold/story/timeline.h"

namespace {

using namespace threshold;

std::shared_ptr<const story::Story> data_story() {
  static const std::shared_ptr<const story::Story> s = [] {
    story::LoadResult r = story::load_story(THRESHOLD_DATA_DIR);
    if (!r.story) std::abort();
    return std::make_shared<const story::Story>(std::move(*r.story));
  }();
  return s;
}

void BM_LoadData(benchmark::State& state) {
  for (auto _ : state) {
    story::LoadResult r = story::load_story(THRESHOLD_DATA_DIR);
    benchmark::DoNotOptimize(r.story);
  }
}

void BM_ReloadData(benchmark::State& state) {
  const std::shared_ptr<const story::Story> s = data_story();
  story::Runtime rt(*s);
  rt.start();
  rt.step(30.0, {});
  for (auto _ : state) {
    debug::ReloadResult r = debug::reload_story(THRESHOLD_DATA_DIR, *s, rt.state());
    if (!r.ok) state.SkipWithError("the reload failed");
    benchmark::DoNotOptimize(r.state);
  }
}

// Plays on, always taking the last gesture on offer (from the start again at each ending), until
// the History is full, then reloads with every snapshot carried over.
void BM_ReloadDataWithHistory(benchmark::State& state) {
  debug::LiveStory live(THRESHOLD_DATA_DIR);
  if (!live.ok()) {
    state.SkipWithError("data/ does not load");
    return;
  }
  story::Runtime rt(*live.story());
  story::Timeline timeline;
  std::vector<story::Event> out;
  timeline.start(rt, out);
  for (int i = 0; i < 2000 && timeline.snapshots().size() < story::Timeline::kDefaultCapacity;
       ++i) {
    rt.fast_forward(out);
    if (rt.finished()) {
      timeline.jump(rt, rt.story().start, out);
      continue;
    }
    const std::vector<int32_t> offered = rt.offered();
    if (offered.empty()) break;
    timeline.choose(rt, offered.back(), out);
  }
  state.counters["snapshots"] = static_cast<double>(timeline.snapshots().size());
  for (auto _ : state) {
    if (!live.reload(rt, &timeline)) state.SkipWithError("the reload failed");
  }
}

}  // namespace

BENCHMARK(BM_LoadData)->Name("Load/data")->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_ReloadData)->Name("Reload/data")->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_ReloadDataWithHistory)
    ->Name("Reload/data_with_history")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);
BENCHMARK_MAIN();
