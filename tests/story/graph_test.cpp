// The scene graph as DOT: scenes, endings and the gestures between them, always the same text.
#include "threshold/story/graph.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/test_story.h"
#include "threshold/story/loader.h"

namespace threshold::story {
namespace {

Story load_tools_story(const std::string& name) {
  return test_support::load_test_story(name);
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Graph, ScenesAreBoxesLabelledWithPlaceAndTime) {
  const std::string dot = scene_graph_dot(load_tools_story("tools_explore"));
  EXPECT_EQ(dot.rfind("digraph story {\n", 0), 0u) << dot;
  EXPECT_TRUE(has(dot, "\"kitchen\" [shape=box, label=\"kitchen\\nkitchen, morning\"];")) << dot;
  EXPECT_TRUE(has(dot, "\"street\" [shape=box, label=\"street\\nstreet, morning\"];")) << dot;
  EXPECT_TRUE(has(dot, "\"start:\" -> \"kitchen\";")) << dot;
  EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");
}

TEST(Graph, EndingsAreDistinctShapes) {
  const std::string dot = scene_graph_dot(load_tools_story("tools_explore"));
  EXPECT_TRUE(has(dot, "\"end:left\" [shape=doubleoctagon, label=\"Left\\n(left)\"];")) << dot;
  EXPECT_TRUE(has(dot, "\"end:spoke\" [shape=doubleoctagon")) << dot;
}

TEST(Graph, EdgesAreLabelledByTheGestureThatTakesThem) {
  const std::string dot = scene_graph_dot(load_tools_story("tools_explore"));
  EXPECT_TRUE(has(dot, "\"kitchen\" -> \"street\" [label=\"open_door\"];")) << dot;
  EXPECT_TRUE(has(dot, "\"kitchen\" -> \"end:stayed\" [label=\"sit\"];")) << dot;
  EXPECT_TRUE(has(dot, "\"street\" -> \"end:left\" [label=\"board\"];")) << dot;
  // A stay gesture leads nowhere else: no edge for it.
  EXPECT_FALSE(has(dot, "hold_cup")) << dot;
}

TEST(Graph, BeatLinksAreDashedAndLabelledByTheBeat) {
  const std::string dot = scene_graph_dot(load_tools_story("tools_warnings"));
  EXPECT_TRUE(has(dot, "\"island\" -> \"end:home\" [label=\"platform\", style=dashed];")) << dot;
}

TEST(Graph, SameStoryGivesTheSameText) {
  const std::string a = scene_graph_dot(load_tools_story("tools_stuck"));
  const std::string b = scene_graph_dot(load_tools_story("tools_stuck"));
  EXPECT_EQ(a, b);
}

TEST(Graph, QuotesAndBackslashesInLabelsAreEscaped) {
  Story story = load_tools_story("tools_explore");
  story.title = "Say \"no\" \\ leave";
  const std::string dot = scene_graph_dot(story);
  EXPECT_TRUE(has(dot, "label=\"Say \\\"no\\\" \\\\ leave\"")) << dot;
}

}  // namespace
}  // namespace threshold::story
