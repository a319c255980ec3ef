// Expressions of the authoring format: conditions (`if: courage > 2 and not day == 1`),
// effects (`set: [courage += 1]`) and `{...}` interpolations inside lines of text.
// Compiled once at load time, with type checking and diagnostics at their exact column;
// evaluated by the runtime against an Env (its variables and the counts it keeps by itself).
//
// Grammar (lowest precedence first):
//   expr    := or
//   or      := and ("or" and)*
//   and     := not ("and" not)*
//   not     := "not" not | cmp
//   cmp     := sum (("=="|"!="|"<"|"<="|">"|">=") sum)?
//   sum     := product (("+"|"-") product)*      ("+" also joins strings)
//   product := unary (("*"|"/"|"%") unary)*
//   unary   := "-" unary | atom
//   atom    := number | "string" | 'string' | true | false | name | name "(" args ")" | "(" expr ")"
//   effect  := name ("=" | "+=" | "-=") expr
// Names are story variables or built-ins: day, waited, held, hesitated, looked, touched,
// turned_away (how many gestures of each kind the player chose), silence (total seconds the
// player stayed idle in moments), time (seconds played). Functions: visits(scene_id),
// words(n) ("nine"), min(a, b), max(a, b), round(n), abs(n).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/story/diagnostic.h"
#include "engine/story/value.h"

namespace threshold::story {

// The counts the engine keeps by itself.
enum class Builtin : uint8_t {
  Day,
  Waited,
  Held,
  Hesitated,
  Looked,
  Touched,
  TurnedAway,
  Silence,
  Time,
};

// What an expression can read while it is evaluated. The runtime implements it over its state.
class Env {
 public:
  virtual ~Env() = default;
  virtual const Value& variable(int32_t var) const = 0;
  virtual double builtin(Builtin b) const = 0;
  virtual double visits(int32_t scene) const = 0;
};

// What names mean while compiling: the story's declared variables and scene ids.
struct Symbols {
  struct Variable {
    std::string name;
    Type type;
  };
  std::vector<Variable> variables;   // index = variable id
  std::vector<std::string> scenes;   // index = scene id
  int32_t find_variable(std::string_view name) const;  // -1 when absent
  int32_t find_scene(std::string_view name) const;     // -1 when absent
};

struct ExprNode {
  enum class Op : uint8_t {
    Constant, Variable, Builtin, Visits,
    Neg, Not, Add, Sub, Mul, Div, Mod, Concat,
    Eq, Ne, Lt, Le, Gt, Ge, And, Or,
    Words, Min, Max, Round, Abs,
  };
  Op op = Op::Constant;
  Type type = Type::Number;  // the type this node produces
  int32_t a = -1, b = -1;    // child node indexes
  int32_t ref = -1;          // variable id, scene id, Builtin, or index into Expr::constants
};

// A compiled expression: nodes in a flat vector, the root last. Immutable after compiling.
// Constants live beside the nodes, not in them: a Value is 40 bytes and most nodes are not
// constants (a story holds hundreds of thousands of nodes).
struct Expr {
  std::vector<ExprNode> nodes;
  std::vector<Value> constants;  // of the Constant nodes, by their `ref`
  std::string source;  // as written, for the debug overlay and error messages
  SourcePos at;        // where `source` begins in its file

  Type type() const { return nodes.back().type; }
  const Value& constant(const ExprNode& n) const { return constants[static_cast<size_t>(n.ref)]; }
  Value evaluate(const Env& env) const;
  bool test(const Env& env) const { return evaluate(env).boolean(); }
  // Variable ids this expression reads (for the checker's set-but-never-read warnings).
  std::vector<int32_t> reads() const;
};

// An optional value kept on the heap: one pointer when empty, for fields that most objects leave
// unset (a line's condition: a story has hundreds of thousands of lines and few conditions).
// Copies are deep, so it is a plain value like std::optional, and reads like one.
template <typename T>
class HeapOptional {
 public:
  HeapOptional() = default;
  HeapOptional(std::nullopt_t) {}
  HeapOptional(T value) : p_(std::make_unique<T>(std::move(value))) {}
  HeapOptional(std::optional<T> value) {
    if (value) p_ = std::make_unique<T>(std::move(*value));
  }
  HeapOptional(const HeapOptional& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  HeapOptional(HeapOptional&&) noexcept = default;
  HeapOptional& operator=(const HeapOptional& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  HeapOptional& operator=(HeapOptional&&) noexcept = default;
  ~HeapOptional() = default;

  bool has_value() const { return p_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }
  T* operator->() { return p_.get(); }
  const T* operator->() const { return p_.get(); }
  T& emplace() {
    p_ = std::make_unique<T>();
    return *p_;
  }
  void reset() { p_.reset(); }

 private:
  std::unique_ptr<T> p_;
};

struct Effect {
  enum class Op : uint8_t { Set, Add, Sub };
  int32_t variable = -1;
  Op op = Op::Set;
  Expr value;
  std::string source;
  SourcePos at;
};

// `at` is where the first character of `text` stands in its file, so that a diagnostic's column
// points into the expression. Returns nothing (and adds an error) when `text` does not parse or
// does not have type `expected`; expected = nullopt accepts any type.
std::optional<Expr> compile_expression(std::string_view text, const Symbols& symbols,
                                       std::optional<Type> expected, SourcePos at,
                                       const Sources& sources, Diagnostics& diags);

std::optional<Effect> compile_effect(std::string_view text, const Symbols& symbols, SourcePos at,
                                     const Sources& sources, Diagnostics& diags);

// Applies an effect to a variable vector (numbers: =, +=, -=; bools and strings: = only).
void apply_effect(const Effect& effect, const Env& env, std::vector<Value>& variables);

// A line of text with `{expr}` interpolations (`{{` and `}}` for literal braces).
struct Text {
  struct Part {
    std::string literal;  // used when expr is empty
    HeapOptional<Expr> expr;
  };
  // Most lines have no interpolation: they are one string, with no parts (a story's lines are
  // most of its memory).
  std::string plain;        // the whole text when `parts` is empty
  std::vector<Part> parts;  // otherwise: literals and `{expr}`s in order (plain is then empty)

  std::string render(const Env& env) const;
  size_t word_count() const;  // words of the literal parts, for pacing and the check summary
};

std::optional<Text> compile_text(std::string_view text, const Symbols& symbols, SourcePos at,
                                 const Sources& sources, Diagnostics& diags);

// English words for a whole number: 9 -> "nine", 21 -> "twenty-one", 1000 -> "one thousand".
std::string number_words(double n);

}  // namespace threshold::story
