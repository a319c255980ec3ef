// The sound engine, measured on real rendered audio: scenes played through OpenAL Soft's
// loopback device (the same mixer the game uses) and the samples measured — levels, the
// left/right balance of a placed sound (panned, and with HRTF), a crossfade's length, a duck's
// depth, a long file streamed, layers and cues following the story's state, and the debug
// overlay's per-voice mute and solo.
#include "threshold/audio/audio_engine.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <source_location>
#include <string>
#include <vector>

#include "tests/support/test_story.h"
#include "threshold/audio/wav.h"
#include "threshold/story/captions.h"
#include "threshold/story/loader.h"

namespace threshold::audio {
namespace {

const std::string kTests = THRESHOLD_TESTS_DIR;
const std::string kData = THRESHOLD_DATA_DIR;
constexpr int kRate = 48000;

story::Story load(const std::string& dir,
                  std::source_location where = std::source_location::current()) {
  return test_support::load_test_story_at(dir, where);
}

// RMS of one channel (0 left, 1 right; 2 both) between two times, in seconds.
double rms(const std::vector<float>& s, int channel, double from, double to) {
  const size_t a = static_cast<size_t>(from * kRate), b = static_cast<size_t>(to * kRate);
  double sum = 0;
  size_t n = 0;
  for (size_t i = a; i < b && 2 * i + 1 < s.size(); ++i) {
    for (int c = 0; c < 2; ++c) {
      if (channel != 2 && c != channel) continue;
      sum += static_cast<double>(s[2 * i + c]) * s[2 * i + c];
      ++n;
    }
  }
  return n ? std::sqrt(sum / static_cast<double>(n)) : 0;
}

// Zero crossings of the left channel in `seconds` from `from`: a tone crosses twice a cycle.
int zero_crossings(const std::vector<float>& s, double from, double seconds = 1) {
  int crossings = 0;
  const size_t a = static_cast<size_t>(from * kRate);
  const size_t b = a + static_cast<size_t>(seconds * kRate);
  for (size_t i = a; i < b && 2 * (i + 1) + 1 < s.size(); ++i) {
    if ((s[2 * i] >= 0) != (s[2 * (i + 1)] >= 0)) ++crossings;
  }
  return crossings;
}

double peak(const std::vector<float>& s) {
  double p = 0;
  for (float x : s) p = std::max(p, static_cast<double>(std::abs(x)));
  return p;
}

double db(double ratio) {
  return 20 * std::log10(ratio);
}

// Stereo panning unless asked: the balance the tests measure in dB. HRTF has tests of its own.
std::vector<float> play(const story::Story& story, const std::string& scene, double seconds,
                        const std::function<story::Input(double)>& input = {},
                        Hrtf hrtf = Hrtf::Off) {
  AudioEngine engine(story, Output::Loopback, "", kRate, hrtf);
  EXPECT_FALSE(engine.silent()) << engine.status();
  story::Runtime runtime(story);
  runtime.start(story.find_scene(scene));
  return render_run(engine, runtime, seconds, input);
}

TEST(AudioEngine, EveryPlaceOfTheStoryIsAudibleAndDoesNotClip) {
  const story::Story story = load(kData);
  ASSERT_FALSE(story.scenes.empty());
  for (const story::Scene& scene : story.scenes) {
    SCOPED_TRACE(scene.id);
    EXPECT_FALSE(scene.ambience.tone.empty()) << "the place has no room tone";
    // As a listener on headphones hears it (HRTF when OpenAL Soft has it).
    const std::vector<float> s = play(story, scene.id, 6, {}, Hrtf::Auto);
    // After the crossfade in: room tone, quiet but there in both ears, and nowhere near 0 dBFS.
    for (int c = 0; c < 2; ++c) {
      const double level = rms(s, c, 2.5, 6);
      EXPECT_GT(level, 0.005) << "channel " << c << " is nearly silent";
      EXPECT_LT(level, 0.25) << "channel " << c << " is too loud for room tone";
    }
    EXPECT_LT(db(peak(s)), -3) << "peaks leave 3 dB of headroom (cues sound above the tone)";
  }
}

TEST(AudioEngine, AThingPlacedLeftIsLouderInTheLeftChannel) {
  const story::Story story = load(kTests + "/stories/audio");
  const std::vector<float> s = play(story, "left", 2);
  const double left = rms(s, 0, 0.5, 2), right = rms(s, 1, 0.5, 2);
  EXPECT_GT(left, 0.05);
  EXPECT_GT(db(left / std::max(right, 1e-9)), 10) << "left " << left << ", right " << right;
}

TEST(AudioEngine, ASceneChangeCrossfadesOverItsAuthoredTime) {
  const story::Story story = load(kTests + "/stories/audio");
  const std::vector<float> s = play(story, "fade_a", 6);
  // fade_a is silent for 1 s, then fade_b's hum comes in over `crossfade: 2.0`. Measured in
  // windows of one hum cycle (20 ms): from the first trace of it to (nearly) its full level.
  const double full = rms(s, 2, 4.5, 5.5);
  ASSERT_GT(full, 0.05);
  double start = -1, end = -1;
  for (double t = 0; t + 0.02 <= 6; t += 0.02) {
    const double level = rms(s, 2, t, t + 0.02);
    if (start < 0 && level > 0.02 * full) start = t;
    if (start >= 0 && end < 0 && level >= 0.98 * full) end = t + 0.02;
  }
  ASSERT_GE(start, 0);
  ASSERT_GE(end, 0);
  EXPECT_NEAR(start, 1.0, 0.05) << "the fade began when the scene changed";
  EXPECT_NEAR(end - start, 2.0, 0.2);
}

TEST(AudioEngine, WaitingDucksTheRoomByItsAuthoredDecibelsAndHoldingKeepsItDown) {
  const story::Story story = load(kTests + "/stories/audio");
  const story::ThingId cup = story.scene(story.find_scene("duck")).find_thing("cup");
  // Lines for 2 s, then the moment: idle (waiting) until 6 s, holding the cup from 6 s to 10 s,
  // then looking at it (not quiet any more) until the end. Letting go of the cup at 10 s, long
  // before its 30 s hold, is a hesitation: the room hushes for ~2 s more, then swells back.
  const std::vector<float> s = play(story, "duck", 16, [&](double t) {
    story::Input in;
    if (t >= 6 && t < 10) in.press = cup;
    if (t >= 10) in.look = cup;
    return in;
  });
  const double before = rms(s, 2, 0.5, 1.9);
  const double waiting = rms(s, 2, 4, 5.9);
  const double holding = rms(s, 2, 7, 9.9);
  const double after = rms(s, 2, 14.5, 16);
  EXPECT_NEAR(db(waiting / before), -9, 1);
  EXPECT_NEAR(db(holding / before), -9, 1);
  EXPECT_NEAR(db(after / before), 0, 1) << "the room swells back once the player acts";
}

// When a moment opens a soft swell sounds under the room tone. `breath`: false renders the same
// run with the moment's opening not breathing (its event's breath taken out), to subtract.
std::vector<float> duck_opening(bool breath) {
  const story::Story story = load(kTests + "/stories/audio");
  AudioEngine engine(story, Output::Loopback, "", kRate, Hrtf::Off);
  EXPECT_FALSE(engine.silent()) << engine.status();
  story::Runtime runtime(story);
  runtime.start(story.find_scene("duck"));
  const int chunk = kRate / 100;
  const double dt = static_cast<double>(chunk) / kRate;
  std::vector<float> out(2 * static_cast<size_t>(5 * kRate));
  std::vector<story::Event> events;
  engine.update(runtime, 0);
  for (size_t done = 0; done < out.size() / 2; done += static_cast<size_t>(chunk)) {
    engine.render(out.data() + 2 * done, chunk);
    events.clear();
    runtime.step(dt, story::Input{}, events);
    for (story::Event& e : events) {
      if (e.kind == story::EventKind::MomentOpened && !breath) e.linger = 0;
    }
    engine.update(runtime, dt, events);
  }
  return out;
}

TEST(AudioEngine, WhenAMomentOpensASoftSwellSoundsUnderTheRoomTone) {
  // duck: two seconds of a fridge's hum, then the moment opens; its breath lasts to 3.25 s.
  const std::vector<float> with = duck_opening(true);
  const std::vector<float> without = duck_opening(false);
  const double open = 2.0, end = open + story::kBreathSeconds;
  // Before the opening the two runs are the same sound.
  EXPECT_NEAR(rms(with, 2, 0.5, 1.95), rms(without, 2, 0.5, 1.95), 1e-6);
  // During it, the swell's own level is what the breath added (independent sounds add in power).
  auto swell = [&](double a, double b) {
    const double w = rms(with, 2, a, b), r = rms(without, 2, a, b);
    return std::sqrt(std::max(0.0, w * w - r * r));
  };
  const double room = rms(without, 2, open, end);
  const double whole = db(swell(open, end) / room);
  const double crest =
      db(swell(open + 0.5, open + 0.75) / rms(without, 2, open + 0.5, open + 0.75));
  EXPECT_GT(whole, -14) << "audible";
  EXPECT_LT(whole, -8) << "under the room tone";
  EXPECT_LT(crest, -5) << "even at its loudest, under the room tone";
  EXPECT_GT(crest, whole + 2) << "it rises and falls";
  // Once and briefly: after the breath both runs are the room alone again.
  EXPECT_NEAR(rms(with, 2, end + 0.1, 5), rms(without, 2, end + 0.1, 5), 1e-6);
  std::printf("breath: whole %.1f dB, crest %.1f dB under the room tone\n", whole, crest);
}

// The debug overlay's per-voice mute and solo, on two_sides: a hum on the left, noise on the
// right. Renders `seconds` with `set` applied to the voices once the scene has begun.
std::vector<float> two_sides(
    double seconds,
    const std::function<void(AudioEngine&, const std::vector<AudioEngine::VoiceInfo>&)>& set = {}) {
  const story::Story story = load(kTests + "/stories/audio");
  AudioEngine engine(story, Output::Loopback, "", kRate, Hrtf::Off);
  EXPECT_FALSE(engine.silent()) << engine.status();
  story::Runtime runtime(story);
  runtime.start(story.find_scene("two_sides"));
  engine.update(runtime, 0);
  const std::vector<AudioEngine::VoiceInfo> voices = engine.voices();
  EXPECT_EQ(voices.size(), 2u);
  if (set && voices.size() == 2) set(engine, voices);
  return render_run(engine, runtime, seconds);
}

TEST(AudioVoices, EachLayerIsAVoiceNamedBySoundAndThing) {
  const story::Story story = load(kTests + "/stories/audio");
  AudioEngine engine(story, Output::Loopback, "", kRate, Hrtf::Off);
  ASSERT_FALSE(engine.silent()) << engine.status();
  story::Runtime runtime(story);
  runtime.start(story.find_scene("two_sides"));
  engine.update(runtime, 0.01);
  const std::vector<AudioEngine::VoiceInfo> v = engine.voices();
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].label, "hum at the clock");
  EXPECT_EQ(v[1].label, "noise at the radio");
  EXPECT_NE(v[0].id, v[1].id);
  for (const AudioEngine::VoiceInfo& info : v) {
    EXPECT_FALSE(info.cue);
    EXPECT_TRUE(info.heard);
    EXPECT_GT(info.gain, 0.1f) << info.label;
    EXPECT_GT(info.level, 0.f) << info.label;
  }
  // The ids stay while the scene plays; the bus volume shows in the gain.
  engine.set_bus_volumes(0.5f, 1, 1);
  engine.update(runtime, 0.01);
  const std::vector<AudioEngine::VoiceInfo> later = engine.voices();
  ASSERT_EQ(later.size(), 2u);
  EXPECT_EQ(later[0].id, v[0].id);
  EXPECT_NEAR(later[0].gain, v[0].gain * 0.5f, 1e-3);
}

// The overlay's Audio panel sees the sound only through debug::VoiceView: what the engine fills
// in is what it reports, and a box ticked in the view mutes or solos that voice once handed back.
TEST(AudioVoices, TheVoiceViewShowsTheEngineAndCarriesThePanelsMuteAndSoloBack) {
  const story::Story story = load(kTests + "/stories/audio");
  AudioEngine engine(story, Output::Loopback, "", kRate, Hrtf::Off);
  ASSERT_FALSE(engine.silent()) << engine.status();
  story::Runtime runtime(story);
  runtime.start(story.find_scene("two_sides"));
  engine.update(runtime, 0.01);
  debug::VoiceView view;
  engine.fill_voice_view(view, &runtime.state());
  EXPECT_FALSE(view.silent);
  EXPECT_EQ(view.status, engine.status());
  EXPECT_EQ(view.playing_sources, engine.playing_sources());
  EXPECT_EQ(view.player_quiet, AudioEngine::player_is_quiet(runtime.state()));
  ASSERT_EQ(view.voices.size(), 2u);
  EXPECT_EQ(view.voices[0].label, "hum at the clock");
  EXPECT_EQ(view.voices[1].label, "noise at the radio");

  view.voices[0].muted = true;   // the panel's M box
  view.voices[1].soloed = true;  // and S
  engine.apply_voice_view(view);
  const std::vector<AudioEngine::VoiceInfo> after = engine.voices();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_TRUE(after[0].muted);
  EXPECT_FALSE(after[0].heard);
  EXPECT_TRUE(after[1].soloed);
  EXPECT_TRUE(after[1].heard);

  // Unticked again, both are heard as before.
  engine.fill_voice_view(view, &runtime.state());
  view.voices[0].muted = false;
  view.voices[1].soloed = false;
  engine.apply_voice_view(view);
  for (const AudioEngine::VoiceInfo& v : engine.voices()) EXPECT_TRUE(v.heard) << v.label;
}

TEST(AudioVoices, MutingALayerTakesAwayWhatItContributed) {
  const std::vector<float> both = two_sides(2);
  const std::vector<float> no_hum =
      two_sides(2, [](AudioEngine& e, const std::vector<AudioEngine::VoiceInfo>& v) {
        e.set_voice_mute(v[0].id, true);
      });
  const std::vector<float> no_noise =
      two_sides(2, [](AudioEngine& e, const std::vector<AudioEngine::VoiceInfo>& v) {
        e.set_voice_mute(v[1].id, true);
      });
  // The hum and the noise are unrelated: their powers add. Muting one leaves the other's.
  const double p_both = std::pow(rms(both, 2, 0.5, 2), 2);
  const double p_hum = std::pow(rms(no_noise, 2, 0.5, 2), 2);
  const double p_noise = std::pow(rms(no_hum, 2, 0.5, 2), 2);
  ASSERT_GT(p_hum, 1e-4);
  ASSERT_GT(p_noise, 1e-4);
  EXPECT_NEAR(p_both, p_hum + p_noise, 0.1 * p_both);
  EXPECT_LT(p_noise, 0.9 * p_both) << "muting the hum lowers the mix";
  // The hum was on the left: muting it lowers the left channel far more than the right.
  const double left_drop = db(rms(both, 0, 0.5, 2) / rms(no_hum, 0, 0.5, 2));
  const double right_drop = db(rms(both, 1, 0.5, 2) / rms(no_hum, 1, 0.5, 2));
  EXPECT_GT(left_drop, right_drop + 3) << "left " << left_drop << " dB, right " << right_drop;
}

TEST(AudioVoices, SoloingTheLeftLayerLeavesTheRightChannelNearlySilent) {
  const std::vector<float> both = two_sides(2);
  std::vector<AudioEngine::VoiceInfo> seen;
  const std::vector<float> solo =
      two_sides(2, [&seen](AudioEngine& e, const std::vector<AudioEngine::VoiceInfo>& v) {
        e.set_voice_solo(v[0].id, true);
        seen = e.voices();
      });
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen[0].soloed && seen[0].heard);
  EXPECT_FALSE(seen[1].heard);
  EXPECT_EQ(seen[1].level, 0.f);
  // The left keeps its hum; the right loses the noise and keeps only the hum's faint spill.
  EXPECT_GT(rms(solo, 0, 0.5, 2), 0.05);
  EXPECT_GT(db(rms(both, 1, 0.5, 2) / std::max(rms(solo, 1, 0.5, 2), 1e-9)), 10);
  EXPECT_GT(db(rms(solo, 0, 0.5, 2) / std::max(rms(solo, 1, 0.5, 2), 1e-9)), 10);
}

// cues with its room tone muted: the cup touched at 3 s clicks. `mute_cue`: the click is muted
// as soon as the engine lists it. Returns the mix; `listed` gets the voices seen with the click.
std::vector<float> click(bool mute_cue, std::vector<AudioEngine::VoiceInfo>* listed) {
  const story::Story story = load(kTests + "/stories/audio");
  const story::ThingId cup = story.scene(story.find_scene("cues")).find_thing("cup");
  AudioEngine engine(story, Output::Loopback, "", kRate, Hrtf::Off);
  EXPECT_FALSE(engine.silent()) << engine.status();
  story::Runtime runtime(story);
  runtime.start(story.find_scene("cues"));
  engine.update(runtime, 0);
  for (const AudioEngine::VoiceInfo& v : engine.voices()) engine.set_voice_mute(v.id, true);
  bool seen = false;
  std::vector<float> out;
  std::vector<story::Event> events;
  const int chunk = kRate / 100;
  std::vector<float> buf(2 * static_cast<size_t>(chunk));
  for (int i = 0; i < 400; ++i) {
    engine.render(buf.data(), chunk);
    out.insert(out.end(), buf.begin(), buf.end());
    const double t = (i + 1) * 0.01;
    story::Input in;
    if (t >= 3 && t < 3.1) in.press = cup;
    events.clear();
    runtime.step(0.01, in, events);
    engine.update(runtime, 0.01, events);
    if (!seen) {
      for (const AudioEngine::VoiceInfo& v : engine.voices()) {
        if (!v.cue || v.label.rfind("breath", 0) == 0) continue;  // the click, not the breath
        seen = true;
        if (listed) *listed = engine.voices();
        if (mute_cue) engine.set_voice_mute(v.id, true);
      }
    }
  }
  return out;
}

TEST(AudioVoices, ASoundingCueIsAVoiceAndMutingItSilencesIt) {
  std::vector<AudioEngine::VoiceInfo> listed;
  const std::vector<float> heard = click(false, &listed);
  ASSERT_EQ(listed.size(), 2u) << "the room tone and the click";
  EXPECT_FALSE(listed[0].cue);
  EXPECT_FALSE(listed[0].heard) << "the room tone was muted";
  EXPECT_TRUE(listed[1].cue);
  EXPECT_EQ(listed[1].label, "click at the cup");
  EXPECT_GT(listed[1].level, 0.f);
  EXPECT_GT(rms(heard, 2, 3.0, 3.4), 0.005) << "the click, alone";
  const std::vector<float> muted = click(true, nullptr);
  EXPECT_LT(rms(muted, 2, 3.05, 3.4), 0.05 * rms(heard, 2, 3.05, 3.4));
}

TEST(AudioVoices, UnsoloingHearsEveryLayerAgain) {
  const std::vector<float> both = two_sides(2);
  const std::vector<float> back =
      two_sides(2, [](AudioEngine& e, const std::vector<AudioEngine::VoiceInfo>& v) {
        e.set_voice_solo(v[0].id, true);
        e.set_voice_solo(v[0].id, false);
      });
  EXPECT_NEAR(rms(back, 1, 0.5, 2), rms(both, 1, 0.5, 2), 0.1 * rms(both, 1, 0.5, 2));
}

TEST(AudioEngine, AFileLayerPlaysTheFile) {
  const story::Story story = load(kTests + "/stories/audio");
  const std::vector<float> s = play(story, "file", 2);
  EXPECT_GT(rms(s, 2, 0.5, 1.5), 0.05);
  // The file is a 440 Hz tone: 880 zero crossings a second, looped.
  EXPECT_NEAR(zero_crossings(s, 0.5), 880, 20);
}

// The same scene rendered with and without its cues: the difference is what the cues added
// (the mix is deterministic and linear at these levels).
std::vector<float> cues_alone(const story::Story& story, const std::string& scene, double seconds,
                              const std::function<story::Input(double)>& input = {}) {
  const std::vector<float> with = play(story, scene, seconds, input);
  story::Story quiet = story;
  for (story::Scene& s : quiet.scenes) s.ambience.cues.clear();
  const std::vector<float> without = play(quiet, scene, seconds, input);
  std::vector<float> diff(with.size());
  for (size_t i = 0; i < with.size() && i < without.size(); ++i) diff[i] = with[i] - without[i];
  return diff;
}

// The first time (seconds) after `from` when the signal's 5 ms energy rises above `threshold`.
double onset(const std::vector<float>& s, double from, double threshold) {
  for (double t = from; t + 0.005 < static_cast<double>(s.size()) / 2 / kRate; t += 0.001) {
    if (rms(s, 2, t, t + 0.005) > threshold) return t;
  }
  return -1;
}

TEST(AudioCues, TheKitchenKettleIsHeardOnTheLeft) {
  const story::Story story = load(kData);
  const story::Scene& kitchen = story.scene(story.find_scene("kitchen_morning"));
  ASSERT_FALSE(kitchen.ambience.cues.empty());
  const story::SoundCue& kettle = kitchen.ambience.cues.front();
  ASSERT_EQ(kettle.sound.synth, story::Synth::Kettle);
  // The kettle is drawn at the left end of the counter, and its sound is placed at it.
  ASSERT_LT(kettle.sound.x, story::kFrameWidth / 2);
  const std::vector<float> s = cues_alone(story, "kitchen_morning", 26);
  EXPECT_LT(rms(s, 2, 0, 10.4), 1e-4) << "nothing before the kettle is switched on";
  const double left = rms(s, 0, 12, 26), right = rms(s, 1, 12, 26);
  EXPECT_GT(left + right, 0.02) << "the kettle is heard";
  EXPECT_GT(db(left / std::max(right, 1e-9)), 3.0) << "left " << left << ", right " << right;
}

TEST(AudioCues, AKettlePlacedLeftIsLouderInTheLeftChannelAndRisesToAWhistle) {
  const story::Story story = load(kTests + "/stories/audio");
  const std::vector<float> s = cues_alone(story, "kettle_left", 19);
  const double left = rms(s, 0, 1, 18), right = rms(s, 1, 1, 18);
  EXPECT_GT(db(left / std::max(right, 1e-9)), 6) << "left " << left << ", right " << right;
  EXPECT_GT(rms(s, 2, 13, 16), 2 * rms(s, 2, 1, 4)) << "it rises to a whistle";
}

TEST(AudioCues, ACueSoundsAtItsEventsTime) {
  const story::Story story = load(kTests + "/stories/audio");
  const story::Scene& scene = story.scene(story.find_scene("cues"));
  const story::ThingId cup = scene.find_thing("cup");
  // The moment opens at 1 s; the cup is touched at 3 s (a click); the next beat begins when
  // "Cold." has lingered 1 s (4 s), and its chime is 'after: 1' (5 s).
  const std::vector<float> s = cues_alone(story, "cues", 7, [&](double t) {
    story::Input in;
    if (t >= 3 && t < 3.1) in.press = cup;
    return in;
  });
  EXPECT_LT(rms(s, 2, 0, 2.95), 1e-4) << "silent before the touch";
  EXPECT_NEAR(onset(s, 0, 0.01), 3.0, 0.05) << "the click";
  EXPECT_LT(rms(s, 2, 3.5, 4.95), 1e-4) << "the click is short; the chime waits for its second";
  EXPECT_NEAR(onset(s, 3.5, 0.01), 5.0, 0.05) << "the chime";
  // The cup is on the right: the click is louder in the right channel.
  EXPECT_GT(db(rms(s, 1, 2.9, 3.4) / std::max(rms(s, 0, 2.9, 3.4), 1e-9)), 6);
}

TEST(AudioCues, ACuesCaptionBeginsWhenItsSoundDoes) {
  // The captions follow the events through the same story::CueFollower as the sound: played
  // alike, each captioned cue is heard when its caption appears (tests/stories/captions: the
  // beat's click 2 s in, the kettle touched at 3 s).
  const story::Story story = load(kTests + "/stories/captions");
  const story::ThingId kettle = story.scene(0).find_thing("kettle");
  auto hands = [&](double t) {
    story::Input in;
    if (t >= 3 && t < 3.1) in.press = kettle;
    return in;
  };
  const std::vector<float> s = cues_alone(story, "kitchen", 4, hands);
  story::Runtime runtime(story);
  story::CaptionTrack captions;
  std::vector<story::Event> events = runtime.start();
  captions.follow(runtime, events);
  while (runtime.state().time < 4) {
    events.clear();
    runtime.step(0.01, hands(runtime.state().time), events);
    captions.follow(runtime, events);
  }
  std::vector<double> cue_captions;
  for (const story::Caption& c : captions.captions()) {
    if (c.cue) cue_captions.push_back(c.from);
  }
  ASSERT_EQ(cue_captions.size(), 2u);
  EXPECT_LT(rms(s, 2, 0, cue_captions[0] - 0.05), 1e-4) << "nothing sounds before the first";
  EXPECT_NEAR(onset(s, 0, 0.01), cue_captions[0], 0.05) << "the beat's click";
  EXPECT_NEAR(onset(s, cue_captions[0] + 0.5, 0.01), cue_captions[1], 0.05) << "the switch";
}

TEST(AudioCues, NoCueSoundsWhenItsEventDoesNotHappen) {
  const story::Story story = load(kTests + "/stories/audio");
  const std::vector<float> s = cues_alone(story, "cues", 4);
  EXPECT_LT(peak(s), 1e-4);
}

TEST(AudioCues, HesitatingHushesTheRoomByItsAuthoredDecibelsThenItSwellsBack) {
  const story::Story story = load(kTests + "/stories/audio");
  const story::Scene& scene = story.scene(story.find_scene("cues"));
  const story::ThingId bowl = scene.find_thing("bowl");
  // Holding the bowl from 2 s and letting go at 2.5 s, long before its 30 s: a hesitation.
  AudioEngine engine(story, Output::Loopback);
  ASSERT_FALSE(engine.silent());
  story::Runtime runtime(story);
  runtime.start(story.find_scene("cues"));
  const std::vector<float> s = render_run(engine, runtime, 8, [&](double t) {
    story::Input in;
    if (t >= 2 && t < 2.5) in.press = bowl;
    return in;
  });
  EXPECT_EQ(runtime.state().counters.hesitated, 1);
  const double before = rms(s, 2, 0.3, 1.9);
  const double hushed = rms(s, 2, 2.9, 4.6);
  const double after = rms(s, 2, 7, 8);
  EXPECT_NEAR(db(hushed / before), -14, 1.5);
  EXPECT_NEAR(db(after / before), 0, 1) << "the room swells back";
}

TEST(AudioCues, APushSoundsItsStartWhenPressedAndItsDoneAtTheDistance) {
  const story::Story story = load(kTests + "/stories/push_pull");
  const story::ThingId folder = story.scenes[0].find_thing("folder");
  // The moment opens at 1 s; the folder is pressed at 2 s and slides away at 60 px a second
  // (the keyboard's Page Up), so its 90 px push is done at 3.5 s.
  const std::vector<float> s = cues_alone(story, "desk", 5, [&](double t) {
    story::Input in;
    if (t >= 2) {
      in.press = folder;
      in.slide = story::kSlideRate;
    }
    return in;
  });
  EXPECT_LT(rms(s, 2, 0, 1.95), 1e-4) << "silent before the press";
  EXPECT_NEAR(onset(s, 0, 0.01), 2.0, 0.05) << "the start";
  EXPECT_LT(rms(s, 2, 2.6, 3.45), 1e-4) << "nothing while it slides";
  EXPECT_NEAR(onset(s, 2.6, 0.01), 3.5, 0.05) << "the push done";
}

TEST(AudioCues, AMotifPlaysItsNotesOneAfterAnother) {
  const story::Story story = load(kTests + "/stories/audio");
  // kettle_left's motif: C4 E4 G4, 0.3 s a note, 20 s after the beat; the kettle is over by then.
  const std::vector<float> s = cues_alone(story, "kettle_left", 22);
  EXPECT_NEAR(onset(s, 17.5, 0.01), 20.0, 0.05);
  // Count zero crossings in the middle of each note: 2 × its frequency a second.
  const double expect[] = {261.63, 329.63, 392.0};
  for (int k = 0; k < 3; ++k) {
    // The note before still rings softly: count crossings of the sum, which the newest note
    // dominates.
    const int crossings = zero_crossings(s, 20.0 + 0.3 * k + 0.08, 0.2);
    EXPECT_NEAR(crossings / 0.2 / 2, expect[k], 25) << "note " << k;
  }
}

TEST(AudioCues, EveryCueOfTheStoryHasASound) {
  const story::Story story = load(kData);
  int cues = 0;
  for (const story::Scene& scene : story.scenes) {
    for (const story::SoundCue& c : scene.ambience.cues) {
      ++cues;
      EXPECT_TRUE(c.sound.synth != story::Synth::None || !c.notes.empty() || !c.sound.file.empty())
          << scene.id;
    }
  }
  EXPECT_GE(cues, 4);
}

TEST(AudioEngine, AMissingDeviceIsSurvivedSilently) {
  const story::Story story = load(kTests + "/stories/audio");
  AudioEngine engine(story, Output::Device, "no such sound card");
  EXPECT_TRUE(engine.silent());
  EXPECT_NE(engine.status().find("no such sound card"), std::string::npos) << engine.status();
  story::Runtime runtime(story);
  runtime.start();
  std::vector<float> s = render_run(engine, runtime, 0.5);
  EXPECT_EQ(peak(s), 0);
  EXPECT_EQ(engine.playing_sources(), 0);
}

TEST(AudioEngine, OnlyOneDeviceIsOpenAtATime) {
  const story::Story story = load(kTests + "/stories/audio");
  {
    AudioEngine first(story, Output::Loopback);
    ASSERT_FALSE(first.silent());
    AudioEngine second(story, Output::Loopback);
    EXPECT_TRUE(second.silent());
    EXPECT_FALSE(second.status().empty());
  }
  AudioEngine again(story, Output::Loopback);
  EXPECT_FALSE(again.silent()) << "closing the first engine frees the device";
}

TEST(AudioRender, WritesTheScenesSoundToAWavFile) {
  const std::string out = (std::filesystem::temp_directory_path() /
                           ("threshold_audio_render_" + std::to_string(::getpid()) + ".wav"))
                              .string();
  const std::string command = std::string(THRESHOLD_EXE) + " audio-render " + kTests +
                              "/stories/audio --scene left --seconds 1.5 --hrtf off --out " + out;
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  Wav wav;
  std::string error;
  ASSERT_TRUE(read_wav(out, wav, &error)) << error;
  std::filesystem::remove(out);
  EXPECT_EQ(wav.channels, 2);
  EXPECT_EQ(wav.rate, kRate);
  EXPECT_EQ(wav.samples.size(), static_cast<size_t>(1.5 * kRate) * 2);
  EXPECT_GT(db(rms(wav.samples, 0, 0.5, 1.5) / std::max(rms(wav.samples, 1, 0.5, 1.5), 1e-9)), 10);
}

// The delay (samples) of the right channel behind the left that best lines them up, within
// ±max_lag: positive when the sound reaches the left ear first.
int right_lag(const std::vector<float>& s, double from, double to, int max_lag) {
  const size_t a = static_cast<size_t>(from * kRate), b = static_cast<size_t>(to * kRate);
  int best = 0;
  double best_sum = -1e300;
  for (int lag = -max_lag; lag <= max_lag; ++lag) {
    double sum = 0;
    for (size_t i = a; i < b; ++i) {
      const size_t j = static_cast<size_t>(static_cast<long>(i) + lag);
      if (2 * j + 1 < s.size()) sum += static_cast<double>(s[2 * i]) * s[2 * j + 1];
    }
    if (sum > best_sum) {
      best_sum = sum;
      best = lag;
    }
  }
  return best;
}

TEST(AudioHrtf, WithHrtfAThingOnTheLeftIsLouderLeftAndReachesTheLeftEarFirst) {
  const story::Story story = load(kTests + "/stories/audio");
  {
    AudioEngine probe(story, Output::Loopback, "", kRate, Hrtf::On);
    ASSERT_FALSE(probe.silent());
    ASSERT_TRUE(probe.hrtf()) << "Debian's OpenAL Soft has built-in HRTF: " << probe.status();
    EXPECT_NE(probe.status().find("HRTF"), std::string::npos) << probe.status();
  }
  const std::vector<float> hrtf = play(story, "hrtf_left", 1.5, {}, Hrtf::On);
  const double left = rms(hrtf, 0, 0.5, 1.5), right = rms(hrtf, 1, 0.5, 1.5);
  EXPECT_GT(db(left / std::max(right, 1e-9)), 3) << "left " << left << ", right " << right;
  // The far ear hears it later: a few hundred microseconds, as a head is wide.
  const int lag = right_lag(hrtf, 0.5, 1.0, 48);
  EXPECT_GE(lag, 5) << "the right ear is not later (" << lag << " samples)";
  EXPECT_LE(lag, 40) << "a delay no head makes (" << lag << " samples)";
  // Stereo panning has level only: both ears at once.
  const std::vector<float> panned = play(story, "hrtf_left", 1.5, {}, Hrtf::Off);
  EXPECT_GT(db(rms(panned, 0, 0.5, 1.5) / std::max(rms(panned, 1, 0.5, 1.5), 1e-9)), 10);
  EXPECT_EQ(right_lag(panned, 0.5, 1.0, 48), 0);
}

TEST(AudioHrtf, OffMeansStereoPanningAndTheStatusSaysWhich) {
  const story::Story story = load(kTests + "/stories/audio");
  AudioEngine engine(story, Output::Loopback, "", kRate, Hrtf::Off);
  ASSERT_FALSE(engine.silent());
  EXPECT_FALSE(engine.hrtf());
  EXPECT_NE(engine.status().find("stereo panning"), std::string::npos) << engine.status();
}

TEST(AudioHrtf, TheKitchenKettleIsStillHeardOnTheLeftWithHrtf) {
  const story::Story story = load(kData);
  const story::SceneId kitchen = story.find_scene("kitchen_morning");
  ASSERT_GE(kitchen, 0);
  story::Story quiet = story;
  for (story::Scene& sc : quiet.scenes) sc.ambience.cues.clear();
  const std::vector<float> with = play(story, "kitchen_morning", 20, {}, Hrtf::On);
  const std::vector<float> without = play(quiet, "kitchen_morning", 20, {}, Hrtf::On);
  std::vector<float> kettle(with.size());
  for (size_t i = 0; i < with.size() && i < without.size(); ++i) kettle[i] = with[i] - without[i];
  EXPECT_GT(rms(kettle, 0, 12, 20), rms(kettle, 1, 12, 20));
  EXPECT_GT(right_lag(kettle, 13, 14, 48), 2) << "the left ear hears the kettle first";
}

TEST(AudioRender, SaysWhetherItUsesHrtfOrStereoPanning) {
  const std::string base = (std::filesystem::temp_directory_path() /
                            ("threshold_audio_hrtf_" + std::to_string(::getpid())))
                               .string();
  auto run = [&](const std::string& hrtf) {
    const std::string command = std::string(THRESHOLD_EXE) + " audio-render " + kTests +
                                "/stories/audio --scene left --seconds 0.2 --hrtf " + hrtf +
                                " --out " + base + ".wav 2> " + base + ".txt";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    std::ifstream in(base + ".txt");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return text;
  };
  EXPECT_NE(run("on").find("HRTF '"), std::string::npos);
  EXPECT_NE(run("off").find("stereo panning"), std::string::npos);
  EXPECT_NE(run("auto").find("HRTF '"), std::string::npos) << "a render is for headphones";
  const std::string bad = std::string(THRESHOLD_EXE) + " audio-render " + kTests +
                          "/stories/audio --seconds 0.2 --hrtf maybe --out " + base + ".wav 2> " +
                          base + ".txt";
  EXPECT_NE(std::system(bad.c_str()), 0);
  std::filesystem::remove(base + ".wav");
  std::filesystem::remove(base + ".txt");
}

// A story of one scene whose room tone is one long file: 90 s of a 440 Hz tone at 48 kHz
// (39,600 whole cycles, so its loop joins without a step), 8.6 MB as 16-bit mono.
class AudioStreaming : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("threshold_audio_stream_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "scenes");
    std::filesystem::create_directories(dir_ / "sounds");
    std::ofstream(dir_ / "story.yaml") << "title: Long\nstart: long\nendings:\n  done:\n"
                                          "    title: Done\n";
    std::ofstream(dir_ / "scenes/long.yaml")
        << "scene: long\nplace: room\nambience:\n  tone:\n"
           "    - { file: sounds/long.wav, level: 0.8 }\n  crossfade: 0\n"
           "beats:\n  - id: start\n    lines:\n      - text: A long tone.\n        linger: 600\n"
           "    end: done\n";
    Wav wav;
    wav.channels = 1;
    wav.rate = kRate;
    wav.samples.resize(static_cast<size_t>(kFileSeconds * kRate));
    for (size_t i = 0; i < wav.samples.size(); ++i) {
      const double t = static_cast<double>(i) / kRate;
      wav.samples[i] = static_cast<float>(0.5 * std::sin(2 * M_PI * 440.0 * t));
    }
    std::string error;
    ASSERT_TRUE(write_wav((dir_ / "sounds/long.wav").string(), wav, &error)) << error;
    file_bytes_ = std::filesystem::file_size(dir_ / "sounds/long.wav");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static constexpr double kFileSeconds = 90;
  std::filesystem::path dir_;
  uintmax_t file_bytes_ = 0;
};

TEST_F(AudioStreaming, ALongFilePlaysThroughASmallQueueAndLoopsWithoutAGap) {
  const story::Story story = load(dir_.string());
  AudioEngine engine(story, Output::Loopback, "", kRate, Hrtf::Off);
  ASSERT_FALSE(engine.silent());
  story::Runtime runtime(story);
  runtime.start();
  std::vector<float> s = render_run(engine, runtime, 30);
  EXPECT_EQ(engine.streaming(), 1);
  EXPECT_GT(engine.bytes_held(), 0u);
  EXPECT_LT(engine.bytes_held(), file_bytes_ / 20) << "the engine holds the file, not a queue";
  const std::vector<float> more = render_run(engine, runtime, 65);
  s.insert(s.end(), more.begin(), more.end());
  EXPECT_LT(engine.bytes_held(), file_bytes_ / 20);
  // Heard all the way: the tone at its level in every 10 ms, far past the first buffers and
  // across the loop at 90 s.
  const double full = rms(s, 2, 1, 2);
  ASSERT_GT(full, 0.05);
  for (double t = 0.5; t + 0.01 <= 95; t += 0.01) {
    const double level = rms(s, 2, t, t + 0.01);
    ASSERT_NEAR(level, full, 0.1 * full) << "at " << t << " s";
  }
  // The tone's pitch, before and after the loop: 880 zero crossings a second.
  for (double t : {1.0, 45.0, 88.0, 91.0}) {
    EXPECT_NEAR(zero_crossings(s, t), 880, 4) << "at " << t << " s";
  }
  // No click where the file starts again: no step bigger than the tone's own steepest.
  double steepest = 0, at_loop = 0;
  for (size_t i = static_cast<size_t>(2 * kRate); i < static_cast<size_t>(3 * kRate); ++i) {
    steepest = std::max(steepest, static_cast<double>(std::abs(s[2 * (i + 1)] - s[2 * i])));
  }
  for (size_t i = static_cast<size_t>(89.9 * kRate); i < static_cast<size_t>(90.1 * kRate); ++i) {
    at_loop = std::max(at_loop, static_cast<double>(std::abs(s[2 * (i + 1)] - s[2 * i])));
  }
  EXPECT_LT(at_loop, 1.1 * steepest);
}

TEST_F(AudioStreaming, ALongStereoFilePlacedLeftStreamsInMonoAndIsHeardOnTheLeft) {
  // 25 s of stereo: long enough to stream; placed, so mixed down to one channel as it is read.
  Wav wav;
  wav.channels = 2;
  wav.rate = kRate;
  wav.samples.resize(static_cast<size_t>(25 * kRate) * 2);
  for (size_t i = 0; i < wav.samples.size() / 2; ++i) {
    const double t = static_cast<double>(i) / kRate;
    wav.samples[2 * i] = static_cast<float>(0.5 * std::sin(2 * M_PI * 440.0 * t));
    wav.samples[2 * i + 1] = wav.samples[2 * i];
  }
  std::string error;
  ASSERT_TRUE(write_wav((dir_ / "sounds/stereo.wav").string(), wav, &error)) << error;
  std::ofstream(dir_ / "scenes/long.yaml", std::ios::trunc)
      << "scene: long\nplace: room\nambience:\n  tone:\n"
         "    - { file: sounds/stereo.wav, level: 0.8, at: [60, 360] }\n  crossfade: 0\n"
         "beats:\n  - id: start\n    lines:\n      - text: A long tone.\n        linger: 600\n"
         "    end: done\n";
  const story::Story story = load(dir_.string());
  AudioEngine engine(story, Output::Loopback, "", kRate, Hrtf::Off);
  story::Runtime runtime(story);
  runtime.start();
  const std::vector<float> s = render_run(engine, runtime, 3);
  EXPECT_EQ(engine.streaming(), 1);
  const double left = rms(s, 0, 0.5, 3), right = rms(s, 1, 0.5, 3);
  EXPECT_GT(left, 0.05);
  EXPECT_GT(db(left / std::max(right, 1e-9)), 10) << "left " << left << ", right " << right;
  EXPECT_NEAR(zero_crossings(s, 1), 880, 4);
}

TEST_F(AudioStreaming, ALongFileCuePlaysOnceToItsEndAndStops) {
  // The 90 s tone as a cue when the scene begins: streamed, heard to its last second, then gone.
  std::ofstream(dir_ / "scenes/long.yaml", std::ios::trunc)
      << "scene: long\nplace: room\nambience:\n  cues:\n"
         "    - { on: beat, beat: start, file: sounds/long.wav, level: 0.8 }\n"
         "beats:\n  - id: start\n    lines:\n      - text: A long tone.\n        linger: 600\n"
         "    end: done\n";
  const story::Story story = load(dir_.string());
  AudioEngine engine(story, Output::Loopback, "", kRate, Hrtf::Off);
  story::Runtime runtime(story);
  runtime.start();
  std::vector<float> s = render_run(engine, runtime, 60);
  EXPECT_EQ(engine.streaming(), 1);
  EXPECT_EQ(engine.playing_cues(), 1);
  const std::vector<float> more = render_run(engine, runtime, 35);
  s.insert(s.end(), more.begin(), more.end());
  EXPECT_EQ(engine.playing_cues(), 0) << "the cue ended with its file";
  EXPECT_EQ(engine.streaming(), 0);
  const double full = rms(s, 2, 1, 2);
  ASSERT_GT(full, 0.05);
  EXPECT_NEAR(rms(s, 2, 88.5, 89.5), full, 0.1 * full) << "heard to the end of the file";
  EXPECT_LT(rms(s, 2, 90.5, 95), 1e-4) << "and not again";
}

// Renders `scene` of the audio story keeping only the layers (or cues) of `keep`.
std::vector<float> only(const story::Story& story, const std::string& scene, bool layer,
                        size_t keep, double seconds,
                        const std::function<story::Input(double)>& input) {
  story::Story one = story;
  story::Ambience& amb = one.scene(one.find_scene(scene)).ambience;
  if (layer) {
    amb.tone = {amb.tone[keep]};
  } else {
    amb.cues = {amb.cues[keep]};
    amb.tone.clear();
  }
  return play(one, scene, seconds, input);
}

// Live reload tells the engine which files changed (forget_files): an edited sound is decoded
// again and the scene comes in afresh with it; until then the engine plays what it decoded.
TEST(AudioReload, AnEditedSoundIsDecodedAgainOnceTheEngineIsToldItChanged) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("threshold_audio_edit_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "scenes");
  std::ofstream(dir / "story.yaml") << "title: Edit\nstart: room\nendings:\n  done:\n"
                                       "    title: Done\n";
  std::ofstream(dir / "scenes/room.yaml")
      << "scene: room\nambience:\n  tone:\n    - { file: tone.wav, level: 0.8 }\n"
         "  crossfade: 0\nbeats:\n  - id: start\n    lines:\n      - text: A tone.\n"
         "        linger: 600\n    end: done\n";
  auto tone = [&](double hz) {
    Wav wav;
    wav.channels = 1;
    wav.rate = kRate;
    wav.samples.resize(kRate);  // one second, looped
    for (size_t i = 0; i < wav.samples.size(); ++i) {
      wav.samples[i] =
          static_cast<float>(0.5 * std::sin(2 * M_PI * hz * static_cast<double>(i) / kRate));
    }
    std::string error;
    ASSERT_TRUE(write_wav((dir / "tone.wav").string(), wav, &error)) << error;
  };
  tone(440);
  const story::Story story = load(dir.string());
  AudioEngine engine(story, Output::Loopback, "", kRate, Hrtf::Off);
  ASSERT_FALSE(engine.silent()) << engine.status();
  story::Runtime runtime(story);
  runtime.start();
  EXPECT_NEAR(zero_crossings(render_run(engine, runtime, 2), 0.5), 880, 20);
  tone(880);
  EXPECT_NEAR(zero_crossings(render_run(engine, runtime, 2), 0.5), 880, 20)
      << "what was decoded plays on until the engine is told";
  const std::string path = story.scenes.at(0).ambience.tone.at(0).file;
  engine.forget_files({path});
  EXPECT_NEAR(zero_crossings(render_run(engine, runtime, 2), 0.5), 1760, 30);
  std::filesystem::remove_all(dir);
}

TEST(AudioWhen, ALayerFadesInWhenItsConditionTurnsTrueAndOutWhenItTurnsFalse) {
  const story::Story story = load(kTests + "/stories/audio");
  const story::Scene& scene = story.scene(story.find_scene("when"));
  const story::ThingId lamp = scene.find_thing("lamp");
  auto touch = [&](double t) {
    story::Input in;
    if (t >= 2 && t < 2.1) in.press = lamp;  // the lamp goes on at 2 s
    return in;
  };
  const std::vector<float> off = only(story, "when", true, 0, 6, touch);  // when: not lamp_on
  const std::vector<float> on = only(story, "when", true, 1, 6, touch);   // when: lamp_on
  const double full = rms(off, 2, 0.5, 1.9);
  ASSERT_GT(full, 0.05);
  EXPECT_LT(rms(on, 2, 0.5, 1.9), 1e-4) << "the lamp is off: its layer is silent";
  EXPECT_NEAR(rms(on, 2, 4.5, 6), full, 0.1 * full) << "on: its layer has faded in";
  EXPECT_LT(rms(off, 2, 4.5, 6), 1e-4) << "on: the other layer has faded out";
  // Halfway through the 2 s fade, each is part-way.
  const double mid_on = rms(on, 2, 3.0, 3.1), mid_off = rms(off, 2, 3.0, 3.1);
  EXPECT_GT(mid_on, 0.2 * full);
  EXPECT_LT(mid_on, 0.8 * full);
  EXPECT_GT(mid_off, 0.2 * full);
  EXPECT_LT(mid_off, 0.8 * full);
}

TEST(AudioWhen, ACueSoundsOnlyWhenItsConditionHolds) {
  const story::Story story = load(kTests + "/stories/audio");
  const story::Scene& scene = story.scene(story.find_scene("when"));
  const story::ThingId lamp = scene.find_thing("lamp");
  auto touch = [&](double t) {
    story::Input in;
    if (t >= 2 && t < 2.1) in.press = lamp;
    return in;
  };
  // Both answer to the touch; it turns the lamp on, so `when: lamp_on` holds as they fire.
  EXPECT_GT(peak(only(story, "when", false, 0, 4, touch)), 0.01) << "when: lamp_on";
  EXPECT_LT(peak(only(story, "when", false, 1, 4, touch)), 1e-4) << "when: not lamp_on";
}

TEST(AudioWhen, BadConditionsAreReportedAtTheirLineAndColumn) {
  const story::LoadResult r = story::load_story(kTests + "/stories/audio_bad_when");
  EXPECT_FALSE(r.story.has_value());
  const std::string all = r.diagnostics.format_all();
  EXPECT_NE(
      all.find(
          "room.yaml:7:27: error[T0306]: unknown variable 'lamp_onn'; did you mean 'lamp_on'?"),
      std::string::npos)
      << all;
  EXPECT_NE(all.find("room.yaml:8:29: error[T0402]: expected a bool condition"), std::string::npos)
      << all;
  EXPECT_NE(all.find("room.yaml:9:39: error[T0401]: expected an expression after 'and'"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("room.yaml:11:52: error[T0106]: 'when' must be a condition"),
            std::string::npos)
      << all;
}

}  // namespace
}  // namespace threshold::audio

namespace threshold::audio {
namespace {

// The progress tone (speech's companion): a hold in progress heard rising an octave to its end.
TEST(AudioEngine, AGestureInProgressIsHeardAsAToneRisingAnOctaveToItsEnd) {
  const story::Story story = load(kTests + "/stories/audio");
  AudioEngine engine(story, Output::Loopback, "", kRate, Hrtf::Off);
  ASSERT_FALSE(engine.silent()) << engine.status();
  const auto listen = [&](double progress) {
    engine.set_progress_tone(progress);
    std::vector<float> out(2 * static_cast<size_t>(kRate / 2));  // half a second
    engine.render(out.data(), kRate / 2);
    return out;
  };
  EXPECT_EQ(engine.progress_tone_hz(), 0.0);
  const std::vector<float> start = listen(0), half = listen(0.5), end = listen(1);
  // Two crossings a cycle, over 0.4 s (after the first 0.1 s: the mixer's pitch takes a moment).
  EXPECT_NEAR(zero_crossings(start, 0.1, 0.4), 2 * kToneHz * 0.4, 4);
  EXPECT_NEAR(zero_crossings(half, 0.1, 0.4), 2 * kToneHz * 1.5 * 0.4, 4);
  EXPECT_NEAR(zero_crossings(end, 0.1, 0.4), 2 * kToneHz * 2 * 0.4, 4);
  EXPECT_DOUBLE_EQ(engine.progress_tone_hz(), 2 * kToneHz);
  EXPECT_GT(rms(end, 2, 0.1, 0.5), 0.05);  // heard, centred
  EXPECT_NEAR(rms(end, 0, 0.1, 0.5), rms(end, 1, 0.1, 0.5), 0.01);
  // None in progress: silence (this engine follows no scene, so nothing else sounds).
  const std::vector<float> after = listen(-1);
  EXPECT_EQ(engine.progress_tone_hz(), 0.0);
  EXPECT_LT(rms(after, 2, 0.1, 0.5), 1e-4);
}

}  // namespace
}  // namespace threshold::audio
