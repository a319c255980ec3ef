// The audio engine on OpenAL Soft. See audio_engine.h.
//
// Placement: sources are relative to the listener (AL_SOURCE_RELATIVE), the distance model is
// off (AL_NONE) and distance is a gain we compute, so what a writer hears depends only on the
// frame position: x pans from left (0) to right (1280), y is depth (the top of the frame is
// far, a little quieter; the bottom is near). OpenAL Soft pans mono sources for stereo output
// (and uses HRTF when the device offers it and it is asked for: see Hrtf in audio_engine.h).
//
// Streaming: a file layer longer than kStreamAfterSeconds is not decoded whole. Its source gets a
// queue of kStreamBuffers small buffers (alSourceQueueBuffers); update() takes back the ones
// played (alSourceUnqueueBuffers), refills them from the file's decoder (sf::InputSoundFile) and
// queues them again, seeking back to the start at the end of a looping file so that the loop has
// no gap. Memory is the queue, whatever the file's length.
#include "engine/audio/audio_engine.h"

#include <al.h>
#include <alc.h>
#include <alext.h>

#include <SFML/Audio/InputSoundFile.hpp>
#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
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

// The RMS of 16-bit samples, 0..1: a sound's loudness for the overlay's level meters.
float rms16(const int16_t* samples, size_t count) {
  if (count == 0) return 0;
  double sum = 0;
  for (size_t i = 0; i < count; ++i) {
    const double v = samples[i] / 32768.0;
    sum += v * v;
  }
  return static_cast<float>(std::sqrt(sum / static_cast<double>(count)));
}

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

// The attribute asking for HRTF (ALC_SOFT_HRTF), or none when the device cannot do it.
ALCint hrtf_request(ALCdevice* device, Output output, Hrtf hrtf) {
  if (!alcIsExtensionPresent(device, "ALC_SOFT_HRTF")) return -1;
  switch (hrtf) {
    case Hrtf::Off: return ALC_FALSE;
    case Hrtf::On: return ALC_TRUE;
    case Hrtf::Auto: return output == Output::Loopback ? ALC_TRUE : ALC_DONT_CARE_SOFT;
  }
  return -1;
}

// What the device made of the request, for the log.
std::string hrtf_report(ALCdevice* device, bool& enabled) {
  enabled = false;
  if (!alcIsExtensionPresent(device, "ALC_SOFT_HRTF")) {
    return "stereo panning (this OpenAL has no HRTF)";
  }
  ALCint on = ALC_FALSE, why = ALC_HRTF_DISABLED_SOFT;
  alcGetIntegerv(device, ALC_HRTF_SOFT, 1, &on);
  alcGetIntegerv(device, ALC_HRTF_STATUS_SOFT, 1, &why);
  if (on == ALC_TRUE) {
    enabled = true;
    const ALCchar* name = alcGetString(device, ALC_HRTF_SPECIFIER_SOFT);
    return std::string("HRTF '") + (name ? name : "?") + "'";
  }
  switch (why) {
    case ALC_HRTF_DENIED_SOFT: return "stereo panning (HRTF denied by the OpenAL configuration)";
    case ALC_HRTF_UNSUPPORTED_FORMAT_SOFT:
      return "stereo panning (HRTF unavailable for this output or rate)";
    case ALC_HRTF_HEADPHONES_DETECTED_SOFT: return "stereo panning";
    default: return "stereo panning (HRTF off)";
  }
}

}  // namespace

AudioEngine::AudioEngine(const story::Story& story, Output output, const std::string& device,
                         int rate, Hrtf hrtf)
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
    std::vector<ALCint> attrs = {ALC_FORMAT_CHANNELS_SOFT, ALC_STEREO_SOFT, ALC_FORMAT_TYPE_SOFT,
                                 ALC_FLOAT_SOFT, ALC_FREQUENCY, rate};
    if (const ALCint h = hrtf_request(dev(device_), output, hrtf); h >= 0) {
      attrs.insert(attrs.end(), {ALC_HRTF_SOFT, h});
    }
    attrs.push_back(0);
    context_ = alcCreateContext(dev(device_), attrs.data());
  } else {
    device_ = alcOpenDevice(device.empty() ? nullptr : device.c_str());
    if (device_ == nullptr) {
      status_ = "audio: no sound device" +
                (device.empty() ? std::string() : " '" + device + "'") +
                " could be opened; the game runs silently";
      g_open = false;
      return;
    }
    std::vector<ALCint> attrs;
    if (const ALCint h = hrtf_request(dev(device_), output, hrtf); h >= 0) {
      attrs = {ALC_HRTF_SOFT, h};
    }
    attrs.push_back(0);
    context_ = alcCreateContext(dev(device_), attrs.data());
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
            std::to_string(rate_) + " Hz, " + hrtf_report(dev(device_), hrtf_);
}

AudioEngine::~AudioEngine() { close(); }

void AudioEngine::close() {
  if (context_ != nullptr) {
    stop_breath();
    for (SceneSound& s : scenes_) stop(s);
    scenes_.clear();
    for (Shot& shot : shots_) {
      ALuint source = shot.source;
      if (source != 0) {
        alSourceStop(source);
        alSourcei(source, AL_BUFFER, 0);
        alDeleteSources(1, &source);
      }
      shot.stream.reset();
    }
    shots_.clear();
    for (auto& [key, buffer] : buffers_) {
      ALuint b = buffer;
      if (b != 0) alDeleteBuffers(1, &b);
    }
    buffers_.clear();
    buffer_bytes_ = 0;
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

// A long file being played: its decoder and the source's queue of buffers.
struct AudioEngine::Stream {
  sf::InputSoundFile file;
  int channels = 1;  // of the file
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
    return kStreamBuffers * frames * (mono ? 1 : static_cast<size_t>(channels)) *
               sizeof(int16_t) +
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

void AudioEngine::StreamDeleter::operator()(Stream* s) const { delete s; }

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

// Queues every cue of the current scene that answers to `on` in `beat` (and, for gesture events,
// to the event's gesture and thing).
void AudioEngine::fire(const story::Event* event, story::CueOn on, story::BeatId beat) {
  if (scene_ < 0) return;
  const story::Ambience& amb = story_->scenes[static_cast<size_t>(scene_)].ambience;
  for (const story::SoundCue& c : amb.cues) {
    if (c.on != on || (c.beat >= 0 && c.beat != beat)) continue;
    if (c.gesture >= 0 && (event == nullptr || event->gesture != c.gesture)) continue;
    if (c.thing >= 0 && (event == nullptr || event->thing != c.thing)) continue;
    if (!holds(c.when)) continue;
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
  const story::State& state = runtime.state();
  env_ = &runtime.env();
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
        if (e.kind == story::EventKind::MomentOpened && e.linger > 0) start_breath();
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
  env_ = nullptr;  // the runtime may not outlive this call
}

// Ducking and a hush are the room going quiet: the quieter of the two, on the room tone only.
// Cues are events in the foreground (often the player's own doing) and are not lowered.
// The world level (pause, title) lowers everything; the buses are the player's settings.
double AudioEngine::voice_gain(const SceneSound& s, const Voice& v) const {
  const double duck = db_to_gain(std::min(duck_db_, hush_db_)) * world_ * ambience_;
  return v.gain * s.fade * v.when * duck;
}

// Ducked with the room it sits under, so that it stays under it.
double AudioEngine::breath_gain() const {
  return breath_gain_ * db_to_gain(std::min(duck_db_, hush_db_)) * ambience_ * world_;
}

double AudioEngine::shot_gain(const Shot& shot) const {
  const double bus = shot.cue->notes.empty() ? effects_ : music_;
  return shot.gain * std::max(0.0, shot.fade) * bus * world_;
}

float AudioEngine::audible(int id) const {
  if (std::find(muted_.begin(), muted_.end(), id) != muted_.end()) return 0;
  if (!soloed_.empty() && std::find(soloed_.begin(), soloed_.end(), id) == soloed_.end()) return 0;
  return 1;
}

// The opening's breath: one swell, centred, its level set against the room tone sounding now
// (the layers of the current scene, their RMS as decoded, at their level and placement).
void AudioEngine::start_breath() {
  stop_breath();
  const std::string key = "breath";
  ALuint buffer = 0;
  if (auto it = buffers_.find(key); it != buffers_.end()) {
    buffer = it->second;
  } else {
    const std::vector<int16_t> samples = synthesize_breath(rate_);
    buffer = make_buffer(key, samples.data(), samples.size(), 1, rate_);
  }
  if (buffer == 0) return;
  double room = 0;  // the room tone's RMS: independent layers add in power
  for (const SceneSound& s : scenes_) {
    if (s.leaving) continue;
    for (const Voice& v : s.voices) {
      const double r = (v.stream ? v.stream->rms : rms_of(layer_key(*v.layer))) * v.gain * v.when;
      room += r * r;
    }
  }
  room = std::sqrt(room);
  const double own = rms_of(key);
  if (!(room > 1e-6 && own > 0)) return;
  breath_gain_ = static_cast<float>(room * db_to_gain(kBreathBelowRoomDb) / own);
  ALuint source = 0;
  alGenSources(1, &source);
  if (alGetError() != AL_NO_ERROR) return;
  alSourcei(source, AL_BUFFER, static_cast<ALint>(buffer));
  alSourcei(source, AL_LOOPING, AL_FALSE);
  alSourcei(source, AL_SOURCE_RELATIVE, AL_TRUE);
  alSource3f(source, AL_POSITION, 0, 0, 0);
  breath_source_ = source;
  breath_id_ = next_id_++;
  apply_gains();
  alSourcePlay(source);
}

void AudioEngine::stop_breath() {
  if (breath_source_ == 0) return;
  ALuint source = breath_source_;
  alSourceStop(source);
  alSourcei(source, AL_BUFFER, 0);
  alDeleteSources(1, &source);
  breath_source_ = 0;
}

void AudioEngine::apply_gains() {
  if (breath_source_ != 0) {
    alSourcef(breath_source_, AL_GAIN, static_cast<float>(breath_gain() * audible(breath_id_)));
  }
  for (const SceneSound& s : scenes_) {
    for (const Voice& v : s.voices) {
      alSourcef(v.source, AL_GAIN, static_cast<float>(voice_gain(s, v) * audible(v.id)));
    }
  }
  for (const Shot& shot : shots_) {
    if (shot.source != 0) {
      alSourcef(shot.source, AL_GAIN, static_cast<float>(shot_gain(shot) * audible(shot.id)));
    }
  }
}

float AudioEngine::rms_of(const std::string& key) const {
  const auto it = rms_.find(key);
  return it == rms_.end() ? 0.f : it->second;
}

std::string AudioEngine::label_of(const story::SoundLayer& layer, story::SceneId scene) const {
  std::string label = layer.synth != story::Synth::None
                          ? std::string(story::synth_name(layer.synth))
                          : std::filesystem::path(layer.file).filename().string();
  const story::Scene* sc =
      scene >= 0 && static_cast<size_t>(scene) < story_->scenes.size()
          ? &story_->scenes[static_cast<size_t>(scene)]
          : nullptr;
  if (sc && layer.thing >= 0 && static_cast<size_t>(layer.thing) < sc->things.size()) {
    return label + " at " + sc->things[static_cast<size_t>(layer.thing)].name;
  }
  if (layer.placed) {
    char at[40];
    std::snprintf(at, sizeof at, " at (%.0f, %.0f)", static_cast<double>(layer.x),
                  static_cast<double>(layer.y));
    label += at;
  }
  return label;
}

std::vector<AudioEngine::VoiceInfo> AudioEngine::voices() const {
  std::vector<VoiceInfo> out;
  auto finish = [this](VoiceInfo& info, double gain, float rms) {
    info.gain = static_cast<float>(gain) * volume_;
    info.muted = std::find(muted_.begin(), muted_.end(), info.id) != muted_.end();
    info.soloed = std::find(soloed_.begin(), soloed_.end(), info.id) != soloed_.end();
    info.heard = audible(info.id) > 0;
    info.level = info.heard ? info.gain * rms : 0.f;
  };
  for (const SceneSound& s : scenes_) {
    for (const Voice& v : s.voices) {
      VoiceInfo info;
      info.id = v.id;
      info.label = label_of(*v.layer, s.scene);
      info.leaving = s.leaving;
      finish(info, voice_gain(s, v), v.stream ? v.stream->rms : rms_of(layer_key(*v.layer)));
      out.push_back(std::move(info));
    }
  }
  for (const Shot& shot : shots_) {
    if (shot.source == 0) continue;  // waiting for its `after:`
    const story::SoundCue& cue = *shot.cue;
    VoiceInfo info;
    info.id = shot.id;
    info.cue = true;
    const bool file = cue.notes.empty() && cue.sound.synth == story::Synth::None;
    info.label = cue.notes.empty() ? label_of(cue.sound, scene_)
                                   : "motif (" + std::to_string(cue.notes.size()) + " notes)";
    float rms = shot.stream ? shot.stream->rms : rms_of(file ? layer_key(cue.sound) : cue_key(cue));
    finish(info, shot_gain(shot), rms);
    out.push_back(std::move(info));
  }
  if (breath_source_ != 0) {
    VoiceInfo info;
    info.id = breath_id_;
    info.cue = true;
    info.label = "breath (the moment opening)";
    finish(info, breath_gain(), rms_of("breath"));
    out.push_back(std::move(info));
  }
  return out;
}

void AudioEngine::set_voice_mute(int id, bool mute) {
  std::erase(muted_, id);
  if (mute) muted_.push_back(id);
  if (!silent()) apply_gains();
}

void AudioEngine::set_voice_solo(int id, bool solo) {
  std::erase(soloed_, id);
  if (solo) soloed_.push_back(id);
  if (!silent()) apply_gains();
}

void AudioEngine::fill_voice_view(debug::VoiceView& view, const story::State* state) const {
  view.silent = silent();
  view.status = status();
  view.hrtf = hrtf();
  view.playing_sources = playing_sources();
  view.streaming = streaming();
  view.bytes_held = bytes_held();
  view.playing_cues = playing_cues();
  view.world_level = world_level();
  view.duck_db = duck_db();
  view.hush_db = hush_db();
  view.player_quiet = state && player_is_quiet(*state);
  view.voices = voices();
}

void AudioEngine::apply_voice_view(const debug::VoiceView& view) {
  for (const VoiceInfo& v : view.voices) {
    const bool muted = std::find(muted_.begin(), muted_.end(), v.id) != muted_.end();
    const bool soloed = std::find(soloed_.begin(), soloed_.end(), v.id) != soloed_.end();
    if (v.muted != muted) set_voice_mute(v.id, v.muted);
    if (v.soloed != soloed) set_voice_solo(v.id, v.soloed);
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

size_t AudioEngine::bytes_held() const {
  size_t n = buffer_bytes_;
  for (const SceneSound& s : scenes_) {
    for (const Voice& v : s.voices) n += v.stream ? v.stream->bytes() : 0;
  }
  for (const Shot& shot : shots_) n += shot.stream ? shot.stream->bytes() : 0;
  return n;
}

int AudioEngine::streaming() const {
  int n = 0;
  for (const SceneSound& s : scenes_) {
    for (const Voice& v : s.voices) n += v.stream ? 1 : 0;
  }
  for (const Shot& shot : shots_) n += shot.stream && shot.source != 0 ? 1 : 0;
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
