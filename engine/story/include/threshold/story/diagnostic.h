// Diagnostics: the errors and warnings a writer can cause, reported like a compiler's
// (`file:line:column: error: message`, the source line, a caret). Every part of the story
// core that reads authored text reports through a Diagnostics list; nothing throws to main.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "threshold/story/codes.h"

namespace threshold::story {

// How the YAML text that starts at a position was written, so that a character inside its value
// can be traced back to its line and column (text_position.h). None: a position that is not the
// start of a YAML value (a key, a list, a position inside a value), read as plain text.
enum class TextStyle : uint8_t { None, Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

// Where something was written. Lines and columns are 1-based; line 0 means "the whole file".
// Eight bytes, not twelve: a story keeps one for every line, gesture, beat, effect and
// condition (600,000 in a 10,000-scene story), so line, the text's style, file and column share
// one 64-bit word. They read as plain ints (`at.file`, `at.line`); write them through the
// constructor, which keeps out-of-range values honest instead of letting them wrap:
//   line:   0 .. 16,777,215 (25 bits, signed). A file is at most LoadOptions::max_file_bytes
//           (8 MiB, so 8,388,609 lines); a line past that is clamped to the last one here.
//   file:   -1 (unknown) .. 131,071 (18 bits, signed). A file past that reads as
//           kFileBeyondRange, and a diagnostic there names no file but says why.
//   column: 0 .. 131,071 (18 bits, signed). A column past that (a line of more than 131,071
//           characters) is clamped: the line is right, the caret sits at that character.
//   style:  how the YAML value that starts here was written (3 bits, a TextStyle).
// The file had 16 bits until a story of 33,000 scene files lost its errors' file and line; the
// line keeps room for every line of an 8 MiB file, and the column gave up what no writer types.
struct SourcePos {
  static constexpr int32_t kMaxLine = (1 << 24) - 1;
  static constexpr int32_t kMaxFile = (1 << 17) - 1;
  static constexpr int32_t kMaxColumn = (1 << 17) - 1;
  static constexpr int32_t kFileBeyondRange = -2;

  constexpr SourcePos() : line(0), style(0), file(-1), column(0) {}
// -Wconversion cannot see that the values below are clamped into the bit-fields' ranges first.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
  constexpr SourcePos(int32_t file_index, int32_t line_number, int32_t column_number,
                      TextStyle text_style = TextStyle::None)
      : line(std::clamp(line_number, 0, kMaxLine)),
        style(static_cast<uint32_t>(text_style)),
        file(file_index > kMaxFile ? kFileBeyondRange
             : file_index < 0      ? -1
                                   : file_index),
        column(std::clamp(column_number, 0, kMaxColumn)) {}
#pragma GCC diagnostic pop

  TextStyle text_style() const {
    return static_cast<TextStyle>(style);
  }

  int64_t line : 25;
  uint64_t style : 3;  // a TextStyle
  int64_t file : 18;   // index into Sources, -1 when unknown
  int64_t column : 18;
};
static_assert(sizeof(SourcePos) == 8);

// U+FEFF, which some editors write at the start of a UTF-8 file. It is not part of line 1 as a
// writer sees it: not quoted, not counted in its columns.
inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Where every file a story was loaded from is, and how to find its lines, so that diagnostics
// found after loading (by the checker, the explorer, a save) can still quote the offending line.
// A file read from disk is not kept in memory (a large story's text would be most of its
// footprint): only where every 256th line starts, and the block of lines is read back when a
// diagnostic needs one. Text that has no file (tests, tools) is kept as it is.
class Sources {
 public:
  // Text with no file behind it: kept in memory.
  int32_t add(std::string path, std::string text);
  // `text` is what was read from `path`; lines are read back from the file when quoted.
  int32_t add_file(std::string path, std::string_view text);
  // Adds `count` empty files, to be filled by set_file(): the loader's workers index their files
  // in place, at once (each its own file), instead of in a Sources of their own that is merged.
  // Returns the index of the first.
  int32_t add_slots(size_t count);
  // As add_file(), for a file made by add_slots() that has no path yet.
  void set_file(int32_t file, std::string path, std::string_view text);
  const std::string& path(int32_t file) const { return files_[static_cast<size_t>(file)].path; }
  // The text of a 1-based line without its newline (line 1 without a byte order mark); empty
  // when out of range.
  std::string line(int32_t file, int32_t line) const;
  size_t size() const { return files_.size(); }

 private:
  friend struct PackAccess;  // pack.cpp writes and reads the files as they are
  // A checkpoint every kStride lines: quoting a line reads at most kStride lines, and a file of
  // fewer lines (a scene file is ~100) needs no checkpoint, so no heap block.
  static constexpr uint32_t kStride = 256;
  // 80 bytes (104 with the text inline and a checkpoint block for every file): a story of
  // 10,000 scene files keeps 10,000 of them.
  struct File {
    std::string path;
    std::vector<uint32_t> checkpoints;  // byte offset of lines 1 + kStride, 1 + 2 * kStride, …
    std::shared_ptr<const std::string> text;  // only for text with no file; never changed
    uint32_t lines = 0;
    uint32_t bytes = 0;
  };
  static_assert(sizeof(void*) != 8 || sizeof(File) == 80, "the figure above is a promise");
  std::vector<File> files_;
};

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  std::string file;  // path as the writer knows it ("data/scenes/kitchen.yaml")
  int32_t line = 0;  // 1-based; 0 when the whole file is meant
  int32_t column = 0;
  Severity severity = Severity::Error;
  Code code = Code::None;  // printed as error[T0102]; see codes.h and `threshold explain`
  std::string message;
  std::string source_line;  // the offending line, for the caret; may be empty
  // Set on a mistake that every use of one name repeats (Diagnostics::error_once): what it is
  // about ("variable courage"). Diagnostics keeps one error of a key; cleared by sort().
  std::string once;

  // "file:line:column: error[T0102]: message\n   source line\n   ^\n" (no source part when
  // empty, no [code] when it has none).
  std::string format() const;
};

// Collects the diagnostics of one run, so that all of them are reported, not only the first.
// Errors are kept up to kMaxErrors; the ones past that are only counted (with the notes that
// follow them), so a story with 200,000 errors costs the memory of 100 and prints one line,
// "and 199,900 more errors", after them. error_count() still counts every error. Warnings are
// capped the same way at kMaxWarnings ("and N more warnings"): a generated story can warn of an
// unreachable scene 10,000 times.
class Diagnostics {
 public:
  static constexpr size_t kMaxErrors = 100;
  static constexpr size_t kMaxWarnings = 100;

  void add(Diagnostic d);
  void add(const Sources& sources, SourcePos at, Severity severity, std::string message,
           Code code = Code::None);
  void error(const Sources& sources, SourcePos at, std::string message, Code code = Code::None) {
    add(sources, at, Severity::Error, std::move(message), code);
  }
  void warning(const Sources& sources, SourcePos at, std::string message, Code code = Code::None) {
    add(sources, at, Severity::Warning, std::move(message), code);
  }
  // For problems with a file as a whole (missing, empty, too large) before it has a Sources entry.
  void file_error(std::string path, std::string message, Code code = Code::None);

  // An error that every use of one name repeats (a misspelt variable used 117 times, a variable
  // declared as a string and compared with numbers): `key` says what it is about ("variable
  // courage"), and one error of a key is kept, the use printed first (file, line, column),
  // followed by a note "and 116 more uses of 'courage'" (`what`: " of 'courage'"), which sort()
  // adds. The notes added right after a repeat go with it. A use is told apart from another by
  // where its text starts (`start`: its file, line, column, all of them found without reading
  // the file) and `offset`, the use's byte in that text: a place's `when:` compiled once for
  // each scene at the place is one use, however many scenes compile it. `where` gives the exact
  // position (reading the file), asked only when the use may be printed; it is never before
  // `start`. The first is chosen by position, never by the order of the calls, so the scenes'
  // workers can meet the uses in any order and any grouping (with merge_uses()).
  template <typename Where>  // SourcePos where(), called at most once
  void error_once(const Sources& sources, std::string key, std::string what, SourcePos start,
                  size_t offset, const Where& where, std::string message, Code code = Code::None) {
    error_once_at(
        sources, std::move(key), std::move(what), start, offset,
        [](const void* w) { return (*static_cast<const Where*>(w))(); }, &where, std::move(message),
        code);
  }
  // The same for an error found with its exact position already (a file's reader found it): `d`
  // is one use of what `key` names; a use is told apart by its file, line and column.
  void add_once(Diagnostic d, std::string key, std::string what);
  // After add()ing another Diagnostics' items here: counts its uses of each key with these, so
  // that a key's count is the same whichever Diagnostics saw which use.
  void merge_uses(const Diagnostics& other);
  // error_once() without a template, and without <functional> in a header every renderer and
  // audio file includes (through model.h): `where(where_arg)` gives the exact position.
  void error_once_at(const Sources& sources, std::string key, std::string what, SourcePos start,
                     size_t offset, SourcePos (*where)(const void*), const void* where_arg,
                     std::string message, Code code);

  // Errors found elsewhere (a FileReporter past its own cap) that were counted, not kept.
  void count_more_errors(size_t count) { more_errors_ += count; }
  // Warnings found elsewhere (another Diagnostics being merged) that were counted, not kept.
  void count_more_warnings(size_t count) { more_warnings_ += count; }
  // Whether one more error would be kept: callers skip quoting the line of one that would not.
  bool keeps_errors() const { return kept_errors_ < kMaxErrors; }

  const std::vector<Diagnostic>& items() const { return items_; }
  // The errors counted past kMaxErrors, not kept.
  size_t more_errors() const { return more_errors_; }
  size_t error_count() const { return kept_errors_ + more_errors_; }
  // The warnings counted past kMaxWarnings, not kept.
  size_t more_warnings() const { return more_warnings_; }
  size_t warning_count() const { return kept_warnings_ + more_warnings_; }
  bool has_errors() const { return error_count() > 0; }
  // Sorted by file, line, column (stable for equal positions), as a compiler prints them. The
  // errors of error_once() get their "and N more uses" notes here, once: the keys are forgotten.
  void sort();
  // Every kept diagnostic, then "and N more errors" and "and N more warnings" when some were
  // counted past the caps.
  std::string format_all() const;

 private:
  std::vector<Diagnostic> items_;
  size_t kept_errors_ = 0;
  size_t more_errors_ = 0;
  size_t kept_warnings_ = 0;
  size_t more_warnings_ = 0;
  bool dropping_notes_ = false;  // the last error or warning was not kept: nor are its notes

  // One key of error_once(): the error kept for it, and every use seen.
  struct Once {
    static constexpr size_t kNotKept = static_cast<size_t>(-1);
    bool reported = false;   // an error of the key was kept or counted: the others repeat it
    size_t item = kNotKept;  // index into items_, or kNotKept when counted past kMaxErrors
    std::string what;        // ends the note: "and 3 more uses" + what
    // Each use as (file, line, column) of where its text starts, and its offset in that text.
    std::set<std::tuple<int32_t, int32_t, int32_t, size_t>> uses;
    // Each use of add_once() as (file, line, column).
    std::set<std::tuple<std::string, int32_t, int32_t>> placed;
    size_t count() const { return uses.size() + placed.size(); }
  };
  // A repeat of `o`'s error (its notes to be dropped); when it is printed before the one kept,
  // it takes that one's place.
  void repeat(Once& o, Diagnostic d);
  std::map<std::string, Once, std::less<>> once_;
};

// The closest candidate to `word` by edit distance, or "" when nothing is close enough to be a
// plausible typo. Used for "did you mean 'linger'?".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace threshold::story
