// Byte checks and the event-driven YAML parse behind load/tree.h. The event parser is used
// rather than YAML::Load: it is about three times faster, it sees every document in the file
// (Load silently drops what follows a finished top-level sequence), and it lets anchors and
// aliases be refused before anything could expand them.
#include "tree.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstdio>
#include <istream>
#include <streambuf>
#include <string>
#include <unordered_map>

namespace threshold::story {

// ---------------------------------------------------------------------------------------------
// FileReporter

std::string_view FileReporter::line_text(int32_t line) {
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') line_starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }
  if (line < 1 || static_cast<size_t>(line) > line_starts_.size()) return {};
  size_t begin = line_starts_[static_cast<size_t>(line) - 1];
  size_t end = static_cast<size_t>(line) < line_starts_.size()
                   ? line_starts_[static_cast<size_t>(line)] - 1
                   : text_.size();
  if (begin > text_.size()) return {};
  std::string_view s = text_.substr(begin, end - begin);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  if (line == 1 && s.starts_with(kByteOrderMark)) s.remove_prefix(kByteOrderMark.size());
  return s;
}

void FileReporter::add(int32_t line, int32_t column, Severity severity, std::string message,
                       Code code) {
  if (severity == Severity::Note && dropping_notes_) return;
  if (severity != Severity::Note) dropping_notes_ = false;
  if (severity == Severity::Error && errors_ >= Diagnostics::kMaxErrors) {
    ++errors_;
    ++more_errors_;
    dropping_notes_ = true;
    return;
  }
  Diagnostic d;
  d.file = path_;
  d.line = line;
  d.column = column;
  d.severity = severity;
  d.code = code;
  d.message = std::move(message);
  if (line > 0) {
    // A NUL would end the line in a terminal; show it as the symbol for NUL (one character).
    for (char c : line_text(line)) {
      if (c == '\0') {
        d.source_line += "\xE2\x90\x80";
      } else {
        d.source_line += c;
      }
    }
  }
  if (severity == Severity::Error) ++errors_;
  out_.push_back(std::move(d));
}

void FileReporter::file_error(std::string message, Code code) {
  add(0, 0, Severity::Error, std::move(message), code);
}

// ---------------------------------------------------------------------------------------------
// Byte checks

namespace {

struct LineCol {
  int32_t line;
  int32_t column;
};

LineCol position_of(std::string_view text, size_t offset) {
  int32_t line = 1;
  size_t line_start = text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  int32_t column = 1;
  for (size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

// Length of the well-formed UTF-8 sequence at text[i], or 0 when it is malformed (overlong
// forms, surrogates and code points past U+10FFFF included).
size_t utf8_sequence_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

}  // namespace

bool check_file_bytes(std::string_view text, FileReporter& report) {
  if (text.size() >= 2 &&
      ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
    report.file_error("file is UTF-16; save it as UTF-8", Code::FileEncoding);
    return false;
  }
  bool ok = true;
  size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    LineCol at = position_of(text, nul);
    report.error(at.line, at.column,
                 "file contains a NUL byte (is it a binary file?); story files are UTF-8 text",
                 Code::FileEncoding);
    ok = false;
  }
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      LineCol at = position_of(text, i);
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X",
                    static_cast<unsigned>(static_cast<unsigned char>(text[i])));
      report.error(
          at.line, at.column,
          std::string("invalid UTF-8 (byte ") + hex + "); story files must be saved as UTF-8",
          Code::FileEncoding);
      ok = false;
      break;
    }
    i += n;
  }
  if (!ok) return false;

  // A tab in the indentation: YAML forbids it, and yaml-cpp's own message for it ("illegal map
  // value" somewhere later) does not say so. Lines that hold only blanks or a comment are fine.
  int32_t line = 1;
  int32_t tab_lines = 0;
  int32_t first_line = 0, first_column = 0;
  for (size_t i = 0; i < text.size();) {
    size_t end = text.find('\n', i);
    if (end == std::string_view::npos) end = text.size();
    size_t k = i;
    size_t tab = std::string_view::npos;
    while (k < end && (text[k] == ' ' || text[k] == '\t')) {
      if (text[k] == '\t' && tab == std::string_view::npos) tab = k;
      ++k;
    }
    bool blank = k == end || text[k] == '\r' || text[k] == '#';
    if (tab != std::string_view::npos && !blank) {
      if (tab_lines++ == 0) {
        first_line = line;
        first_column = static_cast<int32_t>(tab - i + 1);  // only blanks before it
      }
    }
    ++line;
    i = end + 1;
  }
  if (tab_lines > 0) {
    std::string message = "tab used for indentation; YAML allows only spaces here";
    if (tab_lines > 1) {
      message += " (" + std::to_string(tab_lines - 1) + " more line" + (tab_lines > 2 ? "s" : "") +
                 " below also start with a tab)";
    }
    report.error(first_line, first_column, std::move(message), Code::TabIndentation);
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Parsing

namespace {

// An istream over bytes we already hold, so the parser reads them without a copy.
class MemoryBuffer : public std::streambuf {
 public:
  MemoryBuffer(const char* begin, size_t size) {
    char* b = const_cast<char*>(begin);  // read-only: the get area is never written
    setg(b, b, b + size);
  }
};

struct Stop {};

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// yaml-cpp counts columns in bytes; diagnostics count characters (as an editor does).
int32_t column_at(std::string_view text, const YAML::Mark& mark) {
  if (mark.pos < 0 || mark.column < 0) return 1;
  size_t pos = std::min(static_cast<size_t>(mark.pos), text.size());
  size_t start =
      pos >= static_cast<size_t>(mark.column) ? pos - static_cast<size_t>(mark.column) : 0;
  int32_t column = 1;
  for (size_t k = start; k < pos; ++k) {
    if (!is_continuation(text[k])) ++column;
  }
  return column;
}  // thrown from the handler to abandon a parse that can only produce noise

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view text, int max_depth, FileReporter& report, YamlTree& tree)
      : text_(text), max_depth_(max_depth), report_(report), tree_(tree) {}

  int documents = 0;
  bool failed = false;

  // The innermost flow collection still open, for "this '[' is never closed".
  const YamlNode* open_flow() const {
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      const YamlNode& n = tree_.nodes[*it];
      if (n.style == YamlNode::Style::Flow) return &n;
    }
    return nullptr;
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents > 1) {
      int32_t line = mark.line + 1, column = column_at(text_, mark);
      bool explicit_start =
          text_.substr(static_cast<size_t>(std::max(mark.pos, 0))).starts_with("---");
      if (explicit_start) {
        report_.error(line, column,
                      "a story file holds one YAML document; this '---' starts a second one",
                      Code::YamlFeature);
      } else {
        report_.error(line, column,
                      "a story file holds one YAML document; this text follows the end of the "
                      "first one (check its indentation)",
                      Code::YamlSyntax);
      }
      failed = true;
      throw Stop{};
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    check_anchor(mark, anchor);
    YamlNode& n = add(mark, YamlNode::Kind::Null);
    // yaml-cpp marks an empty mapping value at the token after it (often the next key, lines
    // below): point at its key instead.
    if (!open_.empty()) {
      const YamlNode& parent = tree_.nodes[open_.back()];
      if (parent.is_map() && parent.size % 2 == 0) {
        const YamlNode& key = tree_.nodes[last_key_];
        n.line = key.line;
        n.column = key.column;
      }
    }
    n.value_line = n.line;
    n.value_column = n.column;
    close_leaf();
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    std::string name;
    for (size_t k = static_cast<size_t>(std::max(mark.pos, 0)) + 1; k < text_.size(); ++k) {
      char c = text_[k];
      if (c == ' ' || c == '\n' || c == '\r' || c == ',' || c == ']' || c == '}') break;
      name += c;
    }
    report_.error(
        mark.line + 1, column_at(text_, mark),
        "aliases ('*" + name + "') are not supported in story files; write the content out",
        Code::YamlFeature);
    failed = true;
    add(mark, YamlNode::Kind::Null);
    close_leaf();
  }

  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    report_.error(
        mark.line + 1, column_at(text_, mark),
        "anchors ('&" + name + "') are not supported in story files; write the content out",
        Code::YamlFeature);
    failed = true;
    anchor_reported_ = true;
  }

  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    check_anchor(mark, anchor);
    YamlNode& n = add(mark, YamlNode::Kind::Scalar);
    n.text = value;
    n.value_line = n.line;
    n.value_column = n.column;
    size_t pos = static_cast<size_t>(std::max(mark.pos, 0));
    char c = pos < text_.size() ? text_[pos] : ' ';
    if (c == '\'' || c == '"') {
      n.style = c == '"' ? YamlNode::Style::DoubleQuoted : YamlNode::Style::SingleQuoted;
      n.value_column += 1;
    } else if (c == '|' || c == '>') {
      n.style = c == '|' ? YamlNode::Style::Literal : YamlNode::Style::Folded;
      // The value begins on the first line after the indicator that is not blank.
      size_t k = text_.find('\n', pos);
      int32_t line = n.line;
      while (k != std::string_view::npos) {
        ++k;
        ++line;
        size_t s = k;
        while (s < text_.size() && text_[s] == ' ') ++s;
        if (s < text_.size() && text_[s] != '\n' && text_[s] != '\r') {
          n.value_line = line;
          n.value_column = static_cast<int32_t>(s - k + 1);
          break;
        }
        k = text_.find('\n', s);
      }
    }
    // add() has counted this scalar already: an odd count means it is a key.
    if (!open_.empty() && tree_.nodes[open_.back()].is_map() &&
        tree_.nodes[open_.back()].size % 2 == 1) {
      last_key_ = static_cast<uint32_t>(tree_.nodes.size() - 1);
    }
    close_leaf();
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(mark, anchor, YamlNode::Kind::Sequence, style);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(mark, anchor, YamlNode::Kind::Mapping, style);
  }
  void OnMapEnd() override {
    check_duplicate_keys(open_.back());
    close();
  }

 private:
  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != 0 && !anchor_reported_) {
      report_.error(mark.line + 1, column_at(text_, mark),
                    "anchors ('&name') are not supported in story files; write the content out",
                    Code::YamlFeature);
      failed = true;
    }
    anchor_reported_ = false;
  }

  YamlNode& add(const YAML::Mark& mark, YamlNode::Kind kind) {
    if (!open_.empty()) {
      YamlNode& parent = tree_.nodes[open_.back()];
      if (parent.is_map() && parent.size % 2 == 0 && kind != YamlNode::Kind::Scalar &&
          kind != YamlNode::Kind::Null) {
        report_.error(mark.line + 1, column_at(text_, mark),
                      "a key must be a plain word, not a list or a mapping", Code::WrongShape);
        failed = true;
      }
      ++parent.size;
    }
    YamlNode& n = tree_.nodes.emplace_back();
    n.kind = kind;
    n.line = mark.line + 1;
    n.column = column_at(text_, mark);
    return n;
  }

  void close_leaf() { tree_.nodes.back().end = static_cast<uint32_t>(tree_.nodes.size()); }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, YamlNode::Kind kind,
            YAML::EmitterStyle::value style) {
    check_anchor(mark, anchor);
    if (static_cast<int>(open_.size()) >= max_depth_) {
      report_.error(
          mark.line + 1, column_at(text_, mark),
          "nesting deeper than " + std::to_string(max_depth_) + " levels; no story needs this much",
          Code::YamlFeature);
      failed = true;
      throw Stop{};
    }
    YamlNode& n = add(mark, kind);
    if (style == YAML::EmitterStyle::Flow) n.style = YamlNode::Style::Flow;
    n.value_line = n.line;
    n.value_column = n.column;
    open_.push_back(static_cast<uint32_t>(tree_.nodes.size() - 1));
  }

  void close() {
    tree_.nodes[open_.back()].end = static_cast<uint32_t>(tree_.nodes.size());
    open_.pop_back();
  }

  void check_duplicate_keys(uint32_t map) {
    const YamlNode& m = tree_.nodes[map];
    if (m.size < 4) return;
    std::unordered_map<std::string_view, uint32_t> seen;
    seen.reserve(m.size / 2);
    uint32_t i = map + 1;
    for (uint32_t k = 0; k < m.size; k += 2) {
      const YamlNode& key = tree_.nodes[i];
      if (key.is_scalar()) {
        auto [it, inserted] = seen.emplace(key.text, i);
        if (!inserted) {
          const YamlNode& first = tree_.nodes[it->second];
          report_.error(key.line, key.column, "duplicate key '" + key.text + "'",
                        Code::DuplicateKey);
          report_.note(first.line, first.column, "'" + key.text + "' is first written here");
          duplicate_keys_ = true;
        }
      }
      i = tree_.nodes[i].end;  // the value
      i = tree_.nodes[i].end;  // the next key
    }
  }

 public:
  bool duplicate_keys_ = false;

 private:
  std::string_view text_;
  int max_depth_;
  FileReporter& report_;
  YamlTree& tree_;
  std::vector<uint32_t> open_;
  uint32_t last_key_ = 0;
  bool anchor_reported_ = false;
};

std::string explain_parser_message(const std::string& msg) {
  if (msg == YAML::ErrorMsg::MAP_VALUE) {
    return "invalid YAML: a ':' here does not fit the structure; text containing ': ' must be "
           "quoted, and keys must line up with the keys above them";
  }
  if (msg == YAML::ErrorMsg::END_OF_MAP || msg == YAML::ErrorMsg::END_OF_SEQ) {
    return "invalid YAML: " + msg + " (check the indentation of this line)";
  }
  return "invalid YAML: " + msg;
}

// Where a quoted scalar that starts at `open` (a quote) ends in `line`: one past its closing
// quote, or npos when it does not close on this line.
size_t quoted_end(std::string_view line, size_t open) {
  const char quote = line[open];
  for (size_t k = open + 1; k < line.size(); ++k) {
    if (quote == '"' && line[k] == '\\') {
      ++k;
    } else if (line[k] == quote) {
      if (quote == '\'' && k + 1 < line.size() && line[k + 1] == '\'') {
        ++k;  // '' is a quote inside single quotes
      } else {
        return k + 1;
      }
    }
  }
  return std::string_view::npos;
}

// A line of text that begins with a quote and goes on after it (`- "Hello," she said.`): YAML
// takes the quoted part as the whole value and cannot read the rest. yaml-cpp then speaks of
// sequences and indentation; the writer needs to hear about the quote. `line` is the source line
// the parser stopped on and `stop` the byte it stopped at. Returns the message, or "" when the
// line is not like that.
std::string quote_then_text(std::string_view line, size_t stop) {
  stop = std::min(stop, line.size());
  for (size_t open = 0; open < stop; ++open) {
    if (line[open] != '"' && line[open] != '\'') continue;
    // A quote where a value begins: after indentation, '- ', ': ', '[' or ','.
    size_t b = open;
    while (b > 0 && line[b - 1] == ' ') --b;
    if (b > 0 && line[b - 1] != '-' && line[b - 1] != ':' && line[b - 1] != '[' &&
        line[b - 1] != ',') {
      continue;
    }
    const size_t close = quoted_end(line, open);
    if (close == std::string_view::npos) return "";
    size_t after = close;
    while (after < line.size() && line[after] == ' ') ++after;
    if (after >= line.size() || after > stop || line[after] == '#' || line[after] == ',' ||
        line[after] == ']' || line[after] == '}' || line[after] == ':') {
      open = close - 1;  // this value is whole; look at the next one
      continue;
    }
    // The whole text, from the quote to the end of the line (or of the flow item).
    size_t end = line.size();
    if (b > 0 && (line[b - 1] == '[' || line[b - 1] == ',')) end = line.find_first_of(",]", after);
    if (end == std::string_view::npos) end = line.size();
    while (end > open && line[end - 1] == ' ') --end;
    const std::string_view whole = line.substr(open, end - open);
    std::string requoted;
    if (line[open] == '\'' && whole.find('"') == std::string_view::npos) {
      // In double quotes, the writer's '' (a quote inside single quotes) is one quote again.
      requoted = "\"";
      for (size_t k = 0; k < whole.size(); ++k) {
        requoted += whole[k];
        if (whole[k] == '\'' && k + 1 < close - open && whole[k + 1] == '\'' && k > 0) ++k;
      }
      requoted += "\"";
    } else {
      requoted = "'";
      for (char c : whole) requoted += c == '\'' ? std::string("''") : std::string(1, c);
      requoted += "'";
    }
    return "this text begins with a quote, so YAML reads " +
           std::string(line.substr(open, close - open)) +
           " as the whole value and cannot read what follows it; put the whole text in quotes: " +
           requoted;
  }
  return "";
}

}  // namespace

bool parse_yaml(std::string_view text, int max_depth, FileReporter& report, YamlTree& tree) {
  tree.nodes.clear();
  // yaml-cpp skips a byte order mark but counts its marks' positions from after it: so do the
  // columns of line 1, as an editor shows them (the BOM is not a character a writer sees).
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  MemoryBuffer buffer(text.data(), text.size());
  std::istream in(&buffer);
  TreeBuilder builder(text, max_depth, report, tree);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const Stop&) {
  } catch (const YAML::DeepRecursion& e) {
    report.error(
        e.mark.line + 1, column_at(text, e.mark),
        "nesting deeper than " + std::to_string(max_depth) + " levels; no story needs this much",
        Code::YamlFeature);
    builder.failed = true;
  } catch (const YAML::ParserException& e) {
    const YamlNode* flow = builder.open_flow();
    bool unclosed =
        e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW || e.msg == YAML::ErrorMsg::END_OF_MAP_FLOW;
    std::string quoted;
    if (e.mark.pos >= 0 && e.mark.column >= 0) {
      const auto pos = std::min(static_cast<size_t>(e.mark.pos), text.size());
      const size_t start = pos - std::min(pos, static_cast<size_t>(e.mark.column));
      const size_t end = std::min(text.find('\n', start), text.size());
      quoted = quote_then_text(text.substr(start, end - start), pos - start);
    }
    if (!quoted.empty()) {
      report.error(e.mark.line + 1, column_at(text, e.mark), std::move(quoted), Code::YamlSyntax);
    } else if (unclosed && flow != nullptr) {
      bool seq = flow->is_seq();
      report.error(flow->line, flow->column,
                   std::string("this '") + (seq ? "[" : "{") + "' is never closed; add the '" +
                       (seq ? "]" : "}") + "' that ends it",
                   Code::YamlSyntax);
    } else {
      report.error(e.mark.line + 1, column_at(text, e.mark), explain_parser_message(e.msg),
                   Code::YamlSyntax);
    }
    builder.failed = true;
  } catch (const YAML::Exception& e) {
    report.error(e.mark.line + 1, column_at(text, e.mark), "invalid YAML: " + e.msg,
                 Code::YamlSyntax);
    builder.failed = true;
  }
  if (builder.failed || builder.duplicate_keys_) return false;
  if (tree.nodes.empty()) {
    report.file_error("file holds no YAML content (only comments or blank lines)", Code::FileEmpty);
    return false;
  }
  return true;
}

}  // namespace threshold::story
