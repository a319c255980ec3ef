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
// And the game left alone, in a real window (the size the game opens, 60 frames a second at
// most), each iteration one second of wall time, its CPU the whole process's: the share of a core
// a player's machine pays.
//   EmptyLoop          clear + display every frame for a second: the floor
//   StillScene/<place> the real game (game::Game, its FramePacer, the loop of play_command.cpp)
//                      at the first moment of the first scene in each place, nothing pressed,
//                      reduced motion off: the camera drifts, rain falls, steam rises
// Needs an X display: run under `xvfb-run -a`.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/OpenGL.hpp>
#include <SFML/System/Clock.hpp>
#include <SFML/System/Sleep.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "frame_pacer.h"
#include "game.h"
#include "threshold/platform/display.h"
#include "threshold/platform/window.h"
#include "threshold/render/renderer.h"
#include "threshold/story/loader.h"
#include "threshold/story/runtime.h"

namespace {

using namespace threshold;

double g_empty_cpu_ns = 0;
double g_empty_loop_cpu_ns = 0;

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

// The window the game opens, shared by the loops below.
sf::RenderWindow& window() {
  static const std::unique_ptr<sf::RenderWindow> w = [] {
    auto made = std::make_unique<sf::RenderWindow>();
    platform::open_window(*made, false);
    return made;
  }();
  return *w;
}

void BM_EmptyLoop(benchmark::State& state) {
  sf::RenderWindow& w = window();
  for (auto _ : state) {
    sf::Clock second;
    while (second.getElapsedTime().asSeconds() < 1.f) {
      sf::Event event;
      while (w.pollEvent(event)) {
      }
      w.clear(sf::Color::Black);
      w.display();  // 60 frames a second at most, as the game's window
    }
  }
}

// A game in the bench's own data directories (nothing of the player's is read or written).
struct StillGame {
  std::shared_ptr<const story::Story> story;
  std::unique_ptr<render::Renderer> renderer;
  std::unique_ptr<game::Game> game;
};

StillGame& still_game() {
  static StillGame g = [] {
    StillGame made;
    story::LoadResult r = story::load_story(THRESHOLD_DATA_DIR);
    if (!r.story) {
      std::cerr << r.diagnostics.format_all();
      std::exit(1);
    }
    made.story = std::make_shared<const story::Story>(std::move(*r.story));
    std::string error;
    made.renderer = render::Renderer::create(made.story->font_folders, &error);
    if (!made.renderer) {
      std::cerr << "frame_bench: " << error << "\n";
      std::exit(1);
    }
    const std::string home = std::filesystem::temp_directory_path().string() + "/frame_bench-" +
                             std::to_string(::getpid());
    platform::Paths paths{home + "/config", home + "/data"};
    made.game = std::make_unique<game::Game>(made.story, *made.renderer, paths,
                                             platform::Settings{}, window().getSize(), std::cerr);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(std::filesystem::temp_directory_path().string() +
                                      "/frame_bench-" + std::to_string(::getpid()),
                                  ec);
    });
    return made;
  }();
  return g;
}

// Runs the game's loop (play_command.cpp's, without live reload and screenshots) for `seconds`.
// Returns the frames drawn.
int run_loop(game::Game& g, sf::RenderWindow& w, game::FramePacer& pacer, double seconds) {
  static const bool keeps_pixels =
      std::getenv("THRESHOLD_WHOLE_FRAMES") == nullptr && platform::swap_keeps_back_buffer(w);
  int frames = 0;
  sf::Clock clock;
  sf::Clock total;
  while (total.getElapsedTime().asSeconds() < seconds) {
    sf::Event event;
    bool had_event = false;
    while (w.pollEvent(event)) had_event = true;  // the window's own (focus, expose): not input
    const double dt = std::min(clock.restart().asSeconds() * 1.0, 0.25);
    g.advance(dt);
    if (pacer.should_draw(g, dt, had_event) && pacer.draw(g, w, keeps_pixels)) ++frames;
    if (const int ms = pacer.sleep_ms(); ms > 0) sf::sleep(sf::milliseconds(ms));
  }
  return frames;
}

void BM_StillScene(benchmark::State& state, story::SceneId scene) {
  StillGame& sg = still_game();
  sf::RenderWindow& w = window();
  game::FramePacer pacer;
  sg.game->start_at(scene);
  // Into the scene's first moment, in steps of the game's own: its lines shown, the fade over.
  for (int i = 0; i < 60 * 120 && !(sg.game->runtime() && sg.game->runtime()->in_moment()); ++i) {
    sg.game->advance(1.0 / 60);
  }
  if (!sg.game->runtime() || !sg.game->runtime()->in_moment()) {
    state.SkipWithError("the scene never reaches a moment");
    return;
  }
  run_loop(*sg.game, w, pacer, 2.0);  // the moment's own fades settle
  int frames = 0;
  for (auto _ : state) frames += run_loop(*sg.game, w, pacer, 1.0);
  state.counters["frames_per_s"] = benchmark::Counter(frames, benchmark::Counter::kAvgIterations);
  // A moment that closed while measured measured something else (lines, fades).
  if (!sg.game->runtime() || !sg.game->runtime()->in_moment()) {
    state.SkipWithError("the moment closed while it was measured");
  }
}

// One StillScene benchmark for the first scene of each place, in story order.
void register_still_scenes() {
  const StillGame& sg = still_game();
  std::vector<std::string> places;
  for (size_t i = 0; i < sg.story->scenes.size(); ++i) {
    const story::Scene& scene = sg.story->scenes[i];
    if (scene.place.empty() || std::find(places.begin(), places.end(), scene.place) != places.end())
      continue;
    places.push_back(scene.place);
    benchmark::RegisterBenchmark(("BM_StillScene/" + scene.place).c_str(), BM_StillScene,
                                 static_cast<story::SceneId>(i))
        ->MeasureProcessCPUTime()
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond)
        ->Iterations(3);
  }
}

BENCHMARK(BM_EmptyFrame)->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_BusiestScene)->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_BusiestSceneFocus)
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK(BM_EmptyLoop)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

// Reports each benchmark's CPU time against the empty loop's.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  RatioReporter() : ConsoleReporter(OO_Tabular) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    std::vector<Run> copy = runs;
    for (Run& r : copy) {
      const double cpu_ns = r.GetAdjustedCPUTime() * 1e6;  // the unit is ms
      const std::string name = r.benchmark_name();
      const bool loop = name.find("EmptyLoop") != std::string::npos ||
                        name.find("StillScene") != std::string::npos;
      if (name.find("EmptyFrame") != std::string::npos) g_empty_cpu_ns = cpu_ns;
      if (name.find("EmptyLoop") != std::string::npos) g_empty_loop_cpu_ns = cpu_ns;
      if (loop) {
        // A second of the loop: its CPU is the share of a core.
        if (g_empty_loop_cpu_ns > 0) r.counters["vs_empty_loop"] = cpu_ns / g_empty_loop_cpu_ns;
        r.counters["core_pct"] = cpu_ns / 1e9 * 100;
        continue;
      }
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
  register_still_scenes();
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
