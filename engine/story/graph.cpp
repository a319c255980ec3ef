// Scene graph as Graphviz DOT. See graph.h.
#include "threshold/story/graph.h"

namespace threshold::story {

namespace {

// A DOT double-quoted string.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string scene_node(const Scene& scene) {
  return quoted(scene.id);
}
std::string ending_node(const Ending& ending) {
  return quoted("end:" + ending.id);
}

void edge(std::string& out, const Story& story, const std::string& from, const Target& to,
          const std::string& label, bool from_beat) {
  std::string node;
  if (to.scene() >= 0 && static_cast<size_t>(to.scene()) < story.scenes.size()) {
    node = scene_node(story.scene(to.scene()));
  } else if (const Ending* e = story.ending(to.ending())) {
    node = ending_node(*e);
  } else {
    return;  // then: and fall-through stay inside the scene
  }
  out += "  " + from + " -> " + node + " [label=" + quoted(label);
  if (from_beat) out += ", style=dashed";
  out += "];\n";
}

}  // namespace

std::string scene_graph_dot(const Story& story) {
  std::string out = "digraph story {\n";
  out += "  graph [label=" + quoted(story.title) + ", labelloc=t, rankdir=LR];\n";
  out += "  node [fontname=\"EB Garamond\"];\n";
  out += "  edge [fontname=\"EB Garamond\", fontsize=10];\n";
  out += "  \"start:\" [shape=point];\n";
  for (const Scene& scene : story.scenes) {
    std::string label = scene.id + "\n" + scene.place + ", " + time_of_day_name(scene.time);
    if (scene.day > 0) label += ", day " + std::to_string(scene.day);
    out += "  " + scene_node(scene) + " [shape=box, label=" + quoted(label) + "];\n";
  }
  for (const Ending& ending : story.endings) {
    out += "  " + ending_node(ending) +
           " [shape=doubleoctagon, label=" + quoted(ending.title + "\n(" + ending.id + ")") +
           "];\n";
  }
  if (story.start >= 0 && static_cast<size_t>(story.start) < story.scenes.size()) {
    out += "  \"start:\" -> " + scene_node(story.scene(story.start)) + ";\n";
  }
  for (const Scene& scene : story.scenes) {
    const std::string from = scene_node(scene);
    for (const Beat& beat : scene.beats) {
      edge(out, story, from, beat.target, beat.id, true);
      if (!beat.moment) continue;
      for (const Gesture& g : beat.moment->gestures) edge(out, story, from, g.target, g.id, false);
    }
  }
  out += "}\n";
  return out;
}

}  // namespace threshold::story
