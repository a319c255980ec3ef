// What a scene sounds like, as its `ambience:` block describes it: looping layers of room tone
// (synthesized by the engine or read from a file), placed in the frame, how the sound ducks
// while the player is silent and hushes when they hesitate, and one-shot cues (a kettle, keys,
// a motif of a few notes) fired on the story's events; a layer or cue may depend on the story's
// state (`when:`). Plain data, loaded with the story (load/ambience.cpp) and played by
// engine/audio, the only module that gives these numbers meaning. Format: docs/authoring.md
// ("Sound").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "threshold/story/diagnostic.h"
#include "threshold/story/expr.h"

namespace threshold::story {

// The sounds the engine makes in code (no recorded files needed).
// Click, Chime, Keys and Doors are short sounds meant for cues; as a layer they repeat.
enum class Synth : uint8_t {
  None,
  Hum,
  Noise,
  Rain,
  Traffic,
  Clock,
  Kettle,
  Click,
  Chime,
  Keys,
  Doors
};
const char* synth_name(Synth s);  // "hum", "noise", ...; "" for None

enum class NoiseColor : uint8_t { White, Pink, Brown };

// One looping layer of a scene's room tone.
struct SoundLayer {
  Synth synth = Synth::None;  // None: `file` is set
  std::string file;           // resolved inside the story folder (story_path.h); WAV, OGG, FLAC
  float level = 0.3f;         // 0..1, before ducking and the crossfade
  bool placed = false;        // `at:` given; otherwise heard from straight ahead
  float x = 0, y = 0;         // where it is, in frame units (1280×720): x pans, y is distance
  int32_t thing = -1;         // the scene's thing it was placed at, if any
  NoiseColor color = NoiseColor::Pink;  // noise
  float freq = 50;                      // hum: the mains frequency in Hz
  // `when:` a condition on the story's state (a Bool expression): the layer sounds while it
  // holds, fading in when it turns true and out when it turns false. Empty: always.
  Condition when;
  // `caption:` what the sound is, in a few plain words for a player who cannot hear it ("the
  // kettle, beginning to sing"), shown when the captions setting is on (captions.h). Plain text,
  // no `{}`: one line of at most kMaxCaptionLength characters. Empty: none. A cue's is its sound's.
  std::string caption;
  SourcePos at;
};
constexpr size_t kMaxCaptionLength = 80;

// The story event a cue answers to (the runtime's events, see
// engine/audio/include/threshold/audio/audio_engine.h).
enum class CueOn : uint8_t { Beat, GestureStart, GestureDone, Hesitate };
const char* cue_on_name(CueOn on);  // "beat", "gesture_start", "gesture_done", "hesitate"

// A one-shot sound fired by a story event. The filters (beat, gesture, thing) are indexes into
// the scene (model.h's BeatId, gesture index within its beat's moment, ThingId); -1 matches any.
struct SoundCue {
  CueOn on = CueOn::Beat;
  int32_t beat = -1;
  int32_t gesture = -1;  // index into scene.beats[beat].moment->gestures (beat is then set)
  int32_t thing = -1;
  SoundLayer sound;          // synth or file, level, placement, caption; or `notes` (a motif)
  std::vector<float> notes;  // a motif: frequencies in Hz, played one after another
  float step = 0.5f;         // a motif: seconds per note
  float after = 0;           // seconds after the event before it sounds
  int32_t until_beat = -1;   // `until: gesture`: fades out when this gesture is chosen
  int32_t until_gesture = -1;
  Condition when;  // `when:` the cue fires only if this holds at its event
  SourcePos at;
};

struct Ambience {
  bool authored = false;  // false: the scene is silent (its sound fades out)
  std::vector<SoundLayer> tone;
  float duck_db = 0;    // gain change (≤ 0 dB) while the player waits or holds
  float crossfade = 2;  // seconds this scene's sound takes to come in (and the last to go)
  float hush_db = -14;  // gain change (≤ 0 dB) for a moment after the player hesitates
  std::vector<SoundCue> cues;
  SourcePos at;
};

}  // namespace threshold::story
