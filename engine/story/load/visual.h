// Reading a scene's `visual:` block (or its place's, and a scene's override of it), and its
// things' `area:`, from the loader's YAML tree into the model of visual.h, with every writer
// error at its file:line:column; compiling `when:` conditions once the story's variables are
// known. Called by load/load_story.cpp; the format is docs/authoring.md ("Visuals").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "threshold/story/model.h"
#include "threshold/story/story_path.h"
#include "tree.h"

namespace threshold::story {

// Reads the `visual:` value at tree.nodes[node] into scene.visual (authored). Call it once the
// scene's things and beats are read: a shape's `thing:` names one of the things, and a thing a
// gesture acts on that has no place in the frame gets a warning. Images are found in `roots`
// (the story folder, else the game's assets). Returns false when the value is not a mapping.
bool load_visual(const YamlTree& tree, uint32_t node, FileReporter& report, int32_t file,
                 const StoryRoots& roots, Scene& scene);

// Where a `visual:` comes from, for load_place_visual.
enum class VisualSource : uint8_t {
  Place,      // a place file's: read for one scene at the place into scene.visual; a shape's
              // `thing:` the scene lacks is only drawn (other scenes at the place may have it)
  OverPlace,  // the scene's own, over its place's already in scene.visual: its keys replace
              // the place's same keys, `add:` / `add_motion:` append layers / motion
};
// `excused`: things that get no warning for having no place in the frame, because a shape
// names them misspelt and that is reported instead (see warn_unplaced_things).
bool load_place_visual(const YamlTree& tree, uint32_t node, FileReporter& report, int32_t file,
                       const StoryRoots& roots, VisualSource source, Scene& scene,
                       const std::vector<std::string>& excused = {});

// The warning load_visual gives at the end, for a scene whose visual came from its place alone
// (reported in the scene's file, where the things are): a thing a gesture acts on that has no
// place in the frame. Not for the `excused` thing ids.
void warn_unplaced_things(FileReporter& report, const Scene& scene,
                          const std::vector<std::string>& excused = {});

// The loader's second pass, once every variable is declared: compiles the `when:` of the
// scene's layers, motion and light variants (Bool expressions, as `if:`), errors at their column.
void compile_visual(Scene& scene, const Story& story, Diagnostics& diags);

// Reads a thing's `area: [x, y, width, height]` at tree.nodes[node]; false (and reported) when
// it is not one.
bool load_area(const YamlTree& tree, uint32_t node, FileReporter& report, Rect& area);

}  // namespace threshold::story
