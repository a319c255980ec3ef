// Stable diagnostic codes: every kind of mistake a writer can make has a number that never
// changes (`error[T0102]`), so a message can be looked up (`threshold explain T0102`), searched
// for, and pinned by the bad corpus even when its wording improves. The table in codes.cpp is
// the one list: the explain verb prints it, docs/authoring.md documents it (a test keeps them
// equal), and each diagnostic names its entry.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace threshold::story {

// The numbers are grouped by what went wrong: T00xx the file, T01xx the YAML and its keys,
// T02xx a value, T03xx a name that refers to something, T04xx an expression, T05xx a file the
// story names (images, sounds, fonts), T06xx the story as a whole (mostly warnings). A number is
// never reused for another meaning; a retired code stays in the table, marked so.
enum class Code : uint16_t {
  None = 0,  // not yet given a code (printed as plain `error:`)

  // The file
  FileUnreadable = 1,    // missing, not a regular file, no permission
  FileTooLarge = 2,      // past the loader's size limit
  FileEncoding = 3,      // not UTF-8, or a NUL byte
  TabIndentation = 4,    // a tab where YAML needs spaces
  FileEmpty = 5,         // nothing in it
  FolderUnreadable = 6,  // a story, scene or place folder that is missing or cannot be listed

  // The YAML and its keys
  YamlSyntax = 101,       // the file is not YAML (an unclosed quote, a bad indent, ...)
  UnknownKey = 102,       // a key this block does not have (usually a typo)
  MissingKey = 103,       // a key this block needs
  DuplicateKey = 104,     // the same key twice in one block
  ConflictingKeys = 105,  // two keys that exclude each other (`then:` and `go:`, two kinds)
  WrongShape = 106,       // a mapping where a list belongs, text where a mapping belongs, ...
  EmptyValue = 107,       // a key with nothing after it
  YamlFeature = 108,      // anchors, aliases, a second document, nesting too deep
  LineReadAsKey = 109,    // a line of text with ': ' in it, which YAML reads as a key

  // A value
  NotANumber = 201,      // text where a number belongs (or a quoted number)
  OutOfRange = 202,      // a number past the limits of its key (a duration over an hour, ...)
  NotABoolean = 203,     // something other than true or false
  NotAnId = 204,         // an id with spaces or punctuation in it
  UnknownChoice = 205,   // a word not in its key's list (a time of day, a type, a synth)
  BadColour = 206,       // not #rrggbb or #rrggbbaa
  AmbiguousValue = 207,  // yes / no / on / off: a bool or text?
  BadCoordinates = 208,  // the wrong count of numbers in a point, rectangle or polygon

  // A name that refers to something
  UnknownScene = 301,
  UnknownBeat = 302,
  UnknownThing = 303,
  UnknownEnding = 304,
  UnknownPlace = 305,
  UnknownVariable = 306,
  DuplicateId = 307,     // two scenes, beats, gestures or places with one id
  ReservedName = 308,    // a variable named like a word expressions already use
  UnknownGesture = 309,  // chose() naming a gesture the scene does not have

  // An expression
  ExpressionSyntax = 401,
  TypeMismatch = 402,  // a string compared with a number, a number used as a condition, ...
  DivisionByZero = 403,
  UnknownFunction = 404,  // a call to a function that does not exist, or with the wrong arguments

  // A file the story names
  PathOutsideStory = 501,  // `..`, an absolute path, or a link leading out of the story
  MediaMissing = 502,      // an image, sound or font that is not there
  MediaUndecodable = 503,  // a file that is not the image, sound or font it claims to be
  MediaTooLarge = 504,     // dimensions, channels or rates past what the game plays

  // The story as a whole
  Unreachable = 601,        // a scene, beat, gesture or ending nothing leads to
  LeadsNowhere = 602,       // a beat or gesture with nowhere to go
  LoopWithoutMoment = 603,  // lines that repeat forever without the player ever acting
  UnusedVariable = 604,     // set and never read, read and never set, or neither
  NoOneActsOn = 605,        // a thing no gesture refers to
  GestureNeverTaken = 606,  // a gesture a condition or another gesture always shadows
  NoRoomToMove = 607,       // a push at the top of the frame, a pull at the bottom
  Untracked = 608,          // a condition explore can only track at its exact values
  UnusedPlace = 609,        // a place file no scene names
  CommentInText = 610,      // ' #' in a plain line of text, which YAML reads as a comment
  ThingNotDrawn = 611,      // a thing gestures act on that has no place in the frame
  UncaptionedCue = 612,     // a sound the player could act on (a gesture's, a moment's) in no words
  WaitBeforeReading = 613,  // check --accessibility: a wait shorter than its lines' reading
  ColourAloneState = 614,   // check --accessibility: a `when:` that changes only a colour
  LowTextContrast = 615,    // check --accessibility: the lines over a place are hard to read
  TranslationBeforeReading = 616,  // check --locale: a translated line too long for its wait
  NoFontForCharacter = 617,        // check --locale: a character the game has no face for
};

struct CodeInfo {
  Code code;
  std::string_view title;        // a few words: "unknown key"
  std::string_view explanation;  // what it means, in a paragraph
  std::string_view wrong;        // a minimal example that has the mistake
  std::string_view right;        // the same example, fixed
  std::string_view fix;          // how to fix it, in a sentence
};

// Every code, in number order (Code::None is not listed).
std::span<const CodeInfo> all_codes();
// The entry of `code`; nullptr for Code::None or a number with no entry.
const CodeInfo* find_code(Code code);
// "T0102" or "t0102" or "0102" or "102"; nullptr when it names no code.
const CodeInfo* find_code(std::string_view text);
// "T0102"; "" for Code::None.
std::string code_name(Code code);

}  // namespace threshold::story
