// Opening the window and taking screenshots. See window.h.
#include "engine/platform/window.h"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/Texture.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>

#include "engine/platform/paths.h"

namespace threshold::platform {

void open_window(sf::RenderWindow& window, bool fullscreen) {
  if (fullscreen) {
    window.create(sf::VideoMode::getDesktopMode(), "Threshold", sf::Style::Fullscreen);
  } else {
    window.create(sf::VideoMode(kWindowWidth, kWindowHeight), "Threshold", sf::Style::Default);
    // Centred on the desktop: without a window manager (or with one that leaves placement to the
    // program) SFML's window lands wherever the X server puts it, often partly off-screen.
    const sf::VideoMode desktop = sf::VideoMode::getDesktopMode();
    if (desktop.width > kWindowWidth && desktop.height > kWindowHeight) {
      window.setPosition({static_cast<int>((desktop.width - kWindowWidth) / 2),
                          static_cast<int>((desktop.height - kWindowHeight) / 2)});
    }
  }
  window.setFramerateLimit(kFrameRateCap);
  window.setKeyRepeatEnabled(false);
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
