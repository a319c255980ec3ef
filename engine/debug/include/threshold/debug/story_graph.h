// The overlay's "Story graph" panel, as data: scenes and endings as nodes laid out in layers
// (by shortest distance from the start scene, or by day), edges for every go: and end: labelled
// by the gestures (or beats) that take them; flags for the current scene, the path taken
// (State::visited) and scenes no path reaches (the checker's reachability). Coordinates are in
// abstract units: one layer is 1.0 wide, one row 1.0 tall; the panel scales, pans and zooms.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "threshold/story/runtime.h"

namespace threshold::debug {

enum class GraphLayout : uint8_t { ByDistance, ByDay };

struct GraphNode {
  enum class Kind : uint8_t { Scene, Ending };
  Kind kind = Kind::Scene;
  int32_t index = -1;     // SceneId or EndingId
  std::string id;         // scene id, or "end:<id>"
  std::string label;      // scene: "id\nplace, time"; ending: its title
  int32_t layer = 0;      // column
  int32_t row = 0;        // position in the column
  float x = 0, y = 0;     // layer, row (abstract units)
  bool reachable = true;  // some path from the start leads here
  bool start = false;
  // Progress (mark_progress).
  bool current = false;
  bool visited = false;
};

struct GraphEdge {
  int32_t from = -1, to = -1;  // indexes into StoryGraph::nodes
  std::string label;           // the gestures (or beats) that take it, joined by ", "
  bool from_beat = false;      // only a beat's own go:/end: leads here (no gesture)
  bool taken = false;          // the player went this way (mark_progress)
};

struct StoryGraph {
  std::vector<GraphNode> nodes;  // scenes in story order, then endings
  std::vector<GraphEdge> edges;
  float width = 0, height = 0;  // of the layout's bounding box
  int32_t node_of_scene(story::SceneId s) const { return s >= 0 && s < scene_count ? s : -1; }
  int32_t node_of_ending(story::EndingId e) const;
  int32_t scene_count = 0;
};

// Builds and lays out the graph (once per story: it does not depend on the state).
StoryGraph build_story_graph(const story::Story& story,
                             GraphLayout layout = GraphLayout::ByDistance);

// Marks the current scene (or ending), the scenes visited and the edges taken, for `state`.
// Cheap: call it each frame.
void mark_progress(StoryGraph& graph, const story::State& state);

}  // namespace threshold::debug
