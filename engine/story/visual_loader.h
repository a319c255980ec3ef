// Reading a scene's `visual:` block, and its things' `area:`, from the loader's YAML tree into
// the model of visual.h, with every writer error at its file:line:column. Called by the scene
// conversion in loader.cpp; the format is docs/authoring.md ("Visuals").
#pragma once

#include <cstdint>
#include <string>

#include "engine/story/model.h"
#include "engine/story/yaml_tree.h"

namespace threshold::story {

// Reads the `visual:` value at tree.nodes[node] into scene.visual (authored). Call it once the
// scene's things and beats are read: a shape's `thing:` names one of the things, and a thing a
// gesture acts on that has no place in the frame gets a warning. Image paths are checked
// relative to `story_dir`. Returns false when the value is not a mapping at all.
bool load_visual(const YamlTree& tree, uint32_t node, FileReporter& report, int32_t file,
                 const std::string& story_dir, Scene& scene);

// Reads a thing's `area: [x, y, width, height]` at tree.nodes[node]; false (and reported) when
// it is not one.
bool load_area(const YamlTree& tree, uint32_t node, FileReporter& report, Rect& area);

}  // namespace threshold::story
