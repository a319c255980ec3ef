// `words(n)` in the story's language: ICU's spell-out rules for it (icu::RuleBasedNumberFormat,
// the rules CLDR keeps for each language: "quarante-deux", "zweiundvierzig"), which localize()
// gives the story (Story::number_words). ICU's headers stay in number_words.cpp.
#pragma once

#include <functional>
#include <string>

namespace threshold::locale {

// The words for whole numbers in `language` ("fr", "pt_BR"), rounded as English's are, digits
// from a trillion on; nothing for English (the story core's own words) and for a language ICU
// has no spell-out rules for (the story then says English, as the template tells translators).
std::function<std::string(double)> number_words_in(const std::string& language);

}  // namespace threshold::locale
