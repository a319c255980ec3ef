// Lines of text with `{...}` interpolations: compile_text finds the `{expr}`s (and `{{`, `}}`)
// and compiles each with the expression compiler; Text renders a line against an Env and
// counts its words for pacing. Apart from expressions: most lines have no `{}`, and their
// literals are views into the StringPool (string_pool.cpp).
#include <algorithm>
#include <memory>
#include <utility>

#include "expression_parts.h"

namespace threshold::story {

using expression_parts::compile_expression_inside;
using expression_parts::is_space;

namespace {

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return is_space(c); });
}

}  // namespace

std::optional<Text> compile_text(std::string_view text, const Symbols& symbols, SourcePos at,
                                 const Sources& sources, Diagnostics& diags, StringPool* pool,
                                 int32_t scene) {
  // Literal runs as they are found: their unescaped characters, and, when they are exactly the
  // characters of `text` from `start` (no doubled braces), that offset, so that they can stay
  // views of the text.
  struct Piece {
    std::string literal;
    size_t start = 0;
    bool verbatim = true;
    HeapOptional<Expr> expr;
  };
  std::vector<Piece> pieces;
  Piece run;
  bool ok = true;
  auto flush = [&] {
    if (!run.literal.empty()) pieces.push_back(std::move(run));
    run = Piece{};
  };
  auto add_literal = [&](size_t offset, char c, bool escaped) {
    if (run.literal.empty()) run.start = offset;
    run.literal += c;
    run.verbatim = run.verbatim && !escaped;
  };
  auto error = [&](size_t offset, std::string message) {
    diags.error(sources, diags.keeps_errors() ? position_in_value(sources, at, text, offset) : at,
                std::move(message), Code::ExpressionSyntax);
    ok = false;
  };

  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '{' && next == '{') {
      add_literal(i, '{', true);
      i += 2;
    } else if (c == '}' && next == '}') {
      add_literal(i, '}', true);
      i += 2;
    } else if (c == '}') {
      error(i, "unmatched '}' in text; write '}}' for a literal brace");
      ++i;
    } else if (c == '{') {
      // The interpolation ends at the first '}' outside a quoted string.
      size_t j = i + 1;
      char quote = '\0';
      for (; j < text.size(); ++j) {
        const char d = text[j];
        if (quote) {
          if (d == quote) quote = '\0';
        } else if (d == '\'' || d == '"') {
          quote = d;
        } else if (d == '}') {
          break;
        }
      }
      if (j >= text.size()) {
        error(i, "unclosed '{' in text; write '{{' for a literal brace");
        break;
      }
      const std::string_view inner = text.substr(i + 1, j - i - 1);
      if (is_blank(inner)) {
        error(i,
              "empty '{}' in text; put an expression inside, or write '{{' and '}}' for "
              "braces");
      } else {
        std::optional<Expr> e = compile_expression_inside(inner, text, i + 1, symbols, std::nullopt,
                                                          at, sources, diags, pool, scene);
        if (e) {
          flush();
          Piece p;
          p.expr = std::move(*e);
          pieces.push_back(std::move(p));
        } else {
          ok = false;
        }
      }
      i = j + 1;
    } else {
      add_literal(i, c, false);
      ++i;
    }
  }
  if (!ok) return std::nullopt;
  const bool interpolated = !pieces.empty();
  flush();
  Text result;
  if (!interpolated && pool != nullptr) {
    const std::string_view literal =
        pieces.empty() ? std::string_view() : std::string_view(pieces.front().literal);
    result.plain = pool->intern(literal);
    return result;
  }
  TextParts parts;
  parts.reserve(pieces.size());
  if (pool != nullptr) {
    const bool text_kept = pool->owns(text);
    for (Piece& p : pieces) {
      TextPart part;
      if (p.expr) {
        part.expr = std::move(p.expr);
      } else if (text_kept && p.verbatim) {
        part.literal = text.substr(p.start, p.literal.size());
      } else {
        part.literal = pool->intern(p.literal);
      }
      parts.push_back(std::move(part));
    }
  } else {
    // All the literals in one string the parts share; views are taken once it is complete.
    auto chars = std::make_shared<std::string>();
    for (const Piece& p : pieces) *chars += p.literal;
    size_t offset = 0;
    for (Piece& p : pieces) {
      TextPart part;
      if (p.expr) {
        part.expr = std::move(p.expr);
      } else {
        part.literal = std::string_view(*chars).substr(offset, p.literal.size());
        offset += p.literal.size();
      }
      parts.push_back(std::move(part));
    }
    parts.chars = std::move(chars);
  }
  result.parts = std::move(parts);
  return result;
}

std::string Text::render(const Env& env) const {
  if (!parts) return std::string(plain);
  const TextParts* shown = &*parts;
  if (parts->plural && !parts->plural->forms.empty()) {
    const PluralForms& plural = *parts->plural;
    const Value n = plural.count.evaluate(env);
    const size_t form =
        n.type() == Type::Number && plural.choose ? plural.choose->form(n.number()) : 0;
    shown = &plural.forms[std::min(form, plural.forms.size() - 1)];
  }
  std::string out;
  for (const Part& p : *shown) {
    if (p.expr) {
      out += p.expr->evaluate(env).to_text();
    } else {
      out += p.literal;
    }
  }
  return out;
}

size_t Text::word_count() const {
  // An interpolation reads as one word, and joins the word it touches: "{n}th" is one word.
  size_t words = 0;
  bool in_word = false;
  auto count = [&](std::string_view literal) {
    for (char c : literal) {
      if (is_space(c)) {
        in_word = false;
      } else if (!in_word) {
        ++words;
        in_word = true;
      }
    }
  };
  if (!parts) {
    count(plain);
    return words;
  }
  for (const Part& p : *parts) {
    if (p.expr) {
      if (!in_word) ++words;
      in_word = true;
      continue;
    }
    count(p.literal);
  }
  return words;
}

}  // namespace threshold::story
