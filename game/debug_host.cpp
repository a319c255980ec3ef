// The overlay and live reload the game carries. See debug_host.h.
#include "debug_host.h"

#include <cstdio>
#include <utility>

#include "threshold/audio/audio_engine.h"
#include "threshold/debug/live_reload.h"

namespace threshold::game {

DebugHost::DebugHost() = default;
DebugHost::~DebugHost() = default;

void DebugHost::enable_overlay(std::string ini_path, bool open, std::string font_path) {
  overlay_ = std::make_unique<debug::Overlay>(std::move(ini_path), open, font_path);
}

void DebugHost::watch(std::unique_ptr<debug::LiveStory> live) {
  live_ = std::move(live);
  ++generation_;
}

DebugHost::Reload DebugHost::poll(story::Runtime* runtime, story::Timeline& timeline,
                                  const story::Story& current, std::ostream& log) {
  if (!live_ || !live_->watcher().poll()) return Reload::None;
  return reload_now(runtime, timeline, current, log);
}

DebugHost::Reload DebugHost::reload(debug::StoryPreparation preparation, story::Runtime* runtime,
                                    story::Timeline& timeline, const story::Story& current,
                                    std::ostream& log) {
  if (!live_) {
    live_ = std::make_unique<debug::LiveStory>(
        current.dir, std::shared_ptr<const story::Story>(std::shared_ptr<void>(), &current));
  }
  live_->prepare_with(std::move(preparation));
  return reload_now(runtime, timeline, current, log);
}

DebugHost::Reload DebugHost::reload_now(story::Runtime* runtime, story::Timeline& timeline,
                                        const story::Story& current, std::ostream& log) {
  ++generation_;
  bool replaced = false;
  if (runtime) {
    replaced = live_->reload(*runtime, &timeline);
  } else {
    story::Runtime scratch(current);  // on the title screen: nothing to carry over
    replaced = live_->reload(scratch, nullptr);
  }
  if (!replaced) {
    if (live_->broken()) {
      log << "threshold: the edited story does not load; playing on with the last good one\n";
      if (overlay_) {
        overlay_->set_open(true);
        overlay_->set_panel_open("Problems", true);
      }
    }
    return Reload::Kept;
  }
  char note[96];
  std::snprintf(note, sizeof note, "reloaded in %.0f ms", live_->last_reload_seconds() * 1000);
  reload_note_ = note;
  for (const std::string& n : live_->notices()) {
    reload_note_ += "; " + n;
    log << "threshold: reload: " << n << "\n";
  }
  return Reload::Replaced;
}

void DebugHost::fill(debug::Session& session, audio::AudioEngine* audio,
                     const story::Runtime* runtime) {
  if (audio) {
    audio->fill_voice_view(voices_, runtime ? &runtime->state() : nullptr);
    session.voices = &voices_;
  }
  session.mix = &mix_;
  session.time = &time_;
  session.frames = &frames_;
  if (live_) {
    session.diagnostics = &live_->diagnostics();
    session.problems = &live_->problems();
    session.story_broken = live_->broken();
  }
  session.reload_note = reload_note_;
  session.generation = generation_;
}

bool DebugHost::draw(sf::RenderTarget& target, debug::Session& session, audio::AudioEngine* audio) {
  const debug::AudioMix mix_before = mix_;
  overlay_->draw(target, session, overlay_clock_);
  overlay_clock_ = 0;
  if (audio && session.voices) audio->apply_voice_view(voices_);
  return !(mix_ == mix_before);
}

}  // namespace threshold::game
