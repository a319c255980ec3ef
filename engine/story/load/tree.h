// The loader's view of one YAML file: its bytes checked (encoding, NULs, tabs), then parsed with
// yaml-cpp's event parser into a small flat tree that remembers where every node was written.
// Used only by the loader (engine/story/load/); yaml-cpp itself stays inside load/tree.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "threshold/story/diagnostic.h"

namespace threshold::story {

// Reports diagnostics about one file while it is read on a worker thread, before the file has a
// Sources entry: quotes source lines straight from the bytes.
class FileReporter {
 public:
  FileReporter(std::string path, std::string_view text) : path_(std::move(path)), text_(text) {}

  void error(int32_t line, int32_t column, std::string message, Code code = Code::None) {
    add(line, column, Severity::Error, std::move(message), code);
  }
  void note(int32_t line, int32_t column, std::string message) {
    add(line, column, Severity::Note, std::move(message));
  }
  void warning(int32_t line, int32_t column, std::string message, Code code = Code::None) {
    add(line, column, Severity::Warning, std::move(message), code);
  }
  void add(int32_t line, int32_t column, Severity severity, std::string message,
           Code code = Code::None);
  // The file as a whole (line 0).
  void file_error(std::string message, Code code = Code::None);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }
  std::string_view line_text(int32_t line);  // 1-based, without the newline (or a BOM)
  size_t error_count() const { return errors_; }
  // Kept are at most Diagnostics::kMaxErrors errors (a run prints no more); those past that are
  // counted here, unquoted, for Diagnostics::count_more_errors().
  size_t more_errors() const { return more_errors_; }
  std::vector<Diagnostic>& diagnostics() { return out_; }

 private:
  std::string path_;
  std::string_view text_;
  std::vector<uint32_t> line_starts_;  // built on the first diagnostic that needs a line
  std::vector<Diagnostic> out_;
  size_t errors_ = 0;
  size_t more_errors_ = 0;
  bool dropping_notes_ = false;
};

struct YamlNode {
  enum class Kind : uint8_t { Null, Scalar, Sequence, Mapping };
  enum class Style : uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded, Flow };
  Kind kind = Kind::Null;
  Style style = Style::Plain;
  int32_t line = 0;  // 1-based: where the node starts (the quote, the '[', the first key)
  int32_t column = 0;
  int32_t value_line = 0;  // scalars: where the first character of the value stands
  int32_t value_column = 0;
  uint32_t end = 0;   // index one past this node's subtree in YamlTree::nodes
  uint32_t size = 0;  // children (a mapping counts keys and values: 2 per entry)
  std::string text;   // scalars

  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_null() const { return kind == Kind::Null; }
  bool is_map() const { return kind == Kind::Mapping; }
  bool is_seq() const { return kind == Kind::Sequence; }
  bool quoted() const { return style == Style::SingleQuoted || style == Style::DoubleQuoted; }
  // How a scalar's value was written, for SourcePos: a position inside it is worked out from
  // that (text_position.h). None for anything else.
  TextStyle text_style() const {
    if (!is_scalar()) return TextStyle::None;
    switch (style) {
      case Style::Plain:
        return TextStyle::Plain;
      case Style::SingleQuoted:
        return TextStyle::SingleQuoted;
      case Style::DoubleQuoted:
        return TextStyle::DoubleQuoted;
      case Style::Literal:
        return TextStyle::Literal;
      case Style::Folded:
        return TextStyle::Folded;
      case Style::Flow:
        break;
    }
    return TextStyle::None;
  }
};

// Nodes in document order (pre-order); the root is nodes[0]. A node's children follow it: the
// first at index + 1, each next one at the previous one's `end`. Mapping children alternate
// key, value.
struct YamlTree {
  std::vector<YamlNode> nodes;
  const YamlNode& root() const { return nodes.front(); }
};

// Checks the bytes a story file must satisfy before YAML sees them: no NUL bytes, valid UTF-8,
// no tab in indentation. Reports the first problem of each kind; false when any was found.
bool check_file_bytes(std::string_view text, FileReporter& report);

// Parses exactly one YAML document. Anchors and aliases, nesting deeper than max_depth,
// duplicate keys, syntax errors and a second document are reported; nothing when any was found.
bool parse_yaml(std::string_view text, int max_depth, FileReporter& report, YamlTree& tree);

}  // namespace threshold::story
