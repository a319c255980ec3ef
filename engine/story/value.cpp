// Values: their type names (for diagnostics) and how they read inside a line of text.
#include "threshold/story/value.h"

#include <cmath>
#include <cstdio>

namespace threshold::story {

const char* type_name(Type t) {
  switch (t) {
    case Type::Number:
      return "number";
    case Type::Bool:
      return "bool";
    case Type::String:
      return "string";
  }
  return "number";
}

namespace {

std::string number_text(double d) {
  if (std::isnan(d)) return "0";
  if (std::isinf(d)) return d > 0 ? "infinity" : "minus infinity";
  char buffer[64];
  // Two decimals are all a line of prose ever wants; "0.33", not "0.333333".
  const double rounded = std::round(d * 100.0) / 100.0;
  if (rounded == std::trunc(rounded) && std::fabs(rounded) < 1e15) {
    // "%.0f" of -0.0 (or of -0.001 rounded) would print "-0".
    std::snprintf(buffer, sizeof buffer, "%.0f", rounded == 0.0 ? 0.0 : rounded);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%.2f", rounded);
  std::string s = buffer;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::string Value::to_text() const {
  switch (type()) {
    case Type::Number:
      return number_text(number());
    case Type::Bool:
      return boolean() ? "true" : "false";
    case Type::String:
      return string();
  }
  return {};
}

}  // namespace threshold::story
