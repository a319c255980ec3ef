// Writes seed saves and recordings for the save and recording harnesses, and packs for the pack
// harness (each test story of a few kinds, in each of pack_fuzz.cpp's modes). It plays
// tests/stories/runtime_basics from each of its scenes with a few scripted players (presses,
// looks, a turn away, skips), saving at intervals and recording each run. Its output is committed
// under fuzz/corpus/save, fuzz/corpus/recording and fuzz/corpus/pack; run it again after the
// save, recording or pack format changes:  build/fuzz/fuzz/make_seeds fuzz/corpus
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fuzz_story.h"
#include "threshold/story/pack.h"
#include "threshold/story/recording.h"
#include "threshold/story/save.h"

namespace {

using namespace threshold::story;

// Player `kind` at time `t` in the current scene, whose things are `things`.
Input player(int kind, double t, const Scene& scene) {
  Input in;
  const auto count = static_cast<int>(scene.things.size());
  if (count == 0) return in;
  const int slot = static_cast<int>(t / 3.0);
  const auto which = static_cast<ThingId>((slot + kind) % count);
  switch (kind) {
    case 0:  // waits, looks around now and then
      if (slot % 2 == 1) in.look = which;
      break;
    case 1:  // short presses: touches
      if (t - 3.0 * slot < 0.2) in.press = which;
      break;
    case 2:  // long holds, with a hesitation first
      if (t - 3.0 * slot < (slot % 2 ? 0.8 : 2.9)) in.press = which;
      break;
    default:  // turns away, skips lines, drags
      in.turn_away = slot % 3 == 2;
      in.skip = slot % 3 == 0;
      if (slot % 3 == 1) {
        in.press = which;
        in.drag = 40.0 * (t - 3.0 * slot);
      }
      break;
  }
  in.hands = t > 0.5;
  return in;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_seeds CORPUS_DIR\n");
    return 2;
  }
  namespace fs = std::filesystem;
  const fs::path out = argv[1];
  fs::create_directories(out / "save");
  fs::create_directories(out / "recording");
  const Story& story = threshold::fuzz::test_story("runtime_basics");
  int saves = 0, recordings = 0;
  for (size_t scene = 0; scene < story.scenes.size(); ++scene) {
    for (int kind = 0; kind < 4; ++kind) {
      Runtime rt(story);
      Recorder recorder;
      recorder.recording().story_title = story.title;
      recorder.recording().start = static_cast<SceneId>(scene);
      const Hands hands = kind == 0 ? Hands::Awaited : Hands::Found;
      recorder.recording().hands = hands;
      std::vector<Event> events = rt.start(static_cast<SceneId>(scene), hands);
      double next_save = 1.0 + kind;
      while (rt.state().time < 40.0 && !rt.finished()) {
        const Scene& now = story.scene(rt.state().scene);
        const Input in = player(kind, rt.state().time, now);
        recorder.note(rt.state().time, in);
        rt.step(1.0 / 30.0, in, events);
        if (rt.state().time >= next_save) {
          next_save += 9.0;
          std::ofstream(out / "save" / ("seed_" + std::to_string(saves++) + ".save"))
              << save_to_text(story, rt.state());
        }
      }
      std::ofstream(out / "save" / ("seed_" + std::to_string(saves++) + ".save"))
          << save_to_text(story, rt.state());
      recorder.finish(rt.state().time);
      std::ofstream(out / "recording" / ("seed_" + std::to_string(recordings++) + ".rec"))
          << recorder.recording().to_text(story);
    }
  }
  // Packs: stories with visuals, sound, conditions, interpolations and push and pull, small
  // enough that the fuzzer mutates a few kilobytes.
  fs::create_directories(out / "pack");
  int packs = 0;
  for (const char* name :
       {"runtime_basics", "tools_text", "visual_basic", "audio", "push_pull", "chose_memory"}) {
    std::string error;
    const std::optional<std::string> bytes =
        write_pack(threshold::fuzz::test_story(name), {}, &error);
    if (!bytes) {
      std::fprintf(stderr, "make_seeds: %s: %s\n", name, error.c_str());
      return 1;
    }
    for (const char mode : {'\0', '\1', '\2', '\3'}) {
      std::ofstream(out / "pack" / ("seed_" + std::to_string(packs++) + ".pack"), std::ios::binary)
          << mode << *bytes;
    }
  }
  std::printf("%d saves, %d recordings, %d packs in %s\n", saves, recordings, packs, out.c_str());
  return 0;
}
