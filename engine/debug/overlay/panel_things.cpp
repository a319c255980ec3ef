// The Things panel: what the pointer can find in this scene, where, and what the player is doing
// with it. Registered in overlay_panels() (panels.cpp).
#include "panels_parts.h"

namespace threshold::debug {

// ---------------------------------------------------------------------------------------------
// Things: what the pointer can find in this scene, where, and what the player is doing with it.

void things_panel(PanelContext& c) {
  if (!need_game(c)) return;
  const story::State& state = c.session.runtime->state();
  if (state.scene < 0) return;
  const story::Scene& scene = c.session.runtime->story().scene(state.scene);
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

}  // namespace threshold::debug
