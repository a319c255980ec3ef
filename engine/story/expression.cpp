// The expression language: a tokenizer, a recursive-descent parser that type-checks as it builds
// a flat node vector, and an evaluator that walks that vector by index. Compiling happens once,
// at load time, and may allocate freely; evaluating happens every frame, so numbers and booleans
// are evaluated without touching the heap.
#include "engine/story/expression.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <utility>

#include "engine/story/text_position.h"

namespace threshold::story {

int32_t Symbols::find_variable(std::string_view name) const {
  for (size_t i = 0; i < variables.size(); ++i) {
    if (variables[i].name == name) return static_cast<int32_t>(i);
  }
  return -1;
}

int32_t Symbols::find_scene(std::string_view name) const {
  if (indexed_ == scenes.size() && !scene_index_.empty()) {
    const size_t mask = scene_index_.size() - 1;
    for (size_t i = std::hash<std::string_view>()(name) & mask; scene_index_[i] >= 0;
         i = (i + 1) & mask) {
      if (scenes[static_cast<size_t>(scene_index_[i])] == name) return scene_index_[i];
    }
    return -1;
  }
  for (size_t i = 0; i < scenes.size(); ++i) {
    if (scenes[i] == name) return static_cast<int32_t>(i);
  }
  return -1;
}

namespace {
class ConstantEnv final : public Env {
 public:
  const Value& variable(int32_t) const override { return zero_; }
  double builtin(Builtin) const override { return 0; }
  double visits(int32_t) const override { return 0; }

 private:
  Value zero_;
};
}  // namespace

const Env& constant_env() {
  static const ConstantEnv env;
  return env;
}

int32_t Symbols::find_gesture(int32_t scene, std::string_view id) const {
  if (scene < 0 || static_cast<size_t>(scene) >= gestures.size() ||
      static_cast<size_t>(scene) >= gesture_first_.size()) {
    return -1;
  }
  const std::vector<std::string>& ids = gestures[static_cast<size_t>(scene)];
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] == id) return gesture_first_[static_cast<size_t>(scene)] + static_cast<int32_t>(i);
  }
  return -1;
}

std::pair<int32_t, std::string_view> Symbols::gesture_of_key(int32_t key) const {
  if (key < 0 || gesture_first_.empty()) return {-1, {}};
  // The last scene whose first key is not after `key`.
  const auto it = std::upper_bound(gesture_first_.begin(), gesture_first_.end(), key);
  const auto scene = static_cast<size_t>(it - gesture_first_.begin()) - 1;
  const auto i = static_cast<size_t>(key - gesture_first_[scene]);
  if (scene >= gestures.size() || i >= gestures[scene].size()) return {-1, {}};
  return {static_cast<int32_t>(scene), gestures[scene][i]};
}

void Symbols::index_gestures() {
  gesture_first_.resize(gestures.size());
  int32_t next = 0;
  for (size_t s = 0; s < gestures.size(); ++s) {
    gesture_first_[s] = next;
    next += static_cast<int32_t>(gestures[s].size());
  }
}

void Symbols::index_scenes() {
  size_t slots = 16;
  while (slots < scenes.size() * 2) slots *= 2;  // at most half full: short probes
  scene_index_.assign(slots, -1);
  const size_t mask = slots - 1;
  for (size_t s = 0; s < scenes.size(); ++s) {
    size_t i = std::hash<std::string_view>()(scenes[s]) & mask;
    // The first of two equal ids wins, as in the linear search (duplicates are errors anyway).
    while (scene_index_[i] >= 0 && scenes[static_cast<size_t>(scene_index_[i])] != scenes[s]) {
      i = (i + 1) & mask;
    }
    if (scene_index_[i] < 0) scene_index_[i] = static_cast<int32_t>(s);
  }
  indexed_ = scenes.size();
}

namespace {

using Op = ExprNode::Op;

// ---------------------------------------------------------------------------------------------
// Names the language knows by itself.

struct BuiltinName {
  std::string_view name;
  Builtin builtin;
};
constexpr std::array<BuiltinName, 9> kBuiltins{{
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
constexpr std::array<FunctionName, 7> kFunctions{{
    {"visits", Op::Visits, 1},
    {"chose", Op::Chose, 1},
    {"words", Op::Words, 1},
    {"min", Op::Min, 2},
    {"max", Op::Max, 2},
    {"round", Op::Round, 1},
    {"abs", Op::Abs, 1},
}};

const BuiltinName* find_builtin(std::string_view name) {
  for (const BuiltinName& b : kBuiltins) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

const FunctionName* find_function(std::string_view name) {
  for (const FunctionName& f : kFunctions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool is_keyword(std::string_view name) {
  return name == "and" || name == "or" || name == "not" || name == "true" || name == "false";
}

std::string a_type(Type t) {
  return std::string("a ") + type_name(t);
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string match = closest_match(word, candidates);
  return match.empty() ? std::string() : "; did you mean '" + match + "'?";
}

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

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_name_char(char c) {
  return is_name_start(c) || is_digit(c);
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// What a string default reads as when it lost its meaning to quotes ("0" is a number,
// "true" a bool): the type the writer probably meant, or nothing.
std::optional<Type> type_in_quotes(const Value& initial) {
  const std::string* s = std::get_if<std::string>(&initial.v);
  if (s == nullptr || s->empty()) return std::nullopt;
  if (*s == "true" || *s == "false") return Type::Bool;
  double x = 0;
  const char* begin = s->data() + (s->front() == '-' ? 1 : 0);
  const auto r = std::from_chars(begin, s->data() + s->size(), x);
  if (r.ec == std::errc() && r.ptr == s->data() + s->size() && begin != r.ptr) return Type::Number;
  return std::nullopt;
}

bool looks_mistyped(const Symbols::Variable& v) {
  return type_in_quotes(v.initial).has_value();
}

// The note at a variable's declaration under a type error it causes.
std::string declared_as(const Symbols::Variable& v) {
  std::string out = "'" + v.name + "' is declared here as " + a_type(v.type);
  const std::string shown = v.initial.to_text();
  if (shown.size() <= 24) {
    out += v.type == Type::String ? " (\"" + shown + "\")" : " (" + shown + ")";
  }
  if (std::optional<Type> meant = type_in_quotes(v.initial)) {
    out += std::string("; a ") + type_name(*meant) + " is written without quotes: " + v.name +
           ": " + shown;
  }
  return out;
}

constexpr int kMaxDepth = 64;  // deeper nesting is a mistake (or an attack), not a story
// Evaluation recurses once per level of the tree, and a long chain like 1 + 1 + ... is as deep
// as it is long; a cap keeps the runtime's stack safe whatever a file holds.
constexpr size_t kMaxNodes = 1024;

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

int32_t Compiler::parse_whole_expression() {
  const int32_t root = parse_or();
  if (root < 0) return -1;
  const Token& t = peek();
  switch (t.kind) {
    case Tok::End:
      return root;
    case Tok::Assign:
      error(t.begin, "'=' sets a variable; to compare, write '=='");
      return -1;
    case Tok::PlusAssign:
    case Tok::MinusAssign:
      error(t.begin, "'" + std::string(spelling(t)) + "' belongs in an effect ('set:'), not here");
      return -1;
    default:
      error(t.begin, "unexpected '" + std::string(spelling(t)) + "'");
      return -1;
  }
}

int32_t Compiler::parse_or() {
  int32_t left = parse_and();
  while (left >= 0 && is_word(peek(), "or")) {
    advance();
    const int32_t right = parse_and();
    if (right < 0) return -1;
    const std::string what = "expected a bool condition on each side of 'or'";
    if (!expect_type(left, Type::Bool, what) || !expect_type(right, Type::Bool, what)) return -1;
    left = add(Op::Or, Type::Bool, node_begin(left), left, right);
  }
  return left;
}

int32_t Compiler::parse_and() {
  int32_t left = parse_not();
  while (left >= 0 && is_word(peek(), "and")) {
    advance();
    const int32_t right = parse_not();
    if (right < 0) return -1;
    const std::string what = "expected a bool condition on each side of 'and'";
    if (!expect_type(left, Type::Bool, what) || !expect_type(right, Type::Bool, what)) return -1;
    left = add(Op::And, Type::Bool, node_begin(left), left, right);
  }
  return left;
}

int32_t Compiler::parse_not() {
  if (!is_word(peek(), "not")) return parse_cmp();
  const size_t begin = peek().begin;
  advance();
  if (++depth_ > kMaxDepth) {
    error(begin, "expression nested too deeply");
    return -1;
  }
  const int32_t operand = parse_not();
  --depth_;
  if (operand < 0) return -1;
  if (!expect_type(operand, Type::Bool, "expected a bool condition after 'not'")) return -1;
  return add(Op::Not, Type::Bool, begin, operand);
}

int32_t Compiler::parse_cmp() {
  const int32_t left = parse_sum();
  if (left < 0) return -1;
  Op op;
  switch (peek().kind) {
    case Tok::Eq:
      op = Op::Eq;
      break;
    case Tok::Ne:
      op = Op::Ne;
      break;
    case Tok::Lt:
      op = Op::Lt;
      break;
    case Tok::Le:
      op = Op::Le;
      break;
    case Tok::Gt:
      op = Op::Gt;
      break;
    case Tok::Ge:
      op = Op::Ge;
      break;
    default:
      return left;
  }
  const Token op_token = peek();
  advance();
  const int32_t right = parse_sum();
  if (right < 0) return -1;
  const Type lt = node(left).type;
  const Type rt = node(right).type;
  if (lt != rt) {
    type_error(op_token.begin, "cannot compare " + a_type(lt) + " with " + a_type(rt),
               blamed(left, right));
    return -1;
  }
  if (op != Op::Eq && op != Op::Ne && lt != Type::Number) {
    type_error(
        op_token.begin,
        "'" + std::string(spelling(op_token)) + "' compares numbers, not " + type_name(lt) + "s",
        blamed(left, right));
    return -1;
  }
  switch (peek().kind) {
    case Tok::Eq:
    case Tok::Ne:
    case Tok::Lt:
    case Tok::Le:
    case Tok::Gt:
    case Tok::Ge:
      error(peek().begin, "comparisons do not chain; join two comparisons with 'and'");
      return -1;
    default:
      break;
  }
  return add(op, Type::Bool, node_begin(left), left, right);
}

int32_t Compiler::parse_sum() {
  int32_t left = parse_product();
  while (left >= 0 && (peek().kind == Tok::Plus || peek().kind == Tok::Minus)) {
    const Token op_token = peek();
    advance();
    const int32_t right = parse_product();
    if (right < 0) return -1;
    const Type lt = node(left).type;
    const Type rt = node(right).type;
    if (op_token.kind == Tok::Plus) {
      if (lt == Type::Bool || rt == Type::Bool) {
        expect_type(lt == Type::Bool ? left : right, Type::Number,
                    "'+' adds numbers or joins strings");
        return -1;
      }
      if (lt != rt) {
        type_error(op_token.begin,
                   "cannot add " + a_type(lt) + " and " + a_type(rt) +
                       "; '+' adds numbers or joins strings",
                   blamed(left, right));
        return -1;
      }
      left = add(lt == Type::String ? Op::Concat : Op::Add, lt, node_begin(left), left, right);
    } else {
      const std::string what = "'-' needs numbers";
      if (!expect_type(left, Type::Number, what) || !expect_type(right, Type::Number, what)) {
        return -1;
      }
      left = add(Op::Sub, Type::Number, node_begin(left), left, right);
    }
  }
  return left;
}

int32_t Compiler::parse_product() {
  int32_t left = parse_unary();
  while (left >= 0) {
    Op op;
    switch (peek().kind) {
      case Tok::Star:
        op = Op::Mul;
        break;
      case Tok::Slash:
        op = Op::Div;
        break;
      case Tok::Percent:
        op = Op::Mod;
        break;
      default:
        return left;
    }
    const std::string what = "'" + std::string(spelling(peek())) + "' needs numbers";
    advance();
    const size_t divisor_begin = peek().begin;  // the '(' of a parenthesised one
    const int32_t right = parse_unary();
    if (right < 0) return -1;
    if (!expect_type(left, Type::Number, what) || !expect_type(right, Type::Number, what)) {
      return -1;
    }
    if (op != Op::Mul) {
      // A divisor that is always 0 is a mistake to show now, at the divisor, not a 0 in play.
      if (std::optional<double> d = constant_number(right); d && *d == 0.0) {
        const size_t divisor_end = token(pos() - 1).end;
        error(divisor_begin,
              std::string(op == Op::Div ? "division" : "modulo") + " by zero: '" +
                  std::string(text_.substr(divisor_begin, divisor_end - divisor_begin)) +
                  "' is always 0",
              Code::DivisionByZero);
        return -1;
      }
    }
    left = add(op, Type::Number, node_begin(left), left, right);
  }
  return left;
}

std::optional<double> Compiler::constant_number(int32_t i) const {
  const ExprNode& n = node(i);
  auto both = [&](auto f) -> std::optional<double> {
    const std::optional<double> a = constant_number(n.a);
    const std::optional<double> b = constant_number(n.b);
    if (!a || !b) return std::nullopt;
    return f(*a, *b);
  };
  switch (n.op) {
    case Op::Constant:
      if (n.type != Type::Number) return std::nullopt;
      return constants_[static_cast<size_t>(n.ref)].number();
    case Op::Neg: {
      const std::optional<double> a = constant_number(n.a);
      return a ? std::optional<double>(-*a) : std::nullopt;
    }
    case Op::Add:
      return both([](double a, double b) { return a + b; });
    case Op::Sub:
      return both([](double a, double b) { return a - b; });
    case Op::Mul:
      return both([](double a, double b) { return a * b; });
    default:
      return std::nullopt;  // reads the story's state, or is not simple arithmetic
  }
}

int32_t Compiler::parse_unary() {
  if (peek().kind != Tok::Minus) return parse_atom();
  const size_t begin = peek().begin;
  advance();
  if (++depth_ > kMaxDepth) {
    error(begin, "expression nested too deeply");
    return -1;
  }
  const int32_t operand = parse_unary();
  --depth_;
  if (operand < 0) return -1;
  if (!expect_type(operand, Type::Number, "'-' needs a number")) return -1;
  if (nodes_[static_cast<size_t>(operand)].op == Op::Constant) {
    // A negative literal is a constant, not an operation to repeat every frame.
    Value& c = constants_[static_cast<size_t>(nodes_[static_cast<size_t>(operand)].ref)];
    c = Value(-c.number());
    node_begin_[static_cast<size_t>(operand)] = begin;
    return operand;
  }
  return add(Op::Neg, Type::Number, begin, operand);
}

int32_t Compiler::missing_expression() {
  const Token& t = peek();
  if (pos_ > 0) {
    error(t.begin,
          "expected an expression after '" + std::string(spelling(tokens_[pos_ - 1])) + "'");
  } else if (t.kind == Tok::End) {
    error(t.begin, "expected an expression");
  } else {
    error(t.begin, "unexpected '" + std::string(spelling(t)) + "'");
  }
  return -1;
}

int32_t Compiler::parse_atom() {
  const Token t = peek();
  switch (t.kind) {
    case Tok::Number:
      advance();
      return add_constant(Value(t.number), t.begin);
    case Tok::String:
      advance();
      return add_constant(Value(std::string(text_.substr(t.begin + 1, t.end - t.begin - 2))),
                          t.begin);
    case Tok::LParen: {
      advance();
      if (++depth_ > kMaxDepth) {
        error(t.begin, "expression nested too deeply");
        return -1;
      }
      const int32_t inner = parse_or();
      --depth_;
      if (inner < 0) return -1;
      if (peek().kind != Tok::RParen) {
        if (peek().kind == Tok::End) {
          error(t.begin, "missing ')' to close this '('");
        } else {
          error(peek().begin, "unexpected '" + std::string(spelling(peek())) +
                                  "'; expected ')' to close the '('");
        }
        return -1;
      }
      advance();
      node_begin_[static_cast<size_t>(inner)] = t.begin;
      return inner;
    }
    case Tok::Name:
      break;
    default:
      return missing_expression();
  }

  const std::string_view name = spelling(t);
  if (name == "true" || name == "false") {
    advance();
    return add_constant(Value(name == "true"), t.begin);
  }
  if (is_keyword(name)) return missing_expression();
  advance();
  if (peek().kind == Tok::LParen) return parse_call(t);

  const int32_t var = symbols_.find_variable(name);
  if (var >= 0) {
    return add(Op::Variable, symbols_.variables[static_cast<size_t>(var)].type, t.begin, -1, -1,
               var);
  }
  if (const BuiltinName* b = find_builtin(name)) {
    return add(Op::Builtin, Type::Number, t.begin, -1, -1, static_cast<int32_t>(b->builtin));
  }
  if (find_function(name)) {
    error(t.begin,
          "'" + std::string(name) + "' is a function; write " + std::string(name) + "(...)");
    return -1;
  }
  unknown_variable(t.begin, name, true);
  return -1;
}

int32_t Compiler::parse_call(const Token& name_token) {
  const std::string name(spelling(name_token));
  const Token lparen = peek();
  const FunctionName* f = find_function(name);
  if (!f) {
    if (symbols_.find_variable(name) >= 0 || find_builtin(name)) {
      error(name_token.begin, "'" + name + "' is not a function", Code::UnknownFunction);
      return -1;
    }
    std::vector<std::string> candidates;
    for (const FunctionName& fn : kFunctions) candidates.emplace_back(fn.name);
    error(name_token.begin, "unknown function '" + name + "'" + did_you_mean(name, candidates),
          Code::UnknownFunction);
    return -1;
  }
  advance();  // '('
  if (f->op == Op::Visits) return parse_visits(name_token, lparen);
  if (f->op == Op::Chose) return parse_chose(name_token, lparen);

  std::vector<int32_t> args;
  if (peek().kind != Tok::RParen) {
    while (true) {
      if (++depth_ > kMaxDepth) {
        error(lparen.begin, "expression nested too deeply");
        return -1;
      }
      const int32_t arg = parse_or();
      --depth_;
      if (arg < 0) return -1;
      args.push_back(arg);
      if (peek().kind != Tok::Comma) break;
      advance();
    }
  }
  if (peek().kind != Tok::RParen) {
    if (peek().kind == Tok::End) {
      error(lparen.begin, "missing ')' to close the arguments of " + name + "()");
    } else {
      error(peek().begin, "unexpected '" + std::string(spelling(peek())) +
                              "' in the arguments of " + name + "()");
    }
    return -1;
  }
  advance();
  if (static_cast<int>(args.size()) != f->arity) {
    error(name_token.begin, name + "() takes " + (f->arity == 1 ? "one number" : "two numbers"),
          Code::UnknownFunction);
    return -1;
  }
  for (int32_t arg : args) {
    if (!expect_type(arg, Type::Number, name + "() needs a number")) return -1;
  }
  const Type result = f->op == Op::Words ? Type::String : Type::Number;
  return add(f->op, result, name_token.begin, args[0], args.size() > 1 ? args[1] : -1);
}

int32_t Compiler::parse_visits(const Token& name_token, const Token& lparen) {
  const Token arg = peek();
  const bool one_id =
      (arg.kind == Tok::Name || arg.kind == Tok::String) && tokens_[pos_ + 1].kind == Tok::RParen;
  if (!one_id) {
    if (arg.kind == Tok::End) {
      error(lparen.begin, "missing ')' to close the arguments of visits()");
    } else {
      error(arg.kind == Tok::RParen ? name_token.begin : arg.begin, "visits() takes one scene id",
            Code::UnknownFunction);
    }
    return -1;
  }
  const std::string_view id = arg.kind == Tok::String
                                  ? text_.substr(arg.begin + 1, arg.end - arg.begin - 2)
                                  : spelling(arg);
  const int32_t scene = symbols_.find_scene(id);
  if (scene < 0) {
    unknown_scene(arg.begin, id, "visits()");
    return -1;
  }
  advance();  // the id
  advance();  // ')'
  return add(Op::Visits, Type::Number, name_token.begin, -1, -1, scene);
}

int32_t Compiler::parse_chose(const Token& name_token, const Token& lparen) {
  const Token arg = peek();
  const bool one_id = arg.kind == Tok::Name && tokens_[pos_ + 1].kind == Tok::RParen;
  if (!one_id) {
    if (arg.kind == Tok::End) {
      error(lparen.begin, "missing ')' to close the arguments of chose()");
    } else {
      error(arg.kind == Tok::RParen ? name_token.begin : arg.begin,
            "chose() takes one gesture id: chose(gesture) for this scene's, "
            "chose(scene.gesture) for another's",
            Code::UnknownFunction);
    }
    return -1;
  }
  const std::string_view written = spelling(arg);
  const size_t dot = written.find('.');
  int32_t scene = scene_;
  std::string_view id = written;
  if (dot != std::string_view::npos) {
    const std::string_view scene_id = written.substr(0, dot);
    scene = symbols_.find_scene(scene_id);
    if (scene < 0) {
      unknown_scene(arg.begin, scene_id, "chose()");
      return -1;
    }
    id = written.substr(dot + 1);
  } else if (scene < 0) {
    // Here (an ending, a place) there is no scene of its own: name one that has the gesture.
    std::string scene_name = "scene";
    for (size_t sc = 0; sc < symbols_.gestures.size() && sc < symbols_.scenes.size(); ++sc) {
      const std::vector<std::string>& ids = symbols_.gestures[sc];
      if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
        scene_name = symbols_.scenes[sc];
        break;
      }
    }
    error(arg.begin, "chose(" + std::string(id) + ") needs its scene here: write chose(" +
                         scene_name + "." + std::string(id) + ")");
    return -1;
  } else {
    own_scene_ = true;
  }
  const int32_t key = symbols_.find_gesture(scene, id);
  if (key < 0) {
    const size_t column = dot == std::string_view::npos ? arg.begin : arg.begin + dot + 1;
    const std::vector<std::string> none;
    const std::vector<std::string>& ids = static_cast<size_t>(scene) < symbols_.gestures.size()
                                              ? symbols_.gestures[static_cast<size_t>(scene)]
                                              : none;
    const std::string where = dot == std::string_view::npos
                                  ? std::string("this scene")
                                  : "scene '" + std::string(written.substr(0, dot)) + "'";
    error_once(column, "gesture " + std::to_string(scene) + "." + std::string(id), id,
               "unknown gesture '" + std::string(id) + "' in chose(): " + where +
                   (ids.empty() ? " has no gestures" : " has no gesture of that id") +
                   did_you_mean(id, ids),
               Code::UnknownGesture);
    return -1;
  }
  advance();  // the id
  advance();  // ')'
  return add(Op::Chose, Type::Number, name_token.begin, -1, -1, key);
}

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

// ---------------------------------------------------------------------------------------------
// Evaluation. Types were checked when compiling, so every node is evaluated by the function for
// its type; only string-producing nodes allocate.

class Evaluator {
 public:
  Evaluator(const Expr& expr, const Env& env) : expr_(expr), nodes_(expr.nodes()), env_(env) {}

  double number(int32_t i) const {
    const ExprNode& n = nodes_[static_cast<size_t>(i)];
    switch (n.op) {
      case Op::Constant:
        return as_number(expr_.constant(n));
      case Op::Variable:
        return as_number(env_.variable(n.ref));
      case Op::Builtin:
        return env_.builtin(static_cast<Builtin>(n.ref));
      case Op::Visits:
        return env_.visits(n.ref);
      case Op::Chose:
        return env_.chose(n.ref);
      case Op::Neg:
        return -number(n.a);
      case Op::Add:
        return number(n.a) + number(n.b);
      case Op::Sub:
        return number(n.a) - number(n.b);
      case Op::Mul:
        return number(n.a) * number(n.b);
      case Op::Div: {
        // A story must never crash or poison the game with infinities: x / 0 is 0, and so is
        // x % 0, and the Env is told, so that the writer hears of it (a constant 0 divisor is
        // refused when compiling).
        const double d = number(n.b);
        if (d == 0.0) {
          env_.divided_by_zero(expr_);
          return 0.0;
        }
        return number(n.a) / d;
      }
      case Op::Mod: {
        const double d = number(n.b);
        if (d == 0.0) {
          env_.divided_by_zero(expr_);
          return 0.0;
        }
        return std::fmod(number(n.a), d);
      }
      case Op::Min:
        return std::min(number(n.a), number(n.b));
      case Op::Max:
        return std::max(number(n.a), number(n.b));
      case Op::Round:
        return std::round(number(n.a));
      case Op::Abs:
        return std::fabs(number(n.a));
      default:
        assert(false && "not a number node");
        return 0.0;
    }
  }

  bool boolean(int32_t i) const {
    const ExprNode& n = nodes_[static_cast<size_t>(i)];
    switch (n.op) {
      case Op::Constant:
        return as_bool(expr_.constant(n));
      case Op::Variable:
        return as_bool(env_.variable(n.ref));
      case Op::Not:
        return !boolean(n.a);
      case Op::And:
        return boolean(n.a) && boolean(n.b);
      case Op::Or:
        return boolean(n.a) || boolean(n.b);
      case Op::Eq:
        return equal(n.a, n.b);
      case Op::Ne:
        return !equal(n.a, n.b);
      case Op::Lt:
        return number(n.a) < number(n.b);
      case Op::Le:
        return number(n.a) <= number(n.b);
      case Op::Gt:
        return number(n.a) > number(n.b);
      case Op::Ge:
        return number(n.a) >= number(n.b);
      default:
        assert(false && "not a bool node");
        return false;
    }
  }

  std::string string(int32_t i) const {
    const ExprNode& n = nodes_[static_cast<size_t>(i)];
    switch (n.op) {
      case Op::Constant:
      case Op::Variable: {
        std::string scratch;
        return std::string(string_view(i, scratch));
      }
      case Op::Concat:
        return string(n.a) + string(n.b);
      case Op::Words:
        return number_words(number(n.a));
      default:
        assert(false && "not a string node");
        return {};
    }
  }

  Value value(int32_t i) const {
    switch (nodes_[static_cast<size_t>(i)].type) {
      case Type::Number:
        return Value(number(i));
      case Type::Bool:
        return Value(boolean(i));
      case Type::String:
        return Value(string(i));
    }
    return {};
  }

 private:
  // A string node's text without copying it when it already exists (a constant or a variable).
  std::string_view string_view(int32_t i, std::string& scratch) const {
    const ExprNode& n = nodes_[static_cast<size_t>(i)];
    const Value* v = nullptr;
    if (n.op == Op::Constant) v = &expr_.constant(n);
    if (n.op == Op::Variable) v = &env_.variable(n.ref);
    if (v) {
      const std::string* s = std::get_if<std::string>(&v->v);
      return s ? std::string_view(*s) : std::string_view();
    }
    scratch = string(i);
    return scratch;
  }

  bool equal(int32_t a, int32_t b) const {
    switch (nodes_[static_cast<size_t>(a)].type) {
      case Type::Number:
        return number(a) == number(b);
      case Type::Bool:
        return boolean(a) == boolean(b);
      case Type::String: {
        std::string sa, sb;
        return string_view(a, sa) == string_view(b, sb);
      }
    }
    return false;
  }

  // A value of the wrong type can only come from a runtime bug or a hand-edited save; read it
  // as the type's zero rather than throwing in the middle of a frame.
  static double as_number(const Value& v) {
    const double* d = std::get_if<double>(&v.v);
    return d ? *d : 0.0;
  }
  static bool as_bool(const Value& v) {
    const bool* b = std::get_if<bool>(&v.v);
    return b ? *b : false;
  }

  const Expr& expr_;
  const std::vector<ExprNode>& nodes_;
  const Env& env_;
};

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return is_space(c); });
}

}  // namespace

// -----------------------------------------------------------------------------------------------

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

Value Expr::evaluate(const Env& env) const {
  assert(!nodes().empty());
  return Evaluator(*this, env).value(static_cast<int32_t>(nodes().size() - 1));
}

Value Expr::evaluate_node(int32_t node, const Env& env) const {
  assert(node >= 0 && static_cast<size_t>(node) < nodes().size());
  return Evaluator(*this, env).value(node);
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

// compile_expression() of `text`, which starts at byte `base` of the YAML value `value` that
// starts at `at` (the whole value: base 0).
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

}  // namespace

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

void apply_effect(const Effect& effect, const Env& env, std::vector<Value>& variables) {
  assert(effect.variable >= 0 && static_cast<size_t>(effect.variable) < variables.size());
  Value& target = variables[static_cast<size_t>(effect.variable)];
  Evaluator eval(effect.value, env);
  const auto root = static_cast<int32_t>(effect.value.nodes().size() - 1);
  switch (effect.op) {
    case Effect::Op::Set:
      target = eval.value(root);
      return;
    case Effect::Op::Add:
    case Effect::Op::Sub: {
      const double* current = std::get_if<double>(&target.v);
      const double base = current ? *current : 0.0;
      const double delta = eval.number(root);
      target = Value(effect.op == Effect::Op::Add ? base + delta : base - delta);
      return;
    }
  }
}

// -----------------------------------------------------------------------------------------------
// Text with interpolations.

namespace {

// The length before each kept text, 7 bits a byte, low bits first, the high bit set on every
// byte but the last: one byte for a line of fewer than 128 bytes, where a uint32_t took four.
size_t length_size(size_t n) {
  size_t bytes = 1;
  for (; n >= 0x80; n >>= 7) ++bytes;
  return bytes;
}

void put_length(char* at, size_t n) {
  for (; n >= 0x80; n >>= 7) *at++ = static_cast<char>((n & 0x7F) | 0x80);
  *at = static_cast<char>(n);
}

}  // namespace

std::string_view StringPool::kept(uint32_t handle) const {
  const char* p = chunks_[handle >> 16].bytes.get() + (handle & 0xFFFF);
  size_t size = 0;
  for (int shift = 0;; shift += 7) {
    const auto byte = static_cast<unsigned char>(*p++);
    size |= static_cast<size_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) break;
  }
  return std::string_view(p, size);
}

std::string_view StringPool::intern(std::string_view s) {
  if (s.empty()) return {};
  std::lock_guard<std::mutex> lock(mutex_);
  const std::hash<std::string_view> hash;
  if ((count_ + 1) * 4 > table_.size() * 3) {
    std::vector<uint32_t> bigger(std::max<size_t>(1024, table_.size() * 2), kNoHandle);
    for (uint32_t h : table_) {
      if (h == kNoHandle) continue;
      size_t i = hash(kept(h)) & (bigger.size() - 1);
      while (bigger[i] != kNoHandle) i = (i + 1) & (bigger.size() - 1);
      bigger[i] = h;
    }
    table_.swap(bigger);
  }
  size_t i = hash(s) & (table_.size() - 1);
  for (; table_[i] != kNoHandle; i = (i + 1) & (table_.size() - 1)) {
    if (kept(table_[i]) == s) return kept(table_[i]);
  }
  const size_t prefix = length_size(s.size());
  const size_t need = prefix + s.size();
  size_t chunk = 0;
  size_t offset = 0;
  if (need > kChunk / 4) {
    // A long text gets a chunk of its own; the open chunk stays open.
    chunks_.push_back(Chunk{std::make_unique<char[]>(need), need});
    chunk = chunks_.size() - 1;
  } else {
    if (capacity_ - used_ < need) {
      chunks_.push_back(Chunk{std::make_unique<char[]>(kChunk), kChunk});
      open_ = chunks_.size() - 1;
      used_ = 0;
      capacity_ = kChunk;
    }
    chunk = open_;
    offset = used_;
    used_ += need;
  }
  char* at = chunks_[chunk].bytes.get() + offset;
  put_length(at, s.size());
  std::memcpy(at + prefix, s.data(), s.size());
  // Past 65,536 chunks (4 GiB of text) a handle cannot name the chunk: the text is kept, only no
  // longer found by later intern() calls. (No text starts at offset 0xFFFF of the last
  // possible chunk, whose last byte cannot hold a length and a character, so no handle is
  // kNoHandle.)
  if (chunk <= 0xFFFF) {
    table_[i] = static_cast<uint32_t>(chunk << 16 | offset);
    ++count_;
  }
  return std::string_view(at + prefix, s.size());
}

bool StringPool::owns(std::string_view s) {
  if (s.data() == nullptr) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  const std::less<const char*> before;  // a total order, also over unrelated arrays
  for (const Chunk& c : chunks_) {
    const char* begin = c.bytes.get();
    const char* end = begin + c.size;
    if (!before(s.data(), begin) && !before(end, s.data() + s.size())) return true;
  }
  return false;
}

void StringPool::share(Expr& e) {
  if (!e.code()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, inserted] = code_.emplace(e.code()->source, e.code());
  if (!inserted) e = Expr(it->second, e.at);
}

Expr StringPool::uncompiled(std::string_view source, SourcePos at) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = uncompiled_.find(source);
  if (it == uncompiled_.end()) {
    auto code = std::make_shared<const ExprCode>(ExprCode{{}, {}, std::string(source)});
    it = uncompiled_.emplace(code->source, std::move(code)).first;
  }
  return Expr(it->second, at);
}

void StringPool::forget_index() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<uint32_t>().swap(table_);
  count_ = 0;
}

void StringPool::forget_uncompiled() {
  std::lock_guard<std::mutex> lock(mutex_);
  uncompiled_.clear();
}

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
  std::string out;
  for (const Part& p : *parts) {
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

// -----------------------------------------------------------------------------------------------

namespace {

constexpr std::array<const char*, 20> kOnes{
    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::array<const char*, 10> kTens{"",      "",      "twenty",  "thirty", "forty",
                                            "fifty", "sixty", "seventy", "eighty", "ninety"};

// 1..999, British style: "one hundred and five".
std::string below_thousand(long long n) {
  std::string s;
  if (n >= 100) {
    s = kOnes[static_cast<size_t>(n / 100)];
    s += " hundred";
    n %= 100;
    if (n > 0) s += " and ";
  }
  if (n >= 20) {
    s += kTens[static_cast<size_t>(n / 10)];
    if (n % 10 > 0) {
      s += '-';
      s += kOnes[static_cast<size_t>(n % 10)];
    }
  } else if (n > 0) {
    s += kOnes[static_cast<size_t>(n)];
  }
  return s;
}

}  // namespace

std::string number_words(double n) {
  if (!std::isfinite(n)) return Value(n).to_text();
  const double rounded = std::round(n);
  // Beyond the billions words stop helping the reader; digits say it better.
  if (std::fabs(rounded) >= 1e12) return Value(rounded).to_text();
  long long v = std::llround(rounded);
  if (v == 0) return "zero";
  std::string out;
  if (v < 0) {
    out = "minus ";
    v = -v;
  }
  struct Scale {
    long long size;
    const char* name;
  };
  constexpr std::array<Scale, 3> kScales{{
      {1000000000LL, "billion"},
      {1000000LL, "million"},
      {1000LL, "thousand"},
  }};
  bool any = false;
  for (const Scale& s : kScales) {
    const long long group = v / s.size;
    if (group == 0) continue;
    if (any) out += ' ';
    out += below_thousand(group);
    out += ' ';
    out += s.name;
    any = true;
    v %= s.size;
  }
  if (v > 0) {
    if (any) out += v < 100 ? " and " : " ";
    out += below_thousand(v);
  }
  return out;
}

const char* builtin_name(Builtin b) {
  for (const BuiltinName& info : kBuiltins) {
    if (info.builtin == b) return info.name.data();
  }
  return "?";
}

std::optional<Builtin> builtin_from_name(std::string_view name) {
  if (const BuiltinName* b = find_builtin(name)) return b->builtin;
  return std::nullopt;
}

bool is_reserved_name(std::string_view name) {
  return find_builtin(name) || find_function(name) || is_keyword(name) || name == "null";
}

}  // namespace threshold::story
