// The History screen's record. See history.h.
#include "history.h"

#include <sstream>

#include "threshold/story/wording.h"

namespace threshold::game {

namespace {

constexpr const char* kLine = "line: ";
constexpr const char* kYou = "you: ";
constexpr size_t kLongestItem = 2000;  // a damaged file's endless line is cut here

}  // namespace

void PlayHistory::add(HistoryItem item) {
  if (item.text.empty()) return;
  // A continued game shows the line it was saved at again: it is in the history already.
  const bool again = resumed_ && !items_.empty() && items_.back() == item;
  resumed_ = false;
  if (again) return;
  items_.push_back(std::move(item));
  while (items_.size() > kHistoryKept) items_.pop_front();
}

void PlayHistory::observe(const story::Story& story, const story::Event& e,
                          const story::GestureWords* words) {
  const story::Scene* scene = e.scene >= 0 && static_cast<size_t>(e.scene) < story.scenes.size()
                                  ? &story.scene(e.scene)
                                  : nullptr;
  switch (e.kind) {
    case story::EventKind::LineShown:
      add({false, e.text});
      break;
    case story::EventKind::Hesitated: {  // said here, whether or not the story answers it
      const story::Beat* beat = story.beat(e.scene, e.beat);
      const story::Moment* moment = beat && beat->moment ? &*beat->moment : nullptr;
      if (scene) add({true, story::hesitation_wording(*scene, moment, e.thing, words)});
      break;
    }
    case story::EventKind::GestureChosen: {
      const story::Gesture* g = story.gesture(e);
      if (scene && g && g->kind != story::GestureKind::Hesitate) {
        add({true,
             story::gesture_done_wording(*scene, *story.beat(e.scene, e.beat)->moment, e.gesture)});
      }
      break;
    }
    default:
      break;
  }
}

std::string PlayHistory::to_text() const {
  std::string out;
  for (const HistoryItem& item : items_) {
    out += item.gesture ? kYou : kLine;
    for (char c : item.text) out += c == '\n' ? ' ' : c;
    out += '\n';
  }
  return out;
}

PlayHistory PlayHistory::from_text(const std::string& text, std::vector<std::string>* notices) {
  PlayHistory history;
  std::istringstream in(text);
  size_t skipped = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.size() > kLongestItem) line.resize(kLongestItem);
    if (line.rfind(kLine, 0) == 0) {
      history.add({false, line.substr(std::string(kLine).size())});
    } else if (line.rfind(kYou, 0) == 0) {
      history.add({true, line.substr(std::string(kYou).size())});
    } else if (!line.empty()) {
      ++skipped;
    }
  }
  history.resumed_ = true;
  if (skipped > 0 && notices) {
    notices->push_back("the history file had " + std::to_string(skipped) +
                       (skipped == 1 ? " line" : " lines") + " it could not read; skipped");
  }
  return history;
}

}  // namespace threshold::game
