// Synthesized layers. See synth.h. Everything is built in floats, made to loop (the tail is
// crossfaded over the head, so the filters' state never jumps at the wrap), then normalised.
#include "threshold/audio/synth.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "threshold/story/runtime.h"

namespace threshold::audio {

namespace {

using story::NoiseColor;
using story::SoundLayer;
using story::Synth;

constexpr double kTwoPi = 2 * std::numbers::pi;

// A small deterministic generator (xorshift32): the same layer always sounds the same.
class Noise {
 public:
  explicit Noise(uint32_t seed) : s_(seed == 0 ? 0x9e3779b9u : seed) {}
  float white() {  // uniform in [-1, 1)
    s_ ^= s_ << 13;
    s_ ^= s_ >> 17;
    s_ ^= s_ << 5;
    return static_cast<float>(s_ >> 8) / 8388608.f - 1.f;
  }
  float uniform01() { return (white() + 1.f) * 0.5f; }
  // Pink (-3 dB/octave): three leaky integrators at spread corner frequencies, summed.
  float pink() {
    const float w = white();
    b0_ = 0.99765f * b0_ + w * 0.0990460f;
    b1_ = 0.96300f * b1_ + w * 0.2965164f;
    b2_ = 0.57000f * b2_ + w * 1.0526913f;
    return (b0_ + b1_ + b2_ + w * 0.1848f) * 0.2f;
  }
  // Brown (-6 dB/octave): a leaky integrator of white noise.
  float brown() {
    br_ = 0.996f * br_ + white() * 0.06f;
    return br_;
  }

 private:
  uint32_t s_;
  float b0_ = 0, b1_ = 0, b2_ = 0, br_ = 0;
};

// One-pole low-pass; high-pass is the input minus it.
class OnePole {
 public:
  OnePole(double cutoff, int rate)
      : a_(static_cast<float>(1 - std::exp(-kTwoPi * cutoff / rate))) {}
  float low(float x) { return y_ += a_ * (x - y_); }
  float high(float x) { return x - low(x); }

 private:
  float a_;
  float y_ = 0;
};

// Makes `v` (loop length + fade samples) loop: the last `fade` samples are blended into the head
// with equal-power weights, then dropped.
std::vector<float> make_loop(std::vector<float> v, size_t fade) {
  const size_t n = v.size() - fade;
  for (size_t i = 0; i < fade; ++i) {
    const double t = (static_cast<double>(i) + 0.5) / static_cast<double>(fade);
    const double in = std::sin(t * std::numbers::pi / 2), out = std::cos(t * std::numbers::pi / 2);
    v[i] = static_cast<float>(v[i] * in + v[n + i] * out);
  }
  v.resize(n);
  return v;
}

std::vector<int16_t> normalise(const std::vector<float>& v) {
  double sum = 0, peak = 0;
  for (float x : v) {
    sum += static_cast<double>(x) * x;
    peak = std::max(peak, static_cast<double>(std::abs(x)));
  }
  const double rms = std::sqrt(sum / static_cast<double>(std::max<size_t>(v.size(), 1)));
  double gain = rms > 0 ? 0.2 / rms : 0;
  if (peak * gain > 0.95) gain = 0.95 / peak;
  std::vector<int16_t> out(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    const double s = std::clamp(v[i] * gain, -1.0, 1.0);
    out[i] = static_cast<int16_t>(std::lround(s * 32767));
  }
  return out;
}

size_t samples(double seconds, int rate) {
  return static_cast<size_t>(seconds * rate);
}

// Mains hum (a fridge, a fluorescent tube, a TV's transformer): the frequency and its harmonics,
// the odd ones strong as a transformer's buzz is, and a little air. Whole cycles fit the loop.
std::vector<float> hum(float freq, int rate, Noise& noise) {
  const double seconds = 2;
  const double f = std::max(1.0, std::round(freq * seconds)) / seconds;
  const size_t fade = samples(0.05, rate);
  std::vector<float> v(samples(seconds, rate) + fade);
  constexpr std::array<double, 6> kHarmonics = {1.0, 0.55, 0.45, 0.2, 0.18, 0.08};
  OnePole air(2000, rate);
  for (size_t i = 0; i < v.size(); ++i) {
    const double t = static_cast<double>(i) / rate;
    double s = 0;
    for (size_t k = 0; k < kHarmonics.size(); ++k) {
      s += kHarmonics[k] *
           std::sin(kTwoPi * f * static_cast<double>(k + 1) * t + 0.7 * static_cast<double>(k));
    }
    v[i] = static_cast<float>(s * 0.3) + 0.05f * air.low(noise.pink());
  }
  return make_loop(std::move(v), fade);
}

std::vector<float> noise_loop(NoiseColor color, int rate, Noise& noise) {
  const size_t fade = samples(0.25, rate);
  std::vector<float> v(samples(4, rate) + fade);
  for (float& x : v) {
    x = color == NoiseColor::White  ? noise.white()
        : color == NoiseColor::Pink ? noise.pink()
                                    : noise.brown();
  }
  return make_loop(std::move(v), fade);
}

// Rain on a window: bright pink hiss, and drops (short decaying clicks) at random.
std::vector<float> rain(int rate, Noise& noise) {
  const size_t fade = samples(0.3, rate);
  std::vector<float> v(samples(6, rate) + fade);
  OnePole hiss(400, rate), drop_tone(3000, rate);
  float drop = 0;
  const float decay = static_cast<float>(std::exp(-1.0 / (0.004 * rate)));
  const float drops_per_sample = 60.f / static_cast<float>(rate);
  for (float& x : v) {
    if (noise.uniform01() < drops_per_sample) drop += 0.3f + 0.7f * noise.uniform01();
    drop *= decay;
    x = 0.6f * hiss.high(noise.pink()) + drop_tone.low(drop * noise.white());
  }
  return make_loop(std::move(v), fade);
}

// Traffic: a low rumble, and cars passing (swells of darker noise) every few seconds. The cars'
// envelopes are laid out cyclically so a car crossing the wrap swells on without a seam.
std::vector<float> traffic(int rate, Noise& noise) {
  const double seconds = 16;
  const size_t n = samples(seconds, rate);
  const size_t fade = samples(0.5, rate);
  std::vector<double> cars;  // centre times
  for (double t = 1.3; t < seconds; t += 2.5 + 3.0 * noise.uniform01()) cars.push_back(t);
  std::vector<float> v(n + fade);
  OnePole rumble(180, rate), engine(900, rate), engine2(900, rate);
  for (size_t i = 0; i < v.size(); ++i) {
    const double t = static_cast<double>(i % n) / rate;
    double swell = 0;
    for (double c : cars) {
      double d = std::abs(t - c);
      d = std::min(d, seconds - d);
      swell += std::exp(-d * d / (2 * 0.8 * 0.8));
    }
    const float base = rumble.low(noise.brown());
    const float car = engine2.low(engine.low(noise.pink()));
    v[i] = 1.5f * base + static_cast<float>(swell) * 2.5f * car;
  }
  return make_loop(std::move(v), fade);
}

// A wall clock: tick and tock, a second apart, each a short knock of noise and a high ring.
std::vector<float> clock(int rate, Noise& noise) {
  const size_t n = samples(2, rate);
  std::vector<float> v(n, 0.f);
  for (int k = 0; k < 2; ++k) {
    const size_t start = static_cast<size_t>(k) * (n / 2);
    const double ring = k == 0 ? 2600 : 2100;
    OnePole body(1500, rate);
    for (size_t i = 0; i < samples(0.06, rate); ++i) {
      const double t = static_cast<double>(i) / rate;
      const double knock = std::exp(-t / 0.002) * body.high(noise.white());
      const double tone = 0.6 * std::exp(-t / 0.012) * std::sin(kTwoPi * ring * t);
      v[start + i] = static_cast<float>(knock + tone);
    }
  }
  return v;  // silent between ticks: already seamless
}

// A kettle: the rumble of water heating rises, bubbles start, and a whistle climbs in from
// `whistle_at` seconds, full 6 s later. `seconds` long, not yet looped.
std::vector<float> kettle_body(int rate, Noise& noise, double seconds, double whistle_at) {
  std::vector<float> v(samples(seconds, rate));
  OnePole rumble(250, rate), bubble_tone(1200, rate);
  float bubble = 0;
  const float decay = static_cast<float>(std::exp(-1.0 / (0.006 * rate)));
  double phase = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const double t = static_cast<double>(i) / rate;
    const double heat = std::min(1.0, 0.15 + t / (whistle_at + 2));
    if (noise.uniform01() < static_cast<float>(heat * 30 / rate)) bubble += noise.uniform01();
    bubble *= decay;
    const double w = std::clamp((t - whistle_at) / 6, 0.0, 1.0);
    const double f = 1700 + 400 * w + 15 * std::sin(kTwoPi * 5.5 * t);
    phase += kTwoPi * f / rate;
    v[i] =
        static_cast<float>(heat * 2 * rumble.low(noise.brown()) +
                           bubble_tone.low(bubble * noise.white()) + 0.5 * w * w * std::sin(phase));
  }
  return v;
}

std::vector<float> kettle(int rate, Noise& noise) {
  std::vector<float> v = kettle_body(rate, noise, 20.5, 10);
  return make_loop(std::move(v), samples(0.5, rate));
}

// A switch: two sharp clicks (down and its spring back) 60 ms apart.
std::vector<float> click(int rate, Noise& noise) {
  std::vector<float> v(samples(0.25, rate), 0.f);
  for (int k = 0; k < 2; ++k) {
    const size_t start = samples(0.06 * k, rate);
    OnePole body(800, rate);
    for (size_t i = 0; i < samples(0.03, rate) && start + i < v.size(); ++i) {
      const double t = static_cast<double>(i) / rate;
      const double knock = std::exp(-t / 0.0015) * body.high(noise.white());
      const double ping = 0.4 * std::exp(-t / 0.005) * std::sin(kTwoPi * 3200 * t);
      v[start + i] += static_cast<float>((knock + ping) * (k == 0 ? 1.0 : 0.6));
    }
  }
  return v;
}

// A small bell: inharmonic partials of 880 Hz, the high ones dying first.
std::vector<float> chime(int rate) {
  std::vector<float> v(samples(2.5, rate));
  constexpr std::array<std::array<double, 3>, 4> kPartials = {
      {{1.0, 1.0, 1.2}, {2.76, 0.5, 0.5}, {5.4, 0.25, 0.25}, {8.93, 0.12, 0.12}}};
  for (size_t i = 0; i < v.size(); ++i) {
    const double t = static_cast<double>(i) / rate;
    double s = 0;
    for (const auto& [ratio, amp, decay] : kPartials) {
      s += amp * std::exp(-t / decay) * std::sin(kTwoPi * 880 * ratio * t);
    }
    v[i] = static_cast<float>(s * std::min(1.0, t / 0.002));
  }
  return v;
}

// Keys in a bowl: a dozen small metal knocks in under a second, each a few high partials.
std::vector<float> keys(int rate, Noise& noise) {
  std::vector<float> v(samples(1.2, rate), 0.f);
  double at = 0.0;
  for (int k = 0; k < 12; ++k) {
    at += 0.02 + 0.07 * noise.uniform01();
    const double f = 2500 + 4000 * noise.uniform01();
    const double amp = 0.4 + 0.6 * noise.uniform01() * (1 - k / 14.0);
    const size_t start = samples(at, rate);
    for (size_t i = 0; i < samples(0.12, rate) && start + i < v.size(); ++i) {
      const double t = static_cast<double>(i) / rate;
      const double e = amp * std::exp(-t / 0.025);
      v[start + i] += static_cast<float>(
          e * (std::sin(kTwoPi * f * t) + 0.6 * std::sin(kTwoPi * f * 1.47 * t) +
               0.3 * std::sin(kTwoPi * f * 2.09 * t) + 0.2 * std::exp(-t / 0.002) * noise.white()));
    }
  }
  return v;
}

// A bus's doors: the pneumatic hiss, the leaves folding, a thump as they meet, a last sigh.
std::vector<float> doors(int rate, Noise& noise) {
  std::vector<float> v(samples(2.4, rate), 0.f);
  OnePole hiss_lp(6000, rate), hiss_hp(1500, rate), thump_lp(200, rate);
  for (size_t i = 0; i < v.size(); ++i) {
    const double t = static_cast<double>(i) / rate;
    const double hiss_env = std::min(1.0, t / 0.04) * std::exp(-t / 0.5) +
                            (t > 1.1 ? 0.5 * std::exp(-(t - 1.1) / 0.4) : 0);
    const float h = hiss_hp.high(hiss_lp.low(noise.white()));
    double thump = 0;
    if (t > 0.9) {
      const double d = t - 0.9;
      thump = std::exp(-d / 0.08) * (std::sin(kTwoPi * 70 * d) + 0.8 * thump_lp.low(noise.white()));
    }
    v[i] = static_cast<float>(hiss_env * h + 1.2 * thump);
  }
  return v;
}

// A sound made to loop, as a layer: the short sounds repeat every `period` seconds.
std::vector<float> repeat(std::vector<float> v, double period, int rate) {
  v.resize(std::max(v.size(), samples(period, rate)), 0.f);
  return v;
}

// A motif: each note a soft triangle-like tone (a sine with a little of its odd harmonics),
// 15 ms attack and a decay over about a note and a half, overlapping the next.
std::vector<float> motif(const std::vector<float>& notes, double step, int rate) {
  const double tail = 1.5;
  std::vector<float> v(samples(static_cast<double>(notes.size()) * step + tail, rate), 0.f);
  for (size_t k = 0; k < notes.size(); ++k) {
    const size_t start = samples(static_cast<double>(k) * step, rate);
    const double f = notes[k];
    const size_t len = std::min(v.size() - start, samples(step + tail, rate));
    for (size_t i = 0; i < len; ++i) {
      const double t = static_cast<double>(i) / rate;
      const double env = std::min(1.0, t / 0.015) * std::exp(-t / (0.6 * step + 0.3)) *
                         std::min(1.0, static_cast<double>(len - i) / (0.05 * rate));
      const double tone = std::sin(kTwoPi * f * t) - std::sin(kTwoPi * 3 * f * t) / 9 +
                          std::sin(kTwoPi * 5 * f * t) / 25;
      v[start + i] += static_cast<float>(env * tone);
    }
  }
  return v;
}

// Peak-normalised to 0.7: a cue is an event in the foreground, its `level` scales that.
std::vector<int16_t> normalise_peak(std::vector<float> v) {
  double peak = 0;
  for (float x : v) peak = std::max(peak, static_cast<double>(std::abs(x)));
  const double gain = peak > 0 ? 0.7 / peak : 0;
  std::vector<int16_t> out(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    out[i] = static_cast<int16_t>(std::lround(std::clamp(v[i] * gain, -1.0, 1.0) * 32767));
  }
  return out;
}

// Some seconds of a loop, faded in and out: a layer's kind played once.
std::vector<float> excerpt(std::vector<int16_t> loop, double seconds, int rate) {
  std::vector<float> v(std::min(loop.size(), samples(seconds, rate)));
  const double fade = 0.3 * rate;
  for (size_t i = 0; i < v.size(); ++i) {
    const double e =
        std::min({1.0, static_cast<double>(i) / fade, static_cast<double>(v.size() - i) / fade});
    v[i] = static_cast<float>(loop[i] / 32767.0 * e);
  }
  return v;
}

}  // namespace

std::vector<int16_t> synthesize(const SoundLayer& layer, int rate) {
  Noise noise(0x5eed0000u + static_cast<uint32_t>(layer.synth) * 7919u +
              static_cast<uint32_t>(layer.color) * 104729u);
  switch (layer.synth) {
    case Synth::Hum:
      return normalise(hum(layer.freq, rate, noise));
    case Synth::Noise:
      return normalise(noise_loop(layer.color, rate, noise));
    case Synth::Rain:
      return normalise(rain(rate, noise));
    case Synth::Traffic:
      return normalise(traffic(rate, noise));
    case Synth::Clock:
      return normalise(clock(rate, noise));
    case Synth::Kettle:
      return normalise(kettle(rate, noise));
    case Synth::Click:
      return normalise(repeat(click(rate, noise), 3, rate));
    case Synth::Chime:
      return normalise(repeat(chime(rate), 6, rate));
    case Synth::Keys:
      return normalise(repeat(keys(rate, noise), 5, rate));
    case Synth::Doors:
      return normalise(repeat(doors(rate, noise), 8, rate));
    case Synth::None:
      break;
  }
  return {};
}

std::vector<int16_t> synthesize_breath(int rate) {
  const size_t n = static_cast<size_t>(story::kBreathSeconds * rate);
  std::vector<float> v(n);
  constexpr double kTwoPi = 2 * std::numbers::pi;
  for (size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / rate;
    const double env =
        std::pow(std::sin(std::numbers::pi * static_cast<double>(i) / static_cast<double>(n)), 2.0);
    const double tone = std::sin(kTwoPi * 110.0 * t) + 0.6 * std::sin(kTwoPi * 110.6 * t) +
                        0.5 * std::sin(kTwoPi * 164.8 * t) + 0.15 * std::sin(kTwoPi * 220.0 * t);
    v[i] = static_cast<float>(env * tone);
  }
  return normalise_peak(std::move(v));
}

std::vector<int16_t> synthesize_cue(const story::SoundCue& cue, int rate) {
  if (!cue.notes.empty()) return normalise_peak(motif(cue.notes, cue.step, rate));
  const SoundLayer& l = cue.sound;
  Noise noise(0x0c0e0000u + static_cast<uint32_t>(l.synth) * 7919u);
  switch (l.synth) {
    case Synth::Kettle: {
      // Switched on: rises for 9 s, whistles at full for a few seconds, then is switched off.
      std::vector<float> v = kettle_body(rate, noise, 17, 8);
      const size_t fade = samples(0.4, rate);
      for (size_t i = 0; i < fade; ++i) {
        v[v.size() - fade + i] *=
            static_cast<float>(1 - static_cast<double>(i) / static_cast<double>(fade));
      }
      return normalise_peak(std::move(v));
    }
    case Synth::Click:
      return normalise_peak(click(rate, noise));
    case Synth::Chime:
      return normalise_peak(chime(rate));
    case Synth::Keys:
      return normalise_peak(keys(rate, noise));
    case Synth::Doors:
      return normalise_peak(doors(rate, noise));
    case Synth::Clock: {
      std::vector<float> v = clock(rate, noise);
      v.resize(samples(0.5, rate));  // one tick
      return normalise_peak(std::move(v));
    }
    case Synth::Hum:
    case Synth::Noise:
    case Synth::Rain:
    case Synth::Traffic:
      return normalise_peak(excerpt(synthesize(l, rate), 3, rate));
    case Synth::None:
      break;
  }
  return {};
}

}  // namespace threshold::audio
