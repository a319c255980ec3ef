// Drawing a frame: the CPU the renderer costs per frame of the busiest scene of data/ (most
// shapes and motion), drawn off-screen into a 1280×720 sf::RenderTexture, against an empty
// clear-and-display loop in the same run. Each iteration ends with glFinish so the frame is
// really drawn (Mesa's llvmpipe rasterises on worker threads), and CPU time is the whole
// process's (MeasureProcessCPUTime), rasteriser threads included. `vs_empty` is a benchmark's CPU
// time over the empty loop's.
//   EmptyFrame         clear + display: the floor
//   BusiestScene       the busiest data/ scene at 3 s, its motion running (time moves 1/60 s a
//                      frame), its lines shown, nothing attended
//   BusiestSceneFocus  the same with a thing attended and held (attention light, vignette)
// Needs an X display: run under `xvfb-run -a`.
#include <benchmark/benchmark.h>

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/OpenGL.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "threshold/platform/display.h"
#include "threshold/render/renderer.h"
#include "threshold/story/loader.h"
#include "threshold/story/runtime.h"

namespace {

using namespace threshold;

double g_empty_cpu_ns = 0;

struct Scene {
  std::unique_ptr<story::Story> story;
  std::unique_ptr<story::Runtime> runtime;
  render::Stage stage;
  std::unique_ptr<render::Renderer> renderer;
  story::SceneId id = story::kNone;
};

// The scene with the most to draw: layers, motion (each particle system counts as much as
// ten shapes) and things.
Scene& busiest() {
  static Scene scene = [] {
    Scene s;
    story::LoadResult r = story::load_story(THRESHOLD_DATA_DIR);
    if (!r.story) {
      std::cerr << r.diagnostics.format_all();
      std::exit(1);
    }
    s.story = std::make_unique<story::Story>(std::move(*r.story));
    size_t best = 0;
    for (size_t i = 0; i < s.story->scenes.size(); ++i) {
      const story::Visual& v = s.story->scenes[i].visual;
      const size_t weight = v.layers.size() + 10 * v.motion.size() + (v.light.present ? 5 : 0);
      if (s.id == story::kNone || weight > best) {
        best = weight;
        s.id = static_cast<story::SceneId>(i);
      }
    }
    s.runtime = std::make_unique<story::Runtime>(*s.story);
    for (const story::Event& e : s.runtime->start(s.id)) s.stage.observe(*s.story, e);
    std::vector<story::Event> events;
    s.runtime->advance_to(3.0, {}, events);
    for (const story::Event& e : events) s.stage.observe(*s.story, e);
    std::string error;
    s.renderer = render::Renderer::create(s.story->font_folders, &error);
    if (!s.renderer) {
      std::cerr << "frame_bench: " << error << "\n";
      std::exit(1);
    }
    const story::Visual& v = s.story->scene(s.id).visual;
    std::cerr << "frame_bench: busiest scene " << s.story->scene(s.id).id << " (" << v.layers.size()
              << " layers, " << v.motion.size() << " motions)\n";
    return s;
  }();
  return scene;
}

sf::RenderTexture& target() {
  static const std::unique_ptr<sf::RenderTexture> texture = [] {
    auto t = std::make_unique<sf::RenderTexture>();
    if (!t->create(1280, 720)) {
      std::cerr << "frame_bench: cannot create a 1280x720 RenderTexture\n";
      std::exit(1);
    }
    return t;
  }();
  return *texture;
}

void BM_EmptyFrame(benchmark::State& state) {
  sf::RenderTexture& t = target();
  for (auto _ : state) {
    t.clear(sf::Color::Black);
    t.display();
    glFinish();
  }
}

void draw_frames(benchmark::State& state, const render::Attention& attention) {
  Scene& s = busiest();
  sf::RenderTexture& t = target();
  double time = 3.0;
  for (auto _ : state) {
    t.clear(sf::Color::Black);
    s.renderer->draw(t, *s.runtime, s.stage, attention, render::Style{}, time);
    t.display();
    glFinish();
    time += 1.0 / 60;
  }
}

void BM_BusiestScene(benchmark::State& state) {
  draw_frames(state, {});
}

void BM_BusiestSceneFocus(benchmark::State& state) {
  const story::Scene& scene = busiest().story->scene(busiest().id);
  render::Attention a;
  if (!scene.things.empty()) a.focus = a.pressed = 0;
  a.progress = 0.6;
  draw_frames(state, a);
}

BENCHMARK(BM_EmptyFrame)->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_BusiestScene)->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_BusiestSceneFocus)
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);

// Reports each benchmark's CPU time against the empty loop's.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  RatioReporter() : ConsoleReporter(OO_Tabular) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    std::vector<Run> copy = runs;
    for (Run& r : copy) {
      const double cpu_ns = r.GetAdjustedCPUTime() * 1e6;  // the unit is ms
      if (r.benchmark_name().find("EmptyFrame") != std::string::npos) g_empty_cpu_ns = cpu_ns;
      if (g_empty_cpu_ns > 0) r.counters["vs_empty"] = cpu_ns / g_empty_cpu_ns;
      // At a 60 fps cap, the share of one core this frame costs.
      r.counters["core_at_60fps_pct"] = cpu_ns * 60 / 1e9 * 100;
    }
    ConsoleReporter::ReportRuns(copy);
  }
};

}  // namespace

int main(int argc, char** argv) {
  const std::string problem = platform::display_problem();
  if (!problem.empty()) {
    std::cerr << "frame_bench: no display (" << problem << "); run it under xvfb-run -a\n";
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
