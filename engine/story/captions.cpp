// Captions following the runtime. See captions.h.
#include "threshold/story/captions.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace threshold::story {

namespace {

bool holds(const Condition& when, const Env& env) {
  return !when || when->code() == nullptr || when->test(env);
}

// A caption long past is dropped: what is kept stays small however long the game runs.
constexpr double kKeepSeconds = 30;

}  // namespace

CaptionSide caption_side(const SoundLayer& sound) {
  if (!sound.placed) return CaptionSide::Centre;
  if (sound.x < kCaptionLeftBelow) return CaptionSide::Left;
  if (sound.x > kCaptionRightAbove) return CaptionSide::Right;
  return CaptionSide::Centre;
}

void CaptionTrack::clear() {
  *this = CaptionTrack();
}

void CaptionTrack::add(Caption c) {
  if (c.text.empty() || !(c.until > c.from)) return;
  // In the order they begin; equal beginnings keep the order they were added in.
  auto at = std::upper_bound(captions_.begin(), captions_.end(), c.from,
                             [](double from, const Caption& x) { return from < x.from; });
  captions_.insert(at, std::move(c));
}

void CaptionTrack::enter(const Runtime& runtime, double time) {
  const Story& story = runtime.story();
  const SceneId scene = runtime.state().scene;
  // What the last scene's layers were saying, still sounding: a layer of the new scene with the
  // same words sounds on (the audio crossfades one into the other), so its caption carries on
  // rather than being announced again.
  std::vector<std::string> sounding;
  if (scene_ >= 0 && static_cast<size_t>(scene_) < story.scenes.size()) {
    const std::vector<SoundLayer>& old = story.scene(scene_).ambience.tone;
    for (size_t i = 0; i < old.size() && i < layer_on_.size(); ++i) {
      if (layer_on_[i] && !old[i].caption.empty()) sounding.push_back(old[i].caption);
    }
  }
  scene_ = scene;
  cues_.enter();
  layer_on_.clear();
  next_layer_ = time;
  const std::vector<SoundLayer>* tone = nullptr;
  if (scene >= 0 && static_cast<size_t>(scene) < story.scenes.size()) {
    tone = &story.scene(scene).ambience.tone;
    layer_on_.assign(tone->size(), 0);
    for (size_t i = 0; i < tone->size(); ++i) {
      layer_on_[i] = holds((*tone)[i].when, runtime.env()) ? 1 : 0;
    }
  }
  auto carried = [&](const std::string& text) -> int32_t {
    if (!tone || std::find(sounding.begin(), sounding.end(), text) == sounding.end()) return -1;
    for (size_t i = 0; i < tone->size(); ++i) {
      if (layer_on_[i] && (*tone)[i].caption == text) return static_cast<int32_t>(i);
    }
    return -1;
  };
  // The last scene's sounds end with it, but for the room tone that sounds on.
  for (Caption& c : captions_) {
    const int32_t on = c.cue ? -1 : carried(c.text);
    if (on >= 0) {
      c.index = on;
    } else {
      c.until = std::min(c.until, std::max(c.from, time));
    }
  }
  if (!tone) return;
  for (size_t i = 0; i < tone->size(); ++i) {
    const SoundLayer& layer = (*tone)[i];
    if (!layer_on_[i] || layer.caption.empty() || carried(layer.caption) >= 0) continue;
    const double from = std::max(time, next_layer_);
    next_layer_ = from + kLayerCaptionStagger;
    add({layer.caption, caption_side(layer), from, from + kLayerCaptionSeconds, false,
         static_cast<int32_t>(i)});
  }
}

void CaptionTrack::follow_cue(const Scene& scene, const CueTrigger& t, const Env& env) {
  const std::vector<SoundCue>& cues = scene.ambience.cues;
  if (t.kind == CueTrigger::Kind::Until) {
    for (Caption& c : captions_) {
      if (c.cue && c.index >= 0 && static_cast<size_t>(c.index) < cues.size() &&
          cue_ends(cues[static_cast<size_t>(c.index)], t) && c.until > t.time) {
        c.until = std::max(c.from, t.time);  // one not yet begun never shows
      }
    }
    return;
  }
  for (size_t i = 0; i < cues.size(); ++i) {
    const SoundCue& cue = cues[i];
    if (cue.sound.caption.empty() || !cue_answers(cue, t) || !holds(cue.when, env)) continue;
    const double motif = static_cast<double>(cue.notes.size()) * cue.step;
    const double from = t.time + cue.after;
    add({cue.sound.caption, caption_side(cue.sound), from,
         from + std::max(kCueCaptionSeconds, motif), true, static_cast<int32_t>(i)});
  }
}

void CaptionTrack::follow(const Runtime& runtime, std::span<const Event> events) {
  const Story& story = runtime.story();
  const State& state = runtime.state();
  const Env& env = runtime.env();
  if (!started_ || state.scene != scene_) {
    // The scene begins when its SceneEntered says (the step may have gone on past it).
    double time = state.time;
    for (const Event& e : events) {
      if (e.kind == EventKind::SceneEntered && e.scene == state.scene) time = e.time;
    }
    started_ = true;
    enter(runtime, time);
  }
  if (scene_ < 0 || static_cast<size_t>(scene_) >= story.scenes.size()) return;
  const Scene& scene = story.scene(scene_);
  for (const Event& e : events) {
    if (e.scene != scene_) continue;
    for (const CueTrigger& t : cues_.triggers(story, e)) follow_cue(scene, t, env);
  }
  if (std::optional<CueTrigger> t = cues_.settle(state)) follow_cue(scene, *t, env);

  // Layers whose `when:` turned, as the step leaves the state.
  const std::vector<SoundLayer>& tone = scene.ambience.tone;
  for (size_t i = 0; i < tone.size() && i < layer_on_.size(); ++i) {
    const bool on = holds(tone[i].when, env);
    if (on == static_cast<bool>(layer_on_[i])) continue;
    layer_on_[i] = on ? 1 : 0;
    if (on) {
      const double from = std::max(state.time, next_layer_);
      if (!tone[i].caption.empty()) next_layer_ = from + kLayerCaptionStagger;
      add({tone[i].caption, caption_side(tone[i]), from, from + kLayerCaptionSeconds, false,
           static_cast<int32_t>(i)});
    } else {
      for (Caption& c : captions_) {
        if (!c.cue && c.index == static_cast<int32_t>(i) && c.until > state.time) {
          c.until = std::max(c.from, state.time);
        }
      }
    }
  }
  std::erase_if(captions_, [&](const Caption& c) { return c.until + kKeepSeconds < state.time; });
}

std::vector<Caption> CaptionTrack::showing(double time, size_t at_most) const {
  std::vector<Caption> out;
  for (const Caption& c : captions_) {
    if (c.from <= time && time < c.until) out.push_back(c);
  }
  if (out.size() > at_most) out.erase(out.begin(), out.end() - static_cast<ptrdiff_t>(at_most));
  return out;
}

}  // namespace threshold::story
