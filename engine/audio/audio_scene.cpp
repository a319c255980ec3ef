// The AudioEngine following the runtime: each scene's room tone coming in and crossfading out,
// `when:` layers, the cues answering the story's events in order, and the room ducking while the
// player waits or holds and hushing when they hesitate. Part of the AudioEngine (audio_engine.h).
#include <al.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "audio_stream.h"

namespace threshold::audio {

void AudioEngine::enter(story::SceneId scene) {
  scene_ = scene;
  const story::Ambience* amb = scene >= 0 && static_cast<size_t>(scene) < story_->scenes.size()
                                   ? &story_->scene(scene).ambience
                                   : nullptr;
  // The new scene's crossfade is how long the old sound takes to go, too.
  const double seconds = amb && amb->authored ? amb->crossfade : 2.0;
  for (SceneSound& s : scenes_) {
    if (!s.leaving) {
      s.leaving = true;
      s.seconds = seconds;
    }
  }
  if (amb == nullptr || amb->tone.empty()) return;
  SceneSound s;
  s.scene = scene;
  s.seconds = seconds;
  for (const story::SoundLayer& layer : amb->tone) {
    Voice v;
    ALuint source = 0;
    alGenSources(1, &source);
    if (alGetError() != AL_NO_ERROR) break;  // out of sources: play what we have
    if (!attach(source, layer, true, v.stream)) {
      alDeleteSources(1, &source);
      continue;
    }
    v.id = next_id_++;
    v.source = source;
    v.layer = &layer;
    // A layer whose condition holds as the scene begins comes in with the scene's crossfade.
    v.when = holds(layer.when) ? 1 : 0;
    alSourcei(source, AL_SOURCE_RELATIVE, AL_TRUE);
    place(source, layer, v.gain);
    alSourcef(source, AL_GAIN, 0);
    s.voices.push_back(std::move(v));
  }
  for (const Voice& v : s.voices) alSourcePlay(v.source);
  if (s.seconds <= 0) s.fade = 1;
  scenes_.push_back(std::move(s));
}

void AudioEngine::stop(SceneSound& s) {
  for (Voice& v : s.voices) {
    ALuint source = v.source;
    alSourceStop(source);
    alSourcei(source, AL_BUFFER, 0);  // lets go of a stream's queue too
    alDeleteSources(1, &source);
    v.stream.reset();
  }
  s.voices.clear();
}

bool AudioEngine::holds(const story::Condition& when) const {
  if (!when || when->code() == nullptr) return true;
  return when->test(env_ ? *env_ : story::constant_env());
}

void AudioEngine::update(const story::Runtime& runtime, double dt,
                         std::span<const story::Event> events) {
  if (silent()) return;
  if (!retired_.empty()) delete_retired();
  const story::State& state = runtime.state();
  env_ = &runtime.env();
  const bool fresh = std::exchange(restart_, false);
  if (state.scene != scene_ || fresh) {
    for (Shot& shot : shots_) shot.stopping = true;  // a scene's cues end with it
    enter(state.scene);
    cues_.enter();
  }

  // Cues, in the order the story's events happened (story::CueFollower reads them, as the
  // captions do). Events of a scene already left are past.
  for (const story::Event& e : events) {
    if (e.scene != scene_ || scene_ < 0) continue;
    if (e.kind == story::EventKind::MomentOpened && e.linger > 0) start_breath();
    if (e.kind == story::EventKind::Hesitated) hush_left_ = kHushInSeconds + kHushHoldSeconds;
    for (const story::CueTrigger& t : cues_.triggers(*story_, e)) follow(t);
  }
  // A beat begun without an event seen here (the first beat, before the engine was following).
  if (std::optional<story::CueTrigger> t = cues_.settle(state)) follow(*t);
  update_shots(dt);
  if (breath_source_ != 0) {
    ALint st = AL_STOPPED;
    alGetSourcei(breath_source_, AL_SOURCE_STATE, &st);
    if (st == AL_STOPPED) stop_breath();
  }

  for (SceneSound& s : scenes_) {
    const double step = s.seconds > 0 ? dt / s.seconds : 1;
    s.fade = std::clamp(s.leaving ? s.fade - step : s.fade + step, 0.0, 1.0);
    for (Voice& v : s.voices) {
      if (v.layer->when) {
        const double target = holds(v.layer->when) ? 1.0 : 0.0;
        const double when_step = dt / kWhenFadeSeconds;
        v.when = target > v.when ? std::min(target, v.when + when_step)
                                 : std::max(target, v.when - when_step);
      }
      if (v.stream) v.stream->pump(v.source);
    }
  }
  for (SceneSound& s : scenes_) {
    if (s.leaving && s.fade <= 0) stop(s);
  }
  std::erase_if(scenes_, [](const SceneSound& s) { return s.leaving && s.voices.empty(); });
  // Mute and solo go with their voice: a solo left behind would silence the next scene.
  auto gone = [this](int id) {
    for (const SceneSound& s : scenes_) {
      for (const Voice& v : s.voices) {
        if (v.id == id) return false;
      }
    }
    for (const Shot& shot : shots_) {
      if (shot.id == id) return false;
    }
    return !(breath_source_ != 0 && breath_id_ == id);
  };
  std::erase_if(muted_, gone);
  std::erase_if(soloed_, gone);

  const story::Ambience* amb = scene_ >= 0 ? &story_->scene(scene_).ambience : nullptr;
  const double target = amb && player_is_quiet(state) ? amb->duck_db : 0.0;
  const double depth = std::max(1.0, std::abs(amb ? amb->duck_db : 0.0));
  if (duck_db_ > target) {
    duck_db_ = std::max(target, duck_db_ - dt * depth / kDuckInSeconds);
  } else if (duck_db_ < target) {
    duck_db_ = std::min(target, duck_db_ + dt * depth / kDuckOutSeconds);
  }
  // The hush after a hesitation: quickly down, held, then back.
  const double hush = amb && hush_left_ > 0 ? amb->hush_db : 0.0;
  const double hush_depth = std::max(1.0, std::abs(amb ? amb->hush_db : 0.0));
  hush_left_ = std::max(0.0, hush_left_ - dt);
  if (hush_db_ > hush) {
    hush_db_ = std::max(hush, hush_db_ - dt * hush_depth / kHushInSeconds);
  } else if (hush_db_ < hush) {
    hush_db_ = std::min(hush, hush_db_ + dt * hush_depth / kHushOutSeconds);
  }
  const double world_step = dt / kWorldFadeSeconds;
  world_ = world_ < world_target_ ? std::min<double>(world_target_, world_ + world_step)
                                  : std::max<double>(world_target_, world_ - world_step);
  apply_gains();
  env_ = nullptr;  // the runtime may not outlive this call
}

}  // namespace threshold::audio
