// What the AudioEngine says about itself, for the debug overlay's sound panel and the tools:
// each voice with its label, gain and level, mute and solo from the panel, and the counts (sources
// playing, streams, bytes held). Part of the AudioEngine (audio_engine.h).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "audio_stream.h"

namespace threshold::audio {

float AudioEngine::rms_of(const std::string& key) const {
  const auto it = rms_.find(key);
  return it == rms_.end() ? 0.f : it->second;
}

std::string AudioEngine::label_of(const story::SoundLayer& layer, story::SceneId scene) const {
  std::string label = layer.synth != story::Synth::None
                          ? std::string(story::synth_name(layer.synth))
                          : std::filesystem::path(layer.file).filename().string();
  const story::Scene* sc = scene >= 0 && static_cast<size_t>(scene) < story_->scenes.size()
                               ? &story_->scene(scene)
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

}  // namespace threshold::audio
