// The progress tone: a gesture in progress (a hold, a push, a pull) heard as a tone that rises
// an octave from its start to its completion, so that a player who cannot see the light gather
// hears how long is left. The game sounds it while speech is on (game/play_session.cpp). Part of
// the AudioEngine (audio_engine.h): one looping sine whose pitch follows set_progress_tone().
#include <al.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "audio_stream.h"

namespace threshold::audio {

void AudioEngine::set_progress_tone(double progress) {
  if (silent()) return;
  if (!(progress >= 0)) {
    stop_tone();
    return;
  }
  progress = std::min(progress, 1.0);
  if (tone_source_ == 0) {
    const std::string key = "progress tone";
    ALuint buffer = 0;
    if (auto it = buffers_.find(key); it != buffers_.end()) {
      buffer = it->second;
    } else {
      // One second of kToneHz: a whole number of cycles, so the loop has no seam.
      std::vector<int16_t> samples(static_cast<size_t>(rate_));
      for (size_t i = 0; i < samples.size(); ++i) {
        const double t = static_cast<double>(i) / rate_;
        samples[i] =
            static_cast<int16_t>(std::lround(16384 * std::sin(2 * std::numbers::pi * kToneHz * t)));
      }
      buffer = make_buffer(key, samples.data(), samples.size(), 1, rate_);
    }
    if (buffer == 0) return;
    ALuint source = 0;
    alGenSources(1, &source);
    if (alGetError() != AL_NO_ERROR) return;
    alSourcei(source, AL_BUFFER, static_cast<ALint>(buffer));
    alSourcei(source, AL_LOOPING, AL_TRUE);
    alSourcei(source, AL_SOURCE_RELATIVE, AL_TRUE);
    alSource3f(source, AL_POSITION, 0, 0, 0);
    tone_source_ = source;
    tone_id_ = next_id_++;
    apply_gains();
    alSourcePlay(source);
  }
  tone_progress_ = progress;
  alSourcef(tone_source_, AL_PITCH, static_cast<float>(1 + progress));
}

double AudioEngine::progress_tone_hz() const {
  return tone_source_ == 0 ? 0 : kToneHz * (1 + tone_progress_);
}

void AudioEngine::stop_tone() {
  if (tone_source_ == 0) return;
  ALuint source = tone_source_;
  alSourceStop(source);
  alSourcei(source, AL_BUFFER, 0);
  alDeleteSources(1, &source);
  tone_source_ = 0;
}

}  // namespace threshold::audio
