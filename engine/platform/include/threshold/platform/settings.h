// The player's settings (text size and speed, volumes, hints, reduced motion, fullscreen,
// untimed gestures, time to act, a cooldown after a touch, the text's face, spacing and contrast,
// captions, speech) and their file in the XDG config directory: simple `key = value` lines, read
// defensively (a missing or damaged file never stops the game) and written atomically. Used by
// the game's settings screen, the renderer's Style and the audio module.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace threshold::platform {

// The faces the text can be set in (render::Face): the game's serif, OpenDyslexic, DejaVu Sans.
enum class TextFace : uint8_t { Garamond, OpenDyslexic, Sans };
// Self-voicing (game/narration.h): nothing; the story's lines, moment openings and the menus;
// those and the focused thing's name (with its hint when hints are on).
enum class Speech : uint8_t { Off, Lines, LinesAndThings };

struct Settings {
  float text_scale = 1.0f;     // 0.75 .. 2: size of the story's text
  float text_speed = 1.0f;     // 0.5 .. 2: how fast lines move on (moments are never hurried)
  float master_volume = 0.8f;  // 0 .. 1, each
  float ambience_volume = 1.0f;
  float effects_volume = 1.0f;
  float music_volume = 1.0f;
  bool hints = false;           // name the gestures on offer in words
  bool reduced_motion = false;  // no drift, no fades, motion frozen
  bool fullscreen = false;
  bool untimed = false;  // a hold is press-to-start / press-to-stop; waits can be chosen
  // Time to act (the settings screen's "Time: 1× / 1.5× / 2× / 3× / untimed"). `time_scale`
  // stretches the story's clock: every linger, wait, hold and look lasts that many times as
  // long. `time_unlimited`: nothing is chosen by the clock; a moment waits for the player until
  // they act or wait on purpose (W, or a click on nothing). Lines still move on.
  float time_scale = 1.0f;  // 1 .. 3
  bool time_unlimited = false;
  // Seconds after a touch or a turn-away in which presses are not taken, so that a tremor
  // cannot choose twice (0: off).
  float cooldown = 0.0f;  // 0 .. 2
  TextFace face = TextFace::Garamond;
  float line_spacing = 1.0f;   // 1 .. 2
  bool high_contrast = false;  // the lines on a black band, white (≥ 7:1)
  bool captions = false;  // the sounds that matter in words, on a band at the foot of the frame
  Speech speech = Speech::Off;
  // How loud speech is, of the loudest the speech server speaks (Speech Dispatcher's own default).
  float speech_volume = 1.0f;  // 0 .. 1
  // The story's and the game's language (`language = fr`: its locales/fr.po; qps the
  // pseudo-locale); "" the environment's (LANGUAGE, LANG). The settings screen's Language row.
  std::string language;
  friend bool operator==(const Settings&, const Settings&) = default;
};

// The ranges the numbers are clamped to.
constexpr float kMinTextScale = 0.75f, kMaxTextScale = 2.0f;
constexpr float kMinLineSpacing = 1.0f, kMaxLineSpacing = 2.0f;
constexpr float kMinTextSpeed = 0.5f, kMaxTextSpeed = 2.0f;
constexpr float kMinTimeScale = 1.0f, kMaxTimeScale = 3.0f;
constexpr float kMaxCooldown = 2.0f;

// The settings file's words for a Speech value ("off", "lines", "lines_and_things").
const char* speech_name(Speech speech);

struct LoadedSettings {
  Settings settings;
  bool found = false;                // false: no file yet (first run), defaults used
  std::vector<std::string> notices;  // one line each: what was ignored, reset or clamped
};

// Reads settings text. Unknown keys are ignored, bad values keep their default, numbers out of
// range are clamped; each of these leaves a notice. Never fails.
LoadedSettings settings_from_text(const std::string& text);
std::string settings_to_text(const Settings& settings);

// The file forms: a missing or unreadable file gives the defaults and a notice (found = false).
// Saving is atomic; returns "" or the error.
LoadedSettings load_settings(const std::string& path);
std::string save_settings(const std::string& path, const Settings& settings);

}  // namespace threshold::platform
