// Diagnostics: the errors and warnings a writer can cause, reported like a compiler's
// (`file:line:column: error: message`, the source line, a caret). Every part of the story
// core that reads authored text reports through a Diagnostics list; nothing throws to main.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace threshold::story {

// Where something was written. Lines and columns are 1-based; line 0 means "the whole file".
struct SourcePos {
  int32_t file = -1;  // index into Sources, -1 when unknown
  int32_t line = 0;
  int32_t column = 0;
};

// Where every file a story was loaded from is, and how to find its lines, so that diagnostics
// found after loading (by the checker, the explorer, a save) can still quote the offending line.
// A file read from disk is not kept in memory (a large story's text would be most of its
// footprint): only where every 64th line starts, and the line is read back when a diagnostic
// needs it. Text that has no file (tests, tools) is kept as it is.
class Sources {
 public:
  // Text with no file behind it: kept in memory.
  int32_t add(std::string path, std::string text);
  // `text` is what was read from `path`; lines are read back from the file when quoted.
  int32_t add_file(std::string path, std::string_view text);
  // Moves the files of `other` to the end, in order (files indexed on worker threads).
  void append(Sources&& other);
  void reserve(size_t files) { files_.reserve(files); }  // so that append() grows it once
  const std::string& path(int32_t file) const { return files_[static_cast<size_t>(file)].path; }
  // The text of a 1-based line without its newline; empty when out of range.
  std::string line(int32_t file, int32_t line) const;
  size_t size() const { return files_.size(); }

 private:
  static constexpr uint32_t kStride = 64;  // a checkpoint every kStride lines
  struct File {
    std::string path;
    std::string text;                  // only for text with no file
    std::vector<uint32_t> checkpoints; // byte offset of lines 1, 1 + kStride, 1 + 2 * kStride, …
    uint32_t lines = 0;
    uint32_t bytes = 0;
    bool in_memory = false;
  };
  std::vector<File> files_;
};

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  std::string file;  // path as the writer knows it ("data/scenes/kitchen.yaml")
  int32_t line = 0;  // 1-based; 0 when the whole file is meant
  int32_t column = 0;
  Severity severity = Severity::Error;
  std::string message;
  std::string source_line;  // the offending line, for the caret; may be empty

  // "file:line:column: error: message\n   source line\n   ^\n" (no source part when empty).
  std::string format() const;
};

// Collects the diagnostics of one run, so that all of them are reported, not only the first.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void add(const Sources& sources, SourcePos at, Severity severity, std::string message);
  void error(const Sources& sources, SourcePos at, std::string message) {
    add(sources, at, Severity::Error, std::move(message));
  }
  void warning(const Sources& sources, SourcePos at, std::string message) {
    add(sources, at, Severity::Warning, std::move(message));
  }
  // For problems with a file as a whole (missing, empty, too large) before it has a Sources entry.
  void file_error(std::string path, std::string message);

  const std::vector<Diagnostic>& items() const { return items_; }
  size_t error_count() const;
  size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  // Sorted by file, line, column (stable for equal positions), as a compiler prints them.
  void sort();
  std::string format_all() const;

 private:
  std::vector<Diagnostic> items_;
};

// The closest candidate to `word` by edit distance, or "" when nothing is close enough to be a
// plausible typo. Used for "did you mean 'linger'?".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace threshold::story
