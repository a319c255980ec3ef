// The overlay's frame, its event routing and which panels are open. See overlay.h; the panels
// themselves are in panel_<name>.cpp, their table in panels.cpp.
#include "threshold/overlay/overlay.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <utility>

#include "threshold/overlay/imgui_sfml.h"

namespace threshold::debug {

double TimeControl::story_seconds(double real) {
  scale = std::clamp(scale, kMinScale, kMaxScale);
  if (!paused) return real * scale;
  return std::exchange(step, 0.0);
}

std::array<float, 3> AudioMix::gains() const {
  const bool any_solo = solo[0] || solo[1] || solo[2];
  std::array<float, 3> g{};
  for (size_t i = 0; i < 3; ++i) g[i] = mute[i] || (any_solo && !solo[i]) ? 0.f : 1.f;
  return g;
}

void FrameStats::add(double seconds) {
  ms[count % kFrames] = static_cast<float>(seconds * 1000.0);
  ++count;
}

std::vector<float> FrameStats::in_order() const {
  std::vector<float> out;
  const size_t n = std::min(count, kFrames);
  out.reserve(n);
  for (size_t i = count - n; i < count; ++i) out.push_back(ms[i % kFrames]);
  return out;
}

namespace {

// Which panels are open lives in ImGui's ini file beside the layout, as
// [Threshold][Panels] with one "Name=1" line a panel.
void* panels_read_open(ImGuiContext*, ImGuiSettingsHandler* handler, const char* name) {
  return std::strcmp(name, "Panels") == 0 ? handler->UserData : nullptr;
}

void panels_read_line(ImGuiContext*, ImGuiSettingsHandler* handler, void*, const char* line) {
  const char* eq = std::strchr(line, '=');
  if (!eq) return;
  const std::string name(line, eq);
  static_cast<Overlay*>(handler->UserData)->set_panel_open(name, std::atoi(eq + 1) != 0);
}

void panels_write_all(ImGuiContext*, ImGuiSettingsHandler* handler, ImGuiTextBuffer* out) {
  const Overlay& overlay = *static_cast<const Overlay*>(handler->UserData);
  out->appendf("[%s][Panels]\n", handler->TypeName);
  for (const Panel& p : overlay_panels()) {
    out->appendf("%s=%d\n", p.name, overlay.panel_open(p.name) ? 1 : 0);
  }
  out->append("\n");
}

}  // namespace

std::string default_overlay_font() {
  for (const char* path :
       {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf"}) {
    if (std::filesystem::is_regular_file(path)) return path;
  }
  return "";
}

Overlay::Overlay(std::string ini_path, bool open, const std::string& font_path)
    : imgui_(std::make_unique<ImGuiSfml>(std::move(ini_path), font_path, 15)), open_(open) {
  for (const Panel& p : overlay_panels()) panel_open_.push_back(p.open_by_default);
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImGui::SetCurrentContext(imgui_->context());
  ImGuiSettingsHandler handler;
  handler.TypeName = "Threshold";
  handler.TypeHash = ImHashStr("Threshold");
  handler.ReadOpenFn = panels_read_open;
  handler.ReadLineFn = panels_read_line;
  handler.WriteAllFn = panels_write_all;
  handler.UserData = this;
  imgui_->context()->SettingsHandlers.push_back(handler);
  ImGui::SetCurrentContext(previous ? previous : imgui_->context());
}

Overlay::~Overlay() {
  // ImGui writes its ini as its context goes, asking this overlay which panels are open: it
  // must go while the rest of the overlay is still here.
  imgui_.reset();
}

bool Overlay::panel_open(const std::string& name) const {
  const std::vector<Panel>& panels = overlay_panels();
  for (size_t i = 0; i < panels.size(); ++i) {
    if (name == panels[i].name) return panel_open_[i];
  }
  return false;
}

void Overlay::set_panel_open(const std::string& name, bool open) {
  const std::vector<Panel>& panels = overlay_panels();
  for (size_t i = 0; i < panels.size(); ++i) {
    if (name == panels[i].name) panel_open_[i] = open;
  }
}

bool Overlay::handle(const sf::Event& event) {
  if (event.type == sf::Event::KeyPressed && event.key.code == sf::Keyboard::F1) {
    open_ = !open_;
    return true;
  }
  if (event.type == sf::Event::KeyReleased && event.key.code == sf::Keyboard::F1) return true;
  // ImGui sees every event, so its idea of the buttons and keys stays whole.
  imgui_->handle(event);
  if (event.type == sf::Event::MouseButtonReleased) {
    const int i = imgui_button(event.mouseButton.button);
    if (i >= 0 && game_has_button_[static_cast<size_t>(i)]) {
      game_has_button_[static_cast<size_t>(i)] = false;
      return false;  // the game had the press: it gets the release, wherever it happens
    }
  }
  const bool ours = open_ && imgui_->wants(event);
  if (event.type == sf::Event::MouseButtonPressed && !ours) {
    const int i = imgui_button(event.mouseButton.button);
    if (i >= 0) game_has_button_[static_cast<size_t>(i)] = true;
  }
  return ours;
}

void Overlay::draw(sf::RenderTarget& target, Session& session, double dt) {
  if (!open_) return;
  imgui_->new_frame(target, dt);
  PanelContext context{session, *this};
  const std::vector<Panel>& panels = overlay_panels();

  // The panel menu along the top: every panel, open or not.
  bool toggled = false;
  if (ImGui::BeginMainMenuBar()) {
    ImGui::TextDisabled("Threshold debug (F1)");
    if (ImGui::BeginMenu("Panels")) {
      for (size_t i = 0; i < panels.size(); ++i) {
        bool open = panel_open_[i];
        if (ImGui::MenuItem(panels[i].name, nullptr, &open)) {
          panel_open_[i] = open;
          toggled = true;
        }
      }
      ImGui::EndMenu();
    }
    if (session.story_broken) {
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 110, 90, 255));
      ImGui::TextUnformatted("  the last edit does not load: the last good story runs (Problems)");
      ImGui::PopStyleColor();
    } else if (!session.reload_note.empty()) {
      ImGui::TextDisabled("  %s", session.reload_note.c_str());
    }
    ImGui::EndMainMenuBar();
  }
  // A broken edit brings the Problems panel forward: that is where the writer looks next.
  if (session.story_broken && !panel_open("Problems")) {
    set_panel_open("Problems", true);
    toggled = true;
  }

  // First use (no ini yet): each panel where its table entry puts it, below the menu bar.
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float top = ImGui::GetFrameHeight();
  for (size_t i = 0; i < panels.size(); ++i) {
    if (!panel_open_[i]) continue;
    const Panel& p = panels[i];
    ImGui::SetNextWindowPos(ImVec2(p.x * display.x, top + p.y * (display.y - top)),
                            ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(p.w * display.x, p.h * (display.y - top)),
                             ImGuiCond_FirstUseEver);
    bool open = true;
    if (ImGui::Begin(panels[i].name, &open)) panels[i].draw(context);
    ImGui::End();
    if (!open) {
      panel_open_[i] = false;
      toggled = true;
    }
  }
  if (toggled) ImGui::MarkIniSettingsDirty();
  imgui_->render(target);
}

}  // namespace threshold::debug
