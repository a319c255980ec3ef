// The story graph as data for the overlay. See story_graph.h.
#include "threshold/debug/story_graph.h"

#include <algorithm>
#include <deque>
#include <limits>
#include <map>
#include <unordered_set>

#include "threshold/story/walks.h"

namespace threshold::debug {

using story::Story;

namespace {

constexpr int32_t kUnset = std::numeric_limits<int32_t>::max();

int64_t pair_key(int32_t from, int32_t to) {
  return (static_cast<int64_t>(from) << 32) | static_cast<uint32_t>(to);
}

}  // namespace

int32_t StoryGraph::node_of_ending(story::EndingId e) const {
  return e < 0 ? -1 : scene_count + e;
}

StoryGraph build_story_graph(const Story& story, GraphLayout layout) {
  StoryGraph g;
  const int32_t scenes = static_cast<int32_t>(story.scenes.size());
  const int32_t endings = static_cast<int32_t>(story.endings.size());
  g.scene_count = scenes;
  const std::vector<bool> reachable = story::reachable_scenes(story);

  for (int32_t i = 0; i < scenes; ++i) {
    const story::Scene& s = story.scene(i);
    GraphNode n;
    n.kind = GraphNode::Kind::Scene;
    n.index = i;
    n.id = s.id;
    n.label = s.id + "\n" + s.place + ", " + story::time_of_day_name(s.time);
    if (s.day > 0) n.label += ", day " + std::to_string(s.day);
    n.reachable = static_cast<size_t>(i) < reachable.size() && reachable[static_cast<size_t>(i)];
    n.start = i == story.start;
    g.nodes.push_back(std::move(n));
  }
  for (int32_t i = 0; i < endings; ++i) {
    const story::Ending& e = story.endings[static_cast<size_t>(i)];
    GraphNode n;
    n.kind = GraphNode::Kind::Ending;
    n.index = i;
    n.id = "end:" + e.id;
    n.label = e.title;
    n.reachable = false;  // set below: an ending is reachable when a reachable scene leads there
    g.nodes.push_back(std::move(n));
  }

  // Edges, one per (from, to), labelled by everything that takes it.
  std::map<std::pair<int32_t, int32_t>, size_t> edge_at;
  auto add_edge = [&](int32_t from, const story::Target& t, const std::string& label, bool beat) {
    int32_t to = -1;
    if (t.scene() >= 0 && t.scene() < scenes) to = t.scene();
    if (t.ending() >= 0 && t.ending() < endings) to = scenes + t.ending();
    if (to < 0) return;  // then: and falling through stay inside the scene
    const auto [it, fresh] = edge_at.try_emplace({from, to}, g.edges.size());
    if (fresh) {
      g.edges.push_back({from, to, label, beat, false});
      return;
    }
    GraphEdge& e = g.edges[it->second];
    e.label += ", " + label;
    e.from_beat = e.from_beat && beat;
  };
  for (int32_t i = 0; i < scenes; ++i) {
    for (const story::Beat& beat : story.scene(i).beats) {
      add_edge(i, beat.target, beat.id, true);
      if (!beat.moment) continue;
      for (const story::Gesture& gesture : beat.moment->gestures) {
        add_edge(i, gesture.target, gesture.id, false);
      }
    }
  }
  for (const GraphEdge& e : g.edges) {
    if (e.to >= scenes && g.nodes[static_cast<size_t>(e.from)].reachable) {
      g.nodes[static_cast<size_t>(e.to)].reachable = true;
    }
  }

  // Shortest distance from the start over every edge (breadth first, in story order).
  const int32_t total = scenes + endings;
  std::vector<std::vector<int32_t>> succ(static_cast<size_t>(total));
  std::vector<std::vector<int32_t>> pred(static_cast<size_t>(total));
  for (const GraphEdge& e : g.edges) {
    succ[static_cast<size_t>(e.from)].push_back(e.to);
    pred[static_cast<size_t>(e.to)].push_back(e.from);
  }
  std::vector<int32_t> dist(static_cast<size_t>(total), kUnset);
  std::vector<int32_t> day(static_cast<size_t>(total), 0);
  if (story.start >= 0 && story.start < scenes) {
    std::deque<int32_t> todo{story.start};
    dist[static_cast<size_t>(story.start)] = 0;
    const int32_t start_day = story.scene(story.start).day;
    day[static_cast<size_t>(story.start)] = start_day > 0 ? start_day : 1;
    while (!todo.empty()) {
      const int32_t n = todo.front();
      todo.pop_front();
      for (int32_t m : succ[static_cast<size_t>(n)]) {
        if (dist[static_cast<size_t>(m)] != kUnset) continue;
        dist[static_cast<size_t>(m)] = dist[static_cast<size_t>(n)] + 1;
        // A scene without `day:` keeps the day of the way in.
        const int32_t own = m < scenes ? story.scene(m).day : 0;
        day[static_cast<size_t>(m)] = own > 0 ? own : day[static_cast<size_t>(n)];
        todo.push_back(m);
      }
    }
  }
  int32_t max_dist = 0, max_day = 1;
  for (int32_t n = 0; n < total; ++n) {
    if (dist[static_cast<size_t>(n)] != kUnset) {
      max_dist = std::max(max_dist, dist[static_cast<size_t>(n)]);
      max_day = std::max(max_day, day[static_cast<size_t>(n)]);
    }
  }

  // Columns: by distance, or by day (endings after the last day). What no path reaches stands
  // in a column of its own after the rest.
  std::vector<int32_t> layer(static_cast<size_t>(total));
  int32_t layers = 0;
  for (int32_t n = 0; n < total; ++n) {
    const bool placed = dist[static_cast<size_t>(n)] != kUnset;
    int32_t l = 0;
    if (layout == GraphLayout::ByDistance) {
      l = placed ? dist[static_cast<size_t>(n)] : max_dist + 1;
    } else if (!placed) {
      l = max_day + 1;
    } else {
      l = n >= scenes ? max_day : day[static_cast<size_t>(n)] - 1;
    }
    layer[static_cast<size_t>(n)] = l;
    layers = std::max(layers, l + 1);
  }

  // Rows: each column ordered by the mean row of its nodes' predecessors in earlier columns
  // (one barycentre sweep: fewer crossings, still deterministic), then by distance and story
  // order.
  std::vector<std::vector<int32_t>> columns(static_cast<size_t>(layers));
  for (int32_t n = 0; n < total; ++n)
    columns[static_cast<size_t>(layer[static_cast<size_t>(n)])].push_back(n);
  std::vector<double> row(static_cast<size_t>(total), 0);
  size_t tallest = 1;
  for (std::vector<int32_t>& column : columns) {
    std::vector<double> key(column.size());
    for (size_t k = 0; k < column.size(); ++k) {
      const int32_t n = column[k];
      double sum = 0;
      int count = 0;
      for (int32_t p : pred[static_cast<size_t>(n)]) {
        if (layer[static_cast<size_t>(p)] < layer[static_cast<size_t>(n)]) {
          sum += row[static_cast<size_t>(p)];
          ++count;
        }
      }
      key[k] = count > 0 ? sum / count : std::numeric_limits<double>::max();
    }
    std::vector<size_t> order(column.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (key[a] != key[b]) return key[a] < key[b];
      return dist[static_cast<size_t>(column[a])] < dist[static_cast<size_t>(column[b])];
    });
    std::vector<int32_t> sorted;
    for (size_t k = 0; k < order.size(); ++k) {
      sorted.push_back(column[order[k]]);
      row[static_cast<size_t>(column[order[k]])] = static_cast<double>(k);
    }
    column = std::move(sorted);
    tallest = std::max(tallest, column.size());
  }
  // Each column centred on the tallest one.
  for (const std::vector<int32_t>& column : columns) {
    const double offset = (static_cast<double>(tallest) - static_cast<double>(column.size())) / 2;
    for (size_t k = 0; k < column.size(); ++k) {
      GraphNode& n = g.nodes[static_cast<size_t>(column[k])];
      n.layer = layer[static_cast<size_t>(column[k])];
      n.row = static_cast<int32_t>(k);
      n.x = static_cast<float>(n.layer);
      n.y = static_cast<float>(offset + static_cast<double>(k));
    }
  }
  g.width = static_cast<float>(std::max(0, layers - 1));
  g.height = static_cast<float>(tallest - 1);
  return g;
}

void mark_progress(StoryGraph& graph, const story::State& state) {
  for (GraphNode& n : graph.nodes) n.current = n.visited = false;
  const int32_t total = static_cast<int32_t>(graph.nodes.size());
  auto node = [&](int32_t i) -> GraphNode* {
    return i >= 0 && i < total ? &graph.nodes[static_cast<size_t>(i)] : nullptr;
  };
  std::unordered_set<int64_t> taken;
  for (size_t k = 0; k < state.visited.size(); ++k) {
    if (GraphNode* n = node(graph.node_of_scene(state.visited[k]))) n->visited = true;
    if (k > 0) taken.insert(pair_key(state.visited[k - 1], state.visited[k]));
  }
  const int32_t ending = graph.node_of_ending(state.ending);
  const bool at_ending = ending >= 0 && (state.phase == story::Phase::EndingLines ||
                                         state.phase == story::Phase::Finished);
  if (at_ending) {
    if (GraphNode* n = node(ending)) n->visited = n->current = true;
    if (!state.visited.empty()) taken.insert(pair_key(state.visited.back(), ending));
  } else if (GraphNode* n = node(graph.node_of_scene(state.scene))) {
    n->current = true;
  }
  for (GraphEdge& e : graph.edges) e.taken = taken.count(pair_key(e.from, e.to)) > 0;
}

}  // namespace threshold::debug
