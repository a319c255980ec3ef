// The Story graph panel: scenes and endings in layers, the player's path through them lit; drag
// to pan, wheel to zoom. Registered in overlay_panels() (panels.cpp); the layout is
// engine/debug/include/threshold/debug/story_graph.h, here it is only drawn.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "panels_parts.h"
#include "threshold/debug/story_graph.h"
#include "threshold/story/timeline.h"

namespace threshold::debug {

using story::kNone;

// ---------------------------------------------------------------------------------------------
// Story graph: scenes and endings in layers; drag to pan, wheel to zoom.

void graph_panel(PanelContext& c) {
  std::shared_ptr<const story::Story> story = c.session.story;
  if (!story) return;
  Overlay::GraphView& view = c.overlay.graph_view();
  if (ImGui::Checkbox("by day", &view.by_day)) view.built_for = nullptr;
  if (view.built_for != story.get()) {
    view.graph =
        build_story_graph(*story, view.by_day ? GraphLayout::ByDay : GraphLayout::ByDistance);
    view.built_for = story.get();
    view.followed = kNone;
  }
  StoryGraph& graph = view.graph;
  if (c.session.runtime) mark_progress(graph, c.session.runtime->state());
  ImGui::SameLine();
  const bool fit = ImGui::SmallButton("fit");
  ImGui::SameLine();
  if (ImGui::SmallButton("follow")) {
    view.zoom = 1;
    view.follow = true;
    view.followed = kNone;
  }
  ImGui::SameLine();
  ImGui::TextDisabled("drag, wheel; double-click jumps");
  ImGui::PushStyleColor(ImGuiCol_Text, kCurrent);
  ImGui::TextUnformatted("now");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(110, 170, 255, 255));
  ImGui::TextUnformatted("taken");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, kBad);
  ImGui::TextUnformatted("unreachable");
  ImGui::PopStyleColor();

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImVec2 size = ImGui::GetContentRegionAvail();
  size.x = std::max(size.x, 50.f);
  size.y = std::max(size.y, 50.f);
  ImGui::InvisibleButton("canvas", size,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const bool hovered = ImGui::IsItemHovered();
  ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Left) ||
                                ImGui::IsMouseDragging(ImGuiMouseButton_Right))) {
    view.pan_x += io.MouseDelta.x;
    view.pan_y += io.MouseDelta.y;
    view.follow = false;
  }
  // At zoom 1 a layer is wide enough for a scene's id; a long story runs off the canvas and the
  // view follows the current scene (until the developer pans; "fit" shows the whole story).
  const float margin = 40;
  const float font = ImGui::GetFontSize();
  const float unit_x = font * 8.5f, unit_y = font * 1.9f;
  if (fit) {
    view.zoom = std::clamp(std::min((size.x - 2 * margin) / (unit_x * std::max(1.f, graph.width)),
                                    (size.y - margin) / (unit_y * std::max(1.f, graph.height))),
                           0.05f, 1.f);
    view.pan_x = view.pan_y = 0;
    view.follow = false;
  }
  const GraphNode* current = nullptr;
  for (const GraphNode& n : graph.nodes) {
    if (n.current) current = &n;
  }
  if (view.follow && current && current->index != view.followed) {
    view.followed = current->index;
    view.pan_x = size.x / 2 - margin - current->x * unit_x * view.zoom;
    view.pan_y = std::min(0.f, size.y / 2 - margin * 0.5f - current->y * unit_y * view.zoom);
  }
  if (hovered && io.MouseWheel != 0) {
    const float old_zoom = view.zoom;
    view.zoom = std::clamp(view.zoom * std::pow(1.15f, io.MouseWheel), 0.2f, 6.f);
    const float mx = io.MousePos.x - origin.x - view.pan_x;
    const float my = io.MousePos.y - origin.y - view.pan_y;
    view.pan_x -= mx * (view.zoom / old_zoom - 1);
    view.pan_y -= my * (view.zoom / old_zoom - 1);
  }
  const float sx = unit_x * view.zoom, sy = unit_y * view.zoom;
  auto at = [&](const GraphNode& n) {
    return ImVec2(origin.x + view.pan_x + margin + n.x * sx,
                  origin.y + view.pan_y + margin * 0.5f + n.y * sy);
  };
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y),
                      IM_COL32(20, 22, 28, 255));
  const float box_w = sx * 0.82f, box_h = sy * 0.72f;
  for (const GraphEdge& e : graph.edges) {
    const GraphNode& a = graph.nodes[static_cast<size_t>(e.from)];
    const GraphNode& b = graph.nodes[static_cast<size_t>(e.to)];
    ImVec2 pa = at(a), pb = at(b);
    pa.x += box_w / 2;
    pb.x -= box_w / 2;
    const ImU32 col = e.taken       ? IM_COL32(110, 170, 255, 255)
                      : e.from_beat ? IM_COL32(90, 90, 100, 255)
                                    : IM_COL32(120, 120, 130, 255);
    const float bend = std::max(10.f, std::abs(pb.x - pa.x) * 0.4f);
    draw->AddBezierCubic(pa, ImVec2(pa.x + bend, pa.y), ImVec2(pb.x - bend, pb.y), pb, col,
                         e.taken ? 2.5f : 1.f);
    draw->AddCircleFilled(pb, 2.5f, col);
  }
  const GraphNode* under = nullptr;
  for (const GraphNode& n : graph.nodes) {
    const ImVec2 p = at(n);
    const ImVec2 lo(p.x - box_w / 2, p.y - box_h / 2), hi(p.x + box_w / 2, p.y + box_h / 2);
    const bool ending = n.kind == GraphNode::Kind::Ending;
    ImU32 fill = ending ? IM_COL32(60, 45, 70, 255) : IM_COL32(45, 50, 60, 255);
    if (n.visited) fill = IM_COL32(40, 70, 120, 255);
    if (n.current) fill = IM_COL32(150, 110, 20, 255);
    draw->AddRectFilled(lo, hi, fill, ending ? 9.f : 3.f);
    const ImU32 border = !n.reachable ? kBad : n.current ? kCurrent : IM_COL32(150, 150, 160, 255);
    draw->AddRect(lo, hi, border, ending ? 9.f : 3.f, 0, !n.reachable || n.current ? 2.5f : 1.f);
    if (n.start)
      draw->AddTriangleFilled(ImVec2(lo.x - 8, p.y - 5), ImVec2(lo.x - 8, p.y + 5),
                              ImVec2(lo.x - 1, p.y), kGood);
    const std::string label = ending ? n.id.substr(n.id.find(':') + 1) : n.id;
    if (box_h > font * 0.8f) {  // zoomed far out the boxes alone show the shape
      draw->PushClipRect(lo, hi, true);
      draw->AddText(ImVec2(lo.x + 4, p.y - font / 2), n.reachable ? IM_COL32_WHITE : kBad,
                    label.c_str());
      draw->PopClipRect();
    }
    if (hovered && ImGui::IsMouseHoveringRect(lo, hi)) under = &n;
  }
  draw->PopClipRect();
  if (under) {
    ImGui::SetTooltip("%s%s%s%s", under->label.c_str(), under->reachable ? "" : "\nunreachable",
                      under->current ? "\nhere now" : "", under->visited ? "\nvisited" : "");
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) &&
        under->kind == GraphNode::Kind::Scene) {
      if (c.session.runtime && c.session.timeline) {
        std::vector<story::Event> events;
        c.session.timeline->jump(*c.session.runtime, under->index, events);
        if (c.session.changed) c.session.changed(events, false);
      } else if (c.session.start_at) {
        c.session.start_at(under->index);
      }
    }
  }
}

}  // namespace threshold::debug
