// The text the player sees, kept from the runtime's events. See renderer.h (Stage).
#include "threshold/render/renderer.h"

namespace threshold::render {

namespace {
// Older lines scroll away; the text layer shows only the last few, an ending a few more.
constexpr size_t kKeptLines = 12;
}  // namespace

void Stage::observe(const story::Story& story, const story::Event& event) {
  switch (event.kind) {
    case story::EventKind::SceneEntered:
      lines_.clear();
      scene_ = event.scene;
      scene_entered_at_ = event.time;
      ending_ = story::kNone;
      ending_title_.clear();
      break;
    case story::EventKind::EndingReached: {
      // The ending is a screen of its own: it fades in like a scene and starts with no lines.
      lines_.clear();
      ending_ = event.ending;
      ending_title_ = event.text;
      const story::Ending* ending = story.ending(event.ending);
      if (ending_title_.empty() && ending) ending_title_ = ending->title;
      scene_entered_at_ = event.time;
      break;
    }
    case story::EventKind::LineShown:
      if (event.text.empty()) break;
      if (lines_.size() >= kKeptLines) lines_.erase(lines_.begin());
      lines_.push_back({event.text, event.time});
      break;
    default:
      break;
  }
}

void Stage::clear() {
  lines_.clear();
  scene_entered_at_ = 0;
  scene_ = story::kNone;
  ending_ = story::kNone;
  ending_title_.clear();
}

}  // namespace threshold::render
