// Letterboxing the 16:9 frame. See letterbox.h.
#include "threshold/platform/letterbox.h"

#include <algorithm>

#include "threshold/story/visual.h"

namespace threshold::platform {

using story::kFrameHeight;
using story::kFrameWidth;

Letterbox letterbox(unsigned window_width, unsigned window_height) {
  Letterbox box;
  // A minimised window reports 0×0: keep the numbers finite and the whole window the frame.
  box.window_width = static_cast<float>(std::max(1u, window_width));
  box.window_height = static_cast<float>(std::max(1u, window_height));
  box.scale = std::min(box.window_width / kFrameWidth, box.window_height / kFrameHeight);
  box.width = kFrameWidth * box.scale;
  box.height = kFrameHeight * box.scale;
  box.left = (box.window_width - box.width) / 2;
  box.top = (box.window_height - box.height) / 2;
  box.viewport = sf::FloatRect(box.left / box.window_width, box.top / box.window_height,
                               box.width / box.window_width, box.height / box.window_height);
  return box;
}

sf::View frame_view(const Letterbox& box) {
  sf::View view(sf::FloatRect(0, 0, kFrameWidth, kFrameHeight));
  view.setViewport(box.viewport);
  return view;
}

sf::Vector2f window_to_frame(const Letterbox& box, float x, float y) {
  return {(x - box.left) / box.scale, (y - box.top) / box.scale};
}

bool inside_frame(sf::Vector2f p) {
  return p.x >= 0 && p.y >= 0 && p.x < kFrameWidth && p.y < kFrameHeight;
}

}  // namespace threshold::platform
