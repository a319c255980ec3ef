// The AudioEngine's sounds in OpenAL: buffers decoded or synthesized once and shared by key, a
// source given its buffer or its stream, and a source placed where its thing is. Part of the
// AudioEngine (audio_engine.h); scenes, cues and the breath all get their sound here.
#include <al.h>

#include <SFML/Audio/InputSoundFile.hpp>
#include <algorithm>
#include <utility>
#include <vector>

#include "audio_stream.h"
#include "threshold/audio/synth.h"

namespace threshold::audio {

unsigned AudioEngine::make_buffer(const std::string& key, const int16_t* samples, size_t count,
                                  int channels, int rate) {
  ALuint buffer = 0;
  if (count > 0 && (channels == 1 || channels == 2)) {
    alGenBuffers(1, &buffer);
    alBufferData(buffer, channels == 1 ? AL_FORMAT_MONO16 : AL_FORMAT_STEREO16, samples,
                 static_cast<ALsizei>(count * sizeof(int16_t)), rate);
    if (alGetError() != AL_NO_ERROR) {
      alDeleteBuffers(1, &buffer);
      buffer = 0;
    } else {
      buffer_bytes_ += count * sizeof(int16_t);
      rms_[key] = rms16(samples, count);
    }
  }
  buffers_[key] = buffer;  // 0: unreadable, the layer stays silent (`threshold check` found it)
  return buffer;
}

void AudioEngine::forget_files(const std::vector<std::string>& paths) {
  if (silent()) return;
  bool forgot = false;
  for (const std::string& path : paths) {
    for (const char* placed : {"", ":mono"}) {  // layer_key's two forms of a file
      const auto it = buffers_.find("file:" + path + placed);
      if (it == buffers_.end()) continue;
      if (it->second != 0) retired_.push_back(it->second);
      rms_.erase(it->first);
      buffers_.erase(it);
      forgot = true;
    }
  }
  if (forgot) restart_ = true;
  delete_retired();
}

void AudioEngine::delete_retired() {
  std::erase_if(retired_, [this](unsigned id) {
    ALuint buffer = id;
    ALint bytes = 0;
    alGetError();
    alGetBufferi(buffer, AL_SIZE, &bytes);
    alDeleteBuffers(1, &buffer);
    if (alGetError() != AL_NO_ERROR) return false;  // still played: tried again next update
    buffer_bytes_ -= std::min(buffer_bytes_, static_cast<size_t>(std::max(bytes, 0)));
    return true;
  });
}

unsigned AudioEngine::buffer_for(const story::SoundLayer& layer) {
  const std::string key = layer_key(layer);
  if (auto it = buffers_.find(key); it != buffers_.end()) return it->second;
  std::vector<int16_t> samples;
  int channels = 1, rate = rate_;
  if (layer.synth != story::Synth::None) {
    samples = synthesize(layer, rate_);
  } else {
    sf::InputSoundFile file;
    if (file.openFromFile(layer.file) && file.getChannelCount() > 0) {
      channels = static_cast<int>(file.getChannelCount());
      rate = static_cast<int>(file.getSampleRate());
      // Longer files stream (open_stream); this only guards a caller that did not ask first.
      const uint64_t count = std::min<uint64_t>(
          file.getSampleCount(),
          static_cast<uint64_t>(kStreamAfterSeconds * rate + 1) * static_cast<uint64_t>(channels));
      samples.resize(count);
      samples.resize(file.read(samples.data(), count));
      if (layer.placed && channels > 1) {  // OpenAL places mono sources only
        std::vector<int16_t> mono(samples.size() / channels);
        for (size_t i = 0; i < mono.size(); ++i) {
          int sum = 0;
          for (int c = 0; c < channels; ++c) sum += samples[i * channels + c];
          mono[i] = static_cast<int16_t>(sum / channels);
        }
        samples = std::move(mono);
        channels = 1;
      }
    }
  }
  return make_buffer(key, samples.data(), samples.size(), channels, rate);
}

bool AudioEngine::attach(unsigned source, const story::SoundLayer& layer, bool loop,
                         StreamPtr& stream) {
  stream = open_stream(layer, loop);
  if (stream) {
    alSourcei(source, AL_LOOPING, AL_FALSE);  // the stream loops itself
    if (stream->start(source)) return true;
    stream.reset();
    alSourcei(source, AL_BUFFER, 0);
    return false;
  }
  const ALuint buffer = buffer_for(layer);
  if (buffer == 0) return false;
  alSourcei(source, AL_BUFFER, static_cast<ALint>(buffer));
  alSourcei(source, AL_LOOPING, loop ? AL_TRUE : AL_FALSE);
  return true;
}

void AudioEngine::place(unsigned source, const story::SoundLayer& layer, float& gain) {
  alSourcei(source, AL_SOURCE_RELATIVE, AL_TRUE);
  float depth = 0;
  if (layer.placed) {
    const float x = std::clamp(layer.x / (story::kFrameWidth / 2) - 1, -1.5f, 1.5f);
    depth = 1 - std::clamp(layer.y / story::kFrameHeight, 0.f, 1.f);
    alSource3f(source, AL_POSITION, x, 0, -(0.3f + depth));
  } else {
    alSource3f(source, AL_POSITION, 0, 0, 0);
  }
  gain = layer.level * (1 - 0.4f * depth);
}

unsigned AudioEngine::buffer_for_cue(const story::SoundCue& cue) {
  if (cue.notes.empty() && cue.sound.synth == story::Synth::None) return buffer_for(cue.sound);
  const std::string key = cue_key(cue);
  if (auto it = buffers_.find(key); it != buffers_.end()) return it->second;
  const std::vector<int16_t> samples = synthesize_cue(cue, rate_);
  return make_buffer(key, samples.data(), samples.size(), 1, rate_);
}

}  // namespace threshold::audio
