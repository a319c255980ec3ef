// Opening the window and taking screenshots. See window.h.
#include "threshold/platform/window.h"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <SFML/OpenGL.hpp>
#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <string>

#include "threshold/platform/paths.h"

namespace threshold::platform {

sf::Vector2i centred_position(sf::Vector2u desktop_size, sf::Vector2u window_size) {
  auto offset = [](unsigned desktop, unsigned window) {
    return desktop > window ? static_cast<int>((desktop - window) / 2) : 0;
  };
  return {offset(desktop_size.x, window_size.x), offset(desktop_size.y, window_size.y)};
}

sf::Vector2u window_size_for(sf::Vector2u desktop_size) {
  if (desktop_size.x == 0 || desktop_size.y == 0) return {kWindowWidth, kWindowHeight};
  if (desktop_size.x >= kWindowWidth && desktop_size.y >= kWindowHeight) {
    return {kWindowWidth, kWindowHeight};
  }
  // 16:9, as large as fits; the frame is letterboxed inside whatever size the window has.
  const double scale = std::min(static_cast<double>(desktop_size.x) / kWindowWidth,
                                static_cast<double>(desktop_size.y) / kWindowHeight);
  return {std::max(1u, static_cast<unsigned>(kWindowWidth * scale)),
          std::max(1u, static_cast<unsigned>(kWindowHeight * scale))};
}

void open_window(sf::RenderWindow& window, bool fullscreen) {
  if (fullscreen) {
    window.create(sf::VideoMode::getDesktopMode(), "Threshold", sf::Style::Fullscreen);
  } else {
    const sf::VideoMode desktop = sf::VideoMode::getDesktopMode();
    const sf::Vector2u size = window_size_for({desktop.width, desktop.height});
    window.create(sf::VideoMode(size.x, size.y), "Threshold", sf::Style::Default);
    // Centred on the desktop: without a window manager (or with one that leaves placement to the
    // program) SFML's window lands wherever the X server puts it, often partly off-screen.
    // Always placed: a desktop exactly the window's size (1280×720) otherwise put it 280 px down.
    window.setPosition(centred_position({desktop.width, desktop.height}, size));
  }
  window.setFramerateLimit(kFrameRateCap);
  window.setKeyRepeatEnabled(false);
}

bool swap_keeps_back_buffer(sf::RenderWindow& window) {
  if (!window.setActive(true)) return false;
  const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  if (!name) return false;
  const std::string renderer = name;
  return renderer.find("llvmpipe") != std::string::npos ||
         renderer.find("softpipe") != std::string::npos;
}

void clip_drawing(sf::RenderTarget& target, const std::optional<sf::IntRect>& area) {
  if (!target.setActive(true)) return;
  if (!area) {
    glDisable(GL_SCISSOR_TEST);
    return;
  }
  // GL counts rows from the bottom.
  const int height = static_cast<int>(target.getSize().y);
  glEnable(GL_SCISSOR_TEST);
  glScissor(area->left, height - area->top - area->height, area->width, area->height);
}

std::string save_screenshot(const sf::RenderWindow& window, const std::string& dir,
                            std::string* error) {
  const std::string problem = ensure_directory(dir);
  if (!problem.empty()) {
    *error = problem;
    return "";
  }
  const sf::Vector2u size = window.getSize();
  sf::Texture texture;
  if (!texture.create(size.x, size.y)) {
    *error = "cannot make a texture of " + std::to_string(size.x) + "x" + std::to_string(size.y);
    return "";
  }
  texture.update(window);
  const sf::Image image = texture.copyToImage();

  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d_%H-%M-%S", &local);
  // Two screenshots in the same second get -2, -3, ... rather than overwriting each other.
  std::string path = dir + "/threshold_" + stamp + ".png";
  std::error_code ec;
  for (int n = 2; std::filesystem::exists(path, ec); ++n) {
    path = dir + "/threshold_" + stamp + "-" + std::to_string(n) + ".png";
  }
  if (!image.saveToFile(path)) {
    *error = "cannot write " + path;
    return "";
  }
  return path;
}

}  // namespace threshold::platform
