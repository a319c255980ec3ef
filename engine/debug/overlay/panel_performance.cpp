// The Performance panel: frame times, the game's and ImGui's draw calls, memory held.
// Registered in overlay_panels() (panels.cpp).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <vector>

#include "panels_parts.h"
#include "threshold/overlay/imgui_sfml.h"
#include "threshold/story/timeline.h"

namespace threshold::debug {

// ---------------------------------------------------------------------------------------------
// Performance: frame times, the game's and ImGui's draw calls, memory.

namespace {

long resident_kib() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  if (!(statm >> size >> resident)) return -1;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

}  // namespace

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

}  // namespace threshold::debug
