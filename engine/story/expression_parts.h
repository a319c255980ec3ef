// Internal to the expression language: only its parts (expression*.cpp) include this header. It
// holds what they share: the names the language knows by itself (expression_symbols.cpp looks them
// up; the compiler suggests them), the tokens, and the Compiler, whose tokenizer
// (expression_tokens.cpp) and parser (expression_compile.cpp) are two files of one class, and which
// compile_expression, compile_effect (expression.cpp) and compile_text (expression_text.cpp) drive.
// In a namespace of their own, so that short names like Token and Compiler never meet another
// part of the story library's.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "threshold/story/expression.h"
#include "threshold/story/text_position.h"

namespace threshold::story::expression_parts {

using Op = ExprNode::Op;

// ---------------------------------------------------------------------------------------------
// Names the language knows by itself.

struct BuiltinName {
  std::string_view name;
  Builtin builtin;
};
inline constexpr std::array<BuiltinName, 9> kBuiltins{{
    {"day", Builtin::Day},
    {"waited", Builtin::Waited},
    {"held", Builtin::Held},
    {"hesitated", Builtin::Hesitated},
    {"looked", Builtin::Looked},
    {"touched", Builtin::Touched},
    {"turned_away", Builtin::TurnedAway},
    {"silence", Builtin::Silence},
    {"time", Builtin::Time},
}};

struct FunctionName {
  std::string_view name;
  Op op;
  int arity;  // visits and chose take an id, not an expression; they are parsed apart
};
inline constexpr std::array<FunctionName, 7> kFunctions{{
    {"visits", Op::Visits, 1},
    {"chose", Op::Chose, 1},
    {"words", Op::Words, 1},
    {"min", Op::Min, 2},
    {"max", Op::Max, 2},
    {"round", Op::Round, 1},
    {"abs", Op::Abs, 1},
}};

// In expression_symbols.cpp.
const BuiltinName* find_builtin(std::string_view name);
const FunctionName* find_function(std::string_view name);
bool is_keyword(std::string_view name);

// ---------------------------------------------------------------------------------------------
// Tokens.

enum class Tok : uint8_t {
  End,
  Number,
  String,
  Name,
  LParen,
  RParen,
  Comma,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  Assign,
  PlusAssign,
  MinusAssign,
};

struct Token {
  Tok kind = Tok::End;
  size_t begin = 0;  // byte offsets into the compiled text
  size_t end = 0;
  double number = 0;
};

inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// In expression_compile.cpp.
std::string a_type(Type t);
// Whether a string default reads as another type ("0", "true"): the declaration is then the
// likelier mistake.
bool looks_mistyped(const Symbols::Variable& v);
// The note at a variable's declaration under a type error it causes.
std::string declared_as(const Symbols::Variable& v);

inline constexpr int kMaxDepth = 64;  // deeper nesting is a mistake (or an attack), not a story
// Evaluation recurses once per level of the tree, and a long chain like 1 + 1 + ... is as deep
// as it is long; a cap keeps the runtime's stack safe whatever a file holds.
inline constexpr size_t kMaxNodes = 1024;

// ---------------------------------------------------------------------------------------------
// The compiler: one instance per compiled text. Reports the first error it meets and stops,
// so that one typo gives one message, not a cascade.

class Compiler {
 public:
  Compiler(std::string_view text, const Symbols& symbols, SourcePos at, const Sources& sources,
           Diagnostics& diags, int32_t scene = -1)
      : text_(text),
        symbols_(symbols),
        at_(at),
        sources_(sources),
        diags_(diags),
        scene_(scene),
        value_(text) {}

  // The text compiled is the part of a longer YAML value (an `{…}` of a line) that starts at
  // byte `base` of it; `at` is where the value starts.
  void inside(std::string_view value, size_t base) {
    value_ = value;
    base_ = base;
  }

  bool failed() const { return failed_; }
  // The code names a gesture of its own scene (chose(id)): the same text means something else
  // in another scene, so it must not be shared by text.
  bool reads_own_scene() const { return own_scene_; }

  bool tokenize();

  // Parses an expression from the current token to the end of the text.
  // Returns the root node index, or -1 after reporting an error.
  int32_t parse_whole_expression();

  const Token& peek() const { return tokens_[pos_]; }
  const Token& token(size_t i) const { return tokens_[i]; }
  size_t pos() const { return pos_; }
  void advance() {
    if (tokens_[pos_].kind != Tok::End) ++pos_;
  }
  std::string_view spelling(const Token& t) const { return text_.substr(t.begin, t.end - t.begin); }
  size_t node_begin(int32_t node) const { return node_begin_[static_cast<size_t>(node)]; }
  const ExprNode& node(int32_t i) const { return nodes_[static_cast<size_t>(i)]; }
  // Where byte `offset` of the text was written, read back from its file: for a diagnostic.
  SourcePos position(size_t offset) const {
    return position_in_value(sources_, at_, value_, base_ + offset);
  }
  // The same without reading the file, for a position an Expr keeps (text_position.h).
  SourcePos kept_position(size_t offset) const {
    return position_as_plain_text(at_, value_, base_ + offset);
  }
  // Moves the compiled nodes and constants into `e`, the root last (Expr::type and evaluate read
  // nodes.back()); a parenthesised or constant-folded root may not be, so it is copied there.
  void take(int32_t root, ExprCode& e) {
    e.nodes = std::move(nodes_);
    if (static_cast<size_t>(root) != e.nodes.size() - 1) e.nodes.push_back(e.nodes[root]);
    e.nodes.shrink_to_fit();
    e.constants = std::move(constants_);
    e.constants.shrink_to_fit();
  }

  // `code`: what kind of mistake (codes.h); most of what the compiler refuses is syntax.
  void error(size_t offset, std::string message, Code code = Code::ExpressionSyntax) {
    if (failed_) return;
    failed_ = true;
    // An error past the cap is only counted: its position is not read back from the file.
    diags_.error(sources_, diags_.keeps_errors() ? position(offset) : at_, std::move(message),
                 code);
  }

  // An error that every use of `name` repeats (Diagnostics::error_once): reported once for the
  // whole story. Returns whether it was reported here (then notes about the name may follow).
  bool error_once(size_t offset, std::string key, std::string_view name, std::string message,
                  Code code) {
    if (failed_) return false;
    failed_ = true;
    diags_.error_once(
        sources_, std::move(key), " of '" + std::string(name) + "'", at_, base_ + offset,
        [&] { return position(offset); }, std::move(message), code);
    return true;
  }
  void note(SourcePos at, std::string message) {
    diags_.add(sources_, at, Severity::Note, std::move(message));
  }

  // `name` at `offset` is no variable: reported once for all its uses, with the declaration of
  // the variable it is probably meant to be, since the declaration may be what is misspelt.
  void unknown_variable(size_t offset, std::string_view name, bool with_builtins) {
    std::vector<std::string> candidates;
    for (const Symbols::Variable& v : symbols_.variables) candidates.push_back(v.name);
    const std::string variable_match = closest_match(name, candidates);
    for (const BuiltinName& b : kBuiltins) candidates.emplace_back(b.name);
    candidates.emplace_back("true");
    candidates.emplace_back("false");
    // What every use is compared with, effects or not: the note is the same whichever use
    // reports it (the one kept keeps its notes), so the output does not depend on the workers.
    const std::string match = closest_match(name, candidates);
    const std::string& suggested = with_builtins ? match : variable_match;
    if (!error_once(offset, "variable " + std::string(name), name,
                    "unknown variable '" + std::string(name) + "'" +
                        (suggested.empty() ? "" : "; did you mean '" + suggested + "'?"),
                    Code::UnknownVariable)) {
      return;
    }
    const int32_t var = symbols_.find_variable(match);
    if (var < 0) return;
    const SourcePos declared = symbols_.variables[static_cast<size_t>(var)].at;
    if (declared.line > 0) {
      note(declared, "'" + match + "' is declared here; if '" + std::string(name) +
                         "' is the name you meant, correct it here");
    }
  }

  // `name` at `offset`, in `function` (visits(), chose()), is no scene: reported once for all its
  // uses, with where the scene it is probably meant to be is declared, as for a variable.
  void unknown_scene(size_t offset, std::string_view name, std::string_view function) {
    const std::string match = closest_match(name, symbols_.scenes);
    if (!error_once(offset, "scene " + std::string(name), name,
                    "unknown scene '" + std::string(name) + "' in " + std::string(function) +
                        (match.empty() ? "" : "; did you mean '" + match + "'?"),
                    Code::UnknownScene)) {
      return;
    }
    const int32_t scene = symbols_.find_scene(match);
    if (scene < 0 || static_cast<size_t>(scene) >= symbols_.scenes_at.size()) return;
    const SourcePos declared = symbols_.scenes_at[static_cast<size_t>(scene)];
    if (declared.line > 0) {
      note(declared, "'" + match + "' is declared here; if '" + std::string(name) +
                         "' is the name you meant, correct it here");
    }
  }

  // A type error at `offset` that the declared type of variable `var` causes (`courage > 2`,
  // with courage declared "0"): reported once for all the variable's uses, with its declaration.
  // Without a variable (-1), a plain error at that use.
  void type_error(size_t offset, std::string message, int32_t var) {
    if (var < 0) {
      error(offset, std::move(message), Code::TypeMismatch);
      return;
    }
    const Symbols::Variable& v = symbols_.variables[static_cast<size_t>(var)];
    if (error_once(offset, "type of variable " + v.name, v.name, std::move(message),
                   Code::TypeMismatch) &&
        v.at.line > 0) {
      note(v.at, declared_as(v));
    }
  }
  // The variable that node `n` reads, or -1 when it is something else.
  int32_t variable_of(int32_t n) const { return node(n).op == Op::Variable ? node(n).ref : -1; }
  // Which of two operands of the wrong types is a variable to blame: the one that is a variable,
  // or of two variables the one whose default reads as another type; -1 when neither is.
  int32_t blamed(int32_t a, int32_t b) const {
    const int32_t va = variable_of(a);
    const int32_t vb = variable_of(b);
    if (va < 0 || vb < 0) return va < 0 ? vb : va;
    if (looks_mistyped(symbols_.variables[static_cast<size_t>(va)])) return va;
    if (looks_mistyped(symbols_.variables[static_cast<size_t>(vb)])) return vb;
    return -1;
  }

 private:
  // Returns -1 (after reporting) when the expression grows past kMaxNodes.
  int32_t add(Op op, Type type, size_t begin, int32_t a = -1, int32_t b = -1, int32_t ref = -1) {
    if (nodes_.size() >= kMaxNodes) {
      error(begin, "expression too long; split it into smaller conditions or effects");
      return -1;
    }
    ExprNode n;
    n.op = op;
    n.type = type;
    n.a = a;
    n.b = b;
    n.ref = ref;
    nodes_.push_back(std::move(n));
    node_begin_.push_back(begin);
    return static_cast<int32_t>(nodes_.size() - 1);
  }
  // The value of a node made only of numbers and + - * (the divisor in `x / (2 - 2)`), or
  // nothing when it reads the story's state.
  std::optional<double> constant_number(int32_t i) const;
  int32_t add_constant(Value v, size_t begin) {
    const Type t = v.type();
    const int32_t i = add(Op::Constant, t, begin, -1, -1, static_cast<int32_t>(constants_.size()));
    if (i >= 0) constants_.push_back(std::move(v));
    return i;
  }

  bool is_word(const Token& t, std::string_view word) const {
    return t.kind == Tok::Name && spelling(t) == word;
  }

  // Checks that `node` has type `want`; `what` completes "expected ..., but this expression is".
  bool expect_type(int32_t n, Type want, const std::string& what) {
    if (node(n).type == want) return true;
    type_error(node_begin(n), what + ", but this expression is " + a_type(node(n).type),
               variable_of(n));
    return false;
  }

  int32_t parse_or();
  int32_t parse_and();
  int32_t parse_not();
  int32_t parse_cmp();
  int32_t parse_sum();
  int32_t parse_product();
  int32_t parse_unary();
  int32_t parse_atom();
  int32_t parse_call(const Token& name);
  int32_t parse_visits(const Token& name, const Token& lparen);
  int32_t parse_chose(const Token& name, const Token& lparen);
  int32_t missing_expression();

  std::string_view text_;
  const Symbols& symbols_;
  SourcePos at_;
  const Sources& sources_;
  Diagnostics& diags_;
  int32_t scene_ = -1;
  std::string_view value_;  // the YAML value text_ is part of, from its byte base_
  size_t base_ = 0;
  bool own_scene_ = false;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  bool failed_ = false;
  std::vector<ExprNode> nodes_;
  std::vector<Value> constants_;    // of the Constant nodes, by their ref
  std::vector<size_t> node_begin_;  // where each node's source begins, for diagnostics
};

// In expression.cpp: compile_expression() of `text`, which starts at byte `base` of the YAML value
// `value` that starts at `at` (the whole value: base 0). compile_text compiles its `{...}`s so.
std::optional<Expr> compile_expression_inside(std::string_view text, std::string_view value,
                                              size_t base, const Symbols& symbols,
                                              std::optional<Type> expected, SourcePos at,
                                              const Sources& sources, Diagnostics& diags,
                                              StringPool* pool, int32_t scene);

}  // namespace threshold::story::expression_parts
