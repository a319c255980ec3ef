// The fixed story the YAML harnesses load, and the test stories the others read against.
#include "fuzz_story.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "threshold/story/loader.h"

namespace threshold::fuzz {
namespace {

namespace fs = std::filesystem;

// Three files, each reaching a different part of the loader: variables of every type and an
// ending (story.yaml), a place with a visual and an ambience (places/), a scene with a moment
// (scenes/). The fuzzed scene is a fourth file beside them. They are as small as they can be and
// still reach those parts: each is parsed again for every input, and parsing is most of a load
// (1.8x as fast as with fuller files of 1.7 KB; see README.md, "Fuzzing").
constexpr const char* kStoryYaml = R"(title: Fuzz
start: first
variables: {courage: 0, radio_on: false, mood: grey}
endings: {outside: {title: Outside}}
)";

constexpr const char* kPlaceYaml = R"(place: room
visual: {layers: [{rect: [0, 0, 99, 99], color: "#303030", thing: cup, when: radio_on}]}
ambience: {tone: [{synth: hum, level: 0.3}]}
)";

constexpr const char* kFirstScene = R"(scene: first
place: room
things: {cup: the cup}
beats: [{id: a, lines: [Hi.], moment: {gestures: [{id: drink, touch: cup, end: outside}]}}]
)";

std::string make_dir() {
  std::string base = "/dev/shm";
  if (!fs::is_directory(base)) {
    const char* tmp = std::getenv("TMPDIR");
    base = tmp ? tmp : "/tmp";
  }
  std::string templ = base + "/threshold-fuzz-XXXXXX";
  if (!mkdtemp(templ.data())) {
    std::perror("threshold fuzz: mkdtemp");
    std::abort();
  }
  fs::create_directories(templ + "/scenes");
  fs::create_directories(templ + "/places");
  write_file(templ, "story.yaml", kStoryYaml);
  write_file(templ, "places/room.yaml", kPlaceYaml);
  write_file(templ, "scenes/first.yaml", kFirstScene);
  // The story must be valid on its own, or every input only finds the same error in it.
  story::LoadOptions options;
  options.threads = 1;
  const story::LoadResult r = story::load_story(templ, options);
  if (!r.story || !r.diagnostics.items().empty()) {
    std::fprintf(stderr, "threshold fuzz: the fixed story has diagnostics:\n%s",
                 r.diagnostics.format_all().c_str());
    std::abort();
  }
  return templ;
}

// Removes the directory at exit (libFuzzer ends with exit(), which runs this).
struct Dir {
  std::string path = make_dir();
  ~Dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

const std::string& fixed_story_dir() {
  static const Dir dir;
  return dir.path;
}

void load_with(const std::string& relative, const uint8_t* data, size_t size) {
  static const std::string& dir = fixed_story_dir();
  write_file(dir, relative, data, size);
  story::LoadOptions options;
  options.threads = 1;
  const story::LoadResult r = story::load_story(dir, options);
  const std::string printed = r.diagnostics.format_all();
  static const bool verbose = std::getenv("THRESHOLD_FUZZ_VERBOSE") != nullptr;
  if (verbose) std::fprintf(stderr, "%s", printed.c_str());
}

void write_file(const std::string& dir, const std::string& relative, const uint8_t* data,
                size_t size) {
  std::ofstream out(dir + "/" + relative, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) {
    std::fprintf(stderr, "threshold fuzz: cannot write %s/%s\n", dir.c_str(), relative.c_str());
    std::abort();
  }
}

void write_file(const std::string& dir, const std::string& relative, const std::string& text) {
  write_file(dir, relative, reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

const story::Story& test_story(const char* name) {
  static std::map<std::string, story::Story> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    story::LoadOptions options;
    options.threads = 1;
    story::LoadResult r =
        story::load_story(std::string(THRESHOLD_TESTS_DIR) + "/stories/" + name, options);
    if (!r.story) {
      std::fprintf(stderr, "threshold fuzz: tests/stories/%s does not load:\n%s", name,
                   r.diagnostics.format_all().c_str());
      std::abort();
    }
    it = cache.emplace(name, std::move(*r.story)).first;
  }
  return it->second;
}

}  // namespace threshold::fuzz
