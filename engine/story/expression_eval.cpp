// Evaluating compiled expressions: an Evaluator walks an Expr's nodes by index, every frame, so
// numbers and booleans are evaluated without touching the heap. Its only callers, Expr::evaluate
// and apply_effect, live beside it, so that it stays private to this file; the compiler
// (expression_parts.h) is not seen here, and constant_env is the Env tools evaluate ahead of play.
#include <algorithm>
#include <cassert>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "threshold/story/expr.h"

namespace threshold::story {

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

namespace {

using Op = ExprNode::Op;

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
        return env_.number_words(number(n.a));
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

}  // namespace

Value Expr::evaluate(const Env& env) const {
  assert(!nodes().empty());
  return Evaluator(*this, env).value(static_cast<int32_t>(nodes().size() - 1));
}

Value Expr::evaluate_node(int32_t node, const Env& env) const {
  assert(node >= 0 && static_cast<size_t>(node) < nodes().size());
  return Evaluator(*this, env).value(node);
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

}  // namespace threshold::story
