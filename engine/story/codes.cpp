// The table of diagnostic codes. See codes.h. Each entry is what `threshold explain` prints and
// what docs/authoring.md ("Diagnostic codes") documents; the examples are minimal story YAML.
#include "threshold/story/codes.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace threshold::story {

namespace {

constexpr std::array kCodes = {
    // ---- The file
    CodeInfo{Code::FileUnreadable, "file cannot be read",
             "A file the story needs is missing, cannot be opened, or is not a regular file (a "
             "folder, a named pipe, a device). The loader reads only regular files, so that a "
             "pipe left in scenes/ can never make it wait forever.",
             "scenes/kitchen.yaml    (a named pipe made by mkfifo)",
             "scenes/kitchen.yaml    (an ordinary file)",
             "Replace it with an ordinary file, or remove it from the story folder."},
    CodeInfo{Code::FileTooLarge, "file too large",
             "A story file is larger than the loader accepts (8 MiB). No scene needs that much "
             "text; a file that large is usually something else copied in by mistake.",
             "scenes/everything.yaml   (40 MB)", "scenes/kitchen.yaml      (4 KB)",
             "Split the file into several scene files, or remove what does not belong."},
    CodeInfo{Code::FileEncoding, "not UTF-8 text",
             "Story files are UTF-8 text. This one has bytes that are not UTF-8 (often a file "
             "saved as Latin-1 or UTF-16), or a NUL byte (a binary file).",
             "- Caf\\xe9 au lait.    (saved as Latin-1)", "- Café au lait.       (saved as UTF-8)",
             "Save the file as UTF-8 in your editor."},
    CodeInfo{Code::TabIndentation, "tab in indentation",
             "YAML indents with spaces only; a tab at the start of a line is an error, even "
             "where it looks aligned in your editor.",
             "beats:\n\t- id: start", "beats:\n  - id: start",
             "Replace the tabs at the start of the line with spaces (set your editor to insert "
             "spaces for YAML)."},
    CodeInfo{Code::FileEmpty, "empty file",
             "A story file has nothing in it, so it declares no scene, place or story.",
             "scenes/kitchen.yaml   (0 bytes)",
             "scene: kitchen\nbeats:\n  - id: start\n    lines: [The kettle ticks.]",
             "Write the scene, or delete the file."},
    CodeInfo{Code::FolderUnreadable, "folder cannot be read",
             "The story folder, or the scenes or places folder it names, is missing, is a file, "
             "or cannot be listed.",
             "scenes: scene     # story.yaml names a folder that does not exist", "scenes: scenes",
             "Create the folder, fix its name in story.yaml, or give it read permission."},

    // ---- The YAML and its keys
    CodeInfo{Code::YamlSyntax, "not valid YAML",
             "The file cannot be read as YAML: an unclosed quote or bracket, a key indented "
             "differently from its neighbours, text after a closing quote. Everything after the "
             "mistake is unread, so fix this one first.",
             "lines:\n  - \"Hello,\" she said.", "lines:\n  - '\"Hello,\" she said.'",
             "Look at the line and the one before it; quote a line of text that starts with a "
             "quote or contains ': ' or ' #'."},
    CodeInfo{Code::UnknownKey, "unknown key",
             "This block has no such key. It is usually a typo; the message names the key it was "
             "probably meant to be, and the loader reads the value as that key, so the rest of "
             "the block is still checked.",
             "- id: start\n  lnes: [The kettle ticks.]",
             "- id: start\n  lines: [The kettle ticks.]",
             "Correct the key's spelling; the keys of each block are in docs/authoring.md."},
    CodeInfo{Code::MissingKey, "missing key",
             "This block needs a key it does not have: a scene needs `scene:` and `beats:`, a "
             "beat an `id:`, a gesture an `id:` and a kind, a hold or look its `seconds:`.",
             "- id: keep_holding\n  hold: cup", "- id: keep_holding\n  hold: cup\n  seconds: 4",
             "Add the key the message names."},
    CodeInfo{Code::DuplicateKey, "duplicate key",
             "The same key appears twice in one block. YAML would keep only one of them silently; "
             "Threshold refuses, because the other was probably meant for a different block.",
             "- id: start\n  lines: [One.]\n  lines: [Two.]", "- id: start\n  lines: [One., Two.]",
             "Keep one of the two, or move the second to the block it belongs to."},
    CodeInfo{Code::ConflictingKeys, "keys that exclude each other",
             "Two keys say contradictory things: a gesture has two kinds (`hold:` and `touch:`), "
             "a beat both `then:` and `go:`, a line both `text:` and `pause:`, a gesture "
             "`stay: true` and a target.",
             "- id: leave\n  touch: door\n  then: hall\n  go: d1_street",
             "- id: leave\n  touch: door\n  go: d1_street", "Keep the one you mean."},
    CodeInfo{Code::WrongShape, "wrong kind of block",
             "The value has the wrong shape for its key: a single value where a list belongs, a "
             "list where a mapping of keys belongs, text where a block belongs.",
             "moment:\n  - id: wait", "moment:\n  gestures:\n    - id: wait\n      wait: 8",
             "Give the key the shape docs/authoring.md shows for it."},
    CodeInfo{Code::EmptyValue, "empty value",
             "A key has nothing after it. YAML reads that as empty (null), which no key of a "
             "story accepts; usually the value was forgotten or put on the wrong line.",
             "- id: start\n  then:", "- id: start\n  then: kettle",
             "Write the value after the key, or remove the key."},
    CodeInfo{Code::YamlFeature, "YAML feature not used by stories",
             "The file uses a YAML feature that story files do not accept: anchors and aliases "
             "(`&name`, `*name`), a second document after `---`, or nesting deeper than 64 levels.",
             "beats:\n  - &first { id: start }\n  - *first",
             "beats:\n  - { id: start }\n  - { id: again }",
             "Write each block out in full, in one document."},
    CodeInfo{Code::LineReadAsKey, "line of text read as a key",
             "A line of text contains ': ', so YAML reads the words before it as a key and the "
             "line becomes a mapping instead of text.",
             "lines:\n  - Note: the stop is near.", "lines:\n  - 'Note: the stop is near.'",
             "Put the whole line in quotes."},

    // ---- A value
    CodeInfo{Code::NotANumber, "not a number",
             "The key takes a number, and the value is not one: a word, a number with a unit "
             "after it, or a number in quotes (which YAML reads as text).",
             "- id: wait\n  wait: 8s", "- id: wait\n  wait: 8",
             "Write the number alone, without quotes or units."},
    CodeInfo{Code::OutOfRange, "number out of range",
             "The number is outside the range its key allows: durations are more than 0 and at "
             "most 3600 seconds, a day is a whole number from 1 to 1,000,000, a level is from 0 "
             "to 1. The message names the limit.",
             "- id: wait\n  wait: 100000", "- id: wait\n  wait: 20",
             "Use a value inside the range the message names."},
    CodeInfo{Code::NotABoolean, "not true or false",
             "The key takes true or false, and the value is something else (or true in quotes, "
             "which YAML reads as text).",
             "stay: \"yes\"", "stay: true", "Write true or false, without quotes."},
    CodeInfo{Code::NotAnId, "not an id",
             "Ids (scenes, beats, gestures, things, variables, endings) are one word of letters, "
             "digits and '_', not starting with a digit, so that they can be named in "
             "expressions and `go:`.",
             "scene: bus stop", "scene: bus_stop", "Join the words with '_'."},
    CodeInfo{Code::UnknownChoice, "not one of the choices",
             "The key takes one word from a fixed list (a time of day, a variable type, a synth, "
             "a kind of motion), and this word is not in it; the message lists the choices or the "
             "closest one.",
             "time: mornin", "time: morning", "Use one of the words the message lists."},
    CodeInfo{Code::BadColour, "not a colour",
             "Colours are written #rrggbb or #rrggbbaa, in quotes (YAML reads an unquoted # as the "
             "start of a comment).",
             "color: #ff8800", "color: \"#ff8800\"",
             "Quote the colour and give 6 or 8 hex digits."},
    CodeInfo{Code::AmbiguousValue, "ambiguous value",
             "yes, no, on and off mean true and false to some YAML readers and text to others, so "
             "a story does not accept them unquoted.",
             "variables:\n  answered: yes", "variables:\n  answered: true",
             "Write true or false for a bool, or quote the word for text."},
    CodeInfo{Code::BadCoordinates, "wrong coordinates",
             "A point, rectangle or polygon has the wrong count of numbers, or numbers far "
             "outside the 1280×720 frame.",
             "- rect: [100, 200, 50]", "- rect: [100, 200, 50, 80]",
             "Give [x, y] for a point, [x, y, width, height] for a rectangle, and at least three "
             "points for a polygon."},

    // ---- A name that refers to something
    CodeInfo{Code::UnknownScene, "unknown scene",
             "A `go:`, `start:`, `visits()` or `chose()` names a scene no scene file declares. "
             "Either the name is misspelt, or the scene's own `scene:` id is.",
             "go: d1_bus_stp", "go: d1_bus_stop",
             "Correct the name, or the `scene:` id of the scene it means."},
    CodeInfo{Code::UnknownBeat, "unknown beat",
             "A `then:` names a beat this scene does not have. `then:` moves within the scene; "
             "`go:` moves to another scene.",
             "then: d1_office", "go: d1_office", "Correct the beat id, or use `go:` for a scene."},
    CodeInfo{Code::UnknownThing, "unknown thing",
             "A gesture or a shape names a thing the scene does not declare under `things:`.",
             "things:\n  cup: the cup\n...\n  touch: cpu",
             "things:\n  cup: the cup\n...\n  touch: cup",
             "Correct the name, or declare the thing under `things:`."},
    CodeInfo{Code::UnknownEnding, "unknown ending",
             "An `end:` names an ending story.yaml does not declare under `endings:`.",
             "end: stayd", "end: stayed", "Correct the name, or declare the ending in story.yaml."},
    CodeInfo{Code::UnknownPlace, "unknown place",
             "A scene's `place:` names a place with no place file, or a place file's `place:` is "
             "never used.",
             "place: kitchn", "place: kitchen", "Correct the name, or add places/<place>.yaml."},
    CodeInfo{Code::UnknownVariable, "unknown variable",
             "An expression names a variable story.yaml does not declare under `variables:`. It is "
             "reported once, at its first use; the other uses are counted in a note.",
             "if: courgae >= 2", "if: courage >= 2",
             "Correct the name, or declare the variable in story.yaml."},
    CodeInfo{Code::DuplicateId, "duplicate id",
             "Two scenes, two beats of one scene, two gestures of one moment, or two places have "
             "the same id, so a reference to it could mean either.",
             "- id: start\n  ...\n- id: start", "- id: start\n  ...\n- id: later",
             "Rename one of them; the note shows where the first is."},
    CodeInfo{Code::ReservedName, "reserved name",
             "A variable is named like a word expressions already use (true, false, and, or, not, "
             "visits, chose, words, ...), so an expression could not tell them apart.",
             "variables:\n  visits: 0", "variables:\n  visit_count: 0",
             "Give the variable another name."},
    CodeInfo{Code::UnknownGesture, "unknown gesture",
             "chose() names a gesture that the scene has no moment with. chose(gesture) asks "
             "about a gesture of the scene it is written in; chose(scene.gesture) about one of "
             "another scene.",
             "if: chose(d1_kitchen.leave_cup)", "if: chose(d1_kitchen.leave_the_cup)",
             "Correct the gesture id, or name the scene it belongs to."},

    // ---- An expression
    CodeInfo{
        Code::ExpressionSyntax, "expression syntax",
        "A condition, an effect or a `{...}` in text cannot be read as an expression: a "
        "missing operand, an unclosed bracket, an unknown operator.",
        "if: courage >=", "if: courage >= 2",
        "Complete the expression; docs/authoring.md (\"Expressions\") lists what they can say."},
    CodeInfo{Code::TypeMismatch, "wrong type",
             "An expression mixes types that do not go together: a string compared with a "
             "number, a number used as a condition, text added to a bool. When a variable is the "
             "cause, a note shows where it was declared and why it has its type (a quoted default "
             "is text).",
             "variables:\n  courage: \"0\"\n...\nif: courage >= 2",
             "variables:\n  courage: 0\n...\nif: courage >= 2",
             "Give the variable the type its uses need, or change the expression."},
    CodeInfo{Code::DivisionByZero, "division by zero",
             "An expression divides by zero, or takes a remainder by zero. With a constant divisor "
             "it is an error at load; otherwise the game reports it once while playing.",
             "set: [share = cups / 0]", "set: [share = cups / 2]",
             "Divide by something that cannot be 0, or guard it with a condition."},
    CodeInfo{Code::UnknownFunction, "unknown function",
             "An expression calls a function that does not exist, or with the wrong arguments. The "
             "functions are visits(scene), chose(gesture), chose(scene.gesture) and words(n).",
             "if: visited(d1_kitchen) > 0", "if: visits(d1_kitchen) > 0",
             "Use one of the functions docs/authoring.md lists."},

    // ---- A file the story names
    CodeInfo{Code::PathOutsideStory, "path outside the story",
             "An image, sound or font must be inside the story folder (or the game's own "
             "assets). A path with `..`, an absolute path, or a symbolic link that leads out of "
             "the story is refused, so that a story can never read the player's other files.",
             "image: ../../photos/window.png", "image: images/window.png",
             "Copy the file into the story folder and name it from there."},
    CodeInfo{Code::MediaMissing, "file not found",
             "An image, sound or font the story names is not there.", "image: images/windw.png",
             "image: images/window.png",
             "Correct the path (it is relative to the story folder), or add the file."},
    CodeInfo{Code::MediaUndecodable, "file does not decode",
             "The file is not the image, sound or font it claims to be: empty, truncated, or "
             "another format under the name. The game reads PNG, JPEG and BMP images, WAV, OGG and "
             "FLAC sounds, and TrueType/OpenType fonts.",
             "sound: sounds/kettle.wav   (an MP3 renamed)", "sound: sounds/kettle.ogg",
             "Export the file again in one of the formats the game reads."},
    CodeInfo{Code::MediaTooLarge, "file too large to play",
             "An image is larger than 8192 pixels on a side, or a sound has more channels or a "
             "higher rate than the game plays. Such files take seconds and gigabytes to open.",
             "image: images/sky.png   (20000 × 20000)", "image: images/sky.png   (2560 × 1440)",
             "Scale the file down; the frame is 1280×720."},

    // ---- The story as a whole
    CodeInfo{Code::Unreachable, "never reached",
             "Nothing leads to this scene, beat, gesture or ending from the story's start, so no "
             "player will ever see it.",
             "scene: d2_roof   (no go: names it)",
             "go: d2_roof      (in a gesture that leads there)",
             "Lead to it from somewhere, or remove it."},
    CodeInfo{Code::LeadsNowhere, "leads nowhere",
             "A beat or gesture has no `then:`, `go:` or `end:` and nothing follows it, so the "
             "story would stop there without an ending.",
             "- id: last\n  lines: [The door closes.]",
             "- id: last\n  lines: [The door closes.]\n  go: d1_street",
             "Say where the story goes next."},
    CodeInfo{Code::LoopWithoutMoment, "loop without a moment",
             "Beats lead to each other in a circle and none of them has a moment, so their lines "
             "repeat forever and the player can never act. The game stops such a loop with a note.",
             "- id: a\n  then: b\n- id: b\n  then: a", "- id: a\n  then: b\n- id: b\n  moment: ...",
             "Give one of the beats a moment, or an end."},
    CodeInfo{Code::UnusedVariable, "variable never used",
             "A variable is set but never read, read but never set (so it always has its default), "
             "or neither.",
             "set: [restless += 1]   (and no if: reads it)", "if: restless >= 2",
             "Read it where it matters, or remove it."},
    CodeInfo{Code::NoOneActsOn, "thing nobody acts on",
             "A thing is declared and drawn, but no gesture of the scene refers to it, so the "
             "pointer finds it and nothing can be done.",
             "things:\n  radio: the radio   (no gesture names it)", "- id: listen\n  touch: radio",
             "Add a gesture on it, or remove it from `things:`."},
    CodeInfo{Code::GestureNeverTaken, "gesture that can never happen",
             "A gesture can never be taken: its condition is always false, another gesture on the "
             "same thing always happens first, or every gesture of the moment stays.",
             "- id: hold_long\n  hold: cup\n  seconds: 6\n- id: touch_it\n  touch: cup",
             "- id: hold_long\n  hold: cup\n  seconds: 6\n- id: look_at_it\n  look: window",
             "Change the condition or the gestures so that each one can be chosen."},
    CodeInfo{Code::NoRoomToMove, "no room to move",
             "A push on a thing already at the top of the frame (or a pull on one at the bottom) "
             "has no room to follow the hand.",
             "push: lamp    (a lamp drawn at y 0)", "push: lamp    (a lamp drawn at y 300)",
             "Move the thing, or choose the other direction."},
    CodeInfo{Code::Untracked, "condition explore tracks exactly",
             "A condition does arithmetic on a count, so `threshold explore` cannot cap it and "
             "tracks it at its exact values: exploring takes longer, and may stop at its state "
             "limit.",
             "if: visits(d1_kitchen) * 2 > 4", "if: visits(d1_kitchen) > 2",
             "Compare the count with a number directly where you can."},
    CodeInfo{Code::UnusedPlace, "place nobody uses",
             "A place file declares a place no scene names in its `place:`, which is usually a "
             "misspelt `place:` in a scene.",
             "places/kitchen.yaml   (and every scene says place: kitchn)", "place: kitchen",
             "Correct the scenes' `place:`, or remove the place file."},
    CodeInfo{Code::CommentInText, "comment in a line of text",
             "In a line of text written without quotes, ' #' starts a YAML comment, so the line "
             "silently ends there.",
             "- You count the stops, #1 to #9.", "- 'You count the stops, #1 to #9.'",
             "Put the whole line in quotes."},
    CodeInfo{Code::ThingNotDrawn, "thing with no place in the frame",
             "A gesture acts on a thing (or a sound sounds from it), but no shape of the visual is "
             "tagged with it and it has no `area:`, so the pointer cannot find it and a sound "
             "cannot be placed by it.",
             "things:\n  cup: the cup\n...\n  touch: cup   (no shape says thing: cup)",
             "layers:\n  - circle: [640, 400, 30]\n    color: \"#ffffff\"\n    thing: cup",
             "Tag the shape that draws the thing with `thing:`, or give the thing an `area:`."},
    CodeInfo{Code::UncaptionedCue, "sound the player could act on, with no caption",
             "A cue sounds at a gesture (`on: gesture_start`, `gesture_done` or `hesitate`) or "
             "at a beat that opens a moment, so a player may act on what they hear, but it has no "
             "`caption:`: with captions on, a player who cannot hear it is told nothing.",
             "- { on: gesture_done, gesture: switch_off, synth: click }",
             "- { on: gesture_done, gesture: switch_off, synth: click,\n"
             "    caption: \"the kettle's switch clicks\" }",
             "Give the cue a `caption:`: what the sound is, in a few words."},
    CodeInfo{Code::WaitBeforeReading, "a wait shorter than its lines take to read, slowly",
             "Reported by `threshold check --accessibility` only. A moment's wait is shorter than "
             "its beat's lines take to read at the slowest text speed (twice their linger), so a "
             "slow reader may still be reading them when the silence chooses for them. Time to "
             "act and untimed let such a player through; a longer wait lets everyone.",
             "lines:\n  - A long paragraph of forty words ...\nmoment:\n  gestures:\n"
             "    - { id: let_it_ring, wait: 3 }",
             "lines:\n  - A long paragraph of forty words ...\nmoment:\n  gestures:\n"
             "    - { id: let_it_ring, wait: 12 }",
             "Make the wait at least as long as the lines take to read slowly, or split the lines "
             "across beats."},
    CodeInfo{Code::ColourAloneState, "a when: that changes only a colour",
             "Reported by `threshold check --accessibility` only. A layer drawn under a `when:` "
             "has the same outline, in the same place, as another layer of the picture (drawn "
             "always, or under another `when:`) and differs from it only in colour, glow or "
             "gradient: the state the `when:` reads is shown by colour alone, which a player who "
             "cannot tell those colours apart never sees.",
             "layers:\n  - { rect: [940, 356, 20, 28], color: \"#d7d0c2\", thing: switch }\n"
             "  - { rect: [940, 356, 20, 28], color: \"#ffe1a0\", thing: switch, when: lamp_on }",
             "layers:\n  - { rect: [940, 356, 20, 28], color: \"#d7d0c2\", thing: switch }\n"
             "  - { rect: [944, 360, 12, 10], color: \"#ffe1a0\", glow: 0.7, when: lamp_on }",
             "Let the state change a shape too (a switch's lever up or down, a door ajar), or say "
             "it in a line or a caption."},
    CodeInfo{Code::LowTextContrast, "the lines are hard to read over a place",
             "Reported by `threshold check --accessibility` only, and only where a display can be "
             "opened (the frames are drawn as the game draws them). Behind the newest line, over "
             "the brightest hundredth of the picture, the text's contrast with what is behind it "
             "is under 4.5:1, the least that WCAG asks of body text.",
             "layers:\n  - { rect: [0, 560, 1280, 160], color: \"#f4efe4\" }  # a white tablecloth",
             "layers:\n  - { rect: [0, 560, 1280, 160], color: \"#8a8478\" }",
             "Darken or deepen what lies in the lower third of the frame, where the lines are set; "
             "players can also turn on high-contrast text."},
    CodeInfo{Code::TranslationBeforeReading, "a translated line too long for its wait",
             "Reported by `threshold check --locale LANG` only. A translated line lingers as long "
             "as its own words take by the story's pacing, never less than the English. Before "
             "this line's moment, the English's lines take no longer to read at the slowest text "
             "speed (twice their linger) than the moment's shortest wait, but the translation's "
             "do, and this line is one that reads longer than its English: a slow reader of the "
             "translation may still be reading when the silence chooses for them.",
             "# wait: 18; the English's lines read in 16.5 s, slowly\n"
             "msgctxt \"hall/start/1\"\nmsgid \"The hall is dark.\"\n"
             "msgstr \"Le couloir est sombre, plus sombre que d’habitude ce soir.\"",
             "msgctxt \"hall/start/1\"\nmsgid \"The hall is dark.\"\n"
             "msgstr \"Le couloir est sombre.\"",
             "Tighten the translation where it says more than the English, or, in the story, make "
             "the wait longer (every language then has the time)."},
    CodeInfo{Code::NoFontForCharacter, "a character no font has",
             "Reported by `threshold check --locale LANG` only. A translated string has a "
             "character that none of the faces the game would set it in has: not the story's "
             "fonts for the language (`fonts/LANG/`), not the player's face (EB Garamond), not "
             "one of the fallbacks the game looks for (Noto, IPAex Mincho, DejaVu). The game "
             "would draw it as an empty box.",
             "# locales/vai.po, and no font for the Vai script in fonts/vai/\n"
             "msgctxt \"hall/start/1\"\nmsgid \"The hall is dark.\"\nmsgstr \"ꕉꕜꕮ ꔔꘋ ꖸ ꔰ\"",
             "# fonts/vai/NotoSansVai-Regular.ttf beside the story\n"
             "msgctxt \"hall/start/1\"\nmsgid \"The hall is dark.\"\nmsgstr \"ꕉꕜꕮ ꔔꘋ ꖸ ꔰ\"",
             "Put a font that has the script in the story's `fonts/LANG/` (it comes first for that "
             "language), or install the Debian package of one the game looks for "
             "(fonts-noto-core)."},
};

static_assert(std::is_sorted(kCodes.begin(), kCodes.end(),
                             [](const CodeInfo& a, const CodeInfo& b) { return a.code < b.code; }),
              "kCodes is in number order");

}  // namespace

std::span<const CodeInfo> all_codes() {
  return kCodes;
}

const CodeInfo* find_code(Code code) {
  auto it = std::lower_bound(kCodes.begin(), kCodes.end(), code,
                             [](const CodeInfo& a, Code c) { return a.code < c; });
  return it != kCodes.end() && it->code == code ? &*it : nullptr;
}

const CodeInfo* find_code(std::string_view text) {
  if (!text.empty() && (text.front() == 'T' || text.front() == 't')) text.remove_prefix(1);
  if (text.empty() || text.size() > 4) return nullptr;
  unsigned number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end != text.data() + text.size() || number == 0) return nullptr;
  return find_code(static_cast<Code>(number));
}

std::string code_name(Code code) {
  if (code == Code::None) return {};
  const auto n = static_cast<unsigned>(code);
  std::string out = "T0000";
  for (size_t i = 4, v = n; i > 0 && v > 0; --i, v /= 10) out[i] = static_cast<char>('0' + v % 10);
  return out;
}

}  // namespace threshold::story
