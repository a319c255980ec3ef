// The room-tone layers the engine makes in code: coloured noise shaped by simple filters (air,
// rain, traffic), a mains hum with its harmonics (a fridge), clock ticks, a kettle rising to a
// whistle. Each is a mono loop that wraps without a click. Also the one-shots of cues. Used by
// audio_buffers.cpp (into OpenAL buffers) and by the audio tests.
#pragma once

#include <cstdint>
#include <vector>

#include "threshold/story/ambience.h"

namespace threshold::audio {

// The layer's sound as mono 16-bit samples at `rate`, ready to loop. All kinds come out at about
// the same loudness (RMS near 0.2 of full scale, peaks below 0.95), so `level` means the same
// thing whatever the synth. Deterministic: the same layer gives the same samples.
std::vector<int16_t> synthesize(const story::SoundLayer& layer, int rate);

// A cue's one-shot sound (not looped), peak-normalised to 0.7 of full scale: a kettle switched on
// and rising to a whistle (17 s), a switch's click, a chime, keys dropped in a bowl, a bus's
// doors, a clock's single tick, a few seconds of a room-tone kind; or the cue's motif (`notes`).
// Empty for a file cue (the engine reads the file).
std::vector<int16_t> synthesize_cue(const story::SoundCue& cue, int rate);

// The swell a moment's opening breathes (story::kBreathSeconds long): a low, soft open fifth
// (A2 and E3, a little detuned so it shimmers rather than beeps) under a sin rise and fall, with
// no attack a listener would hear as a click or a note. Peak-normalised to 0.7 like a cue.
std::vector<int16_t> synthesize_breath(int rate);

}  // namespace threshold::audio
