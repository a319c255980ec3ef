// AudioEngine::Stream, a long sound file being played: its decoder (sf::InputSoundFile) and its
// source's queue of kStreamBuffers buffers, refilled as they are played. Internal: only the
// AudioEngine's parts (audio_*.cpp) include it; open_stream (audio_stream.cpp) makes one.
#pragma once

#include <al.h>

#include <SFML/Audio/InputSoundFile.hpp>
#include <array>
#include <cstdint>
#include <vector>

#include "audio_engine_parts.h"

namespace threshold::audio {

struct AudioEngine::Stream {
  sf::InputSoundFile file;
  int channels = 1;   // of the file
  bool mono = false;  // mixed down to one channel (a placed layer: OpenAL places mono only)
  bool loop = true;
  bool ended = false;  // (not looping) the whole file is queued
  int rate = 48000;
  size_t frames = 0;  // per buffer
  std::array<ALuint, kStreamBuffers> buffers{};
  std::vector<int16_t> read;  // decoded, the file's channels
  std::vector<int16_t> out;   // what goes to the buffer
  float rms = 0;              // of the last buffer filled (the overlay's level meter)

  ~Stream() {
    for (ALuint& b : buffers) {
      if (b != 0) alDeleteBuffers(1, &b);
    }
  }
  size_t bytes() const {
    return kStreamBuffers * frames * (mono ? 1 : static_cast<size_t>(channels)) * sizeof(int16_t) +
           (read.capacity() + out.capacity()) * sizeof(int16_t);
  }

  // Reads the next buffer's worth into `buffer`, from the start again at the end of a looping
  // file; false when there is nothing left (or the file fails).
  bool fill(ALuint buffer) {
    if (ended) return false;
    const size_t want = frames * static_cast<size_t>(channels);
    size_t got = 0;
    for (int wraps = 0; got < want && wraps < 2;) {
      const uint64_t n = file.read(read.data() + got, want - got);
      got += static_cast<size_t>(n);
      if (got < want) {
        if (!loop) break;
        // The end of the file: on from its start, in the same buffer (a loop with no gap). A
        // file that yields nothing even from its start is broken; stop rather than spin.
        file.seek(static_cast<uint64_t>(0));
        wraps = n == 0 ? wraps + 1 : 0;
      }
    }
    got -= got % static_cast<size_t>(channels);
    if (got == 0) {
      ended = true;
      return false;
    }
    if (got < want) ended = true;
    const int16_t* data = read.data();
    size_t count = got;
    if (mono && channels > 1) {
      const size_t n = static_cast<size_t>(channels);
      count = got / n;
      for (size_t i = 0; i < count; ++i) {
        int sum = 0;
        for (size_t c = 0; c < n; ++c) sum += read[i * n + c];
        out[i] = static_cast<int16_t>(sum / channels);
      }
      data = out.data();
    }
    const bool one = mono || channels == 1;
    rms = rms16(data, count);
    alBufferData(buffer, one ? AL_FORMAT_MONO16 : AL_FORMAT_STEREO16, data,
                 static_cast<ALsizei>(count * sizeof(int16_t)), rate);
    return alGetError() == AL_NO_ERROR;
  }

  // Fills the whole queue of a source not started yet.
  bool start(ALuint source) {
    alGenBuffers(kStreamBuffers, buffers.data());
    if (alGetError() != AL_NO_ERROR) {
      buffers.fill(0);
      return false;
    }
    int queued = 0;
    for (ALuint b : buffers) {
      if (!fill(b)) break;
      alSourceQueueBuffers(source, 1, &b);
      ++queued;
    }
    return queued > 0;
  }

  // Refills what the source has played. A source that ran dry (update() came late) starts
  // again; one whose file has ended is left to stop.
  void pump(ALuint source) {
    ALint processed = 0;
    alGetSourcei(source, AL_BUFFERS_PROCESSED, &processed);
    for (; processed > 0; --processed) {
      ALuint b = 0;
      alSourceUnqueueBuffers(source, 1, &b);
      if (fill(b)) alSourceQueueBuffers(source, 1, &b);
    }
    ALint state = AL_STOPPED, queued = 0;
    alGetSourcei(source, AL_SOURCE_STATE, &state);
    alGetSourcei(source, AL_BUFFERS_QUEUED, &queued);
    if (state != AL_PLAYING && state != AL_PAUSED && queued > 0 && !ended) alSourcePlay(source);
  }
};

}  // namespace threshold::audio
