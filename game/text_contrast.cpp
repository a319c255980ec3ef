// The contrast of the text over each place. See text_contrast.h.
#include "text_contrast.h"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <utility>

#include "threshold/platform/display.h"
#include "threshold/platform/letterbox.h"
#include "threshold/render/palette.h"
#include "threshold/render/renderer.h"
#include "threshold/story/runtime.h"

namespace threshold::game {

namespace {

constexpr unsigned kWidth = 1280, kHeight = 720;  // the frame, one pixel a unit

std::string ratio_text(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f:1", std::floor(r * 10) / 10);
  return buf;
}

// The luminance behind the newest line's row that only a hundredth of its pixels exceed.
double bright_background(const sf::Image& image, const story::Rect& band) {
  std::vector<double> lum;
  const auto x0 = static_cast<unsigned>(std::max(0.f, band.x));
  const auto y0 = static_cast<unsigned>(std::max(0.f, band.y));
  const unsigned x1 = std::min(kWidth, static_cast<unsigned>(band.x + band.w));
  const unsigned y1 = std::min(kHeight, static_cast<unsigned>(band.y + band.h));
  for (unsigned y = y0; y < y1; ++y) {
    for (unsigned x = x0; x < x1; ++x) {
      const sf::Color c = image.getPixel(x, y);
      lum.push_back(relative_luminance(c.r, c.g, c.b));
    }
  }
  if (lum.empty()) return 0;
  const auto at = lum.begin() + static_cast<std::ptrdiff_t>(lum.size() * 99 / 100);
  std::nth_element(lum.begin(), at, lum.end());
  return *at;
}

}  // namespace

double relative_luminance(unsigned char r, unsigned char g, unsigned char b) {
  auto linear = [](unsigned char v) {
    const double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

double contrast_ratio(double a, double b) {
  return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

std::string TextContrast::to_text() const {
  if (!problem.empty()) return "Text over each place: not measured (" + problem + ")\n";
  std::string out =
      "Text over each place (the newest line against the brightest hundredth behind it; WCAG "
      "asks 4.5:1):\n";
  for (const PlaceContrast& p : places) {
    std::string place = p.place;
    std::replace(place.begin(), place.end(), '_', ' ');
    out += "  " + place + ", " + story::time_of_day_name(p.time) + ": " + ratio_text(p.contrast) +
           (p.contrast < kLeastTextContrast ? " (T0615)" : "") + ", lowest in " + p.scene + "\n";
  }
  return out;
}

TextContrast measure_text_contrast(const story::Story& story, story::Diagnostics& diags) {
  TextContrast result;
  const std::string display = platform::display_problem();
  if (!display.empty()) {
    result.problem = "no display: " + display + "; run it under xvfb-run -a";
    return result;
  }
  platform::guard_against_display_loss(
      "threshold: the X display refused the connection, or closed it; the text's contrast was "
      "not measured\n");
  std::string error;
  const std::unique_ptr<render::Renderer> renderer =
      render::Renderer::create(story.font_folders, &error);
  sf::RenderTexture texture;
  if (!renderer || !texture.create(kWidth, kHeight)) {
    result.problem = renderer ? "cannot create an off-screen image (OpenGL)" : error;
    return result;
  }
  render::Style style;
  style.reduced_motion = true;  // no drift, no fade: the picture as it stands
  const story::Rect band = render::newest_row_band(style, false);

  std::map<std::pair<std::string, story::TimeOfDay>, size_t> index;
  std::vector<story::SourcePos> where;
  for (size_t s = 0; s < story.scenes.size(); ++s) {
    const story::Scene& scene = story.scenes[s];
    story::Runtime runtime(story);
    std::vector<story::Event> events = runtime.start(static_cast<story::SceneId>(s));
    render::Stage stage;
    for (const story::Event& e : events) {
      if (e.kind == story::EventKind::SceneEntered) stage.observe(story, e);
    }
    // A line with no letters: its backing is drawn, and nothing hides what lies behind it.
    story::Event line;
    line.kind = story::EventKind::LineShown;
    line.text = " ";
    line.time = runtime.state().time;
    stage.observe(story, line);
    texture.setView(platform::frame_view(platform::letterbox(kWidth, kHeight)));
    texture.clear(sf::Color::Black);
    renderer->draw(texture, runtime, stage, render::Attention{}, style, runtime.state().time);
    texture.display();
    const sf::Image image = texture.getTexture().copyToImage();
    const sf::Color ink = render::palette_for(scene.time).text;
    const double contrast =
        contrast_ratio(relative_luminance(ink.r, ink.g, ink.b), bright_background(image, band));
    const std::string place = scene.place.empty() ? scene.id : scene.place;
    auto [it, fresh] = index.try_emplace({place, scene.time}, result.places.size());
    if (fresh) {
      result.places.push_back({place, scene.time, scene.id, contrast});
      where.push_back(scene.visual_at.line > 0 ? scene.visual_at : scene.at);
    } else if (contrast < result.places[it->second].contrast) {
      result.places[it->second].scene = scene.id;
      result.places[it->second].contrast = contrast;
      where[it->second] = scene.visual_at.line > 0 ? scene.visual_at : scene.at;
    }
  }
  for (size_t i = 0; i < result.places.size(); ++i) {
    const PlaceContrast& p = result.places[i];
    if (p.contrast >= kLeastTextContrast) continue;
    diags.warning(story.sources, where[i],
                  "the lines over this picture have a contrast of " + ratio_text(p.contrast) +
                      " with what lies behind them, under the 4.5:1 that body text needs: a "
                      "player with low vision may not read them",
                  story::Code::LowTextContrast);
  }
  return result;
}

}  // namespace threshold::game
