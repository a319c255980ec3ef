// The Variables panel: every variable and counter, edited in place; an edit applies at once.
// Registered in overlay_panels() (panels.cpp); the rows and the edits are
// engine/debug/include/threshold/debug/variables.h.
#include <cstdio>
#include <vector>

#include "panels_parts.h"
#include "threshold/debug/variables.h"

namespace threshold::debug {

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

}  // namespace threshold::debug
