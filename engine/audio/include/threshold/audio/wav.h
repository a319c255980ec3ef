// WAV files of rendered sound: 16-bit PCM stereo written with a plain 44-byte header, and read
// back (16-bit PCM or 32-bit float) for the tests that measure what `audio-render` wrote.
// Used by game/audio_render_command.cpp and tests/audio.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace threshold::audio {

struct Wav {
  int rate = 48000;
  int channels = 2;
  std::vector<float> samples;  // interleaved, -1..1
};

// Writes `samples` (interleaved floats, clamped to -1..1) as 16-bit PCM. False, with `error`
// set, when the file cannot be written.
bool write_wav(const std::string& path, const Wav& wav, std::string* error);

// Reads a PCM 16-bit or IEEE float WAV; false, with `error` set, otherwise.
bool read_wav(const std::string& path, Wav& wav, std::string* error);

}  // namespace threshold::audio
