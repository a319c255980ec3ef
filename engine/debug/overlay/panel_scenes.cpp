// The Scenes panel: search the story's scenes, jump to one or restart it (on the title screen,
// start a game there). Registered in overlay_panels() (panels.cpp); search_scenes is
// engine/debug/include/threshold/debug/scenes.h.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "panels_parts.h"
#include "threshold/debug/scenes.h"
#include "threshold/story/timeline.h"

namespace threshold::debug {

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

}  // namespace threshold::debug
