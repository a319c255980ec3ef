// The audio engine on OpenAL Soft. See audio_engine.h.
//
// Placement: sources are relative to the listener (AL_SOURCE_RELATIVE), the distance model is
// off (AL_NONE) and distance is a gain we compute, so what a writer hears depends only on the
// frame position: x pans from left (0) to right (1280), y is depth (the top of the frame is
// far, a little quieter; the bottom is near). OpenAL Soft pans mono sources for stereo output
// (and uses HRTF on headphones when the device offers it).
#include "engine/audio/audio_engine.h"

#include <al.h>
#include <alc.h>
#include <alext.h>

#include <SFML/Audio/InputSoundFile.hpp>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <utility>

#include "engine/audio/synth.h"

namespace threshold::audio {

namespace {

// One device and context per process: see audio_engine.h.
std::atomic<bool> g_open{false};

ALCdevice* dev(void* p) { return static_cast<ALCdevice*>(p); }
ALCcontext* ctx(void* p) { return static_cast<ALCcontext*>(p); }

std::string layer_key(const story::SoundLayer& l) {
  if (l.synth == story::Synth::None) return "file:" + l.file + (l.placed ? ":mono" : "");
  std::string key = story::synth_name(l.synth);
  if (l.synth == story::Synth::Noise) key += ":" + std::to_string(static_cast<int>(l.color));
  if (l.synth == story::Synth::Hum) key += ":" + std::to_string(l.freq);
  return key;
}

double db_to_gain(double db) { return std::pow(10.0, db / 20); }

// Files longer than this are cut: a loop of room tone, not a soundtrack (streaming is for later).
constexpr uint64_t kMaxFileSeconds = 600;

// Cues sounding at once at most (OpenAL Soft has 256 sources; a story needs a handful).
constexpr size_t kMaxShots = 16;
// How long a cue takes to fade when its `until:` gesture is chosen or the scene changes.
constexpr double kShotFadeSeconds = 0.4;

std::string cue_key(const story::SoundCue& c) {
  std::string key = "cue:";
  if (!c.notes.empty()) {
    key += "notes:" + std::to_string(c.step);
    for (float f : c.notes) key += ":" + std::to_string(f);
    return key;
  }
  return key + story::synth_name(c.sound.synth);
}

}  // namespace

AudioEngine::AudioEngine(const story::Story& story, Output output, const std::string& device,
                         int rate)
    : story_(&story), output_(output), rate_(rate) {
  if (g_open.exchange(true)) {
    status_ = "audio: another audio engine is already open; this one is silent";
    return;
  }
  if (output == Output::Loopback) {
    if (!alcIsExtensionPresent(nullptr, "ALC_SOFT_loopback")) {
      status_ = "audio: OpenAL has no loopback device (ALC_SOFT_loopback); silent";
      g_open = false;
      return;
    }
    auto open_loopback = reinterpret_cast<LPALCLOOPBACKOPENDEVICESOFT>(
        alcGetProcAddress(nullptr, "alcLoopbackOpenDeviceSOFT"));
    render_fn_ = reinterpret_cast<void*>(alcGetProcAddress(nullptr, "alcRenderSamplesSOFT"));
    device_ = open_loopback ? open_loopback(nullptr) : nullptr;
    if (device_ == nullptr || render_fn_ == nullptr) {
      status_ = "audio: cannot open OpenAL's loopback device; silent";
      g_open = false;
      return;
    }
    const ALCint attrs[] = {ALC_FORMAT_CHANNELS_SOFT, ALC_STEREO_SOFT, ALC_FORMAT_TYPE_SOFT,
                            ALC_FLOAT_SOFT, ALC_FREQUENCY, rate, ALC_HRTF_SOFT, ALC_FALSE, 0};
    context_ = alcCreateContext(dev(device_), attrs);
  } else {
    device_ = alcOpenDevice(device.empty() ? nullptr : device.c_str());
    if (device_ == nullptr) {
      status_ = "audio: no sound device" +
                (device.empty() ? std::string() : " '" + device + "'") +
                " could be opened; the game runs silently";
      g_open = false;
      return;
    }
    context_ = alcCreateContext(dev(device_), nullptr);
  }
  if (context_ == nullptr || !alcMakeContextCurrent(ctx(context_))) {
    status_ = "audio: cannot create an OpenAL context; silent";
    close();
    return;
  }
  alDistanceModel(AL_NONE);
  ALCint freq = rate_;
  alcGetIntegerv(dev(device_), ALC_FREQUENCY, 1, &freq);
  rate_ = freq;
  const ALCchar* name = alcGetString(dev(device_), ALC_DEVICE_SPECIFIER);
  status_ = std::string("audio: ") + (output == Output::Loopback ? "loopback" : "device '") +
            (output == Output::Loopback ? "" : std::string(name ? name : "?") + "'") + " at " +
            std::to_string(rate_) + " Hz";
}

AudioEngine::~AudioEngine() { close(); }

void AudioEngine::close() {
  if (context_ != nullptr) {
    for (SceneSound& s : scenes_) stop(s);
    scenes_.clear();
    for (Shot& shot : shots_) {
      ALuint source = shot.source;
      if (source != 0) {
        alSourceStop(source);
        alSourcei(source, AL_BUFFER, 0);
        alDeleteSources(1, &source);
      }
    }
    shots_.clear();
    for (auto& [key, buffer] : buffers_) {
      ALuint b = buffer;
      alDeleteBuffers(1, &b);
    }
    buffers_.clear();
    alcMakeContextCurrent(nullptr);
    alcDestroyContext(ctx(context_));
    context_ = nullptr;
  }
  if (device_ != nullptr) {
    alcCloseDevice(dev(device_));
    device_ = nullptr;
    g_open = false;
  }
}

bool AudioEngine::player_is_quiet(const story::State& state) {
  if (state.phase != story::Phase::Moment) return false;
  const bool holding = state.last_input.press != story::kNone && !state.press_stale;
  return state.silent || holding;
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
    const std::string path = (std::filesystem::path(story_->dir) / layer.file).string();
    if (file.openFromFile(path) && file.getChannelCount() > 0) {
      channels = static_cast<int>(file.getChannelCount());
      rate = static_cast<int>(file.getSampleRate());
      const uint64_t count = std::min<uint64_t>(file.getSampleCount(),
                                                kMaxFileSeconds * file.getSampleRate() * channels);
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
  ALuint buffer = 0;
  if (samples.empty() || channels > 2) {
    buffers_[key] = 0;  // unreadable: the layer stays silent (`threshold check` found the file)
    return 0;
  }
  alGenBuffers(1, &buffer);
  alBufferData(buffer, channels == 1 ? AL_FORMAT_MONO16 : AL_FORMAT_STEREO16, samples.data(),
               static_cast<ALsizei>(samples.size() * sizeof(int16_t)), rate);
  if (alGetError() != AL_NO_ERROR) {
    alDeleteBuffers(1, &buffer);
    buffer = 0;
  }
  buffers_[key] = buffer;
  return buffer;
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
  ALuint buffer = 0;
  if (!samples.empty()) {
    alGenBuffers(1, &buffer);
    alBufferData(buffer, AL_FORMAT_MONO16, samples.data(),
                 static_cast<ALsizei>(samples.size() * sizeof(int16_t)), rate_);
    if (alGetError() != AL_NO_ERROR) {
      alDeleteBuffers(1, &buffer);
      buffer = 0;
    }
  }
  buffers_[key] = buffer;
  return buffer;
}

// Queues every cue of the current scene that answers to `on` in `beat` (and, for gesture events,
// to the event's gesture and thing).
void AudioEngine::fire(const story::Event* event, story::CueOn on, story::BeatId beat) {
  if (scene_ < 0) return;
  const story::Ambience& amb = story_->scenes[static_cast<size_t>(scene_)].ambience;
  for (const story::SoundCue& c : amb.cues) {
    if (c.on != on || (c.beat >= 0 && c.beat != beat)) continue;
    if (c.gesture >= 0 && (event == nullptr || event->gesture != c.gesture)) continue;
    if (c.thing >= 0 && (event == nullptr || event->thing != c.thing)) continue;
    if (shots_.size() >= kMaxShots) return;
    Shot shot;
    shot.cue = &c;
    shot.wait = c.after;
    shots_.push_back(shot);
  }
}

void AudioEngine::update_shots(double dt) {
  for (Shot& shot : shots_) {
    if (shot.stopping) shot.fade -= kShotFadeSeconds > 0 ? dt / kShotFadeSeconds : 1;
    if (shot.source == 0 && !shot.stopping) {
      shot.wait -= dt;
      if (shot.wait > 1e-9) continue;
      const ALuint buffer = buffer_for_cue(*shot.cue);
      if (buffer == 0) {
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
      shot.source = source;
      alSourcei(source, AL_BUFFER, static_cast<ALint>(buffer));
      alSourcei(source, AL_LOOPING, AL_FALSE);
      place(source, shot.cue->sound, shot.gain);
      alSourcef(source, AL_GAIN, shot.gain);
      alSourcePlay(source);
    }
  }
  std::erase_if(shots_, [](Shot& shot) {
    bool done = shot.stopping && shot.fade <= 0;
    if (shot.source != 0 && !done) {
      ALint state = AL_STOPPED;
      alGetSourcei(shot.source, AL_SOURCE_STATE, &state);
      done = state == AL_STOPPED;
    }
    if (done && shot.source != 0) {
      ALuint source = shot.source;
      alSourceStop(source);
      alSourcei(source, AL_BUFFER, 0);
      alDeleteSources(1, &source);
    }
    return done;
  });
}

void AudioEngine::enter(story::SceneId scene) {
  scene_ = scene;
  const story::Ambience* amb =
      scene >= 0 && static_cast<size_t>(scene) < story_->scenes.size()
          ? &story_->scenes[static_cast<size_t>(scene)].ambience
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
    const ALuint buffer = buffer_for(layer);
    if (buffer == 0) continue;
    Voice v;
    ALuint source = 0;
    alGenSources(1, &source);
    if (alGetError() != AL_NO_ERROR) break;  // out of sources: play what we have
    v.source = source;
    alSourcei(source, AL_BUFFER, static_cast<ALint>(buffer));
    alSourcei(source, AL_LOOPING, AL_TRUE);
    alSourcei(source, AL_SOURCE_RELATIVE, AL_TRUE);
    place(source, layer, v.gain);
    alSourcef(source, AL_GAIN, 0);
    s.voices.push_back(v);
  }
  for (const Voice& v : s.voices) alSourcePlay(v.source);
  if (s.seconds <= 0) s.fade = 1;
  scenes_.push_back(std::move(s));
}

void AudioEngine::stop(SceneSound& s) {
  for (Voice& v : s.voices) {
    ALuint source = v.source;
    alSourceStop(source);
    alSourcei(source, AL_BUFFER, 0);
    alDeleteSources(1, &source);
  }
  s.voices.clear();
}

void AudioEngine::update(const story::Runtime& runtime, double dt,
                         std::span<const story::Event> events) {
  if (silent()) return;
  const story::State& state = runtime.state();
  const bool fresh = std::exchange(restart_, false);
  if (state.scene != scene_ || fresh) {
    for (Shot& shot : shots_) shot.stopping = true;  // a scene's cues end with it
    enter(state.scene);
    beat_ = story::kNone;
  }

  // Cues, in the order the story's events happened. Events of a scene already left are past.
  for (const story::Event& e : events) {
    if (e.scene != scene_ || scene_ < 0) continue;
    const story::Scene& scene = story_->scenes[static_cast<size_t>(scene_)];
    switch (e.kind) {
      case story::EventKind::LineShown:
      case story::EventKind::PauseStarted:
      case story::EventKind::MomentOpened:
        if (e.beat != beat_ && e.gesture < 0) {
          beat_ = e.beat;
          fire(&e, story::CueOn::Beat, e.beat);
        }
        break;
      case story::EventKind::GestureProgress:
        if (e.progress == 0) fire(&e, story::CueOn::GestureStart, e.beat);
        break;
      case story::EventKind::GestureChosen: {
        // A touch, a wait, a turn away have no start of their own: they start as they are done.
        const story::Beat* beat =
            e.beat >= 0 ? &scene.beats[static_cast<size_t>(e.beat)] : nullptr;
        if (beat && beat->moment && e.gesture >= 0) {
          const story::GestureKind kind =
              beat->moment->gestures[static_cast<size_t>(e.gesture)].kind;
          if (kind == story::GestureKind::Touch || kind == story::GestureKind::Wait ||
              kind == story::GestureKind::TurnAway) {
            fire(&e, story::CueOn::GestureStart, e.beat);
          }
        }
        for (Shot& shot : shots_) {
          if (shot.cue->until_gesture == e.gesture && shot.cue->until_beat == e.beat) {
            shot.stopping = true;
          }
        }
        fire(&e, story::CueOn::GestureDone, e.beat);
        break;
      }
      case story::EventKind::Hesitated:
        hush_left_ = kHushInSeconds + kHushHoldSeconds;
        fire(&e, story::CueOn::Hesitate, e.beat);
        break;
      default: break;
    }
  }
  // A beat begun without an event seen here (the first beat, before the engine was following).
  if (state.beat != beat_ && state.beat >= 0 &&
      (state.phase == story::Phase::Lines || state.phase == story::Phase::Moment)) {
    beat_ = state.beat;
    fire(nullptr, story::CueOn::Beat, state.beat);
  }
  update_shots(dt);

  for (SceneSound& s : scenes_) {
    const double step = s.seconds > 0 ? dt / s.seconds : 1;
    s.fade = std::clamp(s.leaving ? s.fade - step : s.fade + step, 0.0, 1.0);
  }
  for (SceneSound& s : scenes_) {
    if (s.leaving && s.fade <= 0) stop(s);
  }
  std::erase_if(scenes_, [](const SceneSound& s) { return s.leaving && s.voices.empty(); });

  const story::Ambience* amb =
      scene_ >= 0 ? &story_->scenes[static_cast<size_t>(scene_)].ambience : nullptr;
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
}

void AudioEngine::apply_gains() {
  // Ducking and a hush are the room going quiet: the quieter of the two, on the room tone only.
  // Cues are events in the foreground (often the player's own doing) and are not lowered.
  // The world level (pause, title) lowers everything; the buses are the player's settings.
  const double duck = db_to_gain(std::min(duck_db_, hush_db_)) * world_ * ambience_;
  for (const SceneSound& s : scenes_) {
    for (const Voice& v : s.voices) {
      alSourcef(v.source, AL_GAIN, static_cast<float>(v.gain * s.fade * duck));
    }
  }
  for (const Shot& shot : shots_) {
    if (shot.source != 0) {
      const double bus = shot.cue->notes.empty() ? effects_ : music_;
      alSourcef(shot.source, AL_GAIN,
                static_cast<float>(shot.gain * std::max(0.0, shot.fade) * bus * world_));
    }
  }
}

void AudioEngine::set_volume(float volume) {
  volume_ = std::clamp(volume, 0.f, 1.f);
  if (!silent()) alListenerf(AL_GAIN, volume_);
}

void AudioEngine::set_bus_volumes(float ambience, float effects, float music) {
  ambience_ = std::clamp(ambience, 0.f, 1.f);
  effects_ = std::clamp(effects, 0.f, 1.f);
  music_ = std::clamp(music, 0.f, 1.f);
  if (!silent()) apply_gains();
}

void AudioEngine::render(float* out, int frames) {
  if (silent() || output_ != Output::Loopback) {
    std::fill(out, out + 2 * static_cast<size_t>(frames), 0.f);
    return;
  }
  reinterpret_cast<LPALCRENDERSAMPLESSOFT>(render_fn_)(dev(device_), out, frames);
}

int AudioEngine::playing_sources() const {
  int n = 0;
  for (const SceneSound& s : scenes_) n += static_cast<int>(s.voices.size());
  for (const Shot& shot : shots_) n += shot.source != 0 ? 1 : 0;
  return n;
}

std::vector<float> render_run(AudioEngine& engine, story::Runtime& runtime, double seconds,
                              const std::function<story::Input(double)>& input) {
  const int chunk = std::max(1, engine.rate() / 100);
  const double dt = static_cast<double>(chunk) / engine.rate();
  const size_t frames = static_cast<size_t>(std::llround(seconds * engine.rate()));
  std::vector<float> out(2 * frames);
  std::vector<story::Event> events;
  engine.update(runtime, 0);
  for (size_t done = 0; done < frames;) {
    const int n = static_cast<int>(std::min<size_t>(static_cast<size_t>(chunk), frames - done));
    engine.render(out.data() + 2 * done, n);
    done += static_cast<size_t>(n);
    const double t = static_cast<double>(done) / engine.rate();
    events.clear();
    runtime.step(dt, input ? input(t) : story::Input{}, events);
    engine.update(runtime, dt, events);
  }
  return out;
}

}  // namespace threshold::audio
