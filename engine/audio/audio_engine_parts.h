// Internal to the AudioEngine: only its parts (audio_*.cpp) include this header. It holds the
// keys its buffers are shared under (layer_key, cue_key), decibels to gain and the RMS that the
// overlay's level meters and the breath's level read.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "threshold/audio/audio_engine.h"

namespace threshold::audio {

inline std::string layer_key(const story::SoundLayer& l) {
  if (l.synth == story::Synth::None) return "file:" + l.file + (l.placed ? ":mono" : "");
  std::string key = story::synth_name(l.synth);
  if (l.synth == story::Synth::Noise) key += ":" + std::to_string(static_cast<int>(l.color));
  if (l.synth == story::Synth::Hum) key += ":" + std::to_string(l.freq);
  return key;
}

inline double db_to_gain(double db) {
  return std::pow(10.0, db / 20);
}

// The RMS of 16-bit samples, 0..1: a sound's loudness for the overlay's level meters.
inline float rms16(const int16_t* samples, size_t count) {
  if (count == 0) return 0;
  double sum = 0;
  for (size_t i = 0; i < count; ++i) {
    const double v = samples[i] / 32768.0;
    sum += v * v;
  }
  return static_cast<float>(std::sqrt(sum / static_cast<double>(count)));
}

inline std::string cue_key(const story::SoundCue& c) {
  std::string key = "cue:";
  if (!c.notes.empty()) {
    key += "notes:" + std::to_string(c.step);
    for (float f : c.notes) key += ":" + std::to_string(f);
    return key;
  }
  return key + story::synth_name(c.sound.synth);
}

}  // namespace threshold::audio
