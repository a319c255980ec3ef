// Every string of a story that a player sees, each with its stable place (the msgctxt of its
// gettext entry), what a translator needs to know of it, and where in the Story it goes back.
// `threshold extract` writes these as a POT template (pot.h); localize.h looks each up in a
// catalogue by its context and puts the translation in its place.
//
// Contexts (stable while the story's ids are):
//   <scene>/<beat>/<n>                a beat's line n (1-based, counting lines, not pauses)
//   <scene>/<beat>/<gesture>/<n>      a gesture's answer, line n
//   <scene>/<beat>/<gesture>/hint     how the gesture is put into words (its `hint:`, or the
//                                     words the game makes from its kind and thing)
//   <scene>/<beat>/<gesture>/done     what the History screen says the player did ("You
//                                     touched the door.")
//   <scene>/thing/<thing>             a thing's name ("the cup")
//   place/<place>/name                a place's name ("bus stop"), in `threshold text`'s headings
//   <scene>/caption/<n>               the scene's own caption n (in the order written)
//   place/<place>/caption/<n>         a caption written in a place file, shared by its scenes
//   ending/<ending>                   an ending's title
//   ending/<ending>/epilogue/<n>, ending/<ending>/reflection/<n>
//   story/title
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "threshold/story/model.h"

namespace threshold::locale {

// Where a string goes back into the story: the kind of field and its indexes.
struct StringSlot {
  enum class Kind : uint8_t {
    StoryTitle,
    BeatLine,
    GestureLine,
    GestureHint,
    GestureDone,
    ThingName,
    PlaceName,  // `scene`: the first scene of the place
    ToneCaption,
    CueCaption,
    EndingTitle,
    Epilogue,
    Reflection,
  };
  Kind kind = Kind::StoryTitle;
  int32_t scene = -1;
  int32_t beat = -1;     // or the ending
  int32_t gesture = -1;  // or the thing, the tone layer, the cue
  int32_t line = -1;     // index into its lines vector
};

struct StoryString {
  std::string context;         // the msgctxt: the string's place, see above
  std::string english;         // the msgid, `{expression}`s as written
  std::string english_plural;  // the msgid_plural when it has plural forms ("": the msgid)
  // A line that interpolates a number: it takes plural forms, chosen by this expression's value
  // (its source text; for `{words(n)}`, `n`). Empty: no plural forms.
  std::string count;
  bool is_text = false;            // read with `{}` interpolation (lines), else plain (names)
  std::vector<std::string> notes;  // the translator's comments (`#.`), one a line
  std::string file;                // the story file it was written in, relative to the story
  int32_t line = 0;
  StringSlot slot;
};

// In the story's order: story title, then each scene's things, lines, gestures and captions in
// the order written, then the endings. A place's caption comes once for each of its scenes, with
// one context (the POT holds it once). Without `with_notes`, no translator's notes (what the
// game needs to put a catalogue in: a tenth of the time for a large story).
std::vector<StoryString> story_strings(const story::Story& story, bool with_notes = true);

// The same, each handed to `f` as it is met, nothing kept: the StoryString is valid only during
// the call. `f` must not change what later strings' English is made of (a thing's name, a
// gesture's hint); a line's own text it may.
void for_each_story_string(const story::Story& story, bool with_notes,
                           const std::function<void(const StoryString&)>& f);

// The text of a line as the writer wrote it: literals with `{{`/`}}` doubled back, and each
// `{expression}` as its source.
std::string text_source(const story::Text& text);
void text_source_into(const story::Text& text, std::string& out);  // the same, into `out`

}  // namespace threshold::locale
