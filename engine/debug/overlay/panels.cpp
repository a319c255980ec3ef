// The overlay's panels, each a function over a PanelContext, and the one table that registers
// them (overlay_panels(), at the bottom). What they show is computed by the headless core in
// engine/debug; here it is only laid out. docs/debug-overlay.md shows how to add one.
// The panels themselves live one a file in panel_<name>.cpp; panels_parts.h declares them and
// the helpers below, which they share.
#include <imgui.h>

#include <cstdio>

#include "panels_parts.h"

namespace threshold::debug {

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
  return s >= 0 && static_cast<size_t>(s) < story.scenes.size() ? story.scene(s).id.c_str() : "-";
}

const story::Gesture* gesture_of(const story::Story& story, const story::HistoryEntry& h) {
  return story.gesture(h);
}

bool need_game(PanelContext& c) {
  if (c.session.runtime) return true;
  ImGui::TextDisabled("No game yet: start one (New, or a scene in the Scenes panel).");
  return false;
}

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
