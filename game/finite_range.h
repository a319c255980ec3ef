// The command line's check for a floating option: a finite number within a range.
//
// CLI::Range alone lets NaN through (every comparison with NaN is false), and a NaN that reaches
// a frame count or a scene time crashes or draws nothing. Every floating option of every verb
// uses this one check instead, so "nan", "inf" and "-inf" are refused with the same message.
#pragma once

#include <CLI/CLI.hpp>

namespace threshold::game {

// Accepts a number from `min` to `max`, both finite; refuses NaN, infinities, text and numbers
// out of range, naming the range ("must be a finite number from 0 to 36000, not 'nan'").
CLI::Validator finite_range(double min, double max);

}  // namespace threshold::game
