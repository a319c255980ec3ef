// What the player has read and done, for the History screen (H, the mouse wheel up, or the pause
// menu): each line as it was shown and the player's own gestures in words ("You held the cup.",
// "You said nothing."). It shows, and never undoes: the story is about choices that cannot be
// taken back. Kept beside the autosave (the last kHistoryKept items, written atomically, read
// defensively) so that it survives Continue. PlaySession owns one and feeds it the runtime's
// events; Menus lists it.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

#include "threshold/story/runtime.h"
#include "threshold/story/wording.h"

namespace threshold::game {

struct HistoryItem {
  bool gesture = false;  // the player's own act (else a line of the story)
  std::string text;
  friend bool operator==(const HistoryItem&, const HistoryItem&) = default;
};

// Older items are let go: a week of play is some thousands of lines.
constexpr size_t kHistoryKept = 300;

class PlayHistory {
 public:
  // `words`: the game's own words in the player's language (null: English).
  void observe(const story::Story& story, const story::Event& event,
               const story::GestureWords* words = nullptr);
  void clear() { items_.clear(); }
  const std::deque<HistoryItem>& items() const { return items_; }

  // The file form: one item a line, "line: ..." or "you: ...".
  std::string to_text() const;
  // Never fails: a line that is neither form is skipped, and said once in `notices`.
  static PlayHistory from_text(const std::string& text, std::vector<std::string>* notices);

 private:
  void add(HistoryItem item);
  std::deque<HistoryItem> items_;
  bool resumed_ = false;  // read from a file, and nothing added since
};

}  // namespace threshold::game
