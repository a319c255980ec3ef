// Dear ImGui 1.86 in an SFML 2.5 render target: our own small platform layer (SFML events, keys,
// mouse, text input, display size and time into ImGui's IO) and ImGui's OpenGL2 renderer from
// Debian's libimgui.a, drawn over whatever SFML drew. Used by the debug overlay (overlay.h).
#pragma once

#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>
#include <string>

struct ImGuiContext;

namespace threshold::debug {

class ImGuiSfml {
 public:
  // Creates an ImGui context of its own. `ini_path` is where ImGui keeps the window layout
  // ("" keeps none). `font_path`, when it names a readable TrueType file, replaces ImGui's
  // small bitmap font. No OpenGL is touched until the first frame.
  explicit ImGuiSfml(std::string ini_path, const std::string& font_path = "",
                     float font_pixels = 16);
  ~ImGuiSfml();
  ImGuiSfml(const ImGuiSfml&) = delete;
  ImGuiSfml& operator=(const ImGuiSfml&) = delete;

  // Feeds one window event to ImGui (every event: ImGui's idea of the keys and buttons must
  // stay whole even when the game gets the event too).
  void handle(const sf::Event& event);

  // Whether ImGui claims the event: a pointer event over one of its windows (as drawn in the
  // last frame) or while it drags, a key or a character while it reads the keyboard. The game
  // must not see a claimed event. Ask after handle().
  bool wants(const sf::Event& event) const;

  // Begins a frame for a target of `size` pixels, `dt` seconds after the last one. Makes the
  // target's GL context current (the font texture is made on the first frame).
  void new_frame(sf::RenderTarget& target, double dt);
  // Ends the frame and draws it over what SFML drew into `target`, with SFML's GL state saved
  // around it (without that the panels come out faded and SFML's shapes vanish).
  void render(sf::RenderTarget& target);

  // Writes the layout to the ini file now (ImGui also does so every few seconds and on exit).
  void save_layout();

  ImGuiContext* context() const { return context_; }
  // Draw commands ImGui issued in the last rendered frame, and its vertices.
  int last_draw_commands() const { return draw_commands_; }
  int last_vertices() const { return vertices_; }

 private:
  void make_current() const;
  ImGuiContext* context_ = nullptr;
  std::string ini_path_;  // ImGui keeps a pointer to the characters: they must live here
  bool gl_ready_ = false;
  bool pressed_[3] = {false, false, false};  // a button went down since the last frame
  bool down_[3] = {false, false, false};
  int draw_commands_ = 0;
  int vertices_ = 0;
};

// ImGui's index of an SFML mouse button (0 left, 1 right, 2 middle), -1 for the others.
int imgui_button(sf::Mouse::Button b);

}  // namespace threshold::debug
