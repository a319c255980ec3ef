// Expressions as a loaded story holds them: compiled code (Expr), effects (`set:`) and lines of
// text with `{...}` (Text), evaluated by the runtime against an Env; what their names mean
// (Symbols). What the model, the runtime, the renderer and the audio engine need. Compiling them
// from their text, with the StringPool that keeps one copy of each text, is expression.h: the
// loader's and the tools', with the grammar.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "threshold/story/compact.h"
#include "threshold/story/diagnostic.h"
#include "threshold/story/value.h"

namespace threshold::story {

class StringPool;  // expression.h

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

class Expr;

// What an expression can read while it is evaluated. The runtime implements it over its state.
// English words for a whole number: 9 -> "nine", 21 -> "twenty-one", 1000 -> "one thousand".
std::string number_words(double n);

class Env {
 public:
  virtual ~Env() = default;
  // `words(n)`: the story's language's words for a whole number; English unless told otherwise
  // (the runtime uses Story::number_words, which a catalogue sets).
  virtual std::string number_words(double n) const { return story::number_words(n); }
  virtual const Value& variable(int32_t var) const = 0;
  virtual double builtin(Builtin b) const = 0;
  virtual double visits(int32_t scene) const = 0;
  // How often the gesture with this key (Symbols::find_gesture) was chosen.
  virtual double chose(int32_t /*gesture_key*/) const { return 0; }
  // `expr` divided by zero (or took a modulo by it) and counted it as 0: the runtime tells the
  // writer with a Notice. Tools that evaluate ahead of play ignore it.
  virtual void divided_by_zero(const Expr& /*expr*/) const {}
};

// The built-ins' names as expressions write them ("turned_away"), for tools and the overlay.
const char* builtin_name(Builtin b);
std::optional<Builtin> builtin_from_name(std::string_view name);
constexpr size_t kBuiltinCount = static_cast<size_t>(Builtin::Time) + 1;
// Names an expression already gives a meaning to (built-ins, functions, keywords): a variable
// cannot take them.
bool is_reserved_name(std::string_view name);

// The Env of an expression that reads nothing (a constant): tools evaluate such expressions
// ahead of play (the checker's "never offered", the explorer's caps) with it.
const Env& constant_env();

// What names mean while compiling: the story's declared variables and scene ids.
struct Symbols {
  struct Variable {
    Variable(std::string variable_name, Type variable_type, SourcePos declared_at = {},
             Value default_value = {})
        : name(std::move(variable_name)),
          type(variable_type),
          at(declared_at),
          initial(std::move(default_value)) {}
    std::string name;
    Type type;
    // Where story.yaml declares it, and its default: a type error that its declared type causes
    // points there ("'courage' is declared here as a string ("0")").
    SourcePos at;
    Value initial;
  };
  std::vector<Variable> variables;  // index = variable id
  std::vector<std::string> scenes;  // index = scene id
  // Where each scene's `scene:` names it (none for a file that did not parse), for the note
  // under an unknown scene: the id suggested may be the one misspelt. 8 bytes a scene.
  std::vector<SourcePos> scenes_at;  // index = scene id
  // For chose(): each scene's gesture ids, each once, in the order written (the same id in two
  // moments of a scene is one gesture to chose()). A gesture's key is its scene's first key
  // (index_gestures()) plus its place here.
  std::vector<std::vector<std::string>> gestures;      // index = scene id
  int32_t find_variable(std::string_view name) const;  // -1 when absent
  int32_t find_scene(std::string_view name) const;     // -1 when absent
  // The key of gesture `id` of `scene`; -1 when absent. Needs index_gestures().
  int32_t find_gesture(int32_t scene, std::string_view id) const;
  // The scene and id of a key; {-1, ""} when it is none.
  std::pair<int32_t, std::string_view> gesture_of_key(int32_t key) const;
  // Numbers the keys, once `gestures` is filled.
  void index_gestures();
  // Builds the hash index of `scenes` once they are all in: a story links to scenes from
  // everywhere, and a linear search made loading 10,000 scenes quadratic.
  void index_scenes();

 private:
  friend struct PackAccess;  // pack.cpp compares the indexes; it rebuilds them on reading
  // Open addressing: scene ids by the hash of their names, -1 for an empty slot. Indexes, not
  // copies of the names (an unordered_map<std::string, int32_t> was 700 KB for 10,000 scenes),
  // so that a copy of the Symbols stays right. Used while `indexed_` is scenes.size().
  std::vector<int32_t> scene_index_;
  size_t indexed_ = 0;
  std::vector<int32_t> gesture_first_;  // per scene: the key of its first gesture id
};

struct ExprNode {
  enum class Op : uint8_t {
    Constant,
    Variable,
    Builtin,
    Visits,
    Neg,
    Not,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Concat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    Words,
    Min,
    Max,
    Round,
    Abs,
    Chose,  // ref: the gesture key
  };
  Op op = Op::Constant;
  Type type = Type::Number;  // the type this node produces
  int32_t a = -1, b = -1;    // child node indexes
  int32_t ref = -1;  // variable id, scene id, Builtin, gesture key, or Expr::constants index
};

// What compiling an expression makes: nodes in a flat vector, the root last. Constants live
// beside the nodes, not in them: a Value is 40 bytes and most nodes are not constants.
struct ExprCode {
  std::vector<ExprNode> nodes;
  std::vector<Value> constants;  // of the Constant nodes, by their `ref`
  std::string source;            // as written, for the debug overlay and error messages
};

// A compiled expression. Immutable after compiling, so the code is shared: a story holds tens of
// thousands of conditions and effects, mostly the same few texts (`courage += 1`), and a loaded
// story keeps one copy of each (StringPool::share). Only where it was written is its own.
class Expr {
 public:
  Expr() = default;
  // Not compiled yet: the text as written, compiled later (the loader's second pass).
  Expr(std::string source, SourcePos where);
  Expr(std::shared_ptr<const ExprCode> code, SourcePos where) : at(where), code_(std::move(code)) {}

  SourcePos at;  // where `source` begins in its file

  const std::vector<ExprNode>& nodes() const;
  const std::vector<Value>& constants() const;
  const std::string& source() const;
  const std::shared_ptr<const ExprCode>& code() const { return code_; }

  Type type() const { return nodes().back().type; }
  const Value& constant(const ExprNode& n) const {
    return code_->constants[static_cast<size_t>(n.ref)];
  }
  Value evaluate(const Env& env) const;
  bool test(const Env& env) const { return evaluate(env).boolean(); }
  // The value of one node (an index into nodes(); its children are `a` and `b`): the debug
  // overlay takes a condition apart to show which part of it is false.
  Value evaluate_node(int32_t node, const Env& env) const;
  // Variable ids this expression reads (for the checker's set-but-never-read warnings).
  std::vector<int32_t> reads() const;

 private:
  std::shared_ptr<const ExprCode> code_;
};

// An optional condition (`if:`, `when:`): one pointer when unset, as nearly all are. Every
// optional condition of the model is one, but a shape's (Shape::when: an index into
// Visual::conditions, in what was padding, so that a shape stays 64 bytes).
using Condition = HeapOptional<Expr>;

struct Effect {
  enum class Op : uint8_t { Set, Add, Sub };
  int32_t variable = -1;
  Op op = Op::Set;
  Expr value;  // its text as written: value.source() (the whole effect's is not kept)
  SourcePos at;
};

// Applies an effect to a variable vector (numbers: =, +=, -=; bools and strings: = only).
void apply_effect(const Effect& effect, const Env& env, std::vector<Value>& variables);

// One piece of an interpolated text: literal characters, or an `{expr}`.
struct TextPart {
  std::string_view literal;  // used when expr is empty; see TextParts for who owns it
  HeapOptional<Expr> expr;
};

// The pieces of an interpolated text, in order. Their literals are views, not strings (a
// std::string each was 32 bytes and often a heap block): into the story's StringPool, mostly
// into the line's own text kept there, or, for a text compiled without a pool (tests, tools),
// into `chars`, which copies of the parts share and nothing changes.
struct PluralForms;
struct TextParts : std::vector<TextPart> {
  std::shared_ptr<const std::string> chars;
  // Set only on a translated line whose words follow a number (gettext's msgid_plural, see
  // engine/locale): the forms of the language, of which render() shows the one for the number.
  std::shared_ptr<const PluralForms> plural;
};

// Which plural form of a language a number takes (a catalogue's Plural-Forms, engine/locale).
class PluralChoice {
 public:
  virtual ~PluralChoice() = default;
  virtual size_t form(double n) const = 0;
};

// The plural forms of a translated line: `choose` names the form for the value of `count`, the
// number interpolated in the line.
struct PluralForms {
  Expr count;
  std::vector<TextParts> forms;  // each as a TextParts of its own (their own `chars`)
  std::shared_ptr<const PluralChoice> choose;
};

// A line of text with `{expr}` interpolations (`{{` and `}}` for literal braces).
struct Text {
  using Part = TextPart;
  // Most lines have no interpolation: they are one string in the story's StringPool, with no
  // parts (a story's lines are most of its memory).
  std::string_view plain;         // the whole text when there are no parts; owned by a StringPool
  HeapOptional<TextParts> parts;  // otherwise: literals and `{expr}`s in order

  bool has_parts() const { return parts.has_value(); }
  std::string render(const Env& env) const;
  size_t word_count() const;  // words of the literal parts, for pacing and the check summary
};
static_assert(sizeof(Text) == 24);

// A Text or nothing (a line that is a pause) in the Text's own 24 bytes: std::optional<Text>
// adds 8 for its flag to each of a story's hundreds of thousands of lines. "Nothing" is a
// `plain` that points at a private marker, which no pool or caller ever hands out.
// Reads and assigns like std::optional<Text>.
class OptionalText {
 public:
  OptionalText() { reset(); }
  OptionalText(std::nullopt_t) { reset(); }
  OptionalText(Text text) : value_(std::move(text)) {}
  OptionalText(std::optional<Text> text) {
    if (text) {
      value_ = std::move(*text);
    } else {
      reset();
    }
  }
  OptionalText& operator=(std::nullopt_t) {
    reset();
    return *this;
  }

  bool has_value() const { return value_.plain.data() != &kNothing; }
  explicit operator bool() const { return has_value(); }
  Text& operator*() { return value_; }
  const Text& operator*() const { return value_; }
  Text* operator->() { return &value_; }
  const Text* operator->() const { return &value_; }
  Text& emplace() {
    value_ = Text{};
    return value_;
  }
  void reset() {
    value_ = Text{};
    value_.plain = std::string_view(&kNothing, 0);
  }

 private:
  static constexpr char kNothing = 0;
  Text value_;
};
static_assert(sizeof(OptionalText) == sizeof(Text));

}  // namespace threshold::story
