// A finite-number check for CLI11. See finite_range.h.
#include "finite_range.h"

#include <cmath>
#include <sstream>
#include <string>

namespace threshold::game {

namespace {

// A bound as the help shows it: 0.75, 36000, -720 (no trailing zeros, no exponent).
std::string bound_text(double v) {
  std::ostringstream s;
  s.precision(15);
  s << v;
  return s.str();
}

}  // namespace

CLI::Validator finite_range(double min, double max) {
  const std::string range = bound_text(min) + " to " + bound_text(max);
  return CLI::Validator(
      [min, max, range](std::string& input) -> std::string {
        double value = 0;
        const bool converted = CLI::detail::lexical_cast(input, value);
        if (!converted || !std::isfinite(value) || value < min || value > max) {
          return "must be a finite number from " + range + ", not '" + input + "'";
        }
        return std::string();
      },
      "finite in [" + range + "]", "FINITE_RANGE");
}

}  // namespace threshold::game
