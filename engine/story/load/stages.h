// The loader's stages, one file each, in the order load_story (load_story.cpp) runs them:
//   read_file.cpp  a file's bytes (missing, empty, too large, not a plain file)
//   manifest.cpp   story.yaml: title, start, folders, pacing, variables, endings
//   place.cpp      the place files, parsed once and kept for the scenes at each place
//   scene.cpp      the scene files, read and converted in parallel; compiling a scene
//   link.cpp       merging the scenes, resolving what crosses files, compiling expressions
// with what passes between them. Used only inside engine/story/load/.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "converter.h"
#include "threshold/story/loader.h"
#include "threshold/story/story_files.h"

namespace threshold::story::load {

// ---- read_file.cpp

// Reads a whole file. On failure adds a whole-file diagnostic to `out` and returns false.
bool read_file(const std::string& path, size_t max_bytes, std::string& text,
               std::vector<Diagnostic>& out);
std::string join_path(const std::string& dir, const std::string& name);

// ---- manifest.cpp

// What story.yaml says that the other stages need, with where it said it.
struct Manifest {
  std::string scenes_folder = "scenes";
  SourcePos scenes_at;
  std::string places_folder = "places";
  SourcePos places_at;
  std::string start;
  SourcePos start_at;
  bool has_start = false;

  StoryFolders folders() const { return {scenes_folder, places_folder}; }
};

// Checks that `dir` is a folder with a story.yaml, then reads and converts it into `story`
// (title, pacing, variables, endings), `manifest` and `context` (what the scenes need of it),
// as Sources file 0. False when there is no story to load (the folder or story.yaml missing).
bool read_manifest(const std::string& dir, const LoadOptions& options, Story& story,
                   Manifest& manifest, StoryContext& context, Diagnostics& diags);

// ---- place.cpp

// The place files, in name order, on this thread (a story has a handful): parsed and kept in
// `context` for the scenes' workers, each file given its Sources index.
void load_places(const StoryFiles& files, const Manifest& manifest, const LoadOptions& options,
                 Story& story, StoryContext& context, Diagnostics& diags);

// Warnings for the *.yml files of a folder, which are not read.
void warn_misnamed(const StoryFolder& folder, const char* kind, Diagnostics& diags);
// The error for a story's fonts/ that may not be used (StoryFiles::fonts_problem): a link out
// of the story; a warning when it is a file.
void report_fonts_folder(const StoryFiles& files, Diagnostics& diags);

// ---- scene.cpp

// One scene file, read, parsed and converted on a worker.
struct SceneFile {
  std::string path;
  std::string text;  // while it is parsed; afterwards only its line index, in Story::sources
  // The scene itself is built straight into Story::scenes (no second copy of 10,000 scenes
  // while they are merged): this says whether it was.
  bool has_scene = false;
  std::vector<SceneRef> refs;
  std::vector<Diagnostic> diagnostics;
  size_t more_errors = 0;                     // past the FileReporter's cap: counted, not kept
  std::vector<Diagnostic> place_diagnostics;  // in place files, repeated by every scene there
  std::string salvaged_id;  // a failed file's `scene:` id, found by eye, to quiet follow-on errors
};

// Every scene file of `files`, parsed and converted in parallel; each worker drops its tree as
// soon as the scene is built. Scene i of file i in story.scenes (merge_scenes closes the gaps
// of files that made no scene). An empty or unreadable scenes folder is reported here. The
// scene paths move from `files` to story.sources.
std::vector<SceneFile> load_scene_files(StoryFiles& files, const Manifest& manifest,
                                        const LoadOptions& options, Story& story,
                                        const StoryContext& context, Diagnostics& diags);

// Second pass over one list of lines: texts and conditions compiled, default lingers computed.
// `scene`: the scene the lines are in (-1 for an ending's), for chose(gesture).
void compile_lines(std::vector<Line>& lines, const Story& story, Diagnostics& diags,
                   SceneId scene = kNone);
// Second pass over one scene: its visual, ambience, beats and gestures compiled.
void compile_scene(Scene& scene, SceneId id, const Story& story, Diagnostics& diags);

// ---- link.cpp

// What merging the scene files leaves for resolving and compiling.
struct Linked {
  std::vector<std::vector<SceneRef>> refs;  // each kept scene's go: targets
  std::unordered_map<std::string, SceneId> scene_ids;
  std::vector<std::string> salvaged;  // scene ids of files that could not be parsed
  // When a scene file could not be read at all, its id is unknown: references to scenes that
  // do not exist may well be to it, so they wait until the file is fixed (no cascades).
  bool scene_ids_incomplete = false;
  // Without the scene files nothing that names a scene can be checked: it waits for them.
  bool scenes_listed = false;
  // A place's data is read by every scene at the place: each of its diagnostics is kept once.
  std::set<std::tuple<std::string, int32_t, int32_t, std::string>> place_diags_seen;
  // Where the places' data was written: its `when:`s are compiled once per scene at the place,
  // and each of their errors is reported once.
  std::set<std::string> place_paths;
};

// The scene files' scenes and diagnostics in file order (deterministic whatever the threads
// did), duplicate scene ids, and what the places' data says of the scenes at them.
Linked merge_scenes(std::vector<SceneFile>& scene_files, const StoryFiles& files, Story& story,
                    StoryContext& context, Diagnostics& diags);
// The symbol table (scenes, gestures), the start scene and every go: target.
void resolve_references(Linked& linked, const Manifest& manifest, Story& story, Diagnostics& diags);
// Expressions, texts and effects, against the complete symbol table.
void compile_story(Linked& linked, const StoryContext& context, const LoadOptions& options,
                   Story& story, Diagnostics& diags);

// ---- shared

// Runs f(i) for i in [0, n) on up to `threads` threads (the calling one included).
template <typename F>
void parallel_for(size_t n, unsigned threads, F&& f) {
  unsigned count = threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads;
  count = static_cast<unsigned>(std::min<size_t>(count, n));
  if (count <= 1) {
    for (size_t i = 0; i < n; ++i) f(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) f(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(count - 1);
  for (unsigned t = 1; t < count; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace threshold::story::load
