// The Now panel: where the story is, what is on offer, and why the rest is not (each condition
// as a tree of its parts and their values). Registered in overlay_panels() (panels.cpp); what it
// shows is computed by inspect_now (engine/debug/include/threshold/debug/inspect.h).
#include <cmath>
#include <cstdio>

#include "panels_parts.h"
#include "threshold/debug/inspect.h"

namespace threshold::debug {

// ---------------------------------------------------------------------------------------------
// Now: where the story is, what is on offer, and why the rest is not.

namespace {

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

}  // namespace

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

}  // namespace threshold::debug
