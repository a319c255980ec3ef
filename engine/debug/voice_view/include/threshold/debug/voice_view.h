// What the sound is doing, as the overlay's Audio panel shows it: a plain, headless view that the
// audio engine fills (audio::AudioEngine::fill_voice_view) and the panel reads, so the overlay
// includes no audio header. The panel's mute and solo boxes write into `voices`; the game hands
// the view back (AudioEngine::apply_voice_view) after the overlay's frame.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace threshold::debug {

// One voice sounding: a room-tone layer of a scene playing (the current one or one still fading
// out), or a cue.
struct VoiceInfo {
  int id = 0;            // stable while the voice plays (ids are never reused)
  std::string label;     // "noise at the window", "kettle.wav", "motif (3 notes)"
  bool cue = false;      // a one-shot cue, not a room-tone layer
  bool leaving = false;  // its scene is fading out
  float gain = 0;        // after fades, `when:`, duck/hush, world level, bus and master volume
  float level = 0;       // what is heard: gain × the sound's RMS, 0 when muted or not soloed
  bool muted = false, soloed = false;
  bool heard = true;  // not muted, and soloed when any voice is
};

struct VoiceView {
  bool silent = false;  // no device: `status` says why
  std::string status;
  bool hrtf = false;
  int playing_sources = 0;
  int streaming = 0;  // sources playing a streamed file
  size_t bytes_held = 0;
  int playing_cues = 0;
  double world_level = 0;
  double duck_db = 0;             // current gain change from ducking (≤ 0)
  double hush_db = 0;             // current gain change from a hesitation (≤ 0)
  bool player_quiet = false;      // the player is waiting or holding (what ducks the sound)
  std::vector<VoiceInfo> voices;  // room tone first, then cues
};

}  // namespace threshold::debug
