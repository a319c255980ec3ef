// The Problems panel: the last load's errors (a broken edit, with the story kept as it was) and
// the checker's warnings, each at its file:line:col. Registered in overlay_panels() (panels.cpp);
// collect_problems is engine/debug/include/threshold/debug/problems.h.
#include <algorithm>
#include <string>
#include <vector>

#include "panels_parts.h"
#include "threshold/debug/problems.h"

namespace threshold::debug {

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

}  // namespace threshold::debug
