// Internal to the SceneRenderer: only its parts (scene_*.cpp) include this header. It holds what
// they share: the frame's size and the fade times, the camera's drift, a motion's frame, the
// fingerprint of a scene's static geometry and the things the open moment offers.
#pragma once

#include <cstdint>
#include <numbers>
#include <vector>

#include "threshold/render/scene_renderer.h"

namespace threshold::render {

inline constexpr float kW = story::kFrameWidth;
inline constexpr float kH = story::kFrameHeight;
inline constexpr float kPi = std::numbers::pi_v<float>;
inline constexpr double kSceneFade = 1.0;  // seconds of fade from black when a scene begins
// Seconds a layer, motion or light takes to follow its `when:`.
inline constexpr double kWhenFade = 1.5;
inline constexpr double kLineFade = 0.8;  // seconds a new line takes to fade in
inline constexpr size_t kShownLines = 4;

// The camera's drift: how far it is zoomed in (so the frame's edge never shows) and where it is
// at motion time `mt`, in whole pixels of a frame `frame_w` pixels wide.
struct DriftShift {
  float zoom = 1;         // view.zoom() factor
  float px_per_unit = 1;  // target pixels per frame unit, zoom included
  float x = 0, y = 0;     // whole pixels
  float drift = 0;        // amplitude in frame units
};
DriftShift drift_shift(const story::Scene& scene, float mt, unsigned frame_w);

// Which frame of its animation a motion (the scene's `index`th) shows at `t`, -1 when nothing of
// it shows (between a car's passes): a new frame is a redraw (scene_motion.cpp says at what
// rates; a flicker's frame is its darkness).
int64_t motion_frame(const story::Motion& m, size_t index, float t);
// The time a motion is drawn at when the frame's time is `t`: the start of its frame, so that a
// frame of it looks the same however late in the frame it is drawn (a redraw of part of the
// window for another motion then matches the rest).
float motion_time(const story::Motion& m, float t);

// The vignette's rings (Shade) as triangles in frame units.
void add_vignette(Vertices& out, float strength, float progress);
// `c` drawn at frame point `p` over a picture the darkness `shade` lies on: blended in
// (`additive` false) or added (true). See Shade.
sf::Color shaded(sf::Color c, sf::Vector2f p, const Shade& shade, bool additive);

// The fingerprint of the static geometry: `shown` is each layer's fade (1: fully there), `light`
// the light as drawn. A new one rebuilds the geometry and its cache (scene_geometry.cpp).
uint64_t fingerprint_of(const story::Scene& scene, const std::vector<float>& shown,
                        const story::Light& light);

// The things the open moment offers a gesture on, each once (scene_attention.cpp).
std::vector<story::ThingId> offered_things(const story::Runtime& runtime);

}  // namespace threshold::render
