// The expression language's parser: recursive descent over the tokens (expression_tokens.cpp),
// type-checking as it builds the flat node vector, with each mistake reported once, at its
// column, and blamed on a variable's declaration when that is where it lies. The Compiler's
// grammar (expression.h); compile_expression and compile_effect (expression.cpp) run it.
// Compiling happens once, at load time, and may allocate freely.
#include <algorithm>
#include <charconv>
#include <system_error>

#include "expression_parts.h"

namespace threshold::story::expression_parts {

std::string a_type(Type t) {
  return std::string("a ") + type_name(t);
}

namespace {

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string match = closest_match(word, candidates);
  return match.empty() ? std::string() : "; did you mean '" + match + "'?";
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

}  // namespace

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

}  // namespace threshold::story::expression_parts
