// What a scene sounds like, as its `ambience:` block describes it: looping layers of room tone
// (synthesized by the engine or read from a file), placed in the frame, and how the sound ducks
// while the player is silent. Plain data, loaded with the story (ambience_loader.cpp) and played
// by engine/audio, the only module that gives these numbers meaning. Format: docs/authoring.md
// ("Sound").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/story/diagnostic.h"

namespace threshold::story {

// The sounds the engine makes in code (no recorded files needed).
enum class Synth : uint8_t { None, Hum, Noise, Rain, Traffic, Clock, Kettle };
const char* synth_name(Synth s);  // "hum", "noise", ...; "" for None

enum class NoiseColor : uint8_t { White, Pink, Brown };

// One looping layer of a scene's room tone.
struct SoundLayer {
  Synth synth = Synth::None;  // None: `file` is set
  std::string file;           // relative to the story directory (WAV, OGG, FLAC)
  float level = 0.3f;         // 0..1, before ducking and the crossfade
  bool placed = false;        // `at:` given; otherwise heard from straight ahead
  float x = 0, y = 0;         // where it is, in frame units (1280×720): x pans, y is distance
  int32_t thing = -1;         // the scene's thing it was placed at, if any
  NoiseColor color = NoiseColor::Pink;  // noise
  float freq = 50;            // hum: the mains frequency in Hz
  SourcePos at;
};

struct Ambience {
  bool authored = false;       // false: the scene is silent (its sound fades out)
  std::vector<SoundLayer> tone;
  float duck_db = 0;           // gain change (≤ 0 dB) while the player waits or holds
  float crossfade = 2;         // seconds this scene's sound takes to come in (and the last to go)
  SourcePos at;
};

}  // namespace threshold::story
