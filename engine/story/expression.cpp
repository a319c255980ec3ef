// The expression language's public face (expression.h, expr.h): an Expr's code, and compiling
// an expression or an effect from its text, checking the whole against the type it must have.
// The parts it drives are apart: names (expression_symbols.cpp), tokens and parser
// (expression_tokens.cpp, expression_compile.cpp, sharing expression_parts.h), evaluation
// (expression_eval.cpp), `{...}` in text (expression_text.cpp), words(n) (expression_words.cpp)
// and the StringPool (string_pool.cpp).
#include "threshold/story/expression.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "expression_parts.h"

namespace threshold::story {

using expression_parts::a_type;
using expression_parts::compile_expression_inside;
using expression_parts::Compiler;
using expression_parts::find_builtin;
using expression_parts::is_keyword;
using expression_parts::looks_mistyped;
using expression_parts::Op;
using expression_parts::Tok;
using expression_parts::Token;

Expr::Expr(std::string source, SourcePos where)
    : at(where), code_(std::make_shared<const ExprCode>(ExprCode{{}, {}, std::move(source)})) {}

const std::vector<ExprNode>& Expr::nodes() const {
  static const std::vector<ExprNode> none;
  return code_ ? code_->nodes : none;
}

const std::vector<Value>& Expr::constants() const {
  static const std::vector<Value> none;
  return code_ ? code_->constants : none;
}

const std::string& Expr::source() const {
  static const std::string none;
  return code_ ? code_->source : none;
}

std::vector<int32_t> Expr::reads() const {
  std::vector<int32_t> vars;
  for (const ExprNode& n : nodes()) {
    if (n.op == Op::Variable && std::find(vars.begin(), vars.end(), n.ref) == vars.end()) {
      vars.push_back(n.ref);
    }
  }
  return vars;
}

namespace {

std::string expected_message(Type t) {
  switch (t) {
    case Type::Bool:
      return "expected a bool condition";
    case Type::Number:
      return "expected a number";
    case Type::String:
      return "expected a string";
  }
  return "expected a value";
}

}  // namespace

namespace expression_parts {

std::optional<Expr> compile_expression_inside(std::string_view text, std::string_view value,
                                              size_t base, const Symbols& symbols,
                                              std::optional<Type> expected, SourcePos at,
                                              const Sources& sources, Diagnostics& diags,
                                              StringPool* pool, int32_t scene) {
  Compiler c(text, symbols, at, sources, diags, scene);
  c.inside(value, base);
  if (!c.tokenize()) return std::nullopt;
  const int32_t root = c.parse_whole_expression();
  if (root < 0) return std::nullopt;
  if (expected && c.node(root).type != *expected) {
    c.type_error(
        c.node_begin(root),
        expected_message(*expected) + ", but this expression is " + a_type(c.node(root).type),
        c.variable_of(root));
    return std::nullopt;
  }
  ExprCode code;
  c.take(root, code);
  code.source = std::string(text);
  Expr e(std::make_shared<const ExprCode>(std::move(code)), base == 0 ? at : c.kept_position(0));
  if (pool != nullptr && !c.reads_own_scene()) pool->share(e);
  return e;
}

}  // namespace expression_parts

std::optional<Expr> compile_expression(std::string_view text, const Symbols& symbols,
                                       std::optional<Type> expected, SourcePos at,
                                       const Sources& sources, Diagnostics& diags, StringPool* pool,
                                       int32_t scene) {
  return compile_expression_inside(text, text, 0, symbols, expected, at, sources, diags, pool,
                                   scene);
}

std::optional<Effect> compile_effect(std::string_view text, const Symbols& symbols, SourcePos at,
                                     const Sources& sources, Diagnostics& diags, StringPool* pool,
                                     int32_t scene) {
  Compiler c(text, symbols, at, sources, diags, scene);
  if (!c.tokenize()) return std::nullopt;
  const Token name = c.peek();
  const std::string_view var_name = c.spelling(name);
  if (name.kind != Tok::Name || is_keyword(var_name)) {
    c.error(name.begin, name.kind == Tok::End
                            ? "expected an effect, like 'courage += 1'"
                            : "expected a variable name at the start of an effect, like "
                              "'courage += 1'");
    return std::nullopt;
  }
  const int32_t var = symbols.find_variable(var_name);
  if (var < 0) {
    if (find_builtin(var_name)) {
      c.error(
          name.begin,
          "'" + std::string(var_name) + "' is counted by the engine; an effect cannot change it",
          Code::TypeMismatch);
    } else {
      c.unknown_variable(name.begin, var_name, false);
    }
    return std::nullopt;
  }
  c.advance();
  const Token op_token = c.peek();
  Effect effect;
  effect.variable = var;
  switch (op_token.kind) {
    case Tok::Assign:
      effect.op = Effect::Op::Set;
      break;
    case Tok::PlusAssign:
      effect.op = Effect::Op::Add;
      break;
    case Tok::MinusAssign:
      effect.op = Effect::Op::Sub;
      break;
    case Tok::Eq:
      c.error(op_token.begin, "'==' compares; to set a variable, write '='");
      return std::nullopt;
    case Tok::End:
      c.error(op_token.begin, "expected '=', '+=' or '-=' after '" + std::string(var_name) + "'");
      return std::nullopt;
    default:
      c.error(op_token.begin, "expected '=', '+=' or '-=' after '" + std::string(var_name) +
                                  "', not '" + std::string(c.spelling(op_token)) + "'");
      return std::nullopt;
  }
  const Type var_type = symbols.variables[static_cast<size_t>(var)].type;
  const std::string op_spelling(c.spelling(op_token));
  if (effect.op != Effect::Op::Set && var_type != Type::Number) {
    c.type_error(op_token.begin,
                 "'" + op_spelling + "' needs a number variable, but '" + std::string(var_name) +
                     "' is " + a_type(var_type),
                 var);
    return std::nullopt;
  }
  c.advance();
  const size_t value_begin = c.peek().begin;
  const int32_t root = c.parse_whole_expression();
  if (root < 0) return std::nullopt;
  const Type value_type = c.node(root).type;
  if (value_type != var_type) {
    // `courage = 1` with courage declared "0" is the declaration's mistake; `n += name`, the
    // value's, when it reads a variable.
    if (effect.op == Effect::Op::Set) {
      c.type_error(
          c.node_begin(root),
          "cannot set '" + std::string(var_name) + "' (" + a_type(var_type) + ") to " +
              a_type(value_type),
          looks_mistyped(symbols.variables[static_cast<size_t>(var)]) || c.variable_of(root) < 0
              ? var
              : c.variable_of(root));
    } else {
      c.type_error(
          c.node_begin(root),
          "'" + op_spelling + "' needs a number, but this expression is " + a_type(value_type),
          c.variable_of(root));
    }
    return std::nullopt;
  }
  ExprCode code;
  c.take(root, code);
  code.source = std::string(text.substr(value_begin));
  effect.value =
      Expr(std::make_shared<const ExprCode>(std::move(code)), c.kept_position(value_begin));
  if (pool != nullptr && !c.reads_own_scene()) pool->share(effect.value);
  effect.at = at;
  return effect;
}

}  // namespace threshold::story
