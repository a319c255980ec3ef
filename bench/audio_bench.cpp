// The cost of the sound: one second of game time mixed by OpenAL Soft on the loopback device
// (48 kHz stereo float, 10 ms updates, as audio-render and the tests drive it), measured in one
// run for:
//   AudioMix/busiest_scene         every layer of data/'s scene with the most layers playing,
//                                  with HRTF (as on headphones, and as audio-render mixes)
//   AudioMix/busiest_scene_panned  the same with stereo panning (HRTF off)
//   AudioMix/silence               the same device and updates with no source playing (the
//                                  baseline)
// Synthesizing the layers' buffers happens once, before timing. Counter: realtime_x, seconds of
// sound mixed per second of CPU.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "threshold/audio/audio_engine.h"
#include "threshold/story/loader.h"
#include "threshold/story/runtime.h"

namespace {

using threshold::audio::AudioEngine;
using threshold::audio::Hrtf;
using threshold::audio::Output;
namespace story = threshold::story;

const story::Story& data_story() {
  static const story::Story s = [] {
    story::LoadResult r = story::load_story(THRESHOLD_DATA_DIR);
    return r.story ? std::move(*r.story) : story::Story{};
  }();
  return s;
}

story::SceneId busiest(const story::Story& s) {
  story::SceneId best = story::kNone;
  size_t most = 0;
  for (size_t i = 0; i < s.scenes.size(); ++i) {
    if (s.scenes[i].ambience.tone.size() > most) {
      most = s.scenes[i].ambience.tone.size();
      best = static_cast<story::SceneId>(i);
    }
  }
  return best;
}

// The baseline: the same story with every layer removed.
const story::Story& silent_story() {
  static const story::Story s = [] {
    story::Story quiet = data_story();
    for (story::Scene& sc : quiet.scenes) sc.ambience.tone.clear();
    return quiet;
  }();
  return s;
}

// One second of sound per iteration, the runtime following along with idle input.
void mix(benchmark::State& state, const story::Story& s, Hrtf hrtf = Hrtf::On) {
  const story::SceneId scene = busiest(data_story());
  if (scene == story::kNone) {
    state.SkipWithError("data/ has no scene with an ambience");
    return;
  }
  AudioEngine engine(s, Output::Loopback, "", 48000, hrtf);
  if (engine.silent()) {
    state.SkipWithError(engine.status().c_str());
    return;
  }
  story::Runtime runtime(s);
  runtime.start(scene);
  threshold::audio::render_run(engine, runtime, 3.0);  // layers synthesized, the fade-in done
  // Every iteration plays the same second from here, so the story never leaves the scene (a
  // wait firing would go elsewhere).
  const story::State from = runtime.state();
  std::vector<float> out;
  for (auto _ : state) {
    state.PauseTiming();
    runtime.restore(from);
    state.ResumeTiming();
    out = threshold::audio::render_run(engine, runtime, 1.0);
    benchmark::DoNotOptimize(out.data());
  }
  if (runtime.state().scene != scene) state.SkipWithError("the story left the scene");
  state.counters["sources"] = engine.playing_sources();
  state.counters["hrtf"] = engine.hrtf() ? 1 : 0;
  state.counters["realtime_x"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_busiest_scene(benchmark::State& state) {
  mix(state, data_story());
}
void BM_busiest_scene_panned(benchmark::State& state) {
  mix(state, data_story(), Hrtf::Off);
}
void BM_silence(benchmark::State& state) {
  mix(state, silent_story());
}

}  // namespace

BENCHMARK(BM_busiest_scene)->Name("AudioMix/busiest_scene")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_busiest_scene_panned)
    ->Name("AudioMix/busiest_scene_panned")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_silence)->Name("AudioMix/silence")->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
