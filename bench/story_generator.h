// A deterministic generator of large, valid stories in the authoring format (docs/authoring.md),
// for the benchmarks: the loader is measured on thousands of realistic scene files, the runtime on
// long playthroughs. A generated story must load with zero diagnostics, or it measures nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace threshold::bench {

struct StoryShape {
  int scenes = 100;
  uint64_t seed = 1;
};

// The variables and endings every generated story declares (the manifest and the scenes agree).
extern const std::vector<std::string> kGeneratedVariables;
extern const std::vector<std::string> kGeneratedEndings;

// The text of story.yaml, and of the scene file for scene `index` (0-based). Each depends only on
// the shape and the index, so any scene can be regenerated on its own.
std::string manifest_yaml(const StoryShape& shape);
std::string scene_yaml(const StoryShape& shape, int index);
std::string scene_id(const StoryShape& shape, int index);
std::string scene_file_name(const StoryShape& shape, int index);  // "00042_kitchen.yaml"

struct GeneratedStory {
  std::string dir;  // holds story.yaml and scenes/
  // Every file written: story.yaml first, then the scenes in name order.
  std::vector<std::string> files;
  uint64_t bytes = 0;  // their total size
};

// Writes the story into `dir` (created if missing; an existing scenes/ folder is emptied first so
// that no stale scene from a larger story survives). Returns what was written.
GeneratedStory write_story(const std::string& dir, const StoryShape& shape);

}  // namespace threshold::bench
