// The SceneRenderer's menus (title, pause, settings): a veil over whatever is behind, the items
// lit rather than boxed. Part of the SceneRenderer (scene_renderer.h); the game's screens call
// draw_menu through Renderer.
#include <SFML/Graphics/RenderTarget.hpp>
#include <algorithm>
#include <cmath>

#include "scene_renderer_parts.h"

namespace threshold::render {

void SceneRenderer::draw_menu(sf::RenderTarget& target, const std::string& title,
                              const std::vector<MenuItem>& items, const std::string& footnote,
                              const Style& style) {
  if (menu_only_) begin_frame();  // a frame with no scene behind the menu
  menu_only_ = true;
  const float scale = std::clamp(style.text_scale, 0.5f, 2.f);
  overlay_.clear();
  const sf::Color veil{4, 4, 6, 170};
  add_rect(overlay_, 0, 0, kW, kH, veil, veil);
  counted(target).draw(overlay_.data(), overlay_.size(), sf::Triangles);
  texts_used_ = 0;
  forget_old_layouts();
  const FontChain& font = body_font(style);
  const sf::Color lit{250, 244, 230}, dim{150, 146, 140};
  const unsigned title_size = static_cast<unsigned>(std::lround(64 * scale));
  const unsigned item_size = static_cast<unsigned>(std::lround(34 * scale));
  const float item_h = static_cast<float>(item_size) * 1.6f;
  // Centred by rows: an item of a long label (a line on the History screen) takes more than one.
  size_t row_count = 0;
  for (const MenuItem& item : items) {
    row_count += std::max<size_t>(1, wrapped(item.label, item_size, kW - 200, font).size());
  }
  float y = std::max(60.f, kH / 2 - 150 - static_cast<float>(row_count) * item_h / 2);
  if (!title.empty()) {
    for (const sf::String& row : wrapped(title, title_size, kW - 160, font)) {
      put_text(target, row, font, title_size, kW / 2, y, lit, kW - 160);
      y += static_cast<float>(title_size) * 1.2f;
    }
    y += 50;
  }
  for (const MenuItem& item : items) {
    const std::vector<sf::String>& rows = wrapped(item.label, item_size, kW - 200, font);
    if (item.selected) {
      // The chosen item is lit, not boxed: a warm glow behind it.
      additive_.clear();
      const float w = rows.empty() ? 0 : text_width(rows[0], item_size, font);
      add_soft_disc(additive_, {kW / 2, y + static_cast<float>(item_size) * 0.65f}, w * 0.7f + 40,
                    static_cast<float>(item_size) * 1.1f, sf::Color(255, 226, 180, 70),
                    sf::Color(255, 226, 180, 0), 32);
      counted(target).draw(additive_.data(), additive_.size(), sf::Triangles, sf::BlendAdd);
    }
    for (const sf::String& row : rows) {
      put_text(target, row, font, item_size, kW / 2, y, item.selected ? lit : dim, kW - 200);
      y += item_h;
    }
  }
  if (!footnote.empty()) {
    const unsigned size = static_cast<unsigned>(std::lround(20 * scale));
    const std::vector<sf::String>& rows = wrapped(footnote, size, kW - 160, font);
    float fy = kH - 40 - static_cast<float>(size) * 1.3f * static_cast<float>(rows.size());
    for (const sf::String& row : rows) {
      put_text(target, row, font, size, kW / 2, fy, dim, kW - 160);
      fy += static_cast<float>(size) * 1.3f;
    }
  }
}

}  // namespace threshold::render
