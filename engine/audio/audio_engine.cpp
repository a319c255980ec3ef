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
//
// Here: the device and context (opened once per process), closing, rendering the loopback's mix
// and render_run. The rest lives beside it, with audio_engine_parts.h and audio_stream.h:
// audio_buffers, audio_stream, audio_scene, audio_cues, audio_breath, audio_tone, audio_mix,
// audio_voices.
#include "threshold/audio/audio_engine.h"

#include <al.h>
#include <alc.h>
#include <alext.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <utility>

#include "audio_stream.h"

namespace threshold::audio {

namespace {

// One device and context per process: see audio_engine.h.
std::atomic<bool> g_open{false};

ALCdevice* dev(void* p) {
  return static_cast<ALCdevice*>(p);
}
ALCcontext* ctx(void* p) {
  return static_cast<ALCcontext*>(p);
}

// The attribute asking for HRTF (ALC_SOFT_HRTF), or none when the device cannot do it.
ALCint hrtf_request(ALCdevice* device, Output output, Hrtf hrtf) {
  if (!alcIsExtensionPresent(device, "ALC_SOFT_HRTF")) return -1;
  switch (hrtf) {
    case Hrtf::Off:
      return ALC_FALSE;
    case Hrtf::On:
      return ALC_TRUE;
    case Hrtf::Auto:
      return output == Output::Loopback ? ALC_TRUE : ALC_DONT_CARE_SOFT;
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
    case ALC_HRTF_DENIED_SOFT:
      return "stereo panning (HRTF denied by the OpenAL configuration)";
    case ALC_HRTF_UNSUPPORTED_FORMAT_SOFT:
      return "stereo panning (HRTF unavailable for this output or rate)";
    case ALC_HRTF_HEADPHONES_DETECTED_SOFT:
      return "stereo panning";
    default:
      return "stereo panning (HRTF off)";
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
                                 ALC_FLOAT_SOFT,           ALC_FREQUENCY,   rate};
    if (const ALCint h = hrtf_request(dev(device_), output, hrtf); h >= 0) {
      attrs.insert(attrs.end(), {ALC_HRTF_SOFT, h});
    }
    attrs.push_back(0);
    context_ = alcCreateContext(dev(device_), attrs.data());
  } else {
    device_ = alcOpenDevice(device.empty() ? nullptr : device.c_str());
    if (device_ == nullptr) {
      status_ = "audio: no sound device" + (device.empty() ? std::string() : " '" + device + "'") +
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

AudioEngine::~AudioEngine() {
  close();
}

void AudioEngine::close() {
  if (context_ != nullptr) {
    stop_breath();
    stop_tone();
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
    // Every source is gone now, so the retired buffers go too.
    for (unsigned id : retired_) {
      ALuint b = id;
      alDeleteBuffers(1, &b);
    }
    retired_.clear();
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

void AudioEngine::render(float* out, int frames) {
  if (silent() || output_ != Output::Loopback) {
    std::fill(out, out + 2 * static_cast<size_t>(frames), 0.f);
    return;
  }
  reinterpret_cast<LPALCRENDERSAMPLESSOFT>(render_fn_)(dev(device_), out, frames);
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
