// The Story graph and Scenes panels' data: layered layout, labelled edges, the path taken and
// unreachable scenes; scene search ranked by how well the id matches.
#include "threshold/debug/story_graph.h"

#include <gtest/gtest.h>

#include "story_fixture.h"
#include "threshold/debug/problems.h"
#include "threshold/debug/scenes.h"
#include "threshold/story/timeline.h"

namespace threshold::debug {
namespace {

using namespace threshold::debug::testing;

class StoryGraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    story_ = load_or_fail(door_dir());
    ASSERT_TRUE(story_);
  }
  const GraphNode& node(const StoryGraph& g, const std::string& id) {
    for (const GraphNode& n : g.nodes) {
      if (n.id == id) return n;
    }
    ADD_FAILURE() << "no node " << id;
    return g.nodes.front();
  }
  const GraphEdge* edge(const StoryGraph& g, const std::string& from, const std::string& to) {
    for (const GraphEdge& e : g.edges) {
      if (g.nodes[static_cast<size_t>(e.from)].id == from &&
          g.nodes[static_cast<size_t>(e.to)].id == to) {
        return &e;
      }
    }
    return nullptr;
  }
  std::shared_ptr<const story::Story> story_;
};

TEST_F(StoryGraphTest, ScenesAreLaidOutByDistanceFromTheStart) {
  const StoryGraph g = build_story_graph(*story_);
  EXPECT_EQ(g.nodes.size(), story_->scenes.size() + story_->endings.size());
  EXPECT_TRUE(node(g, "hallway").start);
  EXPECT_EQ(node(g, "hallway").layer, 0);
  EXPECT_EQ(node(g, "kitchen").layer, 1);
  EXPECT_EQ(node(g, "street").layer, 1);
  EXPECT_EQ(node(g, "bedroom").layer, 1);
  EXPECT_EQ(node(g, "end:out").layer, 2);
  EXPECT_EQ(node(g, "end:out").label, "Out");
  // Nodes of one column do not overlap.
  EXPECT_NE(node(g, "kitchen").y, node(g, "street").y);
  EXPECT_FLOAT_EQ(node(g, "kitchen").x, 1.0f);
}

TEST_F(StoryGraphTest, AnUnreachableSceneIsMarkedAndStandsApart) {
  const StoryGraph g = build_story_graph(*story_);
  EXPECT_FALSE(node(g, "attic").reachable);
  EXPECT_TRUE(node(g, "kitchen").reachable);
  EXPECT_TRUE(node(g, "end:out").reachable);
  EXPECT_GT(node(g, "attic").layer, node(g, "end:out").layer);
}

TEST_F(StoryGraphTest, EdgesAreLabelledByTheGesturesThatTakeThem) {
  const StoryGraph g = build_story_graph(*story_);
  const GraphEdge* door = edge(g, "hallway", "street");
  ASSERT_NE(door, nullptr);
  EXPECT_EQ(door->label, "open_door");
  EXPECT_FALSE(door->from_beat);
  const GraphEdge* out = edge(g, "street", "end:out");
  ASSERT_NE(out, nullptr);
  EXPECT_TRUE(out->from_beat);
  EXPECT_EQ(edge(g, "kitchen", "street"), nullptr);
}

TEST_F(StoryGraphTest, ThePathTakenAndTheCurrentSceneAreMarked) {
  StoryGraph g = build_story_graph(*story_);
  story::Runtime rt(*story_);
  story::Timeline timeline;
  std::vector<story::Event> out;
  timeline.start(rt, out);
  timeline.step(rt, 7.0 + story::kBreathSeconds, {}, out);  // the wait: to the kitchen
  ASSERT_EQ(scene_id(rt), "kitchen");
  mark_progress(g, rt.state());
  EXPECT_TRUE(node(g, "kitchen").current);
  EXPECT_FALSE(node(g, "hallway").current);
  EXPECT_TRUE(node(g, "hallway").visited);
  EXPECT_FALSE(node(g, "street").visited);
  EXPECT_TRUE(edge(g, "hallway", "kitchen")->taken);
  EXPECT_FALSE(edge(g, "hallway", "street")->taken);
}

TEST_F(StoryGraphTest, ByDayPutsEachDayInItsOwnColumn) {
  const StoryGraph g = build_story_graph(*story_, GraphLayout::ByDay);
  EXPECT_EQ(node(g, "hallway").layer, 0);
  EXPECT_EQ(node(g, "kitchen").layer, 0);  // no day: of its own, it keeps day 1
  EXPECT_EQ(node(g, "end:out").layer, 1);
}

TEST(SceneSearch, RanksExactThenPrefixThenWordThenInsideThenPlaceAndIgnoresCase) {
  story::Story s;
  const std::vector<std::pair<std::string, std::string>> scenes = {
      {"darkness", "night_club"},   {"midnight", "street"},   {"walk_to_night_bus", "bus"},
      {"kitchen_night", "kitchen"}, {"night_walk", "street"}, {"night", "bedroom"},
      {"morning", "kitchen"}};
  for (const auto& [id, place] : scenes) {
    story::Scene scene;
    scene.id = id;
    scene.place = place;
    s.scenes.push_back(std::move(scene));
  }
  std::vector<std::string> ids;
  for (const SceneMatch& m : search_scenes(s, "NiGhT")) ids.push_back(m.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"night", "night_walk", "walk_to_night_bus",
                                           "kitchen_night", "midnight", "darkness"}));
  EXPECT_EQ(search_scenes(s, "kitchen").front().id, "kitchen_night");  // id before place
  EXPECT_EQ(search_scenes(s, "").size(), scenes.size());
  EXPECT_EQ(search_scenes(s, "", 2).size(), 2u);
  EXPECT_TRUE(search_scenes(s, "cellar").empty());
}

TEST_F(StoryGraphTest, ProblemsIncludeTheCheckersWarningsWithTheirPositions) {
  const std::vector<story::Diagnostic> problems =
      collect_problems(story::Diagnostics{}, story_.get());
  bool attic = false;
  for (const story::Diagnostic& d : problems) {
    if (d.message.find("'attic' is never reached") != std::string::npos) {
      attic = true;
      EXPECT_EQ(d.severity, story::Severity::Warning);
      EXPECT_NE(d.file.find("attic.yaml"), std::string::npos);
      EXPECT_GT(d.line, 0);
    }
  }
  EXPECT_TRUE(attic);
}

}  // namespace
}  // namespace threshold::debug
