// The opening's breath: a soft swell under the room tone when a moment opens, its level set
// against the room tone sounding now (kBreathBelowRoomDb). Part of the AudioEngine
// (audio_engine.h); update() starts it on MomentOpened and stops it when it has played.
#include <al.h>

#include <cmath>
#include <vector>

#include "audio_stream.h"
#include "threshold/audio/synth.h"

namespace threshold::audio {

// The opening's breath: one swell, centred, its level set against the room tone sounding now
// (the layers of the current scene, their RMS as decoded, at their level and placement).
void AudioEngine::start_breath() {
  stop_breath();
  const std::string key = "breath";
  ALuint buffer = 0;
  if (auto it = buffers_.find(key); it != buffers_.end()) {
    buffer = it->second;
  } else {
    const std::vector<int16_t> samples = synthesize_breath(rate_);
    buffer = make_buffer(key, samples.data(), samples.size(), 1, rate_);
  }
  if (buffer == 0) return;
  double room = 0;  // the room tone's RMS: independent layers add in power
  for (const SceneSound& s : scenes_) {
    if (s.leaving) continue;
    for (const Voice& v : s.voices) {
      const double r = (v.stream ? v.stream->rms : rms_of(layer_key(*v.layer))) * v.gain * v.when;
      room += r * r;
    }
  }
  room = std::sqrt(room);
  const double own = rms_of(key);
  if (!(room > 1e-6 && own > 0)) return;
  breath_gain_ = static_cast<float>(room * db_to_gain(kBreathBelowRoomDb) / own);
  ALuint source = 0;
  alGenSources(1, &source);
  if (alGetError() != AL_NO_ERROR) return;
  alSourcei(source, AL_BUFFER, static_cast<ALint>(buffer));
  alSourcei(source, AL_LOOPING, AL_FALSE);
  alSourcei(source, AL_SOURCE_RELATIVE, AL_TRUE);
  alSource3f(source, AL_POSITION, 0, 0, 0);
  breath_source_ = source;
  breath_id_ = next_id_++;
  apply_gains();
  alSourcePlay(source);
}

void AudioEngine::stop_breath() {
  if (breath_source_ == 0) return;
  ALuint source = breath_source_;
  alSourceStop(source);
  alSourcei(source, AL_BUFFER, 0);
  alDeleteSources(1, &source);
  breath_source_ = 0;
}

}  // namespace threshold::audio
