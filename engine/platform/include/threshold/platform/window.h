// The game's window: opened windowed (1280×720, resizable) or fullscreen on the desktop's mode,
// titled "Threshold", frame rate capped; and screenshots of what it shows. Used by `threshold
// play`; the caller must have checked display_problem() first (SFML aborts without a display).
#pragma once

#include <SFML/Graphics/RenderWindow.hpp>
#include <optional>
#include <string>

namespace threshold::platform {

constexpr unsigned kWindowWidth = 1280, kWindowHeight = 720;
constexpr unsigned kFrameRateCap = 60;

// Where a window of `window_size` goes on a desktop of `desktop_size`: centred, and never with its
// top-left corner off-screen (a window as large as the desktop, or larger, starts at 0, 0).
sf::Vector2i centred_position(sf::Vector2u desktop_size, sf::Vector2u window_size);

// The windowed size on a desktop of `desktop_size`: 1280×720, or on a smaller desktop the
// largest 16:9 size that fits it whole.
sf::Vector2u window_size_for(sf::Vector2u desktop_size);

// (Re)creates `window` windowed or fullscreen. Key repeat is off: holding a key is a hold,
// never a stream of presses.
void open_window(sf::RenderWindow& window, bool fullscreen);

// Whether `window` keeps what was drawn into it across display(), so that the next frame may
// draw only where it changes: true for Mesa's software rasterisers (llvmpipe, softpipe), whose
// swap copies the back buffer to the window and leaves it; false for any other renderer, where
// what the back buffer holds after a swap is undefined (and drawing a whole frame is cheap).
bool swap_keeps_back_buffer(sf::RenderWindow& window);

// Clips what is drawn into `target` (a window, or a render texture) from now on to `area` (in its
// pixels, top-left origin), or draws unclipped again with nothing. clear() is clipped too.
void clip_drawing(sf::RenderTarget& target, const std::optional<sf::IntRect>& area);

// Writes what `window` shows now to a new PNG in `dir` (created when missing); call it after
// drawing and before display(). Returns the file's path, or "" and sets `error`.
std::string save_screenshot(const sf::RenderWindow& window, const std::string& dir,
                            std::string* error);

}  // namespace threshold::platform
