// Opening a long sound file to stream (AudioEngine::open_stream): which files stream, and the
// Stream set up for them (see audio_stream.h). Part of the AudioEngine (audio_engine.h); attach()
// asks it first for every layer and file cue.
#include "audio_stream.h"

namespace threshold::audio {

void AudioEngine::StreamDeleter::operator()(Stream* s) const {
  delete s;
}

// A file longer than kStreamAfterSeconds, opened for streaming; null for a synth, a short file
// (decoded whole by buffer_for) or one that cannot be read.
AudioEngine::StreamPtr AudioEngine::open_stream(const story::SoundLayer& layer, bool loop) const {
  if (layer.synth != story::Synth::None || layer.file.empty()) return nullptr;
  StreamPtr s(new Stream);
  // The loader resolved the path once, inside the story folder (story_path.h): open exactly it.
  if (!s->file.openFromFile(layer.file) || s->file.getChannelCount() == 0 ||
      s->file.getChannelCount() > 2 || s->file.getSampleRate() == 0) {
    return nullptr;
  }
  s->channels = static_cast<int>(s->file.getChannelCount());
  s->rate = static_cast<int>(s->file.getSampleRate());
  const uint64_t frames = s->file.getSampleCount() / static_cast<uint64_t>(s->channels);
  if (static_cast<double>(frames) <= kStreamAfterSeconds * s->rate) return nullptr;
  s->mono = layer.placed && s->channels > 1;
  s->loop = loop;
  s->frames = static_cast<size_t>(kStreamBufferSeconds * s->rate);
  s->read.resize(s->frames * static_cast<size_t>(s->channels));
  if (s->mono) s->out.resize(s->frames);
  return s;
}

}  // namespace threshold::audio
