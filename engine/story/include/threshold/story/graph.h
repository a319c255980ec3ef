// The scene graph behind `threshold graph`: Graphviz DOT text with scenes as boxes, endings as
// double octagons and an edge for every go: and end:, labelled by the gesture (or beat) that
// takes it. Deterministic: the same story always gives the same text, in story order.
#pragma once

#include <string>

#include "threshold/story/model.h"

namespace threshold::story {

std::string scene_graph_dot(const Story& story);

}  // namespace threshold::story
