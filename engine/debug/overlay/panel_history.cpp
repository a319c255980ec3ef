// The History panel: the gestures taken, newest last; Rewind puts the game back to just before
// one. Registered in overlay_panels() (panels.cpp); rewinding is the session's Timeline.
#include <cstdio>
#include <optional>
#include <vector>

#include "panels_parts.h"
#include "threshold/story/timeline.h"

namespace threshold::debug {

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

}  // namespace threshold::debug
