// The expression language's tokenizer: a text into numbers, strings, names and operators, with
// the mistakes writers from other languages make ('!', '&&', '||') refused by name. The first
// step of the Compiler (expression_parts.h), apart from the parser (expression_compile.cpp),
// which sees tokens only.
#include <charconv>
#include <system_error>

#include "expression_parts.h"

namespace threshold::story::expression_parts {

namespace {

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_name_char(char c) {
  return is_name_start(c) || is_digit(c);
}

}  // namespace

bool Compiler::tokenize() {
  size_t i = 0;
  const size_t n = text_.size();
  while (true) {
    while (i < n && is_space(text_[i])) ++i;
    Token t;
    t.begin = i;
    if (i >= n) {
      t.kind = Tok::End;
      t.end = i;
      tokens_.push_back(t);
      return true;
    }
    const char c = text_[i];
    const char next = i + 1 < n ? text_[i + 1] : '\0';
    if (is_digit(c) || (c == '.' && is_digit(next))) {
      size_t j = i;
      while (j < n && is_digit(text_[j])) ++j;
      if (j < n && text_[j] == '.' && j + 1 < n && is_digit(text_[j + 1])) {
        ++j;
        while (j < n && is_digit(text_[j])) ++j;
      }
      double value = 0;
      const auto result = std::from_chars(text_.data() + i, text_.data() + j, value);
      if (result.ec != std::errc()) {
        error(i, "'" + std::string(text_.substr(i, j - i)) + "' is not a number I can use");
        return false;
      }
      t.kind = Tok::Number;
      t.number = value;
      t.end = j;
    } else if (is_name_start(c)) {
      size_t j = i;
      while (j < n && is_name_char(text_[j])) ++j;
      // `scene.gesture`, for chose(): one dotted name (anywhere else it is an unknown name).
      if (j + 1 < n && text_[j] == '.' && is_name_start(text_[j + 1])) {
        ++j;
        while (j < n && is_name_char(text_[j])) ++j;
      }
      t.kind = Tok::Name;
      t.end = j;
    } else if (c == '\'' || c == '"') {
      const size_t close = text_.find(c, i + 1);
      if (close == std::string_view::npos) {
        error(i, "unterminated string");
        return false;
      }
      t.kind = Tok::String;
      t.end = close + 1;
    } else {
      size_t len = 1;
      switch (c) {
        case '(':
          t.kind = Tok::LParen;
          break;
        case ')':
          t.kind = Tok::RParen;
          break;
        case ',':
          t.kind = Tok::Comma;
          break;
        case '*':
          t.kind = Tok::Star;
          break;
        case '/':
          t.kind = Tok::Slash;
          break;
        case '%':
          t.kind = Tok::Percent;
          break;
        case '+':
          if (next == '=') {
            t.kind = Tok::PlusAssign;
            len = 2;
          } else {
            t.kind = Tok::Plus;
          }
          break;
        case '-':
          if (next == '=') {
            t.kind = Tok::MinusAssign;
            len = 2;
          } else {
            t.kind = Tok::Minus;
          }
          break;
        case '=':
          if (next == '=') {
            t.kind = Tok::Eq;
            len = 2;
          } else {
            t.kind = Tok::Assign;
          }
          break;
        case '<':
          if (next == '=') {
            t.kind = Tok::Le;
            len = 2;
          } else {
            t.kind = Tok::Lt;
          }
          break;
        case '>':
          if (next == '=') {
            t.kind = Tok::Ge;
            len = 2;
          } else {
            t.kind = Tok::Gt;
          }
          break;
        case '!':
          if (next == '=') {
            t.kind = Tok::Ne;
            len = 2;
          } else {
            error(i, "unexpected '!'; write 'not' to negate a condition");
            return false;
          }
          break;
        case '&':
          error(i, next == '&' ? "unexpected '&&'; write 'and' to join conditions"
                               : "unexpected character '&'");
          return false;
        case '|':
          error(i, next == '|' ? "unexpected '||'; write 'or' to join conditions"
                               : "unexpected character '|'");
          return false;
        default: {
          // Quote the whole character, even when it takes several bytes of UTF-8.
          size_t j = i + 1;
          while (j < n && (static_cast<unsigned char>(text_[j]) & 0xC0) == 0x80) ++j;
          error(i, "unexpected character '" + std::string(text_.substr(i, j - i)) + "'");
          return false;
        }
      }
      t.end = i + len;
    }
    tokens_.push_back(t);
    i = t.end;
  }
}

}  // namespace threshold::story::expression_parts
