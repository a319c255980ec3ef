// Loading a story: threshold's loader (parse + build + validate) against the floors it cannot
// beat, all in one run over the same generated files (1,000 and 10,000 scenes):
//   ReadFiles     reading every file into memory, nothing else
//   YamlEvents    yaml-cpp's parser with a no-op event handler: parsing, no tree
//   YamlLoadFile  YAML::LoadFile of every file: parsing into node trees
//   LoadStory     threshold::story::load_story, threads=1 and threads=0 (one per core)
//   LoadStoryAndCheck  load_story (1 thread) and the checker's warning pass, as `threshold check`
//   LoadPack      threshold::story::load_pack of the same story compiled (`threshold pack`):
//                 `yaml_over_pack` is LoadStory's 1-thread CPU time over its (target: >= 20),
//                 `pack_MiB` and `yaml_MiB` the sizes of the two forms
//   LoadStoryLocalized  load_story (1 thread), then read a generated catalogue (every string of
//                 the story translated, a prefix before its English, written as a real .po with
//                 msgctxt and plural forms, and compiled beside it by msgfmt) and put it into the
//                 story, as the game does with `--locale`: po:0 reads the compiled .mo (the
//                 installed game's path: load_catalogue), po:1 the .po (read_catalogue: a
//                 writer's checkout with no .mo). Each iteration also loads the story without
//                 it, just before: `vs_english` is `localized_ms` over `english_ms`, the two
//                 CPU times (target: <= 1.2), `file_MiB` the size of the form read. Its own
//                 time is the two loads together
//   ReadCatalogue the catalogue read alone, in either form
// Single-threaded benchmarks are timed by CPU time (the machine is shared); `vs_events` is a
// benchmark's CPU time over YamlEvents' for the same story (target for the loader: <= 1.5). The
// all-cores loader is timed by wall time: its `vs_events` is wall time over YamlEvents' CPU time
// (target: < 1), its `cpu_ms` the CPU time of all its threads.
// PeakMemory runs each in a fresh child process and reports resident-memory growth for 10,000
// scenes: peak_MiB is VmHWM after minus VmRSS before (target: < 64 MiB), kept_MiB what is still
// resident with the result alive. load_pack's `yaml_over_pack` is load_story_1thread's peak_MiB
// over its own (target: >= 10).
//
// `load_bench --write-story DIR SCENES [SEED]` writes a generated story for inspection
// (`threshold check DIR`).
#include <benchmark/benchmark.h>
#include <unistd.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "story_generator.h"
#include "threshold/locale/catalogue.h"
#include "threshold/locale/localize.h"
#include "threshold/locale/story_strings.h"
#include "threshold/story/checker.h"
#include "threshold/story/loader.h"
#include "threshold/story/pack.h"

namespace {

namespace fs = std::filesystem;
using threshold::bench::GeneratedStory;

constexpr uint64_t kSeed = 20240601;

fs::path& temp_root() {
  static fs::path root;
  return root;
}

// Generated once per size, on first use, into a private temporary folder removed at exit.
const GeneratedStory& corpus(int scenes) {
  static std::map<int, GeneratedStory> stories;
  auto it = stories.find(scenes);
  if (it != stories.end()) return it->second;
  if (temp_root().empty()) {
    std::string tmpl = (fs::temp_directory_path() / "threshold_load_bench_XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      std::perror("mkdtemp");
      std::exit(1);
    }
    temp_root() = tmpl;
  }
  threshold::bench::StoryShape shape;
  shape.scenes = scenes;
  shape.seed = kSeed;
  GeneratedStory story =
      threshold::bench::write_story((temp_root() / std::to_string(scenes)).string(), shape);
  return stories.emplace(scenes, std::move(story)).first->second;
}

// The story of corpus(scenes) compiled, beside its folder: "<dir>.pack". Written once.
const std::string& corpus_pack(int scenes) {
  static std::map<int, std::string> packs;
  auto it = packs.find(scenes);
  if (it != packs.end()) return it->second;
  const GeneratedStory& story = corpus(scenes);
  threshold::story::LoadResult loaded = threshold::story::load_story(story.dir);
  std::string error;
  const std::optional<std::string> bytes =
      loaded.story ? threshold::story::write_pack(*loaded.story, {}, &error) : std::nullopt;
  if (!bytes) {
    std::fprintf(stderr, "load_bench: the generated story did not pack: %s\n", error.c_str());
    std::exit(1);
  }
  const std::string path = story.dir + ".pack";
  std::ofstream(path, std::ios::binary)
      .write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
  return packs.emplace(scenes, path).first->second;
}

// Seconds per iteration of each floor, by story size, for the ratio counters.
std::map<std::pair<std::string, int>, double>& measured() {
  static std::map<std::pair<std::string, int>, double> m;
  return m;
}

double cpu_seconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Wall time, this thread's CPU time and the whole process's CPU time since construction. The
// machine these run on is shared, so single-threaded work is compared by its thread's CPU time
// (what other processes do cannot inflate it); only the multi-threaded loader needs wall time.
struct Clocks {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  double thread_cpu = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
  double process_cpu = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID);
};

// Sets bytes processed and the ratio counters. `threaded`: the work ran on several threads, so
// vs_events compares its wall time (and cpu_ms shows the CPU time of all threads).
void finish(benchmark::State& state, const std::string& name, int scenes, const Clocks& start,
            const GeneratedStory& story, bool threaded = false) {
  const double n = static_cast<double>(state.iterations());
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start.wall).count() / n;
  const double thread_cpu = (cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - start.thread_cpu) / n;
  const double process_cpu = (cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - start.process_cpu) / n;
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(story.bytes));
  state.counters["files"] = static_cast<double>(story.files.size());
  if (!threaded) measured()[{name, scenes}] = thread_cpu;
  auto events = measured().find({"events", scenes});
  if (events != measured().end() && name != "events") {
    state.counters["vs_events"] = (threaded ? wall : thread_cpu) / events->second;
  }
  if (threaded) state.counters["cpu_ms"] = process_cpu * 1e3;
}

// The events-only floor: what yaml-cpp's scanner and parser cost with nothing built.
class NullHandler : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string& value) override {
    benchmark::DoNotOptimize(value.data());
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

size_t read_all(const GeneratedStory& story) {
  size_t total = 0;
  std::string text;
  for (const std::string& path : story.files) {
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    text.resize(static_cast<size_t>(f.tellg()));
    f.seekg(0);
    f.read(text.data(), static_cast<std::streamsize>(text.size()));
    total += static_cast<size_t>(f.gcount());
  }
  return total;
}

void parse_events(const GeneratedStory& story) {
  NullHandler handler;
  for (const std::string& path : story.files) {
    std::ifstream f(path, std::ios::binary);
    YAML::Parser parser(f);
    while (parser.HandleNextDocument(handler)) {
    }
  }
}

std::vector<YAML::Node> load_files(const GeneratedStory& story, bool keep) {
  std::vector<YAML::Node> nodes;
  for (const std::string& path : story.files) {
    YAML::Node node = YAML::LoadFile(path);
    benchmark::DoNotOptimize(node);
    if (keep) nodes.push_back(std::move(node));
  }
  return nodes;
}

// Loads with `threads`; fails the benchmark on any diagnostic: a story with errors measures an
// early exit, not a load.
bool load_clean(benchmark::State& state, const GeneratedStory& story, unsigned threads) {
  threshold::story::LoadOptions options;
  options.threads = threads;
  threshold::story::LoadResult result = threshold::story::load_story(story.dir, options);
  if (!result.story || !result.diagnostics.items().empty()) {
    std::cerr << result.diagnostics.format_all();
    state.SkipWithError("the generated story did not load cleanly (diagnostics above)");
    return false;
  }
  benchmark::DoNotOptimize(result.story->scenes.data());
  return true;
}

// A PO string: gettext's escapes for the characters a story's text can hold.
std::string po_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

// The catalogue of a generated story, every string translated ("fr " before its English, its
// `{}`s kept), beside it as locales/fr.po; written once a size, on first use.
const std::string& catalogue(int scenes) {
  static std::map<int, std::string> written;
  auto it = written.find(scenes);
  if (it != written.end()) return it->second;
  const GeneratedStory& story = corpus(scenes);
  threshold::story::LoadResult loaded = threshold::story::load_story(story.dir);
  if (!loaded.story) {
    std::cerr << loaded.diagnostics.format_all();
    std::exit(1);
  }
  fs::create_directories(fs::path(story.dir) / "locales");
  const std::string path = (fs::path(story.dir) / "locales" / "fr.po").string();
  std::ofstream po(path, std::ios::binary);
  po << "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n"
        "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
        "\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n";
  std::set<std::string> seen;
  for (const threshold::locale::StoryString& str :
       threshold::locale::story_strings(*loaded.story)) {
    if (!seen.insert(str.context).second) continue;
    po << "\nmsgctxt " << po_quoted(str.context) << "\nmsgid " << po_quoted(str.english) << "\n";
    if (str.count.empty()) {
      po << "msgstr " << po_quoted("fr " + str.english) << "\n";
    } else {
      const std::string& plural = str.english_plural.empty() ? str.english : str.english_plural;
      po << "msgid_plural " << po_quoted(plural) << "\nmsgstr[0] " << po_quoted("fr " + str.english)
         << "\nmsgstr[1] " << po_quoted("fr " + plural) << "\n";
    }
  }
  po.close();
  // Its compiled form beside it, as the build makes one for data/'s catalogues.
  const std::string mo = threshold::locale::compiled_path(path);
  if (!po || std::system(("msgfmt -o '" + mo + "' '" + path + "'").c_str()) != 0) {
    std::cerr << "load_bench: could not write or compile " << path << "\n";
    std::exit(1);
  }
  return written.emplace(scenes, path).first->second;
}

void BM_ReadFiles(benchmark::State& state) {
  const int scenes = static_cast<int>(state.range(0));
  const GeneratedStory& story = corpus(scenes);
  const Clocks t0;
  for (auto _ : state) benchmark::DoNotOptimize(read_all(story));
  finish(state, "read", scenes, t0, story);
}

void BM_YamlEvents(benchmark::State& state) {
  const int scenes = static_cast<int>(state.range(0));
  const GeneratedStory& story = corpus(scenes);
  const Clocks t0;
  for (auto _ : state) parse_events(story);
  finish(state, "events", scenes, t0, story);
}

void BM_YamlLoadFile(benchmark::State& state) {
  const int scenes = static_cast<int>(state.range(0));
  const GeneratedStory& story = corpus(scenes);
  const Clocks t0;
  for (auto _ : state) load_files(story, false);
  finish(state, "load_file", scenes, t0, story);
}

void BM_LoadStory(benchmark::State& state) {
  const int scenes = static_cast<int>(state.range(0));
  const unsigned threads = static_cast<unsigned>(state.range(1));
  const GeneratedStory& story = corpus(scenes);
  if (!load_clean(state, story, threads)) return;  // warm-up, and the zero-diagnostics check
  const Clocks t0;
  for (auto _ : state) {
    if (!load_clean(state, story, threads)) return;
  }
  finish(state, "load_story_" + std::to_string(threads), scenes, t0, story, threads != 1);
}

// The catalogue's two forms: 0 the compiled .mo beside the .po (what the game reads when it is
// there: the installed game's), 1 the .po itself (a writer's checkout, before any msgfmt).
const char* form_name(int64_t form) {
  return form == 0 ? "mo" : "po";
}

std::optional<threshold::locale::Catalogue> read_form(const std::string& po, int64_t form,
                                                      std::string* why) {
  return form == 0 ? threshold::locale::load_catalogue(po, why)
                   : threshold::locale::read_catalogue(po, why);
}

// The game's path with `--locale fr`: the story loaded, its catalogue read and put into it. Fails
// the benchmark unless every string is shown translated, or it measures fallbacks, and unless the
// compiled form is the one read.
void BM_LoadStoryLocalized(benchmark::State& state) {
  const int scenes = static_cast<int>(state.range(0));
  const int64_t form = state.range(1);
  const GeneratedStory& story = corpus(scenes);
  const std::string& po = catalogue(scenes);
  auto load = [&]() -> bool {
    threshold::story::LoadOptions options;
    options.threads = 1;
    threshold::story::LoadResult result = threshold::story::load_story(story.dir, options);
    std::string why;
    const std::optional<threshold::locale::Catalogue> cat = read_form(po, form, &why);
    if (!result.story || !cat) {
      std::cerr << result.diagnostics.format_all() << why << "\n";
      state.SkipWithError("the generated story or its catalogue did not load");
      return false;
    }
    if ((form == 0) != static_cast<bool>(cat->compiled)) {
      state.SkipWithError("the catalogue was not read in the form measured");
      return false;
    }
    const threshold::locale::LocalizeReport r = threshold::locale::localize(*result.story, *cat);
    if (r.translated != r.strings) {
      state.SkipWithError("the generated catalogue left strings in English");
      return false;
    }
    benchmark::DoNotOptimize(result.story->scenes.data());
    return true;
  };
  if (!load()) return;  // warm-up, and the every-string-translated check
  // Each iteration loads the story without a catalogue too, just before, and `vs_english` is the
  // ratio of the two sums of CPU time: on a shared machine, both see the same load.
  double english = 0, localized = 0;
  const Clocks t0;
  for (auto _ : state) {
    const double a = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
    if (!load_clean(state, story, 1)) return;
    const double b = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
    if (!load()) return;
    english += b - a;
    localized += cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - b;
  }
  const std::string name = std::string("load_localized_") + form_name(form);
  finish(state, name, scenes, t0, story);
  const double n = static_cast<double>(state.iterations());
  state.counters["english_ms"] = english / n * 1e3;
  state.counters["localized_ms"] = localized / n * 1e3;
  state.counters["vs_english"] = localized / english;
  const std::string file = form == 0 ? threshold::locale::compiled_path(po) : po;
  state.counters["file_MiB"] = static_cast<double>(fs::file_size(file)) / (1024.0 * 1024.0);
}

// Where the catalogue's share goes: reading it alone, in either form, nothing put into a story.
void BM_ReadCatalogue(benchmark::State& state) {
  const int scenes = static_cast<int>(state.range(0));
  const int64_t form = state.range(1);
  const GeneratedStory& story = corpus(scenes);
  const std::string& po = catalogue(scenes);
  const Clocks t0;
  for (auto _ : state) {
    std::string why;
    std::optional<threshold::locale::Catalogue> cat = read_form(po, form, &why);
    if (!cat || (form == 0) != static_cast<bool>(cat->compiled)) {
      state.SkipWithError("the generated catalogue did not read in the form measured");
      return;
    }
    benchmark::DoNotOptimize(cat->language.data());
  }
  finish(state, std::string("read_catalogue_") + form_name(form), scenes, t0, story);
}

// What `threshold check` adds on top: the checker's warnings pass over the loaded story.
void BM_LoadStoryAndCheck(benchmark::State& state) {
  const int scenes = static_cast<int>(state.range(0));
  const GeneratedStory& story = corpus(scenes);
  const Clocks t0;
  for (auto _ : state) {
    threshold::story::LoadOptions options;
    options.threads = 1;
    threshold::story::LoadResult result = threshold::story::load_story(story.dir, options);
    if (!result.story) {
      state.SkipWithError("the generated story did not load");
      return;
    }
    threshold::story::Diagnostics warnings;
    threshold::story::check(*result.story, warnings);
    if (!warnings.items().empty()) {
      std::cerr << warnings.format_all();
      state.SkipWithError("the checker warned about the generated story (above)");
      return;
    }
  }
  finish(state, "load_check_1", scenes, t0, story);
}

// The compiled story: read, checked and turned into the same Story (tests/story/pack_test.cpp
// proves it equal), with no YAML.
void BM_LoadPack(benchmark::State& state) {
  const int scenes = static_cast<int>(state.range(0));
  const GeneratedStory& story = corpus(scenes);
  const std::string& pack = corpus_pack(scenes);
  threshold::story::PackOptions options;
  options.story_dir = story.dir;
  const Clocks t0;
  for (auto _ : state) {
    threshold::story::PackResult result = threshold::story::load_pack(pack, options);
    if (!result.story) {
      state.SkipWithError(("the pack did not load: " + result.error).c_str());
      return;
    }
    benchmark::DoNotOptimize(result.story->scenes.data());
  }
  finish(state, "load_pack", scenes, t0, story);
  const auto yaml = measured().find({"load_story_1", scenes});
  if (yaml != measured().end()) {
    state.counters["yaml_over_pack"] = yaml->second / measured()[{"load_pack", scenes}];
  }
  state.counters["pack_MiB"] = static_cast<double>(fs::file_size(pack)) / (1024.0 * 1024.0);
  state.counters["yaml_MiB"] = static_cast<double>(story.bytes) / (1024.0 * 1024.0);
}

// ---- Peak memory, each measurement in a fresh process ------------------------------------

long status_kib(const char* field) {
  std::ifstream f("/proc/self/status");
  std::string line;
  const size_t n = std::strlen(field);
  while (std::getline(f, line)) {
    if (line.compare(0, n, field) == 0) return std::strtol(line.c_str() + n + 1, nullptr, 10);
  }
  return -1;
}

// Runs in the child: prints "<VmRSS before> <VmHWM after> <VmRSS after> <RssAnon before>
// <RssAnon after>" in KiB, the third with the result still alive (what the loaded story keeps, as
// opposed to what loading it needed). RssAnon leaves out the pages of code read from the binary
// and its libraries: a loader with more code touches more of them, and that is not the story's.
int peak_child(const std::string& mode, const std::string& dir, unsigned threads) {
  GeneratedStory story;
  story.dir = dir;
  story.files.push_back((fs::path(dir) / "story.yaml").string());
  std::vector<std::string> scenes;
  for (const auto& e : fs::directory_iterator(fs::path(dir) / "scenes")) {
    scenes.push_back(e.path().string());
  }
  std::sort(scenes.begin(), scenes.end());
  story.files.insert(story.files.end(), scenes.begin(), scenes.end());

  const long before = status_kib("VmRSS:");
  const long anon_before = status_kib("RssAnon:");
  if (mode == "load_story") {
    threshold::story::LoadOptions options;
    options.threads = threads;
    threshold::story::LoadResult result = threshold::story::load_story(dir, options);
    if (!result.story) return 2;
    std::printf("%ld %ld %ld %ld %ld\n", before, status_kib("VmHWM:"), status_kib("VmRSS:"),
                anon_before, status_kib("RssAnon:"));
  } else if (mode == "load_pack") {
    threshold::story::PackOptions options;
    options.story_dir = dir;
    threshold::story::PackResult result = threshold::story::load_pack(dir + ".pack", options);
    if (!result.story) return 2;
    std::printf("%ld %ld %ld %ld %ld\n", before, status_kib("VmHWM:"), status_kib("VmRSS:"),
                anon_before, status_kib("RssAnon:"));
  } else if (mode == "load_file_all") {
    std::vector<YAML::Node> nodes = load_files(story, true);
    std::printf("%ld %ld %ld %ld %ld\n", before, status_kib("VmHWM:"), status_kib("VmRSS:"),
                anon_before, status_kib("RssAnon:"));
  } else if (mode == "events") {
    parse_events(story);
    std::printf("%ld %ld %ld %ld %ld\n", before, status_kib("VmHWM:"), status_kib("VmRSS:"),
                anon_before, status_kib("RssAnon:"));
  } else {
    return 3;
  }
  return 0;
}

std::string& self_exe() {
  static std::string path;
  return path;
}

void BM_PeakMemory(benchmark::State& state, const char* mode, unsigned threads) {
  const int scenes = static_cast<int>(state.range(0));
  const GeneratedStory& story = corpus(scenes);
  if (std::strcmp(mode, "load_pack") == 0) corpus_pack(scenes);
  long before = -1, hwm = -1, after = -1, anon_before = -1, anon_after = -1;
  for (auto _ : state) {
    const std::string command = "'" + self_exe() + "' --peak-child " + mode + " '" + story.dir +
                                "' " + std::to_string(threads);
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr || std::fscanf(pipe, "%ld %ld %ld %ld %ld", &before, &hwm, &after,
                                       &anon_before, &anon_after) != 5) {
      if (pipe) pclose(pipe);
      state.SkipWithError("the child measuring peak memory failed");
      return;
    }
    pclose(pipe);
  }
  state.counters["peak_MiB"] = static_cast<double>(hwm - before) / 1024.0;
  state.counters["hwm_MiB"] = static_cast<double>(hwm) / 1024.0;
  state.counters["kept_MiB"] = static_cast<double>(after - before) / 1024.0;
  state.counters["kept_anon_MiB"] = static_cast<double>(anon_after - anon_before) / 1024.0;
  state.counters["story_MiB"] = static_cast<double>(story.bytes) / (1024.0 * 1024.0);
  const double peak = static_cast<double>(hwm - before);
  if (std::strcmp(mode, "load_story") == 0 && threads == 1)
    measured()[{"peak_yaml", scenes}] = peak;
  const auto yaml = measured().find({"peak_yaml", scenes});
  if (std::strcmp(mode, "load_pack") == 0 && yaml != measured().end() && peak > 0) {
    state.counters["yaml_over_pack"] = yaml->second / peak;
  }
}

void sizes(benchmark::internal::Benchmark* b) {
  b->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->MinTime(1.0);
}

}  // namespace

// Floors first: the loader's ratio counters read their times.
BENCHMARK(BM_ReadFiles)->Apply(sizes);
BENCHMARK(BM_YamlEvents)->Apply(sizes);
BENCHMARK(BM_YamlLoadFile)->Apply(sizes);
BENCHMARK(BM_LoadStory)
    ->ArgsProduct({{1000, 10000}, {1}})
    ->ArgNames({"scenes", "threads"})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);
// All cores: only wall time shows the speed-up (and it suffers when the machine is shared).
BENCHMARK(BM_LoadStory)
    ->ArgsProduct({{1000, 10000}, {0}})
    ->ArgNames({"scenes", "threads"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(1.0);
BENCHMARK(BM_ReadCatalogue)
    ->ArgsProduct({{1000, 10000}, {0, 1}})
    ->ArgNames({"scenes", "po"})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);
BENCHMARK(BM_LoadStoryLocalized)
    ->ArgsProduct({{1000, 10000}, {0, 1}})
    ->ArgNames({"scenes", "po"})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);
BENCHMARK(BM_LoadStoryAndCheck)
    ->Arg(1000)
    ->Arg(10000)
    ->ArgName("scenes")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);
BENCHMARK(BM_LoadPack)
    ->Arg(1000)
    ->Arg(10000)
    ->ArgName("scenes")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);
BENCHMARK_CAPTURE(BM_PeakMemory, load_story_1thread, "load_story", 1u)
    ->Arg(10000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_PeakMemory, load_story_allcores, "load_story", 0u)
    ->Arg(10000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_PeakMemory, load_pack, "load_pack", 0u)
    ->Arg(10000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_PeakMemory, yaml_load_file_keep_all, "load_file_all", 0u)
    ->Arg(10000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_PeakMemory, yaml_events, "events", 0u)
    ->Arg(10000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

int main(int argc, char** argv) {
  if (argc >= 5 && std::strcmp(argv[1], "--peak-child") == 0) {
    return peak_child(argv[2], argv[3], static_cast<unsigned>(std::strtoul(argv[4], nullptr, 10)));
  }
  if (argc >= 4 && std::strcmp(argv[1], "--write-story") == 0) {
    threshold::bench::StoryShape shape;
    shape.scenes = std::atoi(argv[3]);
    shape.seed = argc >= 5 ? std::strtoull(argv[4], nullptr, 10) : kSeed;
    try {
      GeneratedStory story = threshold::bench::write_story(argv[2], shape);
      std::printf("%zu files, %llu bytes in %s\n", story.files.size(),
                  static_cast<unsigned long long>(story.bytes), story.dir.c_str());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "load_bench: %s\n", e.what());
      return 1;
    }
    return 0;
  }
  self_exe() = fs::read_symlink("/proc/self/exe").string();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (!temp_root().empty()) fs::remove_all(temp_root());
  return 0;
}
