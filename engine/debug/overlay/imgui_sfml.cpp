// SFML → Dear ImGui. See imgui_sfml.h. ImGui 1.86 predates the 1.87 input events: the mouse,
// the keys (io.KeysDown indexed by sf::Keyboard::Key, mapped by io.KeyMap), the modifiers and
// the characters are written into ImGuiIO directly.
#include "threshold/overlay/imgui_sfml.h"

#include <backends/imgui_impl_opengl2.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <SFML/Window/Context.hpp>
#include <algorithm>
#include <cfloat>
#include <fstream>
#include <optional>

namespace threshold::debug {

namespace {

bool valid_key(sf::Keyboard::Key k) {
  return k >= 0 && k < sf::Keyboard::KeyCount;
}

// Is the point inside a window ImGui drew in its last frame? (io.WantCaptureMouse learns of a
// window under the pointer only at the next NewFrame; a click may come before that.)
bool over_window(const ImGuiContext& g, float x, float y) {
  for (const ImGuiWindow* w : g.Windows) {
    if (!w->Active || w->Hidden) continue;
    if (w->Rect().Contains(ImVec2(x, y))) return true;
  }
  return false;
}

}  // namespace

ImGuiSfml::ImGuiSfml(std::string ini_path, const std::string& font_path, float font_pixels)
    : ini_path_(std::move(ini_path)) {
  ImGuiContext* previous = ImGui::GetCurrentContext();
  context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = ini_path_.empty() ? nullptr : ini_path_.c_str();
  io.BackendPlatformName = "threshold_sfml";
  io.KeyMap[ImGuiKey_Tab] = sf::Keyboard::Tab;
  io.KeyMap[ImGuiKey_LeftArrow] = sf::Keyboard::Left;
  io.KeyMap[ImGuiKey_RightArrow] = sf::Keyboard::Right;
  io.KeyMap[ImGuiKey_UpArrow] = sf::Keyboard::Up;
  io.KeyMap[ImGuiKey_DownArrow] = sf::Keyboard::Down;
  io.KeyMap[ImGuiKey_PageUp] = sf::Keyboard::PageUp;
  io.KeyMap[ImGuiKey_PageDown] = sf::Keyboard::PageDown;
  io.KeyMap[ImGuiKey_Home] = sf::Keyboard::Home;
  io.KeyMap[ImGuiKey_End] = sf::Keyboard::End;
  io.KeyMap[ImGuiKey_Insert] = sf::Keyboard::Insert;
  io.KeyMap[ImGuiKey_Delete] = sf::Keyboard::Delete;
  io.KeyMap[ImGuiKey_Backspace] = sf::Keyboard::Backspace;
  io.KeyMap[ImGuiKey_Space] = sf::Keyboard::Space;
  io.KeyMap[ImGuiKey_Enter] = sf::Keyboard::Enter;
  io.KeyMap[ImGuiKey_Escape] = sf::Keyboard::Escape;
  io.KeyMap[ImGuiKey_KeyPadEnter] = sf::Keyboard::Enter;
  io.KeyMap[ImGuiKey_A] = sf::Keyboard::A;
  io.KeyMap[ImGuiKey_C] = sf::Keyboard::C;
  io.KeyMap[ImGuiKey_V] = sf::Keyboard::V;
  io.KeyMap[ImGuiKey_X] = sf::Keyboard::X;
  io.KeyMap[ImGuiKey_Y] = sf::Keyboard::Y;
  io.KeyMap[ImGuiKey_Z] = sf::Keyboard::Z;
  io.DisplaySize = ImVec2(1280, 720);
  if (!font_path.empty() && std::ifstream(font_path).good()) {
    io.Fonts->AddFontFromFileTTF(font_path.c_str(), font_pixels);
  }
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 3;
  style.Colors[ImGuiCol_WindowBg].w = 0.92f;  // the scene stays faintly visible behind a panel
  ImGui_ImplOpenGL2_Init();
  ImGui::SetCurrentContext(previous ? previous : context_);
}

ImGuiSfml::~ImGuiSfml() {
  ImGui::SetCurrentContext(context_);
  // The font texture lives in SFML's shared GL context: any context of ours can delete it.
  std::optional<sf::Context> gl;
  if (gl_ready_) gl.emplace();
  ImGui_ImplOpenGL2_Shutdown();
  ImGui::DestroyContext(context_);  // writes the ini file
}

void ImGuiSfml::make_current() const {
  ImGui::SetCurrentContext(context_);
}

void ImGuiSfml::handle(const sf::Event& event) {
  make_current();
  ImGuiIO& io = ImGui::GetIO();
  switch (event.type) {
    case sf::Event::MouseMoved:
      io.MousePos =
          ImVec2(static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y));
      break;
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased: {
      io.MousePos =
          ImVec2(static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y));
      const int i = imgui_button(event.mouseButton.button);
      if (i < 0) break;
      const bool down = event.type == sf::Event::MouseButtonPressed;
      down_[i] = down;
      // A press and release within one frame must still be seen as a click.
      if (down) pressed_[i] = true;
      break;
    }
    case sf::Event::MouseWheelScrolled:
      if (event.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel) {
        io.MouseWheel += event.mouseWheelScroll.delta;
      } else {
        io.MouseWheelH += event.mouseWheelScroll.delta;
      }
      break;
    case sf::Event::MouseLeft:
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      break;
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased: {
      const bool down = event.type == sf::Event::KeyPressed;
      if (valid_key(event.key.code)) io.KeysDown[event.key.code] = down;
      io.KeyCtrl = event.key.control;
      io.KeyShift = event.key.shift;
      io.KeyAlt = event.key.alt;
      io.KeySuper = event.key.system;
      break;
    }
    case sf::Event::TextEntered:
      // Control characters arrive as keys (Backspace, Enter, Tab): only printable text here.
      if (event.text.unicode >= 32 && event.text.unicode != 127) {
        io.AddInputCharacter(event.text.unicode);
      }
      break;
    case sf::Event::LostFocus:
      // Keys released while the window was away never arrive: let go of everything.
      std::fill(std::begin(io.KeysDown), std::end(io.KeysDown), false);
      io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
      std::fill(std::begin(down_), std::end(down_), false);
      break;
    default:
      break;
  }
}

bool ImGuiSfml::wants(const sf::Event& event) const {
  make_current();
  const ImGuiIO& io = ImGui::GetIO();
  const ImGuiContext& g = *context_;
  switch (event.type) {
    case sf::Event::MouseMoved:
      return io.WantCaptureMouse || over_window(g, static_cast<float>(event.mouseMove.x),
                                                static_cast<float>(event.mouseMove.y));
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased:
      return io.WantCaptureMouse || over_window(g, static_cast<float>(event.mouseButton.x),
                                                static_cast<float>(event.mouseButton.y));
    case sf::Event::MouseWheelScrolled:
      return io.WantCaptureMouse || over_window(g, static_cast<float>(event.mouseWheelScroll.x),
                                                static_cast<float>(event.mouseWheelScroll.y));
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased:
      return io.WantCaptureKeyboard;
    case sf::Event::TextEntered:
      return io.WantCaptureKeyboard || io.WantTextInput;
    default:
      return false;
  }
}

void ImGuiSfml::new_frame(sf::RenderTarget& target, double dt) {
  make_current();
  (void)target.setActive(true);
  if (!gl_ready_) gl_ready_ = ImGui_ImplOpenGL2_CreateDeviceObjects();
  ImGui_ImplOpenGL2_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  const sf::Vector2u size = target.getSize();
  io.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
  io.DeltaTime = static_cast<float>(std::clamp(dt, 1e-4, 0.5));
  for (int i = 0; i < 3; ++i) {
    io.MouseDown[i] = pressed_[i] || down_[i];
    pressed_[i] = false;
  }
  ImGui::NewFrame();
}

void ImGuiSfml::render(sf::RenderTarget& target) {
  make_current();
  ImGui::Render();
  ImDrawData* data = ImGui::GetDrawData();
  draw_commands_ = 0;
  vertices_ = data ? data->TotalVtxCount : 0;
  if (data) {
    for (int i = 0; i < data->CmdListsCount; ++i)
      draw_commands_ += data->CmdLists[i]->CmdBuffer.Size;
  }
  (void)target.setActive(true);
  target.pushGLStates();
  ImGui_ImplOpenGL2_RenderDrawData(data);
  target.popGLStates();
  target.resetGLStates();
}

void ImGuiSfml::save_layout() {
  if (ini_path_.empty()) return;
  make_current();
  ImGui::SaveIniSettingsToDisk(ini_path_.c_str());
}

int imgui_button(sf::Mouse::Button b) {
  switch (b) {
    case sf::Mouse::Left:
      return 0;
    case sf::Mouse::Right:
      return 1;
    case sf::Mouse::Middle:
      return 2;
    default:
      return -1;
  }
}

}  // namespace threshold::debug
