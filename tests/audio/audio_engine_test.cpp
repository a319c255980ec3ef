// The sound engine, measured on real rendered audio: scenes played through OpenAL Soft's
// loopback device (the same mixer the game uses) and the samples measured — levels, the
// left/right balance of a placed sound, a crossfade's length, a duck's depth.
#include "engine/audio/audio_engine.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/audio/wav.h"
#include "engine/story/loader.h"

namespace threshold::audio {
namespace {

const std::string kTests = THRESHOLD_TESTS_DIR;
const std::string kData = THRESHOLD_DATA_DIR;
constexpr int kRate = 48000;

story::Story load(const std::string& dir) {
  story::LoadResult r = story::load_story(dir);
  if (!r.story) {
    ADD_FAILURE() << "cannot load " << dir;
    return {};
  }
  return std::move(*r.story);
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

double peak(const std::vector<float>& s) {
  double p = 0;
  for (float x : s) p = std::max(p, static_cast<double>(std::abs(x)));
  return p;
}

double db(double ratio) { return 20 * std::log10(ratio); }

std::vector<float> play(const story::Story& story, const std::string& scene, double seconds,
                        const std::function<story::Input(double)>& input = {}) {
  AudioEngine engine(story, Output::Loopback);
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
    const std::vector<float> s = play(story, scene.id, 6);
    // After the crossfade in: room tone, quiet but there in both ears, and nowhere near 0 dBFS.
    for (int c = 0; c < 2; ++c) {
      const double level = rms(s, c, 2.5, 6);
      EXPECT_GT(level, 0.005) << "channel " << c << " is nearly silent";
      EXPECT_LT(level, 0.25) << "channel " << c << " is too loud for room tone";
    }
    EXPECT_LT(peak(s), 0.9);
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
  const story::ThingId cup = story.scenes[static_cast<size_t>(story.find_scene("duck"))]
                                 .find_thing("cup");
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

TEST(AudioEngine, AFileLayerPlaysTheFile) {
  const story::Story story = load(kTests + "/stories/audio");
  const std::vector<float> s = play(story, "file", 2);
  EXPECT_GT(rms(s, 2, 0.5, 1.5), 0.05);
  // The file is a 440 Hz tone: 880 zero crossings a second, looped.
  int crossings = 0;
  for (size_t i = kRate / 2; i < static_cast<size_t>(kRate) * 3 / 2; ++i) {
    if ((s[2 * i] >= 0) != (s[2 * (i + 1)] >= 0)) ++crossings;
  }
  EXPECT_NEAR(crossings, 880, 20);
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
  const story::Scene& kitchen = story.scenes[static_cast<size_t>(story.find_scene("kitchen_morning"))];
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
  const story::Scene& scene = story.scenes[static_cast<size_t>(story.find_scene("cues"))];
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

TEST(AudioCues, NoCueSoundsWhenItsEventDoesNotHappen) {
  const story::Story story = load(kTests + "/stories/audio");
  const std::vector<float> s = cues_alone(story, "cues", 4);
  EXPECT_LT(peak(s), 1e-4);
}

TEST(AudioCues, HesitatingHushesTheRoomByItsAuthoredDecibelsThenItSwellsBack) {
  const story::Story story = load(kTests + "/stories/audio");
  const story::Scene& scene = story.scenes[static_cast<size_t>(story.find_scene("cues"))];
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

TEST(AudioCues, AMotifPlaysItsNotesOneAfterAnother) {
  const story::Story story = load(kTests + "/stories/audio");
  // kettle_left's motif: C4 E4 G4, 0.3 s a note, 20 s after the beat; the kettle is over by then.
  const std::vector<float> s = cues_alone(story, "kettle_left", 22);
  EXPECT_NEAR(onset(s, 17.5, 0.01), 20.0, 0.05);
  // Count zero crossings in the middle of each note: 2 × its frequency a second.
  const double expect[] = {261.63, 329.63, 392.0};
  for (int k = 0; k < 3; ++k) {
    const size_t a = static_cast<size_t>((20.0 + 0.3 * k + 0.08) * kRate);
    const size_t b = a + static_cast<size_t>(0.2 * kRate);
    // The note before still rings softly: count crossings of the sum, which the newest note
    // dominates.
    int crossings = 0;
    for (size_t i = a; i < b; ++i) {
      if ((s[2 * i] >= 0) != (s[2 * (i + 1)] >= 0)) ++crossings;
    }
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
  const std::string out =
      (std::filesystem::temp_directory_path() / ("threshold_audio_render_" +
                                                 std::to_string(::getpid()) + ".wav"))
          .string();
  const std::string command = std::string(THRESHOLD_EXE) + " audio-render " + kTests +
                              "/stories/audio --scene left --seconds 1.5 --out " + out;
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  Wav wav;
  std::string error;
  ASSERT_TRUE(read_wav(out, wav, &error)) << error;
  std::filesystem::remove(out);
  EXPECT_EQ(wav.channels, 2);
  EXPECT_EQ(wav.rate, kRate);
  EXPECT_EQ(wav.samples.size(), static_cast<size_t>(1.5 * kRate) * 2);
  EXPECT_GT(db(rms(wav.samples, 0, 0.5, 1.5) / std::max(rms(wav.samples, 1, 0.5, 1.5), 1e-9)),
            10);
}

}  // namespace
}  // namespace threshold::audio
