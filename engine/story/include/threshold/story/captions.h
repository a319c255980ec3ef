// Captions for the sounds that matter: what the player would hear, in the writer's words
// (`caption:` on a layer or a cue, ambience.h), placed by where the sound is, timed by the
// runtime's events exactly as the audio engine plays them (the cues through story::CueFollower,
// the layers by their `when:`). Headless and deterministic: the game and `threshold render`
// feed it the runtime's events and draw what showing() gives; the tests read it directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "threshold/story/ambience.h"
#include "threshold/story/cues.h"
#include "threshold/story/runtime.h"

namespace threshold::story {

// Where a sound is, for its caption's arrow: ← left, → right, or centre, by its `at:` x in the
// 1280×720 frame. Left of x 448 (the left 35 %) is left, right of x 832 (the right 35 %) is
// right; between them, and a sound placed nowhere, is centre.
enum class CaptionSide : uint8_t { Centre, Left, Right };
constexpr float kCaptionLeftBelow = 448, kCaptionRightAbove = 832;
CaptionSide caption_side(const SoundLayer& sound);

// How long captions show, in runtime seconds. A cue's shows from the moment it sounds (its
// event plus its `after:`) for kCueCaptionSeconds, or a motif's length when that is longer, and
// ends early when its `until:` gesture is chosen. A layer's shows when the layer begins to sound
// (the scene begins, or its `when:` turns true) for kLayerCaptionSeconds, and ends when the layer
// stops; the room tone is announced, not labelled for the whole scene. Layers beginning together
// are announced kLayerCaptionStagger apart, so each is read.
constexpr double kCueCaptionSeconds = 4;
constexpr double kLayerCaptionSeconds = 5;
constexpr double kLayerCaptionStagger = 1.5;
// The captions shown at once: the newest two (Xbox Accessibility Guideline 104).
constexpr size_t kShownCaptions = 2;

struct Caption {
  std::string text;
  CaptionSide side = CaptionSide::Centre;
  double from = 0, until = 0;  // runtime time: shown while from <= t < until
  bool cue = false;            // a cue's (else a layer's)
  int32_t index = -1;          // the scene's cue or tone layer
  friend bool operator==(const Caption&, const Caption&) = default;
};

class CaptionTrack {
 public:
  // Follows the runtime after a step whose events are `events`, in order (as the audio engine
  // does: the events of a scene already left are past).
  void follow(const Runtime& runtime, std::span<const Event> events);
  // A new runtime follows, or its state was replaced (a rewind): nothing is showing.
  void clear();
  // What shows at runtime time `time`: the newest `at_most`, oldest first.
  std::vector<Caption> showing(double time, size_t at_most = kShownCaptions) const;
  // Every caption kept (recent and still to come), in the order they begin.
  const std::vector<Caption>& captions() const { return captions_; }

 private:
  void enter(const Runtime& runtime, double time);
  void add(Caption c);
  void follow_cue(const Scene& scene, const CueTrigger& t, const Env& env);

  SceneId scene_ = kNone;
  bool started_ = false;
  CueFollower cues_;
  std::vector<char> layer_on_;  // each tone layer of the scene: sounding now
  double next_layer_ = 0;       // the earliest a layer's caption may begin (the stagger)
  std::vector<Caption> captions_;
};

}  // namespace threshold::story
