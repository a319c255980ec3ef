// The AudioEngine's one-shot cues (the kettle, keys, a motif): queued when the runtime's events
// answer them, started after their `after:`, faded at their `until:` or the scene's end. Part of
// the AudioEngine (audio_engine.h); update() fires and updates them.
#include <al.h>

#include <utility>

#include "audio_stream.h"

namespace threshold::audio {

namespace {

// Cues sounding at once at most (OpenAL Soft has 256 sources; a story needs a handful).
constexpr size_t kMaxShots = 16;
// How long a cue takes to fade when its `until:` gesture is chosen or the scene changes.
constexpr double kShotFadeSeconds = 0.4;

}  // namespace

// Queues every cue of the current scene that a Fire trigger answers (and holds at), or fades
// those sounding `until:` an Until trigger's gesture.
void AudioEngine::follow(const story::CueTrigger& trigger) {
  if (scene_ < 0) return;
  if (trigger.kind == story::CueTrigger::Kind::Until) {
    for (Shot& shot : shots_) {
      if (story::cue_ends(*shot.cue, trigger)) shot.stopping = true;
    }
    return;
  }
  const story::Ambience& amb = story_->scene(scene_).ambience;
  for (const story::SoundCue& c : amb.cues) {
    if (!story::cue_answers(c, trigger) || !holds(c.when)) continue;
    if (shots_.size() >= kMaxShots) return;
    Shot shot;
    shot.id = next_id_++;
    shot.cue = &c;
    shot.wait = c.after;
    shots_.push_back(std::move(shot));
  }
}

void AudioEngine::update_shots(double dt) {
  for (Shot& shot : shots_) {
    if (shot.stopping) shot.fade -= kShotFadeSeconds > 0 ? dt / kShotFadeSeconds : 1;
    if (shot.source == 0 && !shot.stopping) {
      shot.wait -= dt;
      if (shot.wait > 1e-9) continue;
      const story::SoundCue& cue = *shot.cue;
      const bool file = cue.notes.empty() && cue.sound.synth == story::Synth::None;
      const ALuint buffer = file ? 0 : buffer_for_cue(cue);
      if (!file && buffer == 0) {
        shot.stopping = true;
        shot.fade = 0;
        continue;
      }
      ALuint source = 0;
      alGenSources(1, &source);
      if (alGetError() != AL_NO_ERROR) {
        shot.stopping = true;
        shot.fade = 0;
        continue;
      }
      if (file) {
        if (!attach(source, cue.sound, false, shot.stream)) {  // a long file streams
          alDeleteSources(1, &source);
          shot.stopping = true;
          shot.fade = 0;
          continue;
        }
      } else {
        alSourcei(source, AL_BUFFER, static_cast<ALint>(buffer));
        alSourcei(source, AL_LOOPING, AL_FALSE);
      }
      shot.source = source;
      place(source, shot.cue->sound, shot.gain);
      alSourcef(source, AL_GAIN, shot.gain);
      alSourcePlay(source);
    }
  }
  for (Shot& shot : shots_) {
    if (shot.stream && shot.source != 0) shot.stream->pump(shot.source);
  }
  std::erase_if(shots_, [](Shot& shot) {
    bool done = shot.stopping && shot.fade <= 0;
    if (shot.source != 0 && !done) {
      ALint state = AL_STOPPED;
      alGetSourcei(shot.source, AL_SOURCE_STATE, &state);
      // A stream that ran dry before its end was restarted by pump(); stopped now means done.
      done = state == AL_STOPPED;
    }
    if (done && shot.source != 0) {
      ALuint source = shot.source;
      alSourceStop(source);
      alSourcei(source, AL_BUFFER, 0);
      alDeleteSources(1, &source);
      shot.stream.reset();
    }
    return done;
  });
}

}  // namespace threshold::audio
