// Self-voicing: what the game says aloud when the Speech setting is on, and the one thing speech
// changes in the game's time. Each story line is spoken as it appears, a moment's opening is
// announced ("You can act. Or wait."), the focused thing is named (Speech: lines and things;
// with its hint when hints are on), and the menus are read as their highlight moves. The words
// are in speech_words.h and menus.cpp; the voice is a speech::Voice (engine/speech).
//
// No timer runs while speech still reads what comes before it: while a line or a moment's
// announcement is being read, holds_clock() is true and the play session does not advance the
// runtime, so a line's linger and a moment's breath and silence begin when the reading ends.
// The runtime stays deterministic: it is only stepped less, and the decision reads nothing but
// the voice's report, so a test's voice that counts its durations on the test's clock gives the
// same run every time. A voice that never reports an end (a server that hangs) holds the clock
// no longer than a slow reader would take (hold_limit). Acting in a moment (a press, a look onto
// a thing, turning away) lets the clock go: the gesture's own time runs from the player's hand.
//
// The Speech volume setting is Speech Dispatcher's volume for the game's voice; left at 100 %,
// the server speaks at its own (the player's).
//
// Game (game.h) owns one; PlaySession (play_session.h) tells it the story's events, the focus,
// a skipped line and a press, and asks it whether the clock may run.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "threshold/locale/ui_strings.h"
#include "threshold/platform/settings.h"
#include "threshold/speech/speaker.h"
#include "threshold/story/runtime.h"
#include "threshold/story/wording.h"

namespace threshold::game {

class Narration {
 public:
  // How a voice is reached: the play command's reaches the player's own Speech Dispatcher; a
  // test's, a daemon of its own or a voice on its own clock.
  using Connect = std::function<speech::Connection()>;

  // `settings` and `log` outlive the narration.
  Narration(const platform::Settings& settings, std::ostream& log);
  ~Narration();

  // Sets how a voice is reached, and reaches it at once when speech is on. Without one, speech
  // says nothing.
  void set_connect(Connect connect);
  // Speech turned on reaches a voice (once: a failure is one line in the log, and the game
  // plays on); turned off, lets it go.
  void settings_changed();
  // Speech is on and a voice answers.
  bool on() const;
  // The game's words in the player's language (outliving the narration); null: English.
  void set_ui(const locale::UiText* ui, const story::GestureWords* words) {
    ui_ = ui;
    words_ = words;
  }

  // The story. What the runtime reported (lines, moment openings, the ending's title).
  void observe(const story::Story& story, const story::Runtime& runtime,
               const std::vector<story::Event>& events);
  // The focus moved onto `thing` in the open moment.
  void focus(const story::Story& story, const story::Runtime& runtime, story::ThingId thing);
  // The player skipped the line: its reading stops, and the next line is read at once.
  void skipped();
  // The player acted in a moment (pressed, looked onto a thing, turned away): the clock runs,
  // whatever is being read.
  void acted();
  // A game starts or is continued: what was being read is over.
  void started();
  // The clock waits for the voice: a line or an announcement is still being read.
  bool holds_clock() const;
  // The clock stood `seconds` for it (counted toward hold_limit).
  void held(double seconds);
  // The longest the clock waits for one utterance of `characters`: far slower than any reader.
  static double hold_limit(size_t characters) {
    return 3.0 + 0.25 * static_cast<double>(characters);
  }

  // The menus, after every event: the screen (as a number: Screen's value; -1 while playing),
  // its title, the words under it, its items and the highlighted one. Reads what changed. A line
  // (or a moment's opening) the menu cut off is read again when the game goes on.
  void menu(int screen, const std::string& title, const std::string& footnote,
            const std::vector<std::string>& items, size_t selected);

 private:
  void connect();
  void disconnect();
  void apply_volume();  // the Speech volume setting, when it is not the server's own
  speech::Utterance say(const std::string& text, speech::Kind kind);
  bool check_voice();  // false (and logs once) when the voice stopped working
  const locale::UiText& ui() const;

  const platform::Settings& settings_;
  std::ostream& log_;
  const locale::UiText* ui_ = nullptr;
  const story::GestureWords* words_ = nullptr;
  Connect connect_;
  std::unique_ptr<speech::Voice> voice_;
  bool tried_ = false;          // a connection was tried since speech was turned on
  float volume_ = 1.0f;         // the volume the voice speaks at (1: the server's own)
  speech::Utterance hold_ = 0;  // the line or announcement the clock waits for
  std::string hold_text_;       // its words, and its kind, to read again after a menu cut it off
  speech::Kind hold_kind_ = speech::Kind::Line;
  std::string cut_off_;  // a line a menu cut off, read again when the game goes on
  speech::Kind hold_kind_cut_ = speech::Kind::Line;
  double held_ = 0, hold_limit_ = 0;
  int menu_screen_ = -1;
  std::string menu_title_, menu_item_;
  size_t menu_selected_ = 0;
};

}  // namespace threshold::game
