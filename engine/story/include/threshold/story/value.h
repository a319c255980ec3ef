// Values of story variables and expressions: a number, a boolean or a string.
// Plain values, compared and copied freely; the runtime's whole variable state is a vector of them.
#pragma once

#include <string>
#include <variant>

namespace threshold::story {

enum class Type { Number, Bool, String };

const char* type_name(Type t);  // "number", "bool", "string"

struct Value {
  std::variant<double, bool, std::string> v = 0.0;

  Value() = default;
  Value(double d) : v(d) {}
  Value(int i) : v(static_cast<double>(i)) {}
  Value(bool b) : v(b) {}
  Value(std::string s) : v(std::move(s)) {}
  Value(const char* s) : v(std::string(s)) {}

  Type type() const { return static_cast<Type>(v.index()); }
  double number() const { return std::get<double>(v); }
  bool boolean() const { return std::get<bool>(v); }
  const std::string& string() const { return std::get<std::string>(v); }

  // How a value reads inside a line of text: integers without a decimal point, other numbers
  // with at most two decimals, booleans as true/false, strings as they are.
  std::string to_text() const;

  friend bool operator==(const Value&, const Value&) = default;
};
// 40 bytes (a std::string and the variant's index): ExprCode keeps constants beside its nodes,
// not in them, for this.
static_assert(sizeof(Value) == 40);

}  // namespace threshold::story
