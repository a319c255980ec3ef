// A catalogue's Plural-Forms header ("nplurals=2; plural=(n > 1);"): which of a translation's
// forms to show for a number. libgettextpo reads catalogues but does not evaluate this (GNU
// gettext's evaluator is inside libintl, Boost.Locale's is private), so this is the one parser
// of our own: gettext's grammar, a C expression over `n` (?: || && == != < > <= >= + - * / % !
// and parentheses), tested against the formulas gettext's own msginit writes (locale_test.cpp).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace threshold::locale {

class PluralRule {
 public:
  // English's rule: two forms, the first for 1.
  PluralRule();
  // The rule of a Plural-Forms header's value, or nullopt when it does not read (the reason in
  // `why`).
  static std::optional<PluralRule> parse(std::string_view header, std::string* why = nullptr);

  size_t forms() const { return forms_; }
  // The form for `n` (a negative or fractional number counts as its whole absolute value), at
  // most forms() - 1.
  size_t form(double n) const;

  struct Node;

 private:
  size_t forms_ = 2;
  std::shared_ptr<const Node> root_;
};

}  // namespace threshold::locale
