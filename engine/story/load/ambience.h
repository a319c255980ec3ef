// Reading a scene's `ambience:` block (or its place's, and a scene's over it) from the loader's
// YAML tree into the model of ambience.h, with every writer error at its file:line:column. Called
// by the scene conversion in load/converter.cpp; the format is docs/authoring.md ("Sound").
#pragma once

#include <cstdint>
#include <string>

#include "threshold/story/model.h"
#include "threshold/story/story_path.h"
#include "tree.h"

namespace threshold::story {

// Where an `ambience:` comes from, for load_ambience (as VisualSource is for a visual).
enum class AmbienceSource : uint8_t {
  Place,      // a place file's, read for one scene at the place: an `add:` belongs in a scene
  Own,        // a scene's own, at no place or at one that gives no ambience: an `add:` has
              // nothing to add to (reported), and its layers are read as `tone:`
  OverPlace,  // a scene's own, over its place's already in scene.ambience: its keys replace the
              // place's same keys, `add:` appends layers to the place's `tone:`
};

// Reads the `ambience:` value at tree.nodes[node] into scene.ambience. Call it once the scene's
// things and visual are read: `at: thing_id` takes the thing's place in the frame (its area, or
// its shapes). Sound files are found in `roots` (the story folder, else the game's assets).
// Returns false when the value is not a mapping at all.
bool load_ambience(const YamlTree& tree, uint32_t node, FileReporter& report, int32_t file,
                   const StoryRoots& story_dir, AmbienceSource source, Scene& scene);

// The loader's second pass, once every variable is declared: compiles the `when:` conditions of
// the scene's layers and cues (Bool expressions, as `if:` elsewhere), each error at its column.
void compile_ambience(Scene& scene, const Story& story, Diagnostics& diags);

}  // namespace threshold::story
