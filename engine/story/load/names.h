// Name tables: each word a story file may write for one of the model's enums (a time of day, a
// variable's type, a gesture's kind, ...), listed once and used both to read it (YamlReader::
// choice) and to print it (diagnostics, the story's text dump). Used by the converters in load/.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace threshold::story {

template <typename E>
struct Name {
  std::string_view name;
  E value;
};

template <typename E, size_t N>
using NameTable = std::array<Name<E>, N>;

// The value `word` names, if any.
template <typename E, size_t N>
std::optional<E> parse_name(const NameTable<E, N>& table, std::string_view word) {
  for (const Name<E>& n : table) {
    if (n.name == word) return n.value;
  }
  return std::nullopt;
}

// The word for `value` ("" when the table has none: a value no writer can name).
template <typename E, size_t N>
std::string_view name_of(const NameTable<E, N>& table, E value) {
  for (const Name<E>& n : table) {
    if (n.value == value) return n.name;
  }
  return {};
}

// Every word of the table, in its order (for "did you mean" and "the ... are" lists).
template <typename E, size_t N>
std::vector<std::string> names_of(const NameTable<E, N>& table) {
  std::vector<std::string> out;
  out.reserve(N);
  for (const Name<E>& n : table) out.emplace_back(n.name);
  return out;
}

}  // namespace threshold::story
