// The Time panel: pause, step and scale the story's clock. Registered in overlay_panels()
// (panels.cpp); it writes the session's time controls, which the game loop applies.
#include <cmath>
#include <cstdio>

#include "panels_parts.h"

namespace threshold::debug {

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

}  // namespace threshold::debug
