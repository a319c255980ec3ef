// Where a character of a YAML value was written. The loader keeps, for every text and
// expression, only where its value starts and how it was written (SourcePos::text_style());
// when a diagnostic points into the value, the scalar's lines are read back and YAML's rules for
// that style (folding, indentation, escapes, '' in single quotes) are replayed up to that
// character. Used by the expression compiler (errors inside texts and conditions) and the loader.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "threshold/story/diagnostic.h"

namespace threshold::story {

// The text of a 1-based line of the value's file, without its newline (and, on line 1, without
// a byte order mark); empty past the end.
using LineReader = std::function<std::string(int32_t line)>;

// Where byte `offset` of `value` was written, given that the value starts at `start` (its first
// character; for a block scalar, the first character of its first line that is not blank).
// Columns count characters, as Diagnostic::format() does. A byte inside an escape (`\u00e9`, `''`)
// is placed at the escape's first character; an offset past the end, just after the last
// character. The result is a position inside the value: its style is None. A start with no style,
// or source lines that no longer fit the value, are read as plain text: a '\n' in the value
// starts the next line at column 1.
SourcePos position_in_value(const LineReader& lines, SourcePos start, std::string_view value,
                            size_t offset);
SourcePos position_in_value(const Sources& sources, SourcePos start, std::string_view value,
                            size_t offset);

// The same counted in the value as plain text, reading no line: exact on one plain line. For
// positions kept rather than reported (an `{…}`'s or an effect's value, for the runtime's
// messages), which a story has thousands of.
SourcePos position_as_plain_text(SourcePos start, std::string_view value, size_t offset);

}  // namespace threshold::story
