// Text mode (`threshold text`): plays a story in the terminal by driving the real runtime with
// the same kind of input the window gives it (presses, looks, silence), so what happens here
// happens in the game. Interactive from stdin, or from a script of gestures for transcripts.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "threshold/locale/ui_strings.h"
#include "threshold/story/model.h"
#include "threshold/story/wording.h"

namespace threshold::game {

// Exit codes of text mode, shown in `threshold text --help`.
constexpr int kTextOk = 0;           // an ending was reached, or the player closed the book
constexpr int kTextError = 1;        // a script line did not match, a recording failed, ...
constexpr int kTextScriptEnded = 3;  // the script ran out before the story ended

// One gesture of a script: a gesture id, a number from the offered list, or "" for silence.
struct ScriptLine {
  int number = 0;  // line of the script file
  std::string text;
};

struct TextOptions {
  bool fast = false;                    // do not wait out the lingers of lines
  story::SceneId scene = story::kNone;  // start here instead of the story's start
  // Gestures to perform, one per entry (see `threshold text --help`); none: read stdin.
  std::optional<std::vector<ScriptLine>> script;
  std::string record_path;  // write the run's Recording here when not empty
  // For writers: show how long timed gestures and silences take ("Hold the cup (3 s)"). Without
  // it the labels and silences are words only.
  bool timings = false;
  // The game's own words in the player's language (null: English), and the words it adds to a
  // gesture's (null: English).
  const locale::UiText* ui = nullptr;
  const story::GestureWords* words = nullptr;
  // How to wait in real time; tests pass a function that does not sleep.
  std::function<void(double seconds)> sleep;
};

// Plays `story` to an ending (or until input runs out). Returns one of the exit codes above.
int play_text(const story::Story& story, const TextOptions& options, std::istream& in,
              std::ostream& out, std::ostream& err);

// Splits a script file's text into entries: `#` starts a comment, a line holding only a
// comment is dropped, an empty line is silence. Line numbers are kept for error messages.
std::vector<ScriptLine> parse_script(const std::string& text);

}  // namespace threshold::game
