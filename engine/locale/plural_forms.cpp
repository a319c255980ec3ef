// Plural-Forms: a small recursive-descent reader of gettext's C subset. See plural_forms.h.
#include "threshold/locale/plural_forms.h"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace threshold::locale {

struct PluralRule::Node {
  enum class Op { N, Number, Not, Mul, Div, Mod, Add, Sub, Lt, Le, Gt, Ge, Eq, Ne, And, Or, If };
  Op op = Op::Number;
  uint64_t value = 0;
  std::shared_ptr<const Node> a, b, c;

  uint64_t eval(uint64_t n) const {
    switch (op) {
      case Op::N:
        return n;
      case Op::Number:
        return value;
      case Op::Not:
        return !a->eval(n);
      case Op::Mul:
        return a->eval(n) * b->eval(n);
      case Op::Div: {
        const uint64_t d = b->eval(n);
        return d == 0 ? 0 : a->eval(n) / d;
      }
      case Op::Mod: {
        const uint64_t d = b->eval(n);
        return d == 0 ? 0 : a->eval(n) % d;
      }
      case Op::Add:
        return a->eval(n) + b->eval(n);
      case Op::Sub:
        return a->eval(n) - b->eval(n);
      case Op::Lt:
        return a->eval(n) < b->eval(n);
      case Op::Le:
        return a->eval(n) <= b->eval(n);
      case Op::Gt:
        return a->eval(n) > b->eval(n);
      case Op::Ge:
        return a->eval(n) >= b->eval(n);
      case Op::Eq:
        return a->eval(n) == b->eval(n);
      case Op::Ne:
        return a->eval(n) != b->eval(n);
      case Op::And:
        return a->eval(n) && b->eval(n);
      case Op::Or:
        return a->eval(n) || b->eval(n);
      case Op::If:
        return a->eval(n) ? b->eval(n) : c->eval(n);
    }
    return 0;
  }
};

namespace {

using Node = PluralRule::Node;
using NodePtr = std::shared_ptr<const Node>;

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  NodePtr expression() {
    NodePtr cond = binary(0);
    if (!cond || !eat("?")) return cond;
    NodePtr yes = expression();
    if (!yes || !eat(":")) return nullptr;
    NodePtr no = expression();
    if (!no) return nullptr;
    return make(Node::Op::If, cond, yes, no);
  }
  bool at_end() {
    skip();
    return i_ >= s_.size();
  }
  bool eat(std::string_view token) {
    skip();
    if (s_.substr(i_, token.size()) != token) return false;
    // "<" must not take the first character of "<=", nor "!" of "!=".
    if (token.size() == 1 && i_ + 1 < s_.size() && s_[i_ + 1] == '=' &&
        (token == "<" || token == ">" || token == "!" || token == "=")) {
      return false;
    }
    i_ += token.size();
    return true;
  }

 private:
  struct Level {
    std::vector<std::pair<std::string_view, Node::Op>> ops;
  };
  static const std::vector<Level>& levels() {
    static const std::vector<Level> kLevels{
        {{{"||", Node::Op::Or}}},
        {{{"&&", Node::Op::And}}},
        {{{"==", Node::Op::Eq}, {"!=", Node::Op::Ne}}},
        {{{"<=", Node::Op::Le}, {">=", Node::Op::Ge}, {"<", Node::Op::Lt}, {">", Node::Op::Gt}}},
        {{{"+", Node::Op::Add}, {"-", Node::Op::Sub}}},
        {{{"*", Node::Op::Mul}, {"/", Node::Op::Div}, {"%", Node::Op::Mod}}},
    };
    return kLevels;
  }

  NodePtr binary(size_t level) {
    if (level >= levels().size()) return unary();
    NodePtr left = binary(level + 1);
    while (left) {
      bool found = false;
      for (const auto& [token, op] : levels()[level].ops) {
        if (!eat(token)) continue;
        NodePtr right = binary(level + 1);
        if (!right) return nullptr;
        left = make(op, left, right);
        found = true;
        break;
      }
      if (!found) break;
    }
    return left;
  }

  NodePtr unary() {
    if (eat("!")) {
      NodePtr a = unary();
      return a ? make(Node::Op::Not, a) : nullptr;
    }
    if (eat("(")) {
      NodePtr e = expression();
      return e && eat(")") ? e : nullptr;
    }
    skip();
    if (i_ < s_.size() && s_[i_] == 'n') {
      ++i_;
      return make(Node::Op::N);
    }
    if (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) {
      auto node = std::make_shared<Node>();
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) {
        node->value = node->value * 10 + static_cast<uint64_t>(s_[i_] - '0');
        ++i_;
      }
      return node;
    }
    return nullptr;
  }

  static NodePtr make(Node::Op op, NodePtr a = nullptr, NodePtr b = nullptr, NodePtr c = nullptr) {
    auto node = std::make_shared<Node>();
    node->op = op;
    node->a = std::move(a);
    node->b = std::move(b);
    node->c = std::move(c);
    return node;
  }
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }

  std::string_view s_;
  size_t i_ = 0;
};

// The value after `key=` up to the next ';' (or the end).
std::optional<std::string_view> field(std::string_view header, std::string_view key) {
  // The key as a word of its own: "plural" is inside "nplurals" too.
  size_t at = header.find(key);
  while (at != std::string_view::npos && at > 0 &&
         std::isalpha(static_cast<unsigned char>(header[at - 1]))) {
    at = header.find(key, at + 1);
  }
  if (at == std::string_view::npos) return std::nullopt;
  size_t from = header.find('=', at + key.size());
  if (from == std::string_view::npos) return std::nullopt;
  ++from;
  const size_t end = header.find(';', from);
  return header.substr(from, end == std::string_view::npos ? std::string_view::npos : end - from);
}

}  // namespace

PluralRule::PluralRule() {
  Reader r("n != 1");
  root_ = r.expression();
}

std::optional<PluralRule> PluralRule::parse(std::string_view header, std::string* why) {
  auto fail = [&](const char* reason) -> std::optional<PluralRule> {
    if (why) *why = reason;
    return std::nullopt;
  };
  const std::optional<std::string_view> count = field(header, "nplurals");
  const std::optional<std::string_view> plural = field(header, "plural");
  if (!count || !plural) return fail("it needs nplurals=N; plural=EXPRESSION;");
  size_t forms = 0;
  for (char c : *count) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return fail("nplurals is not a number");
    forms = forms * 10 + static_cast<size_t>(c - '0');
    if (forms > 100) return fail("nplurals is more than 100");
  }
  if (forms == 0) return fail("nplurals is 0");
  Reader r(*plural);
  NodePtr root = r.expression();
  if (!root || !r.at_end()) return fail("the plural expression does not read as C");
  PluralRule rule;
  rule.forms_ = forms;
  rule.root_ = std::move(root);
  return rule;
}

size_t PluralRule::form(double n) const {
  const double whole = std::floor(std::fabs(n));
  const uint64_t value =
      whole >= 1e18 ? UINT64_C(1000000000000000000) : static_cast<uint64_t>(whole);
  const uint64_t f = root_ ? root_->eval(value) : 0;
  return f >= forms_ ? forms_ - 1 : static_cast<size_t>(f);
}

}  // namespace threshold::locale
