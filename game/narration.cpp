// What the game says aloud, and when the clock waits for it. See narration.h.
#include "narration.h"

#include <algorithm>
#include <utility>

#include "speech_words.h"
#include "threshold/story/wording.h"

namespace threshold::game {

using platform::Speech;
using speech::Kind;
using story::Event;
using story::EventKind;

Narration::Narration(const platform::Settings& settings, std::ostream& log)
    : settings_(settings), log_(log) {}

Narration::~Narration() = default;

const locale::UiText& Narration::ui() const {
  static const locale::UiText kEnglish;
  return ui_ ? *ui_ : kEnglish;
}

void Narration::set_connect(Connect connect) {
  disconnect();
  connect_ = std::move(connect);
  settings_changed();
}

void Narration::settings_changed() {
  if (settings_.speech == Speech::Off) {
    disconnect();
  } else {
    connect();
    apply_volume();
  }
}

void Narration::apply_volume() {
  // Until the player moves it, the server speaks at its own volume (the player's).
  if (!voice_ || settings_.speech_volume == volume_) return;
  volume_ = settings_.speech_volume;
  voice_->set_volume(volume_);
}

bool Narration::on() const {
  return voice_ != nullptr && settings_.speech != Speech::Off;
}

void Narration::connect() {
  if (voice_ || tried_ || !connect_) return;
  tried_ = true;  // once until speech is turned off and on again: one line, not one a frame
  speech::Connection c = connect_();
  if (!c.voice) {
    log_ << "threshold: " << words::no_speech_server(c.error) << "\n";
    return;
  }
  voice_ = std::move(c.voice);
  menu_screen_ = -1;  // the menu on screen is read whole, as though it had just opened
}

void Narration::disconnect() {
  voice_.reset();
  volume_ = 1.0f;
  tried_ = false;
  hold_ = 0;
  cut_off_.clear();
}

bool Narration::check_voice() {
  if (!voice_) return false;
  const std::string failure = voice_->failure();
  if (failure.empty()) return true;
  log_ << "threshold: " << words::speech_stopped(failure) << "\n";
  voice_.reset();  // tried_ stays: no reconnecting every frame; turning speech on again tries
  hold_ = 0;
  return false;
}

speech::Utterance Narration::say(const std::string& text, Kind kind) {
  if (text.empty() || !on() || !check_voice()) return 0;
  if (kind == Kind::Menu && holds_clock()) {
    cut_off_ = hold_text_;
    hold_kind_cut_ = hold_kind_;
  }
  const speech::Utterance u = voice_->say(text, kind);
  check_voice();
  if (u != 0 && (kind == Kind::Line || kind == Kind::Announcement)) {
    hold_ = u;
    held_ = 0;
    hold_limit_ = hold_limit(text.size());
    hold_text_ = text;
    hold_kind_ = kind;
  }
  return u;
}

// ---------------------------------------------------------------------------------------------
// The story.

void Narration::observe(const story::Story& story, const story::Runtime& runtime,
                        const std::vector<Event>& events) {
  if (!on()) return;
  for (const Event& e : events) {
    switch (e.kind) {
      case EventKind::LineShown:
        say(e.text, Kind::Line);
        break;
      case EventKind::EndingReached: {
        // The ending's title, as the stage shows it (render/stage.cpp).
        std::string title = e.text;
        if (title.empty() && e.ending >= 0 && static_cast<size_t>(e.ending) < story.endings.size())
          title = story.endings[static_cast<size_t>(e.ending)].title;
        say(title, Kind::Line);
        break;
      }
      case EventKind::MomentOpened: {
        // Announced only while it is still open at the end of the step (a moment closed within
        // the same step has nothing left to offer).
        const story::Moment* m = runtime.moment();
        if (!m || !runtime.in_moment()) break;
        bool can_act = false, can_wait = false;
        for (int32_t g : runtime.offered()) {
          (m->gestures[static_cast<size_t>(g)].kind == story::GestureKind::Wait ? can_wait
                                                                                : can_act) = true;
        }
        say(words::moment_opening(ui(), can_act, can_wait), Kind::Announcement);
        break;
      }
      default:
        break;
    }
  }
}

void Narration::focus(const story::Story& story, const story::Runtime& runtime,
                      story::ThingId thing) {
  if (!on() || settings_.speech != Speech::LinesAndThings || thing == story::kNone) return;
  const story::State& s = runtime.state();
  if (s.scene < 0) return;
  const story::Scene& scene = story.scene(s.scene);
  std::vector<std::string> hints;
  if (const story::Moment* m = runtime.moment(); m && settings_.hints) {
    const std::vector<int32_t> offered = runtime.offered();
    story::WordingOptions options;
    options.untimed = settings_.untimed;
    options.words = words_;
    for (int32_t g : offered) {
      const story::Gesture& gesture = m->gestures[static_cast<size_t>(g)];
      if (gesture.thing != thing) continue;
      hints.push_back(story::gesture_wording(scene, *m, gesture, offered, options));
    }
  }
  say(words::focused_thing(ui(), story::thing_wording(scene, thing), hints), Kind::Thing);
}

void Narration::skipped() {
  if (voice_) voice_->cancel();
  hold_ = 0;
  cut_off_.clear();
}

void Narration::acted() {
  hold_ = 0;
}

void Narration::started() {
  if (voice_) voice_->cancel();
  hold_ = 0;
  cut_off_.clear();
}

bool Narration::holds_clock() const {
  return hold_ != 0 && voice_ && settings_.speech != Speech::Off && held_ < hold_limit_ &&
         voice_->speaking(hold_);
}

void Narration::held(double seconds) {
  held_ += seconds;
}

// ---------------------------------------------------------------------------------------------
// The menus.

void Narration::menu(int screen, const std::string& title, const std::string& footnote,
                     const std::vector<std::string>& items, size_t selected) {
  if (screen < 0 || items.empty()) {
    if (menu_screen_ >= 0 && !cut_off_.empty()) {
      // Back to the game: what the menu cut off is read again, and the clock waits for it.
      const std::string text = std::exchange(cut_off_, "");
      say(text, hold_kind_cut_);
    }
    menu_screen_ = -1;  // playing, or the ending: the next menu is read from its title
    return;
  }
  selected = std::min(selected, items.size() - 1);
  const std::string& item = items[selected];
  // Followed while speech is off too, so that turning it on reads the changed item alone.
  if (screen != menu_screen_ || title != menu_title_) {
    say(words::menu_opening(title, footnote, item), Kind::Menu);
  } else if (selected != menu_selected_ || item != menu_item_) {
    say(item, Kind::Menu);
  }
  menu_screen_ = screen;
  menu_title_ = title;
  menu_selected_ = selected;
  menu_item_ = item;
}

}  // namespace threshold::game
