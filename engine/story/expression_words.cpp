// words(n): English words for a whole number (number_words, expr.h), for lines that say a count
// ("you waited {words(waited)} times"). Apart from the evaluator, which calls it, since it is a
// table of English, not of the language.
#include <array>
#include <cmath>
#include <string>

#include "threshold/story/expr.h"

namespace threshold::story {

namespace {

constexpr std::array<const char*, 20> kOnes{
    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::array<const char*, 10> kTens{"",      "",      "twenty",  "thirty", "forty",
                                            "fifty", "sixty", "seventy", "eighty", "ninety"};

// 1..999, British style: "one hundred and five".
std::string below_thousand(long long n) {
  std::string s;
  if (n >= 100) {
    s = kOnes[static_cast<size_t>(n / 100)];
    s += " hundred";
    n %= 100;
    if (n > 0) s += " and ";
  }
  if (n >= 20) {
    s += kTens[static_cast<size_t>(n / 10)];
    if (n % 10 > 0) {
      s += '-';
      s += kOnes[static_cast<size_t>(n % 10)];
    }
  } else if (n > 0) {
    s += kOnes[static_cast<size_t>(n)];
  }
  return s;
}

}  // namespace

std::string number_words(double n) {
  if (!std::isfinite(n)) return Value(n).to_text();
  const double rounded = std::round(n);
  // Beyond the billions words stop helping the reader; digits say it better.
  if (std::fabs(rounded) >= 1e12) return Value(rounded).to_text();
  long long v = std::llround(rounded);
  if (v == 0) return "zero";
  std::string out;
  if (v < 0) {
    out = "minus ";
    v = -v;
  }
  struct Scale {
    long long size;
    const char* name;
  };
  constexpr std::array<Scale, 3> kScales{{
      {1000000000LL, "billion"},
      {1000000LL, "million"},
      {1000LL, "thousand"},
  }};
  bool any = false;
  for (const Scale& s : kScales) {
    const long long group = v / s.size;
    if (group == 0) continue;
    if (any) out += ' ';
    out += below_thousand(group);
    out += ' ';
    out += s.name;
    any = true;
    v %= s.size;
  }
  if (v > 0) {
    if (any) out += v < 100 ? " and " : " ";
    out += below_thousand(v);
  }
  return out;
}

}  // namespace threshold::story
