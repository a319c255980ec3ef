// Geometry of authored shapes. See visual.h.
#include "threshold/story/visual.h"

#include <algorithm>

namespace threshold::story {

Rect Shape::bounds() const {
  const size_t n = points.size();
  switch (kind) {
    case Kind::Rect:
    case Kind::Image:
      if (n >= 4) return {points[0], points[1], points[2], points[3]};
      return {};
    case Kind::Circle:
      if (n >= 3)
        return {points[0] - points[2], points[1] - points[2], 2 * points[2], 2 * points[2]};
      return {};
    case Kind::Polygon:
    case Kind::Line: {
      if (n < 4) return {};
      float x0 = points[0], y0 = points[1], x1 = points[0], y1 = points[1];
      for (size_t i = 0; i + 1 < n; i += 2) {
        x0 = std::min(x0, points[i]);
        x1 = std::max(x1, points[i]);
        y0 = std::min(y0, points[i + 1]);
        y1 = std::max(y1, points[i + 1]);
      }
      // A horizontal or vertical line still has an area the pointer can find.
      const float pad = kind == Kind::Line ? std::max(width, 8.f) / 2 : 0.f;
      return {x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad};
    }
  }
  return {};
}

}  // namespace threshold::story
