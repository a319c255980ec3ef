// Replaying a YAML scalar's source up to one character of its value (text_position.h). Nothing
// is stored per character: a value's position is worked out only when a diagnostic needs it,
// from the lines of its file.
#include "threshold/story/text_position.h"

#include <algorithm>

namespace threshold::story {

namespace {

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

// The 1-based column of byte `p` of `line`: characters, not bytes.
int32_t column_of(std::string_view line, size_t p) {
  int32_t column = 1;
  for (size_t k = 0; k < p && k < line.size(); ++k) {
    if (!is_continuation(line[k])) ++column;
  }
  return column;
}

// The byte where 1-based character `column` of `line` begins; npos past the end of the line
// (one past its last character is still a place: the end).
size_t byte_of_column(std::string_view line, int32_t column) {
  int32_t c = 1;
  for (size_t k = 0; k < line.size(); ++k) {
    if (is_continuation(line[k])) continue;
    if (c == column) return k;
    ++c;
  }
  return c == column ? line.size() : std::string_view::npos;
}

// The value read as plain text from its start: what positions were before styles were known.
SourcePos linear(std::string_view value, SourcePos start, size_t offset) {
  int32_t line = start.line;
  int32_t column = start.column;
  for (size_t i = 0; i < offset && i < value.size(); ++i) {
    if (value[i] == '\n') {
      ++line;
      column = 1;
    } else if (!is_continuation(value[i])) {
      ++column;
    }
  }
  return SourcePos(start.file, line, column);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct Escape {
  size_t source = 2;  // bytes of the escape in the line, the backslash included
  size_t value = 1;   // bytes it became in the value
};

// The double-quoted escape at line[p] == '\\' (not one that ends the line), as yaml-cpp
// unescapes it: \x, \u and \U as the UTF-8 of their code point, \L and \P as three bytes, the
// others as one.
Escape escape_at(std::string_view line, size_t p) {
  Escape e;
  const char c = p + 1 < line.size() ? line[p + 1] : '\0';
  size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  if (digits > 0) {
    uint32_t code = 0;
    size_t k = 0;
    for (; k < digits && p + 2 + k < line.size(); ++k) {
      const int d = hex_digit(line[p + 2 + k]);
      if (d < 0) break;
      code = code * 16 + static_cast<uint32_t>(d);
    }
    e.source = 2 + k;
    e.value = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  } else if (c == 'L' || c == 'P') {
    e.value = 3;
  }
  return e;
}

bool rest_is_blank(std::string_view line, size_t p) {
  return std::all_of(line.begin() + static_cast<std::ptrdiff_t>(std::min(p, line.size())),
                     line.end(), is_blank);
}

size_t skip_blanks(std::string_view line, size_t p) {
  while (p < line.size() && is_blank(line[p])) ++p;
  return p;
}

}  // namespace

SourcePos position_in_value(const LineReader& lines, SourcePos start, std::string_view value,
                            size_t offset) {
  offset = std::min(offset, value.size());
  const TextStyle style = start.text_style();
  if (style == TextStyle::None || start.line <= 0) return linear(value, start, offset);
  const bool block = style == TextStyle::Literal || style == TextStyle::Folded;

  size_t i = 0;  // in value
  int32_t line_number = start.line;
  if (block) {
    // The blank lines a block scalar starts with are '\n's before its first line of text.
    const size_t lead = std::min(value.find_first_not_of('\n'), value.size());
    if (offset < lead) {
      return SourcePos(start.file, start.line - static_cast<int32_t>(lead - offset), 1);
    }
    i = lead;
    // The line breaks a block keeps at its end (`|`, `>+`) belong to no line of text: the end of
    // the value is just after its last character.
    offset = std::min(offset, std::max(value.find_last_not_of('\n') + 1, lead));
  }
  std::string line = lines(line_number);
  size_t p = byte_of_column(line, start.column);  // in line
  if (p == std::string_view::npos) return linear(value, start, offset);
  size_t indent = 0;
  if (block) {
    // With an indentation indicator (`|2`) the first line may begin with spaces of its own.
    const size_t spaces = std::min(value.find_first_not_of(' ', i), value.size()) - i;
    if (spaces > p) return linear(value, start, offset);
    p -= spaces;
    indent = p;
  }
  auto next_line = [&] {
    line = lines(++line_number);
    p = block ? std::min(indent, line.size()) : skip_blanks(line, 0);
  };
  // Every line break of the source takes a character of the value, but for the one before blank
  // lines in folded text and an escaped break. More lines that give nothing are not this value's
  // (the file ends, or was edited since): then the value is counted as plain text.
  int idle = 0;
  auto consume_break = [&](bool taken) {
    if (taken) {
      ++i;
      idle = 0;
    }
    return ++idle <= 2;
  };

  while (i < offset) {
    if (block) {
      if (p >= line.size()) {
        // The line break: '\n', or a space where a folded block joins two lines.
        if (!consume_break(value[i] == '\n' || (style == TextStyle::Folded && value[i] == ' '))) {
          return linear(value, start, offset);
        }
        next_line();
        continue;
      }
      ++i;
      ++p;
      idle = 0;
      continue;
    }
    if (rest_is_blank(line, p)) {
      // A line break in flow text: one space, or a '\n' for each blank line that follows.
      if (!consume_break(value[i] == ' ' || value[i] == '\n')) return linear(value, start, offset);
      next_line();
      continue;
    }
    const char c = line[p];
    if (style == TextStyle::DoubleQuoted && c == '\\') {
      if (p + 1 == line.size()) {  // an escaped line break joins the lines with nothing
        if (!consume_break(false)) return linear(value, start, offset);
        next_line();
        continue;
      }
      const Escape e = escape_at(line, p);
      if (offset < i + e.value) break;  // inside the escape: at its backslash
      i += e.value;
      p += e.source;
      idle = 0;
      continue;
    }
    if (style == TextStyle::SingleQuoted && c == '\'' && p + 1 < line.size() &&
        line[p + 1] == '\'') {
      ++i;
      p += 2;
      idle = 0;
      continue;
    }
    ++i;
    ++p;
    idle = 0;
  }
  return SourcePos(start.file, line_number, column_of(line, p));
}

SourcePos position_as_plain_text(SourcePos start, std::string_view value, size_t offset) {
  return linear(value, start, offset);
}

SourcePos position_in_value(const Sources& sources, SourcePos start, std::string_view value,
                            size_t offset) {
  if (start.file < 0 || static_cast<size_t>(start.file) >= sources.size()) {
    return position_in_value([](int32_t) { return std::string(); }, start, value, offset);
  }
  return position_in_value([&](int32_t n) { return sources.line(start.file, n); }, start, value,
                           offset);
}

}  // namespace threshold::story
