// Numbers in words in a language, through ICU. See number_words.h.
#include "threshold/locale/number_words.h"

#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include <cmath>
#include <memory>
#include <mutex>

#include "threshold/story/value.h"

namespace threshold::locale {

std::function<std::string(double)> number_words_in(const std::string& language) {
  const std::string code = language.substr(0, language.find_first_of(".@"));
  if (code.empty() || code == "en" || code.rfind("en_", 0) == 0) return {};
  const icu::Locale wanted(code.c_str());
  UErrorCode status = U_ZERO_ERROR;
  struct Speller {
    std::mutex mutex;  // one formatter, shared by the story's copies
    std::unique_ptr<icu::RuleBasedNumberFormat> format;
  };
  auto speller = std::make_shared<Speller>();
  speller->format =
      std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, wanted, status);
  if (U_FAILURE(status) || !speller->format) return {};
  // For a language it has no rules for, ICU falls back to the root's, which are English-like:
  // not the language's words.
  const icu::Locale found = speller->format->getLocale(ULOC_ACTUAL_LOCALE, status);
  if (U_FAILURE(status) || std::string(found.getLanguage()) != wanted.getLanguage()) return {};
  return [speller](double n) -> std::string {
    if (!std::isfinite(n)) return story::Value(n).to_text();
    const double rounded = std::round(n);
    // Beyond the billions words stop helping the reader; digits say it better.
    if (std::fabs(rounded) >= 1e12) return story::Value(rounded).to_text();
    icu::UnicodeString words;
    {
      const std::lock_guard<std::mutex> lock(speller->mutex);
      speller->format->format(static_cast<int64_t>(std::llround(rounded)), words);
    }
    // Some rules (German's) put soft hyphens between the parts of a long word, for line
    // breaking; the game's text would draw them as hyphens.
    words.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x00AD)), icu::UnicodeString());
    std::string out;
    words.toUTF8String(out);
    return out;
  };
}

}  // namespace threshold::locale
