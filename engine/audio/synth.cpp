// Synthesized layers. See synth.h. Everything is built in floats, made to loop (the tail is
// crossfaded over the head, so the filters' state never jumps at the wrap), then normalised.
#include "engine/audio/synth.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

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

size_t samples(double seconds, int rate) { return static_cast<size_t>(seconds * rate); }

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
      s += kHarmonics[k] * std::sin(kTwoPi * f * static_cast<double>(k + 1) * t + 0.7 * static_cast<double>(k));
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

// A kettle: the rumble of water heating rises, bubbles start, and a whistle climbs in.
std::vector<float> kettle(int rate, Noise& noise) {
  const double seconds = 20;
  const size_t fade = samples(0.5, rate);
  std::vector<float> v(samples(seconds, rate) + fade);
  OnePole rumble(250, rate), bubble_tone(1200, rate);
  float bubble = 0;
  const float decay = static_cast<float>(std::exp(-1.0 / (0.006 * rate)));
  double phase = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    const double t = std::min(static_cast<double>(i) / rate, seconds);
    const double heat = std::min(1.0, 0.15 + t / 12);
    if (noise.uniform01() < static_cast<float>(heat * 30 / rate)) bubble += noise.uniform01();
    bubble *= decay;
    const double w = std::clamp((t - 10) / 6, 0.0, 1.0);  // the whistle comes in from 10 s
    const double f = 1700 + 400 * w + 15 * std::sin(kTwoPi * 5.5 * t);
    phase += kTwoPi * f / rate;
    v[i] = static_cast<float>(heat * 2 * rumble.low(noise.brown()) +
                              bubble_tone.low(bubble * noise.white()) +
                              0.5 * w * w * std::sin(phase));
  }
  return make_loop(std::move(v), fade);
}

}  // namespace

std::vector<int16_t> synthesize(const SoundLayer& layer, int rate) {
  Noise noise(0x5eed0000u + static_cast<uint32_t>(layer.synth) * 7919u +
              static_cast<uint32_t>(layer.color) * 104729u);
  switch (layer.synth) {
    case Synth::Hum: return normalise(hum(layer.freq, rate, noise));
    case Synth::Noise: return normalise(noise_loop(layer.color, rate, noise));
    case Synth::Rain: return normalise(rain(rate, noise));
    case Synth::Traffic: return normalise(traffic(rate, noise));
    case Synth::Clock: return normalise(clock(rate, noise));
    case Synth::Kettle: return normalise(kettle(rate, noise));
    case Synth::None: break;
  }
  return {};
}

}  // namespace threshold::audio
