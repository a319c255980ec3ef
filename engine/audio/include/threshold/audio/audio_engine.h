// The sound of a story being played, on OpenAL Soft: each scene's room tone (engine/story's
// Ambience) as looping 3D sources placed where their things are, a crossfade when the scene
// changes, the world ducking while the player waits or holds and hushing when they hesitate, and
// one-shot cues (the kettle, keys, a motif) fired on the runtime's events; layers and cues with
// a `when:` follow the story's state. Long sound files stream through a small queue of buffers.
// It observes the runtime and never changes it. Used by the game (a real device) and by
// `threshold audio-render`, the tests and the bench (OpenAL Soft's loopback device: the same
// mixer, rendered on demand).
//
// One device and one context in the process, ever (a second engine while one is open runs
// silent). SFML 2.5's audio module would open its own OpenAL device as soon as an sf::Sound,
// sf::SoundBuffer or sf::Music exists, and two contexts confuse each other's source ids: so the
// project never creates those. It links sfml-audio only for sf::InputSoundFile, which decodes
// files and opens no device.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "threshold/debug/voice_view.h"
#include "threshold/story/cues.h"
#include "threshold/story/model.h"
#include "threshold/story/runtime.h"

namespace threshold::audio {

enum class Output {
  Device,    // the system's sound device (the game); silent when there is none
  Loopback,  // ALC_SOFT_loopback: nothing is heard, render() pulls the mix (tools, tests)
};

// How long the duck takes to come in, and to swell back once the player acts.
constexpr double kDuckInSeconds = 0.8;
constexpr double kDuckOutSeconds = 1.5;
// A hesitation's hush: the world goes quiet quickly, stays so, then swells back.
constexpr double kHushInSeconds = 0.25;
constexpr double kHushHoldSeconds = 2.0;
constexpr double kHushOutSeconds = 1.5;
// When a moment opens (MomentOpened with a breath), a soft swell (synthesize_breath) sounds
// under the room tone: its RMS over the whole swell this many dB below the room tone's (its
// crest, the middle quarter second, about 4 dB louder: still ~7 dB under), ducked with the room
// and on the ambience bus. Where no room tone sounds there is nothing for it to sit under, and
// the breath is light alone.
constexpr double kBreathBelowRoomDb = -11.0;
// The progress tone (set_progress_tone): kToneHz at a gesture's start, an octave above at its
// completion, kToneGain under the effects bus (a sine at half scale: about 9 dB under full scale).
constexpr double kToneHz = 220.0;
constexpr double kToneGain = 0.35;
// How long the world takes to fade down when the game pauses, and back when it resumes.
constexpr double kWorldFadeSeconds = 0.6;
// How long a layer with `when:` takes to fade in once its condition holds, and out once not.
constexpr double kWhenFadeSeconds = 2.0;
// Sound files longer than this stream (a queue of kStreamBuffers buffers of kStreamBufferSeconds
// each, refilled on update()); shorter ones are decoded whole into one buffer and shared.
constexpr double kStreamAfterSeconds = 20.0;
constexpr int kStreamBuffers = 4;
constexpr double kStreamBufferSeconds = 0.5;

// Head-related transfer functions: how sound reaches each ear from where it is (time and
// colour, not only level), which headphones make convincing. OpenAL Soft's ALC_SOFT_HRTF.
enum class Hrtf {
  Auto,  // the device: OpenAL Soft decides (on for headphones, or as alsoft.conf says);
         // loopback (a render meant for headphones): requested
  On,    // requested; stereo panning when the device cannot
  Off,   // stereo panning
};

class AudioEngine {
 public:
  // Opens the output. `device` names a device for Output::Device ("" is the default one). Never
  // throws and never blocks on a missing device: when it cannot open, the engine is silent() and
  // status() says why in one line, which the game logs once.
  AudioEngine(const story::Story& story, Output output, const std::string& device = "",
              int rate = 48000, Hrtf hrtf = Hrtf::Auto);
  ~AudioEngine();
  AudioEngine(const AudioEngine&) = delete;
  AudioEngine& operator=(const AudioEngine&) = delete;

  bool silent() const { return context_ == nullptr; }
  // One line for the log: the output, its rate, and HRTF or stereo panning (and why).
  const std::string& status() const { return status_; }
  int rate() const { return rate_; }
  // Whether the mix uses HRTF (else stereo panning).
  bool hrtf() const { return hrtf_; }

  // Follows the runtime after it stepped `dt` seconds: a new scene crossfades in, the old one
  // out; while the player waits or holds in a moment, the sound ducks. Cheap when nothing
  // changed. `events` are what the runtime reported during that step: they fire the scene's
  // cues (a beat's cue also fires when update sees the beat begin) and a Hesitated hushes the
  // room tone. Does nothing when silent.
  void update(const story::Runtime& runtime, double dt, std::span<const story::Event> events = {});

  // A new runtime follows (a new game, a saved one continued): the next update() enters its
  // scene afresh (crossfading from what sounds now, firing its first beat's cues) even when it
  // is the scene the last runtime was in.
  void restart() { restart_ = true; }

  // Files that changed on disk (live reload: StoryWatcher::changed()): a sound among them is
  // decoded again, and the scene's sound comes in afresh from it (as restart() does). The old
  // buffer goes once no voice plays it.
  void forget_files(const std::vector<std::string>& paths);

  // The master gain, 0..1 (the settings' volume).
  void set_volume(float volume);
  // The settings' bus gains, 0..1 each, under the master: room tone, cues, motifs (cues with
  // notes). Applied at once.
  void set_bus_volumes(float ambience, float effects, float music);
  // The world's level, 0..1, approached over kWorldFadeSeconds on each update(): the game
  // lowers it to 0 while paused or on the title, so the room goes quiet rather than stops.
  void set_world_level(float level) { world_target_ = std::clamp(level, 0.f, 1.f); }
  double world_level() const { return world_; }

  // A gesture in progress heard as a rising tone (the game sounds it while speech is on, so that
  // a player who cannot see a hold's light gather hears its duration): `progress` 0..1 of the
  // hold, push or pull, a negative value for none. The tone rises from kToneHz at 0 to an octave
  // above at 1, centred, on the effects bus. Applied at once.
  void set_progress_tone(double progress);
  // The tone's frequency now, 0 when none sounds.
  double progress_tone_hz() const;

  // Loopback only: mixes the next `frames` stereo frames (interleaved float, -1..1) into `out`,
  // which must hold 2 * frames floats. Fills silence when silent or not a loopback. Streamed
  // files hold kStreamBuffers * kStreamBufferSeconds of sound: call update() at least that often.
  void render(float* out, int frames);

  // What the engine is doing, for the tests and the debug overlay.
  double duck_db() const { return duck_db_; }  // current gain change from ducking (≤ 0)
  double hush_db() const { return hush_db_; }  // current gain change from a hesitation (≤ 0)
  int playing_cues() const { return static_cast<int>(shots_.size()); }
  int playing_sources() const;
  // Bytes of sound the engine holds in OpenAL buffers (decoded layers and cues, and the queues
  // of streamed files): bounded however long the files are.
  size_t bytes_held() const;
  int streaming() const;  // sources playing a streamed file

  // Whether the runtime's player is waiting or holding (what ducks the sound).
  static bool player_is_quiet(const story::State& state);

  // The voices sounding now, for the debug overlay's Audio panel: each room-tone layer of the
  // scenes playing (the current one and any still fading out), then each cue sounding.
  using VoiceInfo = debug::VoiceInfo;
  std::vector<VoiceInfo> voices() const;
  // Debug-only mute and solo per voice (never saved, and gone with the voice). While any voice
  // is soloed only soloed voices are heard. Applied at once.
  void set_voice_mute(int id, bool mute);
  void set_voice_solo(int id, bool solo);
  // The Audio panel's view: the engine's state and its voices; `state` (may be null) is the
  // runtime's, for whether the player is quiet. apply_voice_view() carries out the mute and solo
  // the panel changed in it.
  void fill_voice_view(debug::VoiceView& view, const story::State* state) const;
  void apply_voice_view(const debug::VoiceView& view);

 private:
  struct Stream;  // a long file being read into a queue of buffers (audio_stream.h)
  struct StreamDeleter {
    void operator()(Stream* s) const;
  };
  using StreamPtr = std::unique_ptr<Stream, StreamDeleter>;

  struct Voice {
    int id = 0;  // VoiceInfo::id
    unsigned source = 0;
    float gain = 1;  // level × distance
    const story::SoundLayer* layer = nullptr;
    double when = 1;   // 0..1: the layer's `when:` fade
    StreamPtr stream;  // a long file; null when the source plays one shared buffer
  };
  struct SceneSound {
    story::SceneId scene = story::kNone;
    std::vector<Voice> voices;
    double fade = 0;     // 0..1
    double seconds = 0;  // how long a full fade takes
    bool leaving = false;
  };

  // A cue waiting for its `after:` or sounding.
  struct Shot {
    int id = 0;  // VoiceInfo::id
    const story::SoundCue* cue = nullptr;
    unsigned source = 0;  // 0 until it starts
    double wait = 0;      // seconds until it starts
    float gain = 1;
    double fade = 1;  // 1, falling to 0 once it is stopped
    bool stopping = false;
    StreamPtr stream;
  };

  unsigned buffer_for(const story::SoundLayer& layer);
  unsigned buffer_for_cue(const story::SoundCue& cue);
  unsigned make_buffer(const std::string& key, const int16_t* samples, size_t count, int channels,
                       int rate);
  StreamPtr open_stream(const story::SoundLayer& layer, bool loop) const;
  // Starts `source` on its own buffer or stream; false when the layer has no sound.
  bool attach(unsigned source, const story::SoundLayer& layer, bool loop, StreamPtr& stream);
  void follow(const story::CueTrigger& trigger);  // audio_cues.cpp
  void update_shots(double dt);
  void place(unsigned source, const story::SoundLayer& layer, float& gain);
  void enter(story::SceneId scene);
  bool holds(const story::Condition& when) const;
  void apply_gains();
  // A voice's gain before the debug overlay's mute and solo (the master volume aside).
  double voice_gain(const SceneSound& s, const Voice& v) const;
  double shot_gain(const Shot& shot) const;
  double breath_gain() const;
  // 0 when the debug overlay muted the voice or soloed others; else 1.
  float audible(int id) const;
  // The RMS (0..1) of the sound a layer or cue plays, for the level meters; 0 when unknown.
  float rms_of(const std::string& key) const;
  // "noise at the kettle": the synth or file, and where it is placed (`scene`'s thing).
  std::string label_of(const story::SoundLayer& layer, story::SceneId scene) const;
  void stop(SceneSound& s);
  void start_breath();
  void stop_breath();
  void stop_tone();
  void close();

  const story::Story* story_;
  Output output_;
  int rate_;
  std::string status_;
  void* device_ = nullptr;     // ALCdevice*
  void* context_ = nullptr;    // ALCcontext*
  void* render_fn_ = nullptr;  // alcRenderSamplesSOFT
  std::map<std::string, unsigned> buffers_;
  std::map<std::string, float> rms_;  // per buffers_ key: the decoded sound's RMS
  size_t buffer_bytes_ = 0;           // of buffers_
  // Buffers forget_files() took out of buffers_, deleted by delete_retired() once no source
  // holds them (OpenAL refuses to delete a buffer a voice still plays).
  std::vector<unsigned> retired_;
  void delete_retired();
  const story::Env* env_ = nullptr;  // the runtime's, during update()
  bool hrtf_ = false;
  std::vector<SceneSound> scenes_;  // the current one last; earlier ones are fading out
  story::SceneId scene_ = story::kNone;
  story::CueFollower cues_;  // which cues the events fire (the captions read them alike)
  std::vector<Shot> shots_;
  unsigned breath_source_ = 0;  // the opening's swell while it sounds (0: none)
  int breath_id_ = 0;           // its VoiceInfo::id
  float breath_gain_ = 0;       // its gain before the duck, the world level, the bus, the master
  unsigned tone_source_ = 0;    // the progress tone while it sounds (0: none)
  int tone_id_ = 0;             // its VoiceInfo::id
  double tone_progress_ = 0;
  double duck_db_ = 0;
  double hush_db_ = 0;
  double hush_left_ = 0;  // seconds the hush still holds
  float volume_ = 1;
  float ambience_ = 1, effects_ = 1, music_ = 1;
  double world_ = 1;
  float world_target_ = 1;
  bool restart_ = false;
  int next_id_ = 1;
  std::vector<int> muted_, soloed_;  // voice ids (debug overlay)
};

// Plays `runtime` (already started) for `seconds` through a loopback `engine`, in 10 ms steps:
// each step the engine follows the runtime, mixes, and the runtime advances with the input
// `input(t)` gives (idle when empty). Returns the interleaved stereo mix. `audio-render`, the
// tests and the bench all render this way.
std::vector<float> render_run(AudioEngine& engine, story::Runtime& runtime, double seconds,
                              const std::function<story::Input(double)>& input = {});

}  // namespace threshold::audio
