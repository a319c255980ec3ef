// The overlay's panels, each a function over a PanelContext, and the one table that registers
// them (overlay_panels(), at the bottom). What they show is computed by the headless core in
// engine/debug; here it is only laid out. docs/debug-overlay.md shows how to add one.
#include <imgui.h>
#include <unistd.h>

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>

#include "engine/debug/inspect.h"
#include "engine/debug/overlay/imgui_sfml.h"
#include "engine/debug/overlay/overlay.h"
#include "engine/debug/problems.h"
#include "engine/debug/scenes.h"
#include "engine/debug/story_graph.h"
#include "engine/story/timeline.h"
#include "engine/debug/variables.h"

namespace threshold::debug {

namespace {

using story::GestureKind;
using story::kNone;

const ImU32 kGood = IM_COL32(140, 220, 140, 255);
const ImU32 kBad = IM_COL32(255, 120, 100, 255);
const ImU32 kWarn = IM_COL32(240, 200, 90, 255);
const ImU32 kDim = IM_COL32(150, 150, 150, 255);
const ImU32 kCurrent = IM_COL32(255, 210, 80, 255);

void colored(ImU32 color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// "scenes/kitchen.yaml:12:5" for a position in the story's sources.
std::string where(const story::Story& story, story::SourcePos at) {
  if (at.file < 0 || static_cast<size_t>(at.file) >= story.sources.size()) return "";
  std::string path = story.sources.path(at.file);
  if (!story.dir.empty() && path.rfind(story.dir, 0) == 0) {
    path = path.substr(story.dir.size());
    while (!path.empty() && path.front() == '/') path.erase(0, 1);
  }
  return path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

const char* scene_id(const story::Story& story, story::SceneId s) {
  return s >= 0 && static_cast<size_t>(s) < story.scenes.size()
             ? story.scenes[static_cast<size_t>(s)].id.c_str()
             : "-";
}

const story::Gesture* gesture_of(const story::Story& story, const story::HistoryEntry& h) {
  if (h.scene < 0 || static_cast<size_t>(h.scene) >= story.scenes.size()) return nullptr;
  const story::Scene& scene = story.scenes[static_cast<size_t>(h.scene)];
  if (h.beat < 0 || static_cast<size_t>(h.beat) >= scene.beats.size()) return nullptr;
  const story::Beat& beat = scene.beats[static_cast<size_t>(h.beat)];
  if (!beat.moment || h.gesture < 0 ||
      static_cast<size_t>(h.gesture) >= beat.moment->gestures.size()) {
    return nullptr;
  }
  return &beat.moment->gestures[static_cast<size_t>(h.gesture)];
}

bool need_game(PanelContext& c) {
  if (c.session.runtime) return true;
  ImGui::TextDisabled("No game yet: start one (New, or a scene in the Scenes panel).");
  return false;
}

// ---------------------------------------------------------------------------------------------
// Now: where the story is, what is on offer, and why the rest is not.

void condition_tree(const ConditionReport& report) {
  for (const ExprPart& part : report.parts) {
    ImGui::Indent(static_cast<float>(part.depth + 1) * 12.f);
    const bool truthy = part.value.type() == story::Type::Bool && part.value.boolean();
    const bool falsy = part.value.type() == story::Type::Bool && !part.value.boolean();
    ImGui::PushStyleColor(ImGuiCol_Text, truthy ? kGood : falsy ? kBad : kDim);
    ImGui::TextWrapped("%s  = %s", part.text.c_str(), part.value.to_text().c_str());
    ImGui::PopStyleColor();
    ImGui::Unindent(static_cast<float>(part.depth + 1) * 12.f);
  }
}

void now_panel(PanelContext& c) {
  if (!need_game(c)) return;
  const story::Runtime& runtime = *c.session.runtime;
  const story::Story& story = runtime.story();
  const NowReport now = inspect_now(runtime);
  ImGui::Text("%s   t = %.2f s", now.phase_name, now.time);
  ImGui::Text("scene  %s", now.scene.empty() ? "-" : now.scene.c_str());
  if (!now.place.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)", now.place.c_str());
  }
  ImGui::Text("beat   %s", now.beat.empty() ? "-" : now.beat.c_str());
  if (!now.ending.empty()) ImGui::Text("ending %s", now.ending.c_str());
  if (now.phase == story::Phase::Lines || now.phase == story::Phase::GestureLines ||
      now.phase == story::Phase::EndingLines) {
    if (!now.gesture.empty()) ImGui::Text("answering %s", now.gesture.c_str());
    ImGui::Text("line lingers %.1f s more; %d line(s) to follow", now.linger_left, now.lines_left);
  }
  if (now.phase != story::Phase::Moment) return;
  ImGui::Text("moment open %.1f s; silence %.1f s", now.moment_open_for, now.silence);
  if (std::isfinite(now.next_deadline)) {
    ImGui::SameLine();
    ImGui::TextDisabled("next thing in %.1f s", now.next_deadline);
  }
  ImGui::Separator();
  ImGui::TextUnformatted("On offer");
  for (const GestureReport& g : now.gestures) {
    if (!g.offered) continue;
    ImGui::PushID(g.index);
    std::string label = std::string(story::gesture_kind_name(g.kind));
    if (!g.thing.empty()) label += " " + g.thing;
    if (g.seconds > 0) label += fmt(" %.1f s", g.seconds);
    if (g.distance > 0) label += fmt(" %.0f px", g.distance);
    ImGui::PushStyleColor(ImGuiCol_Text, kGood);
    ImGui::Text("%s", g.id.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled("%s -> %s", label.c_str(), g.leads_to.c_str());
    ImGui::TextDisabled("  \"%s\"", g.wording.c_str());
    if (g.underway) {
      char overlay_text[48];
      if (g.distance > 0) {
        std::snprintf(overlay_text, sizeof overlay_text, "%.0f / %.0f px", g.dragged, g.distance);
      } else {
        std::snprintf(overlay_text, sizeof overlay_text, "%.1f / %.1f s", g.elapsed, g.seconds);
      }
      ImGui::ProgressBar(static_cast<float>(g.progress), ImVec2(-1, 0), overlay_text);
    }
    if (g.has_condition) {
      ImGui::TextDisabled("  if %s  (true)", g.condition.source.c_str());
    }
    ImGui::PopID();
  }
  bool any_hidden = false;
  for (const GestureReport& g : now.gestures) {
    if (g.offered) continue;
    if (!any_hidden) {
      ImGui::Separator();
      ImGui::TextUnformatted("Not on offer");
      any_hidden = true;
    }
    ImGui::PushID(g.index);
    ImGui::PushStyleColor(ImGuiCol_Text, kBad);
    const bool open = ImGui::TreeNodeEx("gesture", ImGuiTreeNodeFlags_DefaultOpen, "%s  (%s%s%s)",
                                        g.id.c_str(), story::gesture_kind_name(g.kind),
                                        g.thing.empty() ? "" : " ", g.thing.c_str());
    ImGui::PopStyleColor();
    if (open) {
      colored(kWarn, g.why_hidden);
      if (g.has_condition) {
        ImGui::TextDisabled("if: %s   %s", g.condition.source.c_str(),
                            where(story, g.condition.at).c_str());
        for (const std::string& b : g.condition.blame) {
          if (g.why_hidden.find(b) == std::string::npos) colored(kWarn, "because " + b);
        }
        condition_tree(g.condition);
      }
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
}

// ---------------------------------------------------------------------------------------------
// Variables: every variable and counter; an edit applies at once.

void variables_panel(PanelContext& c) {
  if (!need_game(c)) return;
  story::Runtime& runtime = *c.session.runtime;
  std::string& filter = c.overlay.variable_filter();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s", filter.c_str());
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##filter", "filter by name", buf, sizeof buf)) filter = buf;
  std::string& error = c.overlay.edit_error();
  if (!error.empty()) colored(kBad, error);
  const std::vector<VariableRow> rows = list_variables(runtime.story(), runtime.state());
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("variables", 3, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("at start", ImGuiTableColumnFlags_WidthStretch, 0.6f);
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < rows.size(); ++i) {
    const VariableRow& row = rows[i];
    if (!filter.empty() && row.name.find(filter) == std::string::npos) continue;
    ImGui::TableNextRow();
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextColumn();
    const bool changed_from_start = !(row.value == row.initial);
    ImGui::PushStyleColor(ImGuiCol_Text, row.kind == VariableKind::Story ? IM_COL32_WHITE : kDim);
    ImGui::TextUnformatted(row.name.c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s%s", story::type_name(row.type), row.hidden ? ", hidden" : "");
    }
    ImGui::TableNextColumn();
    std::string result;
    bool edited = false;
    if (!row.editable) {
      ImGui::TextUnformatted(row.value.to_text().c_str());
    } else if (row.type == story::Type::Bool) {
      bool b = row.value.boolean();
      if (ImGui::Checkbox("##v", &b)) {
        result = set_variable(runtime, row.name, b ? "true" : "false");
        edited = true;
      }
    } else {
      char value[128];
      std::snprintf(value, sizeof value, "%s", row.value.to_text().c_str());
      ImGui::SetNextItemWidth(-1);
      if (changed_from_start) ImGui::PushStyleColor(ImGuiCol_Text, kCurrent);
      if (ImGui::InputText("##v", value, sizeof value, ImGuiInputTextFlags_EnterReturnsTrue)) {
        result = set_variable(runtime, row.name, value);
        edited = true;
      }
      if (changed_from_start) ImGui::PopStyleColor();
    }
    if (edited) {
      error = result;
      if (result.empty() && c.session.changed) c.session.changed({}, false);
    }
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", row.initial.to_text().c_str());
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// ---------------------------------------------------------------------------------------------
// History: the gestures taken; Rewind puts the game back to just before one.

void history_panel(PanelContext& c) {
  if (!need_game(c)) return;
  story::Runtime& runtime = *c.session.runtime;
  const story::Story& story = runtime.story();
  const std::vector<story::HistoryEntry>& history = runtime.state().history;
  if (history.empty()) {
    ImGui::TextDisabled("No gesture taken yet.");
    return;
  }
  ImGui::TextDisabled("Click a gesture to rewind to just before it.");
  std::optional<size_t> rewind_to;
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("history", 4, flags)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, 60);
    ImGui::TableSetupColumn("scene");
    ImGui::TableSetupColumn("gesture");
    ImGui::TableSetupColumn("took", ImGuiTableColumnFlags_WidthFixed, 50);
    ImGui::TableHeadersRow();
    for (size_t k = history.size(); k-- > 0;) {  // newest first
      const story::HistoryEntry& h = history[k];
      const story::Gesture* g = gesture_of(story, h);
      ImGui::TableNextRow();
      ImGui::PushID(static_cast<int>(k));
      ImGui::TableNextColumn();
      const bool can = c.session.timeline && c.session.timeline->can_rewind(k);
      char t[32];
      std::snprintf(t, sizeof t, "%.1f", h.time);
      if (!can) ImGui::BeginDisabled();
      if (ImGui::Selectable(t, false, ImGuiSelectableFlags_SpanAllColumns)) rewind_to = k;
      if (!can) ImGui::EndDisabled();
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(can ? "Rewind to just before this gesture"
                              : "Too old to rewind to (no snapshot kept)");
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(scene_id(story, h.scene));
      ImGui::TableNextColumn();
      if (g) {
        ImGui::Text("%s", g->id.c_str());
      } else {
        ImGui::TextDisabled("(hesitated)");
      }
      ImGui::SameLine();
      ImGui::TextDisabled("%s", story::gesture_kind_name(h.kind));
      ImGui::TableNextColumn();
      ImGui::Text("%.1f s", h.seconds);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (rewind_to && c.session.timeline && c.session.timeline->rewind(runtime, *rewind_to)) {
    if (c.session.changed) c.session.changed({}, true);
  }
}

// ---------------------------------------------------------------------------------------------
// Scenes: search, jump to, restart.

void scenes_panel(PanelContext& c) {
  std::shared_ptr<const story::Story> story = c.session.story;
  if (!story) return;
  story::Runtime* runtime = c.session.runtime;
  if (runtime && runtime->state().scene >= 0) {
    ImGui::Text("In %s", scene_id(*story, runtime->state().scene));
    ImGui::SameLine();
    if (ImGui::SmallButton("Restart this scene") && c.session.timeline &&
        c.session.timeline->restart_scene(*runtime) && c.session.changed) {
      c.session.changed({}, true);
    }
  }
  std::string& query = c.overlay.scene_query();
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s", query.c_str());
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##search", "search scenes by id or place", buf, sizeof buf)) {
    query = buf;
  }
  const std::vector<SceneMatch> matches = search_scenes(*story, query);
  ImGui::BeginChild("matches");
  for (const SceneMatch& m : matches) {
    ImGui::PushID(m.scene);
    const bool here = runtime && runtime->state().scene == m.scene;
    if (ImGui::SmallButton("Jump")) {
      if (runtime && c.session.timeline) {
        std::vector<story::Event> events;
        c.session.timeline->jump(*runtime, m.scene, events);
        if (c.session.changed) c.session.changed(events, false);
      } else if (c.session.start_at) {
        c.session.start_at(m.scene);
      }
    }
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, here ? kCurrent : IM_COL32_WHITE);
    ImGui::TextUnformatted(m.id.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled("%s%s", m.place.c_str(),
                        m.day > 0 ? (", day " + std::to_string(m.day)).c_str() : "");
    if (runtime) {
      const int32_t visits = runtime->state().visits[static_cast<size_t>(m.scene)];
      if (visits > 0) {
        ImGui::SameLine();
        ImGui::TextDisabled("visited %d", visits);
      }
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
}

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

// ---------------------------------------------------------------------------------------------
// Time: pause, step, scale.

void time_panel(PanelContext& c) {
  TimeControl* time = c.session.time;
  if (!time) {
    ImGui::TextDisabled("The story's clock is not ours to steer here.");
    return;
  }
  if (c.session.runtime) ImGui::Text("story time %.2f s", c.session.runtime->state().time);
  ImGui::Checkbox("Paused", &time->paused);
  ImGui::SameLine();
  if (!time->paused) ImGui::BeginDisabled();
  if (ImGui::Button("Step 0.1 s")) time->step += 0.1;
  ImGui::SameLine();
  if (ImGui::Button("Step 1 s")) time->step += 1.0;
  ImGui::SameLine();
  if (ImGui::Button("To next thing") && c.session.runtime) {
    const double d = c.session.runtime->next_deadline(c.session.runtime->state().last_input);
    if (std::isfinite(d)) time->step += d + 1e-6;
  }
  if (!time->paused) ImGui::EndDisabled();
  float scale = static_cast<float>(time->scale);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderFloat("##scale", &scale, static_cast<float>(TimeControl::kMinScale),
                         static_cast<float>(TimeControl::kMaxScale), "time scale %.2fx",
                         ImGuiSliderFlags_Logarithmic)) {
    time->scale = scale;
  }
  for (const double preset : {0.1, 0.25, 0.5, 1.0, 2.0, 4.0}) {
    char label[16];
    std::snprintf(label, sizeof label, "%gx", preset);
    if (ImGui::SmallButton(label)) time->scale = preset;
    ImGui::SameLine();
  }
  ImGui::NewLine();
  ImGui::TextDisabled("Scales the story's clock only; sound and frames run in real time.");
}

// ---------------------------------------------------------------------------------------------
// Audio: what the engine says it is doing, and each voice sounding with its own mute and solo.

// A level (linear, 0..1) as a meter's fill: -60 dBFS empty, 0 dBFS full.
float meter(float level) {
  if (level <= 0) return 0;
  return std::clamp(1.f + 20.f * std::log10(level) / 60.f, 0.f, 1.f);
}

void voices_list(std::vector<VoiceInfo>& voices) {
  ImGui::Text("voices (M mute, S solo; the meter is what is heard)");
  if (voices.empty()) {
    ImGui::TextDisabled("nothing sounding");
    return;
  }
  // A box clicked changes the view; the game hands it to the engine after the frame.
  for (VoiceInfo& v : voices) {
    ImGui::PushID(v.id);
    ImGui::Checkbox("M", &v.muted);
    ImGui::SameLine();
    ImGui::Checkbox("S", &v.soloed);
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, v.heard ? IM_COL32_WHITE : kDim);
    ImGui::Text("%s%s%s  gain %.2f", v.cue ? "cue: " : "", v.label.c_str(),
                v.leaving ? " (fading out)" : "", static_cast<double>(v.gain));
    ImGui::PopStyleColor();
    ImGui::ProgressBar(meter(v.level), ImVec2(-1, 5), "");
    ImGui::PopID();
  }
}

void audio_panel(PanelContext& c) {
  VoiceView* audio = c.session.voices;
  if (!audio) {
    ImGui::TextDisabled("No sound engine in this game.");
    return;
  }
  if (audio->silent) {
    colored(kWarn, "Silent: " + audio->status);
  } else {
    ImGui::Text("%s", audio->status.c_str());
  }
  // The voices first: what a writer tuning a room listens to (the rest is the engine's state).
  ImGui::Separator();
  voices_list(audio->voices);
  ImGui::Separator();
  if (AudioMix* mix = c.session.mix) {
    for (size_t i = 0; i < 3; ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::Checkbox("mute", &mix->mute[i]);
      ImGui::SameLine();
      ImGui::Checkbox("solo", &mix->solo[i]);
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, mix->gains()[i] > 0 ? IM_COL32_WHITE : kDim);
      ImGui::TextUnformatted(AudioMix::kBusNames[i]);
      ImGui::PopStyleColor();
      ImGui::PopID();
    }
    ImGui::Separator();
  }
  ImGui::Text("mix              %s", audio->hrtf ? "HRTF" : "stereo panning");
  ImGui::Text("sources playing  %d (%d streamed)", audio->playing_sources, audio->streaming);
  ImGui::Text("sound held       %.1f MiB", static_cast<double>(audio->bytes_held) / (1 << 20));
  ImGui::Text("cues playing     %d", audio->playing_cues);
  ImGui::Text("world level      %.2f", audio->world_level);
  ImGui::Text("duck             %.1f dB", audio->duck_db);
  ImGui::Text("hush             %.1f dB", audio->hush_db);
  if (c.session.runtime) {
    ImGui::Text(
        "player quiet     %s",
        audio->player_quiet ? "yes (ducking)" : "no");
    const story::SceneId s = c.session.runtime->state().scene;
    if (s >= 0) {
      const story::Scene& scene = c.session.runtime->story().scenes[static_cast<size_t>(s)];
      const story::Ambience& amb = scene.ambience;
      if (!amb.authored) {
        ImGui::TextDisabled("%s has no sound of its own (it fades out)", scene.id.c_str());
      } else {
        ImGui::TextWrapped("room tone of %s: duck %.0f dB, hush %.0f dB, crossfade %.1f s",
                           scene.id.c_str(), static_cast<double>(amb.duck_db),
                           static_cast<double>(amb.hush_db), static_cast<double>(amb.crossfade));
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Performance: frame times, the game's and ImGui's draw calls, memory.

long resident_kib() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  if (!(statm >> size >> resident)) return -1;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

void performance_panel(PanelContext& c) {
  if (c.session.frames && c.session.frames->count > 0) {
    const std::vector<float> ms = c.session.frames->in_order();
    float worst = 0, sum = 0;
    for (float v : ms) {
      worst = std::max(worst, v);
      sum += v;
    }
    const float mean = sum / static_cast<float>(ms.size());
    char caption[64];
    std::snprintf(caption, sizeof caption, "mean %.1f ms, worst %.1f ms", mean, worst);
    ImGui::PlotLines("##frames", ms.data(), static_cast<int>(ms.size()), 0, caption, 0,
                     std::max(worst * 1.1f, 20.f), ImVec2(ImGui::GetContentRegionAvail().x, 80));
    ImGui::TextDisabled("time spent per loop pass (update + draw), last %zu", ms.size());
  }
  if (c.session.draw_calls >= 0) {
    ImGui::Text("game:    %d draw calls (last frame)", c.session.draw_calls);
  }
  ImGui::Text("overlay: %d draw calls, %d vertices", c.overlay.imgui().last_draw_commands(),
              c.overlay.imgui().last_vertices());
  const long kib = resident_kib();
  if (kib >= 0) ImGui::Text("memory resident: %.1f MiB", static_cast<double>(kib) / 1024.0);
  if (c.session.timeline) {
    ImGui::Text("rewind snapshots: %zu of %zu", c.session.timeline->snapshots().size(),
                c.session.timeline->capacity());
  }
}

// ---------------------------------------------------------------------------------------------
// Problems: the last load's errors (a broken edit) and the checker's warnings.

void problems_panel(PanelContext& c) {
  Overlay::ProblemsCache& cache = c.overlay.problems_cache();
  const story::Story* story = c.session.story.get();
  if (!c.session.problems && (cache.story != story || cache.generation != c.session.generation)) {
    const story::Diagnostics none;
    cache.items = collect_problems(c.session.diagnostics ? *c.session.diagnostics : none, story);
    cache.story = story;
    cache.generation = c.session.generation;
  }
  const std::vector<story::Diagnostic>& items =
      c.session.problems ? *c.session.problems : cache.items;
  if (c.session.story_broken) {
    colored(kBad, "The last edit does not load; the game plays on with the last good story.");
  }
  if (items.empty()) {
    colored(kGood, "No problems.");
    return;
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const story::Diagnostic& d = items[i];
    ImGui::PushID(static_cast<int>(i));
    const bool error = d.severity == story::Severity::Error;
    ImGui::PushStyleColor(ImGuiCol_Text, error                                    ? kBad
                                         : d.severity == story::Severity::Warning ? kWarn
                                                                                  : kDim);
    ImGui::TextUnformatted(error                                    ? "error"
                           : d.severity == story::Severity::Warning ? "warning"
                                                                    : "note");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    const std::string place =
        d.file + (d.line > 0 ? ":" + std::to_string(d.line) + ":" + std::to_string(d.column) : "");
    if (ImGui::Selectable(place.c_str())) ImGui::SetClipboardText(place.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click to copy");
    ImGui::Indent();
    ImGui::TextWrapped("%s", d.message.c_str());
    if (!d.source_line.empty()) {
      const float x = ImGui::GetCursorPosX();
      ImGui::TextDisabled("%s", d.source_line.c_str());
      if (d.column > 0) {
        // The caret under the column, measured in the panel's (proportional) font.
        const size_t before = std::min(d.source_line.size(), static_cast<size_t>(d.column - 1));
        const std::string head = d.source_line.substr(0, before);
        ImGui::SetCursorPosX(x + ImGui::CalcTextSize(head.c_str()).x);
        ImGui::PushStyleColor(ImGuiCol_Text, kBad);
        ImGui::TextUnformatted("^");
        ImGui::PopStyleColor();
      }
    }
    ImGui::Unindent();
    ImGui::PopID();
  }
}

// ---------------------------------------------------------------------------------------------
// Things: what the pointer can find in this scene, where, and what the player is doing with it.

void things_panel(PanelContext& c) {
  if (!need_game(c)) return;
  const story::State& state = c.session.runtime->state();
  if (state.scene < 0) return;
  const story::Scene& scene = c.session.runtime->story().scenes[static_cast<size_t>(state.scene)];
  for (size_t i = 0; i < scene.things.size(); ++i) {
    const story::Thing& thing = scene.things[i];
    const auto id = static_cast<story::ThingId>(i);
    const char* now = state.last_input.press == id  ? "pressed"
                      : state.last_input.look == id ? "looked at"
                                                    : "";
    ImGui::Text("%s  (%s)  %s", thing.id.c_str(), thing.name.c_str(), now);
    const story::Rect& a = thing.area;
    if (a.w > 0 && a.h > 0) {
      ImGui::TextDisabled("  area %.0f, %.0f, %.0f x %.0f", static_cast<double>(a.x),
                          static_cast<double>(a.y), static_cast<double>(a.w),
                          static_cast<double>(a.h));
    } else {
      ImGui::TextDisabled("  area: the bounds of its shapes");
    }
  }
}

}  // namespace

// The table: add a panel here (name, function, open at first, where it first appears).
const std::vector<Panel>& overlay_panels() {
  static const std::vector<Panel> panels{
      // The middle of the frame, where the scene's words appear, stays clear at first.
      {"Now", now_panel, true, 0.0f, 0.0f, 0.33f, 1.0f},
      {"Variables", variables_panel, true, 0.67f, 0.0f, 0.33f, 0.42f},
      {"History", history_panel, true, 0.67f, 0.42f, 0.33f, 0.28f},
      {"Scenes", scenes_panel, false, 0.34f, 0.0f, 0.32f, 0.5f},
      {"Story graph", graph_panel, true, 0.335f, 0.0f, 0.33f, 0.4f},
      {"Time", time_panel, false, 0.34f, 0.42f, 0.32f, 0.22f},
      {"Audio", audio_panel, false, 0.34f, 0.3f, 0.32f, 0.3f},
      {"Performance", performance_panel, false, 0.34f, 0.5f, 0.32f, 0.3f},
      {"Problems", problems_panel, true, 0.67f, 0.7f, 0.33f, 0.3f},
      {"Things", things_panel, false, 0.34f, 0.42f, 0.32f, 0.3f},
  };
  return panels;
}

}  // namespace threshold::debug
