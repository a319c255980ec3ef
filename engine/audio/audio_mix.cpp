// The AudioEngine's gains: the room tone ducked and hushed, cues and music on their buses, the
// world level, the listener's volume, mute and solo. Part of the AudioEngine (audio_engine.h);
// apply_gains runs after every update and every change of a setting.
#include <al.h>

#include <algorithm>

#include "audio_stream.h"

namespace threshold::audio {

// Ducking and a hush are the room going quiet: the quieter of the two, on the room tone only.
// Cues are events in the foreground (often the player's own doing) and are not lowered.
// The world level (pause, title) lowers everything; the buses are the player's settings.
double AudioEngine::voice_gain(const SceneSound& s, const Voice& v) const {
  const double duck = db_to_gain(std::min(duck_db_, hush_db_)) * world_ * ambience_;
  return v.gain * s.fade * v.when * duck;
}

// Ducked with the room it sits under, so that it stays under it.
double AudioEngine::breath_gain() const {
  return breath_gain_ * db_to_gain(std::min(duck_db_, hush_db_)) * ambience_ * world_;
}

double AudioEngine::shot_gain(const Shot& shot) const {
  const double bus = shot.cue->notes.empty() ? effects_ : music_;
  return shot.gain * std::max(0.0, shot.fade) * bus * world_;
}

float AudioEngine::audible(int id) const {
  if (std::find(muted_.begin(), muted_.end(), id) != muted_.end()) return 0;
  if (!soloed_.empty() && std::find(soloed_.begin(), soloed_.end(), id) == soloed_.end()) return 0;
  return 1;
}

void AudioEngine::apply_gains() {
  if (tone_source_ != 0) {
    // The player's own doing, like a cue: on the effects bus, never ducked.
    alSourcef(tone_source_, AL_GAIN,
              static_cast<float>(kToneGain * effects_ * world_ * audible(tone_id_)));
  }
  if (breath_source_ != 0) {
    alSourcef(breath_source_, AL_GAIN, static_cast<float>(breath_gain() * audible(breath_id_)));
  }
  for (const SceneSound& s : scenes_) {
    for (const Voice& v : s.voices) {
      alSourcef(v.source, AL_GAIN, static_cast<float>(voice_gain(s, v) * audible(v.id)));
    }
  }
  for (const Shot& shot : shots_) {
    if (shot.source != 0) {
      alSourcef(shot.source, AL_GAIN, static_cast<float>(shot_gain(shot) * audible(shot.id)));
    }
  }
}

void AudioEngine::set_volume(float volume) {
  volume_ = std::clamp(volume, 0.f, 1.f);
  if (!silent()) alListenerf(AL_GAIN, volume_);
}

void AudioEngine::set_bus_volumes(float ambience, float effects, float music) {
  ambience_ = std::clamp(ambience, 0.f, 1.f);
  effects_ = std::clamp(effects, 0.f, 1.f);
  music_ = std::clamp(music, 0.f, 1.f);
  if (!silent()) apply_gains();
}

}  // namespace threshold::audio
